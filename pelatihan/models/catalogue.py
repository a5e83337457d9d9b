"""The training catalogue: development routes, competency kinds and programmes (what is taught
and how many JP it credits)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penilaian.models import Indicator


class Route(models.TextChoices):
    """Development routes (the domain brief): classroom (klasikal) and non-classroom (nonklasikal)."""

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


# The nonklasikal routes a coaching plan's meetings take (``CoachingMeeting.route``).
COACHING_ROUTES = (Route.COACHING, Route.MENTORING)


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
