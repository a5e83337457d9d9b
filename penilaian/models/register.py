"""The organisation register: units (SKPK and their sub-units) and employees, with the choices
they use (employee type, position kind, functional level, rank).

Models hold fields, constraints and cheap properties only; every state change goes through
``penilaian.services`` and every read that pages share through ``penilaian.selectors``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from penilaian import nip as nip_rules


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
