"""Training programmes, sessions, enrolment, attendance, development records, evaluation and
coaching: one module per domain. This package re-exports every model and choice class, so
``pelatihan.models.X``, the app registry and the migrations (which name ``_new_uid``,
``_new_token`` and ``certificate_upload_to`` by this path) keep one address.

Models hold fields, constraints and cheap properties only. Every state change goes through
``pelatihan.services``; reads that pages share go through ``pelatihan.selectors``.
"""

from .attendance import PRESENT_STATUSES, AttendanceMethod, AttendanceRecord, AttendanceStatus
from .catalogue import (
    CLASSROOM_ROUTES,
    COACHING_ROUTES,
    CompetencyKind,
    Programme,
    Route,
    RouteMode,
    route_mode,
)
from .coaching import (
    CoachingEvaluation,
    CoachingFeedback,
    CoachingMeeting,
    CoachingPlan,
    CoachingPlanStatus,
    MeetingStatus,
)
from .completion import Certificate, DevelopmentRecord, RecordSource, RecordStatus, certificate_upload_to
from .enrolment import (
    ACTIVE_STATUSES,
    CalendarFeed,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    Invitation,
    InvitationStatus,
    ReminderSent,
    _new_token,
)
from .evaluation import ReevaluationReminder, ReevaluationScore, ReevaluationTask, SurveyResponse
from .sessions import Session, SessionDay, SessionStatus, _new_uid
from .siasn import SendStatus, SiasnKindCode, SiasnPerson, SiasnSend, SiasnSettings

__all__ = [
    "ACTIVE_STATUSES",
    "CLASSROOM_ROUTES",
    "COACHING_ROUTES",
    "PRESENT_STATUSES",
    "AttendanceMethod",
    "AttendanceRecord",
    "AttendanceStatus",
    "CalendarFeed",
    "Certificate",
    "CoachingEvaluation",
    "CoachingFeedback",
    "CoachingMeeting",
    "CoachingPlan",
    "CoachingPlanStatus",
    "CompetencyKind",
    "DevelopmentRecord",
    "Enrolment",
    "EnrolmentSource",
    "EnrolmentStatus",
    "Invitation",
    "InvitationStatus",
    "MeetingStatus",
    "Programme",
    "RecordSource",
    "RecordStatus",
    "ReevaluationReminder",
    "ReevaluationScore",
    "ReevaluationTask",
    "ReminderSent",
    "Route",
    "RouteMode",
    "SendStatus",
    "Session",
    "SessionDay",
    "SessionStatus",
    "SiasnKindCode",
    "SiasnPerson",
    "SiasnSend",
    "SiasnSettings",
    "SurveyResponse",
    "_new_token",
    "_new_uid",
    "certificate_upload_to",
    "route_mode",
]
