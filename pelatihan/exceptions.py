from django.core.exceptions import ValidationError


class TrainingError(ValidationError):
    """A training rule was broken; ``code`` says which (the view turns it into a message)."""


class EnrolmentError(TrainingError):
    """Registration, approval or cancellation refused (codes: closed, not_eligible, already,
    not_allowed, started, no_employee, bad_state, reason_required)."""


class AttendanceError(TrainingError):
    """Attendance refused (codes: forged, expired, other_session, other_day, not_registered,
    already, not_confirmed, bad_day)."""


class CompletionError(TrainingError):
    """Finishing a session or issuing a certificate refused (codes: bad_state, not_over)."""
