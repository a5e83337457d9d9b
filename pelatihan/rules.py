"""The numbers of competency development, kept in one place (BRIEF marks them *check*)."""

from penilaian.models import EmployeeType

# PP 11/2017 as amended by PP 17/2020: at least 20 JP a year for a PNS; PPPK up to 24 JP.
JP_TARGET = {EmployeeType.PNS: 20, EmployeeType.PPPK: 24}
DEFAULT_JP_TARGET = 20
# 1 JP (jam pelajaran) = 45 minutes.
JP_MINUTES = 45

# QR self check-in: the trainer's screen shows a new code every QR_ROTATE_SECONDS; a scanned code
# is accepted for QR_ROTATE_SECONDS + QR_GRACE_SECONDS (slow phones, a code that changed while
# the camera focused), and the confirmation tap for QR_CONFIRM_SECONDS more.
QR_ROTATE_SECONDS = 30
QR_GRACE_SECONDS = 30
QR_CONFIRM_SECONDS = 120


def jp_target(employee_type: str) -> int:
    return JP_TARGET.get(employee_type, DEFAULT_JP_TARGET)


def meets_completion_rule(*, attended_days: int, total_days: int, min_percent: int,
                          pass_mark: int | None, post_test_score: int | None) -> bool:
    """Attendance (hadir or terlambat) of at least ``min_percent`` of the meeting days, and the
    post-test pass mark when the programme has one. Integer arithmetic: no rounding surprise at
    the boundary (4 of 5 days is exactly 80 %)."""
    if total_days <= 0:
        return False
    if attended_days * 100 < min_percent * total_days:
        return False
    if pass_mark is not None and (post_test_score is None or post_test_score < pass_mark):
        return False
    return True
