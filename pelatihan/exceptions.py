"""Domain errors of the training app: a ``ValidationError`` with a ``code`` that the view turns
into a message (``portal.core.http.error_message``)."""

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


class MatchingError(TrainingError):
    """Inviting or enrolling through matching refused (codes: not_allowed, bad_state)."""


class EvaluationError(TrainingError):
    """An evaluation rule was broken (codes: not_participant, not_attended, already, bad_answer,
    bad_score, frozen, not_supervisor, done, file)."""


class CoachingError(TrainingError):
    """A coaching rule was broken (codes: not_needed, not_supervisor, already, bad_route,
    bad_time, bad_state, future, bad_answer, not_coached, reason_required, no_indicator)."""


class SiasnError(TrainingError):
    """Sending to SIASN refused (codes: off, bad_state)."""
