"""The organisation register (units, employees) and, later, appraisal data.

Models hold fields, constraints and cheap properties only; every state change goes through
``penilaian.services`` and every read that pages share through ``penilaian.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from . import nip as nip_rules


class UnitKind(models.TextChoices):
    SKPK = "skpk", _("Government unit (SKPK)")
    BIDANG = "bidang", _("Division (bidang)")
    BAGIAN = "bagian", _("Section (bagian)")
    SEKRETARIAT = "sekretariat", _("Secretariat")
    SEKOLAH = "sekolah", _("School")
    PUSKESMAS = "puskesmas", _("Community health centre (puskesmas)")
    UPTD = "uptd", _("Technical unit (UPTD)")


class Unit(models.Model):
    """A government unit (SKPK) or one of its sub-units; ``parent`` makes the tree."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.SKPK)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class EmployeeType(models.TextChoices):
    PNS = nip_rules.PNS, _("PNS (civil servant)")
    PPPK = nip_rules.PPPK, _("PPPK (contract employee)")


class PositionKind(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


class FunctionalLevel(models.TextChoices):
    # keahlian (expert track)
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
    # keterampilan (skilled track)
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")


# Golongan ruang for PNS (I/a … IV/e) and PPPK (I … XVII), with the pangkat name for PNS.
PNS_RANKS = [
    ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"), ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"), ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"), ("III/a", "Penata Muda"), ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"), ("III/d", "Penata Tingkat I"), ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"), ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
]
PPPK_RANKS = [(r, "") for r in "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split()]
RANK_CHOICES = [(code, f"{name}, {code}") for code, name in PNS_RANKS] + [(code, f"PPPK {code}") for code, _n in PPPK_RANKS]
PNS_RANK_CODES = frozenset(code for code, _n in PNS_RANKS)
PPPK_RANK_CODES = frozenset(code for code, _n in PPPK_RANKS)


class Employee(models.Model):
    """An ASN (PNS or PPPK) in the register. ``user`` is set once the employee activates an account."""

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    employee_type = models.CharField(_("employee type"), max_length=4, choices=EmployeeType.choices)
    name = models.CharField(_("name"), max_length=150, help_text=_("Without academic titles."))
    front_title = models.CharField(_("title before the name"), max_length=40, blank=True)
    back_title = models.CharField(_("title after the name"), max_length=60, blank=True)
    position_name = models.CharField(_("position"), max_length=200)
    position_kind = models.CharField(_("position kind"), max_length=20, choices=PositionKind.choices)
    functional_level = models.CharField(
        _("functional level"), max_length=20, choices=FunctionalLevel.choices, blank=True
    )
    rank = models.CharField(_("rank (golongan)"), max_length=6, choices=RANK_CHOICES, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employees")
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("direct supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(supervisor=models.F("pk")), name="employee_not_own_supervisor"),
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="employee_email_unique_ci"),
        ]
        indexes = [models.Index(fields=["unit", "is_active"]), models.Index(fields=["supervisor", "is_active"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip_display})"

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_display(self) -> str:
        return nip_rules.format_nip(self.nip)

    @property
    def gender(self) -> int | None:
        return int(self.nip[14]) if len(self.nip) == 18 and self.nip[14] in "12" else None

    @property
    def position_label(self) -> str:
        if self.position_kind == PositionKind.FUNGSIONAL and self.functional_level:
            return f"{self.position_name} ({self.get_functional_level_display()})"
        return self.position_name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.nip:
            self.nip = nip_rules.normalise(self.nip)
            try:
                nip_rules.validate_nip(self.nip, self.employee_type or nip_rules.PNS)
            except ValidationError as exc:
                errors["nip"] = exc.messages
        if self.position_kind == PositionKind.FUNGSIONAL and not self.functional_level:
            errors["functional_level"] = [_("A functional position needs its level.")]
        if self.position_kind != PositionKind.FUNGSIONAL and self.functional_level:
            errors["functional_level"] = [_("Only functional positions have a functional level.")]
        if self.rank:
            allowed = PNS_RANK_CODES if self.employee_type == EmployeeType.PNS else PPPK_RANK_CODES
            if self.rank not in allowed:
                errors["rank"] = [_("This rank does not exist for the employee type.")]
        if self.supervisor_id and self.pk and self.supervisor_id == self.pk:
            errors["supervisor"] = [_("An employee cannot supervise themselves.")]
        if self.email:
            self.email = self.email.strip().lower()
        if errors:
            raise ValidationError(errors)


# --- Appraisal ------------------------------------------------------------------------------


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SELF_EVALUATION = "self_evaluation", _("Self-evaluation open")
    SUPERVISOR_ASSESSMENT = "supervisor_assessment", _("Supervisor assessment")
    CLOSED = "closed", _("Closed")


class AppraisalPeriod(models.Model):
    """An appraisal period. Its status moves only through ``penilaian.services`` (period_open …)."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.ANNUAL)
    number = models.PositiveSmallIntegerField(
        _("quarter or month"), null=True, blank=True, help_text=_("1–4 for a quarter, 1–12 for a month; empty for annual.")
    )
    name = models.CharField(_("name"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=25, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("appraisal period")
        verbose_name_plural = _("appraisal periods")
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "number"], condition=Q(number__isnull=False), name="period_unique_numbered"
            ),
            models.UniqueConstraint(fields=["year", "kind"], condition=Q(number__isnull=True), name="period_unique_annual"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="period_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED

    @property
    def code(self) -> str:
        """How files and URLs name a period: ``2025`` (annual), ``2025-T2`` (quarter: triwulan),
        ``2025-07`` (month). ``selectors.period_by_code`` reads it back."""
        if self.kind == PeriodKind.QUARTERLY:
            return f"{self.year}-T{self.number}"
        if self.kind == PeriodKind.MONTHLY:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)


class IndicatorKind(models.TextChoices):
    PERILAKU = "perilaku", _("Work behaviour (BerAKHLAK value)")
    PERILAKU_BEHAVIOUR = "perilaku_behaviour", _("Work behaviour (guideline behaviour)")
    TEKNIS = "teknis", _("Technical competency")
    MANAJERIAL = "manajerial", _("Managerial competency")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural competency")
    HASIL_KERJA = "hasil_kerja", _("Work results")


class Audience(models.TextChoices):
    """Who is appraised on an indicator (see ``selectors.indicators_for``)."""

    ALL = "all", _("Every employee")
    TEACHERS = "teachers", _("Teachers (school staff)")
    HEALTH = "health", _("Health staff")
    LEADERS = "leaders", _("Structural leaders (JPT, administrator, pengawas)")


def default_level_descriptions() -> list[str]:
    return ["", "", "", "", ""]


class Indicator(models.Model):
    """An appraisal indicator scored 1–5: a BerAKHLAK value or behaviour, a competency, or a
    work-result indicator. Gaps are computed per indicator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent indicator"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children", help_text=_("For a guideline behaviour: the BerAKHLAK value it belongs to."),
    )
    level_descriptions = models.JSONField(
        _("description of levels 1–5"), default=default_level_descriptions, blank=True
    )
    expected_level = models.PositiveSmallIntegerField(_("expected level"), default=3)
    audience = models.CharField(_("appraised for"), max_length=10, choices=Audience.choices, default=Audience.ALL)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="indicator_expected_1_5"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorExpectation(models.Model):
    """Where the expected level differs by position kind (e.g. manajerial 3 for administrators)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="expectations")
    position_kind = models.CharField(_("position kind"), max_length=20, choices=PositionKind.choices)
    expected_level = models.PositiveSmallIntegerField(_("expected level"))

    class Meta:
        verbose_name = _("expected level per position kind")
        verbose_name_plural = _("expected levels per position kind")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "position_kind"], name="expectation_unique"),
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="expectation_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.get_position_kind_display()}: {self.expected_level}"


class Rating(models.TextChoices):
    """The three-step rating of hasil kerja and perilaku kerja (PermenPANRB 6/2022)."""

    ABOVE = "di_atas", _("Above expectation")
    MEETS = "sesuai", _("Meets expectation")
    BELOW = "di_bawah", _("Below expectation")


class Predikat(models.TextChoices):
    """Best first. See ``penilaian.rules.PREDIKAT_MATRIX``."""

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Not submitted")
    SELF_SUBMITTED = "self_submitted", _("Self-evaluation submitted")
    ASSESSED = "assessed", _("Assessed by supervisor")
    FINALISED = "finalised", _("Finalised")


class Appraisal(models.Model):
    """One employee's appraisal in one period. The assessor and approver are recorded per
    period, because supervisors change (BRIEF: keep history per period)."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="appraisals")
    period = models.ForeignKey(AppraisalPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="appraisals")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="appraisals",
        help_text=_("The employee's unit in this period."),
    )
    position_kind = models.CharField(_("position kind"), max_length=20, choices=PositionKind.choices)
    assessor = models.ForeignKey(
        Employee, verbose_name=_("assessor (direct supervisor)"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="appraisals_assessed",
    )
    approver = models.ForeignKey(
        Employee, verbose_name=_("approver (supervisor's supervisor)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="appraisals_approved",
    )
    status = models.CharField(_("status"), max_length=20, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT)
    self_note = models.TextField(_("self-evaluation note"), blank=True)
    feedback = models.TextField(_("supervisor's feedback"), blank=True)
    rating_hasil_kerja = models.CharField(_("work results rating"), max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_suggested = models.CharField(
        _("suggested work behaviour rating"), max_length=10, choices=Rating.choices, blank=True
    )
    rating_perilaku = models.CharField(_("work behaviour rating"), max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_reason = models.TextField(
        _("reason for changing the suggested behaviour rating"), blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices, blank=True)
    self_submitted_at = models.DateTimeField(_("self-evaluation submitted"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-period_id", "employee_id"]  # no joins in the default ordering
        constraints = [
            models.UniqueConstraint(fields=["employee", "period"], name="appraisal_unique_employee_period"),
        ]
        indexes = [
            models.Index(fields=["period", "unit"]),
            models.Index(fields=["period", "assessor"]),
            models.Index(fields=["period", "predikat"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.period}"


class Score(models.Model):
    """The self and supervisor scores (1–5) of one indicator in one appraisal.

    ``expected_level`` is copied from the catalogue when the score is created, so a later
    change of the standard does not rewrite past gaps. Gap = expected − supervisor score."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    expected_level = models.PositiveSmallIntegerField(_("expected level"))
    self_score = models.PositiveSmallIntegerField(_("self score"), null=True, blank=True)
    self_note = models.TextField(_("self note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    supervisor_score = models.PositiveSmallIntegerField(_("supervisor score"), null=True, blank=True)
    supervisor_note = models.TextField(_("supervisor note"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "indicator"], name="score_unique_appraisal_indicator"),
            models.CheckConstraint(condition=Q(self_score__gte=1, self_score__lte=5) | Q(self_score__isnull=True), name="score_self_1_5"),
            models.CheckConstraint(
                condition=Q(supervisor_score__gte=1, supervisor_score__lte=5) | Q(supervisor_score__isnull=True),
                name="score_supervisor_1_5",
            ),
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="score_expected_1_5"),
        ]
        indexes = [models.Index(fields=["indicator", "supervisor_score"])]

    def __str__(self) -> str:
        return f"{self.appraisal} · {self.indicator.code}"

    @property
    def gap(self) -> int:
        """Expected level − supervisor score when positive; 0 when met or not yet scored."""
        if self.supervisor_score is None:
            return 0
        return max(0, self.expected_level - self.supervisor_score)

    @property
    def self_supervisor_difference(self) -> int | None:
        if self.self_score is None or self.supervisor_score is None:
            return None
        return self.self_score - self.supervisor_score
