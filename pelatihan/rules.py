"""The numbers and tables of competency development and its evaluation, kept in one place (the
domain brief marks several of them *check*). Pure: no queries."""

from django.utils.translation import gettext_lazy

from penilaian.models import EmployeeType, Predikat
from penilaian.rules import predikat_at_or_below

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
# The check-in screen's live counter asks for the count this often.
QR_COUNT_SECONDS = 5

# Public certificate look-ups per client address, as (requests, seconds) windows: a verifier
# checks a handful, a scraper many; numbers carry a check code, so guessing finds nothing anyway.
CERTIFICATE_LOOKUP_LIMITS = [(20, 60), (300, 3600)]

# Surveys, feedback and re-evaluations are answered on one scale: 1 (not at all) … 5 (fully).
SCALE = range(1, 6)

# The questions of the reaction survey (level 1; 1 = strongly disagree … 5 = strongly agree).
SURVEY_QUESTIONS: list[tuple[str, str]] = [
    ("relevance", gettext_lazy("The material was relevant to my work.")),
    ("trainer", gettext_lazy("The trainer explained clearly and answered my questions.")),
    ("methods", gettext_lazy("The methods and exercises helped me learn.")),
    ("organisation", gettext_lazy("The organisation (schedule, venue, materials) was good.")),
    ("apply", gettext_lazy("I can apply what I learned in my job.")),
]
SURVEY_CODES = [code for code, _text in SURVEY_QUESTIONS]
# The survey stays on the participant's dashboard this many days after the session finished.
SURVEY_DASHBOARD_DAYS = 60
# A re-evaluation task not answered this many days after it appeared is overdue (HR follows it up).
REEVALUATION_ANSWER_DAYS = 30

# An employee whose latest predikat is Butuh Perbaikan or worse gets a coaching plan.
PREDIKAT_NEEDING_PLAN = frozenset(predikat_at_or_below(Predikat.BUTUH_PERBAIKAN))
# The coached employee's feedback on a meeting, 1 (not at all) … 5 (fully).
FEEDBACK_STATEMENTS: list[tuple[str, str]] = [
    ("heard", gettext_lazy("I felt heard.")),
    ("steps_valued", gettext_lazy("The steps I have taken were valued.")),
    ("speak_freely", gettext_lazy("I could speak freely.")),
    ("data_based", gettext_lazy("The views were based on data.")),
    ("positive", gettext_lazy("The conversation was positive.")),
    ("asked", gettext_lazy("My supervisor asked more than lectured.")),
    ("solutions", gettext_lazy("It helped me find my own solutions.")),
    ("next_step", gettext_lazy("I know my next step.")),
    ("purpose", gettext_lazy("I understood the purpose of the meeting.")),
]
FEEDBACK_CODES = [c for c, _t in FEEDBACK_STATEMENTS]


# A registration's events in a calendar (RFC 5545 STATUS): tentative while the seat is not the
# employee's yet (waiting for the supervisor, or on the waiting list), confirmed once it is (and
# after the session), cancelled once it will not happen for them.
CALENDAR_TENTATIVE = frozenset({"pending_approval", "waiting"})
CALENDAR_CANCELLED = frozenset({"cancelled", "rejected"})


def calendar_status(*, enrolment_status: str, session_cancelled: bool) -> str:
    """TENTATIVE, CONFIRMED or CANCELLED for a registration in ``enrolment_status``."""
    if session_cancelled or enrolment_status in CALENDAR_CANCELLED:
        return "CANCELLED"
    if enrolment_status in CALENDAR_TENTATIVE:
        return "TENTATIVE"
    return "CONFIRMED"


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


def scale_value(raw) -> int | None:
    """One answer or score on ``SCALE`` as an int; None when it is missing, not a whole number
    or off the scale."""
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if value in SCALE else None


def scale_answers(raw, codes: list[str]) -> dict[str, int] | None:
    """Every statement of ``codes`` answered on ``SCALE`` (``raw`` maps code → answer, e.g. the
    POST data); None when any is missing or off the scale."""
    clean = {code: scale_value(raw.get(code)) for code in codes}
    return None if None in clean.values() else clean
