"""penilaian's models, one module per domain: the register (units, employees), the indicator
catalogue, appraisals (periods, appraisals, scores), data exchange (import column mappings,
exports prepared in the background), and what makes an appraisal transparent and fair:
expectations, documentation, multi-source input, objections and the unit's own predikat.

Models hold fields, constraints and cheap properties only; every state change goes through
``penilaian.services`` and every read that pages share through ``penilaian.selectors``.

Django finds models through this package, and migrations name ``penilaian.models.<name>``:
every model class and choice is re-exported here, so ``from penilaian.models import Employee``
stays the way to import them.
"""

from .appraisal import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    PeriodKind,
    PeriodStatus,
    Predikat,
    Rating,
    Score,
)
from .catalogue import Audience, Indicator, IndicatorExpectation, IndicatorKind, default_level_descriptions
from .distribution import OrganisationPredikat, UnitPredikat
from .documentation import Evidence, FeedbackNote, NoteTopic, PerformanceDialogue, Realisation
from .exchange import ExportFile, ExportStatus, ImportProfile
from .expectations import Aspect, BehaviourExpectation, PerformancePlan, ResultTarget, WorkResult
from .multisource import FeedbackRound, MultisourceRating, MultisourceResponse, RaterGroup, RaterInvitation
from .objections import AppraisalReceipt, Objection, ObjectionOutcome, ObjectionStatus
from .register import (
    PNS_RANK_CODES,
    PNS_RANKS,
    PPPK_RANK_CODES,
    PPPK_RANKS,
    RANK_CHOICES,
    Employee,
    EmployeeType,
    FunctionalLevel,
    PositionKind,
    Unit,
    UnitKind,
)

__all__ = [
    "PNS_RANK_CODES", "PNS_RANKS", "PPPK_RANK_CODES", "PPPK_RANKS", "RANK_CHOICES",
    "Appraisal", "AppraisalPeriod", "AppraisalStatus", "Audience", "Employee", "EmployeeType", "ExportFile",
    "ExportStatus", "FunctionalLevel", "ImportProfile", "Indicator", "IndicatorExpectation", "IndicatorKind", "PeriodKind", "PeriodStatus", "PositionKind", "Predikat",
    "Rating", "Score", "Unit", "UnitKind", "default_level_descriptions",
    # expectations, documentation, multi-source input, objections and the unit's own predikat
    "AppraisalReceipt", "Aspect", "BehaviourExpectation", "Evidence", "FeedbackNote", "FeedbackRound",
    "MultisourceRating", "MultisourceResponse", "NoteTopic", "Objection", "ObjectionOutcome", "ObjectionStatus",
    "OrganisationPredikat", "PerformanceDialogue", "PerformancePlan", "Realisation", "RaterGroup", "RaterInvitation",
    "ResultTarget", "UnitPredikat", "WorkResult",
]
