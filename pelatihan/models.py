"""Training programmes, sessions, enrolment, attendance and development records (issue 4).

Models hold fields, constraints and cheap properties only. Every state change goes through
``pelatihan.services``; reads that pages share go through ``pelatihan.selectors``.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from penilaian.models import Employee, Indicator, PositionKind, Unit
from portal.core.roles import TRAINER_GROUP


class Route(models.TextChoices):
    """Development routes (BRIEF): classroom (klasikal) and non-classroom (nonklasikal)."""

    PELATIHAN = "pelatihan", _("Training (pelatihan)")
    WORKSHOP = "workshop", _("Workshop (lokakarya)")
    BIMTEK = "bimtek", _("Technical guidance (bimtek)")
    SEMINAR = "seminar", _("Seminar")
    KURSUS = "kursus", _("Course (kursus)")
    SOSIALISASI = "sosialisasi", _("Socialisation (sosialisasi)")
    PENATARAN = "penataran", _("Upgrading (penataran)")
    MAGANG = "magang", _("Internship (magang)")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    E_LEARNING = "e_learning", _("E-learning")
    JARAK_JAUH = "jarak_jauh", _("Distance training (pelatihan jarak jauh)")
    DETASERING = "detasering", _("Secondment (detasering)")
    BENCHMARKING = "benchmarking", _("Benchmarking (patok banding)")
    BELAJAR_MANDIRI = "belajar_mandiri", _("Self-study (belajar mandiri)")
    KOMUNITAS_BELAJAR = "komunitas_belajar", _("Learning community (komunitas belajar)")
    BIMBINGAN_TEMPAT_KERJA = "bimbingan_tempat_kerja", _("On-the-job guidance")


CLASSROOM_ROUTES = frozenset(
    {Route.PELATIHAN, Route.WORKSHOP, Route.BIMTEK, Route.SEMINAR, Route.KURSUS, Route.SOSIALISASI,
     Route.PENATARAN, Route.MAGANG}
)


class RouteMode(models.TextChoices):
    KLASIKAL = "klasikal", _("Classroom (klasikal)")
    NONKLASIKAL = "nonklasikal", _("Non-classroom (nonklasikal)")


def route_mode(route: str) -> str:
    return RouteMode.KLASIKAL if route in CLASSROOM_ROUTES else RouteMode.NONKLASIKAL


class CompetencyKind(models.TextChoices):
    TEKNIS = "teknis", _("Technical (teknis)")
    MANAJERIAL = "manajerial", _("Managerial (manajerial)")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural (sosial kultural)")


class Programme(models.Model):
    """A training programme in the catalogue (what is taught, how many JP it credits)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    route = models.CharField(_("route"), max_length=30, choices=Route.choices, default=Route.PELATIHAN)
    competency_kind = models.CharField(
        _("competency kind"), max_length=20, choices=CompetencyKind.choices, default=CompetencyKind.TEKNIS
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators addressed"), blank=True, related_name="programmes"
    )
    jp = models.PositiveSmallIntegerField(_("JP (learning hours of 45 minutes)"))
    provider = models.CharField(_("provider (penyelenggara)"), max_length=200, default="BKPSDM Kota Subulussalam")
    min_attendance_percent = models.PositiveSmallIntegerField(_("minimum attendance (%)"), default=80)
    post_test_pass_mark = models.PositiveSmallIntegerField(
        _("post-test pass mark"), null=True, blank=True, help_text=_("Leave empty when there is no post-test.")
    )
    reevaluation_delay_days = models.PositiveSmallIntegerField(
        _("re-evaluation after (days)"), default=90,
        help_text=_("When the supervisor re-assesses the targeted competencies after the training."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(jp__gte=1), name="programme_jp_positive"),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=0, min_attendance_percent__lte=100),
                name="programme_attendance_0_100",
            ),
            models.CheckConstraint(
                condition=Q(post_test_pass_mark__isnull=True) | Q(post_test_pass_mark__lte=100),
                name="programme_pass_mark_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def mode(self) -> str:
        return route_mode(self.route)

    def get_mode_display(self) -> str:
        return RouteMode(self.mode).label


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    FINISHED = "finished", _("Finished")


def _new_uid() -> str:
    return secrets.token_hex(8)


class Session(ClusterableModel):
    """One class (kelas / angkatan) of a programme: its meeting days, place, seats and trainers."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="sessions"
    )
    name = models.CharField(_("class name"), max_length=100, help_text=_("For example: Angkatan I 2026."))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity (seats)"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    approval_required = models.BooleanField(_("supervisor approval required"), default=False)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="training_sessions",
        limit_choices_to={"groups__name": TRAINER_GROUP},
    )
    eligible_units = models.ManyToManyField(
        Unit, verbose_name=_("only for these units"), blank=True, related_name="+",
        help_text=_("Empty: every unit. A unit includes its sub-units."),
    )
    eligible_position_kinds = models.JSONField(
        _("only for these position kinds"), default=list, blank=True,
        help_text=_("Empty: every position kind."),
    )
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT)
    uid = models.CharField(max_length=32, unique=True, default=_new_uid, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gte=models.F("registration_opens_at")),
                name="session_registration_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.programme.title} — {self.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        valid = {choice for choice, _label in PositionKind.choices}
        if not isinstance(self.eligible_position_kinds, list) or set(self.eligible_position_kinds) - valid:
            raise ValidationError({"eligible_position_kinds": _("Unknown position kind.")})

    # The meeting days are few (1–10): properties read the prefetched list when there is one.
    def _days(self) -> list[SessionDay]:
        return sorted(self.days.all(), key=lambda d: (d.date, d.start_time))

    @property
    def start_date(self) -> dt.date | None:
        days = self._days()
        return days[0].date if days else None

    @property
    def end_date(self) -> dt.date | None:
        days = self._days()
        return days[-1].date if days else None

    @property
    def starts_at(self) -> dt.datetime | None:
        days = self._days()
        return days[0].starts_at if days else None

    @property
    def has_started(self) -> bool:
        starts = self.starts_at
        return starts is not None and starts <= timezone.now()

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != SessionStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        if self.registration_closes_at and now > self.registration_closes_at:
            return False
        return not self.has_started


class SessionDay(models.Model):
    """One meeting day of a session, with local (Asia/Jakarta) start and end times."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"), default=dt.time(8, 0))
    end_time = models.TimeField(_("ends"), default=dt.time(16, 0))

    class Meta:
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="session_day_unique"),
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_day_times_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))


class EnrolmentStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Waiting for supervisor approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    REJECTED = "rejected", _("Rejected by the supervisor")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Did not complete")


ACTIVE_STATUSES = frozenset({EnrolmentStatus.PENDING_APPROVAL, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING})


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Registered by the employee")
    HR = "hr", _("Enrolled by BKPSDM")


class Enrolment(models.Model):
    """An employee's registration for a session. One row per employee and session (a
    re-registration after cancelling reuses it). Employees leave the register by being made
    inactive; deleting one (a superuser's act) removes their training data with them. The waiting list is ordered by
    (``waiting_since``, ``id``), both set while the session row is locked."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments")
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    source = models.CharField(_("source"), max_length=4, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    post_test_score = models.PositiveSmallIntegerField(_("post-test score"), null=True, blank=True)
    pre_test_score = models.PositiveSmallIntegerField(_("pre-test score"), null=True, blank=True)  # issue 5
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="enrolment_unique_employee_session"),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.WAITING) | Q(waiting_since__isnull=False),
                name="enrolment_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=Q(post_test_score__isnull=True) | Q(post_test_score__lte=100), name="enrolment_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(pre_test_score__isnull=True) | Q(pre_test_score__lte=100), name="enrolment_pre_score_0_100"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"]), models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class AttendanceStatus(models.TextChoices):
    HADIR = "hadir", _("Present (hadir)")
    TERLAMBAT = "terlambat", _("Late (terlambat)")
    IZIN = "izin", _("Excused (izin)")
    SAKIT = "sakit", _("Sick (sakit)")
    ALPA = "alpa", _("Absent (alpa)")


PRESENT_STATUSES = frozenset({AttendanceStatus.HADIR, AttendanceStatus.TERLAMBAT})


class AttendanceMethod(models.TextChoices):
    SHEET = "sheet", _("Attendance sheet")
    QR = "qr", _("QR self check-in")


class AttendanceRecord(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=5, choices=AttendanceMethod.choices, default=AttendanceMethod.SHEET)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_unique_enrolment_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.day} · {self.status}"


class RecordSource(models.TextChoices):
    SESSION = "session", _("Completed session")
    EXTERNAL = "external", _("External record")
    COACHING = "coaching", _("Coaching or mentoring (pembinaan)")  # issue 5


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def certificate_upload_to(instance, filename: str) -> str:
    return f"pelatihan/sertifikat-eksternal/{instance.employee_id}/{filename}"


class DevelopmentRecord(models.Model):
    """A line of the employee's competency development history (riwayat pengembangan
    kompetensi), in the shape SIASN keeps. Only verified records count towards JP."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="development_records"
    )
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices)
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="development_record"
    )
    title = models.CharField(_("topic"), max_length=200)
    route = models.CharField(_("route"), max_length=30, choices=Route.choices)
    competency_kind = models.CharField(_("competency kind"), max_length=20, choices=CompetencyKind.choices)
    provider = models.CharField(_("provider (penyelenggara)"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    year = models.PositiveSmallIntegerField(_("year"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_file = models.FileField(_("certificate file"), upload_to=certificate_upload_to, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("development record")
        verbose_name_plural = _("development records")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="record_dates_ordered"),
            models.CheckConstraint(
                condition=~Q(source=RecordSource.SESSION) | Q(enrolment__isnull=False), name="record_session_has_enrolment"
            ),
            models.CheckConstraint(
                condition=~Q(status=RecordStatus.REJECTED) | ~Q(rejection_reason=""), name="record_rejection_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["employee", "year", "status"]), models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, {self.jp} JP)"


class Certificate(models.Model):
    """Proof of completion (STTPP). ``number`` carries a check part so a tampered number is
    recognised without a database hit (``pelatihan.certificates``)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issue date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class ReminderSent(models.Model):
    """One reminder e-mail per enrolment and meeting day, so ``send_reminders`` is idempotent."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="reminder_unique_enrolment_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.day_id}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret token of an employee's private iCal feed; rotating it invalidates old links."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.employee_id}"


# --- Matching (issue 5)


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ENROLLED = "enrolled", _("Enrolled by BKPSDM")


class Invitation(models.Model):
    """HR invites an employee to a session that answers one of their gaps (needs analysis or
    matching). The employee sees it on the dashboard with the reason and registers through the
    ordinary registration; HR may also enrol them directly. One per employee and session."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="training_invitations"
    )
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("training invitation")
        verbose_name_plural = _("training invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "session"], name="invitation_unique_employee_session"),
        ]
        indexes = [models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.session_id} ({self.status})"
# --- Evaluation and coaching (issue 5) -------------------------------------------------------
# Level 1 (reaction survey), level 3 (the supervisor's re-evaluation after the programme's delay)
# and intensive coaching (pembinaan intensif). Level 2 is ``Enrolment.pre_test_score`` /
# ``post_test_score``; level 4 is computed from appraisal scores (``pelatihan.evaluation``).


class SurveyResponse(models.Model):
    """A participant's reaction survey (level 1): one per enrolment, by the participant only.
    ``answers`` maps the question codes of ``evaluation.SURVEY_QUESTIONS`` to 1–5."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="survey_response")
    answers = models.JSONField(_("answers"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction survey answer")
        verbose_name_plural = _("reaction survey answers")

    def __str__(self) -> str:
        return f"{self.enrolment_id}"


class ReevaluationTask(models.Model):
    """Level 3: the participant's direct supervisor re-assesses the indicators the programme
    addresses, ``reevaluation_delay_days`` after the session's last day. Created by
    ``evaluation.reevaluation_tasks_create`` (the daily ``create_reevaluation_tasks`` command) on
    or after ``due_on``; ``supervisor`` follows the participant's current direct supervisor while
    the task is open."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="reevaluation")
    supervisor = models.ForeignKey(
        Employee, verbose_name=_("supervisor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reevaluation_tasks",
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("re-evaluation task")
        verbose_name_plural = _("re-evaluation tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["supervisor", "done_at"]), models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.due_on}"


class ReevaluationScore(models.Model):
    """One indicator of a re-evaluation: the new 1–5 score and a note, next to the appraisal
    score that was the gap (``baseline_score``, copied when the task is created)."""

    task = models.ForeignKey(ReevaluationTask, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    baseline_score = models.PositiveSmallIntegerField(_("appraisal score before the training"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("re-evaluation score")
        verbose_name_plural = _("re-evaluation scores")
        constraints = [
            models.UniqueConstraint(fields=["task", "indicator"], name="reevaluation_score_unique"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                                   name="reevaluation_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.indicator_id}"

    @property
    def improvement(self) -> int | None:
        if self.score is None or self.baseline_score is None:
            return None
        return self.score - self.baseline_score


class CoachingPlanStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CoachingPlan(models.Model):
    """Pembinaan intensif: for an employee whose predikat in ``appraisal`` calls for it
    (``coaching.PREDIKAT_NEEDING_PLAN``), made by the direct supervisor. One per appraisal."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
                                 related_name="coaching_plans")
    appraisal = models.OneToOneField(
        "penilaian.Appraisal", verbose_name=_("appraisal"), on_delete=models.PROTECT, related_name="coaching_plan"
    )
    supervisor = models.ForeignKey(Employee, verbose_name=_("supervisor"), null=True, on_delete=models.SET_NULL,
                                   related_name="coaching_plans_led")
    goal = models.TextField(_("goal"))
    indicators = models.ManyToManyField(Indicator, verbose_name=_("competencies concerned"), related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=CoachingPlanStatus.choices,
                              default=CoachingPlanStatus.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching plan")
        verbose_name_plural = _("coaching plans")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.appraisal_id}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class CoachingMeeting(models.Model):
    """A coaching or mentoring meeting of a plan (a nonklasikal route). Held → the JP of its
    duration are credited to the employee's development record."""

    plan = models.ForeignKey(CoachingPlan, on_delete=models.CASCADE, related_name="meetings")
    route = models.CharField(_("route"), max_length=30, choices=[(Route.COACHING, Route.COACHING.label),
                                                                  (Route.MENTORING, Route.MENTORING.label)])
    topic = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    summary = models.TextField(_("summary"), blank=True)
    development_record = models.OneToOneField(
        DevelopmentRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="coaching_meeting"
    )
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching meeting")
        verbose_name_plural = _("coaching meetings")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="coaching_meeting_times_ordered"),
            models.CheckConstraint(condition=Q(route__in=[Route.COACHING, Route.MENTORING]), name="coaching_meeting_route"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.date})"


class CoachingEvaluation(models.Model):
    """After a held meeting, the supervisor scores each competency concerned 1–5 with a reason.
    Newer than the appraisal, it replaces the appraisal score in the employee's current gaps
    (``coaching.current_gaps``)."""

    meeting = models.ForeignKey(CoachingMeeting, on_delete=models.CASCADE, related_name="evaluations")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching evaluation")
        verbose_name_plural = _("coaching evaluations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "indicator"], name="coaching_evaluation_unique"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="coaching_evaluation_1_5"),
            models.CheckConstraint(condition=~Q(reason=""), name="coaching_evaluation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.indicator_id}: {self.score}"


class CoachingFeedback(models.Model):
    """The coached employee's nine-statement feedback on one meeting (1–5 each), once."""

    meeting = models.OneToOneField(CoachingMeeting, on_delete=models.CASCADE, related_name="feedback")
    answers = models.JSONField(_("answers"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching feedback")
        verbose_name_plural = _("coaching feedback")

    def __str__(self) -> str:
        return f"{self.meeting_id}"
