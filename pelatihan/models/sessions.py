"""Sessions: one class of a programme with its meeting days, place, seats and trainers."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from penilaian.models import PositionKind, Unit
from portal.core.roles import TRAINER_GROUP

from .catalogue import Programme


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

    @property
    def phase_label(self) -> str:
        """The session's state in the words of the people taking part ("Published" is an
        editor's word, not theirs)."""
        if self.status == SessionStatus.CANCELLED:
            return _("Cancelled")
        if self.status == SessionStatus.FINISHED:
            return _("Over: completion and certificates are out")
        if self.status == SessionStatus.DRAFT:
            return _("Not announced yet")
        today = timezone.localdate()
        if self.end_date and self.end_date < today:
            return _("Over: BKPSDM is processing completion")
        if self.start_date and self.start_date <= today:
            return _("Under way")
        return _("Registration open") if self.registration_is_open() else _("Registration closed")

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
