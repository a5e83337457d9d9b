"""Reads that pages, the workshop pages and reports share. Querysets come back with what their
templates need already joined, so list pages do not grow in queries with the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from penilaian.models import Employee

from . import rules
from .models import (
    ACTIVE_STATUSES,
    PRESENT_STATUSES,
    AttendanceRecord,
    Certificate,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    RecordStatus,
    Session,
    SessionDay,
    SessionStatus,
)


def _annotate(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED), distinct=True),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING), distinct=True),
        first_date=Min("days__date"),
        last_date=Max("days__date"),
    ).annotate(seats_left=Greatest(Value(0), Coalesce("capacity", 0) - Coalesce("confirmed_count", 0),
                                   output_field=IntegerField()))


def sessions_with_counts(qs: QuerySet | None = None) -> QuerySet:
    qs = qs if qs is not None else Session.objects.all()
    return _annotate(qs.select_related("programme")).prefetch_related("days")


def published_sessions(*, indicator: str = "", month: str = "", route: str = "", with_seats: bool = False,
                       upcoming_only: bool = True, session_ids: Iterable[int] | None = None) -> QuerySet:
    """Published sessions with seat counts, filtered as the workshop index and the session list
    filter them: indicator code, month (``YYYY-MM``), route, only those with seats left."""
    qs = Session.objects.filter(status=SessionStatus.PUBLISHED)
    if session_ids is not None:
        qs = qs.filter(pk__in=list(session_ids))
    if indicator:
        qs = qs.filter(programme__indicators__code=indicator)
    if route:
        qs = qs.filter(programme__route=route)
    if month:
        try:
            year, mon = (int(part) for part in month.split("-"))
            qs = qs.filter(days__date__year=year, days__date__month=mon)
        except ValueError:
            pass
    qs = sessions_with_counts(qs.distinct())
    if upcoming_only:
        qs = qs.filter(last_date__gte=timezone.localdate())
    if with_seats:
        qs = qs.filter(seats_left__gt=0)
    return qs.order_by("first_date", "pk")


def session_for_page(session_id: int) -> Session | None:
    """The session a workshop page shows, with counts, days, trainers and indicators."""
    return (
        sessions_with_counts(Session.objects.filter(pk=session_id))
        .prefetch_related("programme__indicators", "trainers")
        .first()
    )


def seats_left(session: Session) -> int:
    confirmed = session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    return max(0, session.capacity - confirmed)


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the head of the waiting list; None when not waiting."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = Enrolment.objects.filter(session_id=enrolment.session_id, status=EnrolmentStatus.WAITING).filter(
        Q(waiting_since__lt=enrolment.waiting_since) | Q(waiting_since=enrolment.waiting_since, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def waiting_list(session: Session) -> QuerySet:
    return session.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("waiting_since", "id")


def enrolment_of(session: Session, employee: Employee | None) -> Enrolment | None:
    if employee is None:
        return None
    return Enrolment.objects.filter(session=session, employee=employee).first()


def my_enrolments(employee: Employee) -> list[Enrolment]:
    """The employee's registrations, newest session first, with the waiting position filled in."""
    enrolments = list(
        Enrolment.objects.filter(employee=employee)
        .select_related("session", "session__programme", "certificate")
        .prefetch_related("session__days")
        .order_by("-session__created_at")
    )
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    if waiting:
        # One query for all positions: everyone waiting in those sessions.
        queue: dict[int, list[tuple]] = {}
        for pk, session_id, since in Enrolment.objects.filter(
            session_id__in={e.session_id for e in waiting}, status=EnrolmentStatus.WAITING
        ).values_list("pk", "session_id", "waiting_since"):
            queue.setdefault(session_id, []).append((since, pk))
        for e in waiting:
            ordered = sorted(queue[e.session_id])
            e.position = ordered.index((e.waiting_since, e.pk)) + 1
    for e in enrolments:
        e.has_certificate = hasattr(e, "certificate")
    enrolments.sort(key=lambda e: (e.session.start_date or dt.date.max), reverse=True)
    return enrolments


def pending_approvals(supervisor: Employee) -> QuerySet:
    return (
        Enrolment.objects.filter(employee__supervisor=supervisor, status=EnrolmentStatus.PENDING_APPROVAL)
        .select_related("employee", "employee__unit", "session", "session__programme")
        .prefetch_related("session__days")
        .order_by("created_at")
    )


def all_pending_approvals() -> QuerySet:
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.PENDING_APPROVAL)
        .select_related("employee", "employee__unit", "session", "session__programme")
        .prefetch_related("session__days")
        .order_by("created_at")
    )


def trainer_sessions(user) -> QuerySet:
    return sessions_with_counts(Session.objects.filter(trainers=user).exclude(status=SessionStatus.DRAFT)).order_by(
        "-first_date"
    )


def participants(session: Session) -> QuerySet:
    """Confirmed (and, after finishing, completed or not) participants: what a trainer may see
    is names and units only; templates for trainers show nothing else."""
    return (
        session.enrolments.filter(
            status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
        )
        .select_related("employee", "employee__unit")
        .order_by("employee__name", "pk")
    )


@dataclass
class SheetRow:
    enrolment: Enrolment
    record: AttendanceRecord | None


def attendance_sheet(day: SessionDay) -> list[SheetRow]:
    records = {r.enrolment_id: r for r in AttendanceRecord.objects.filter(day=day)}
    return [SheetRow(e, records.get(e.pk)) for e in participants(day.session)]


def checkin_progress(day: SessionDay) -> dict:
    expected = day.session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    present = AttendanceRecord.objects.filter(day=day, status__in=PRESENT_STATUSES).count()
    return {"expected": expected, "present": present}


def today_meeting(session: Session, today: dt.date | None = None) -> SessionDay | None:
    return session.days.filter(date=today or timezone.localdate()).first()


def attendance_matrix(session: Session) -> tuple[list[SessionDay], list[tuple[Enrolment, list[str]]]]:
    """For the export: the days, and per participant the status per day ('' when unmarked)."""
    days = list(session.days.all())
    records = {(r.enrolment_id, r.day_id): r.status for r in AttendanceRecord.objects.filter(day__session=session)}
    rows = [(e, [records.get((e.pk, d.pk), "") for d in days]) for e in participants(session)]
    return days, rows


# --- Development history --------------------------------------------------------------------


@dataclass
class YearTotal:
    year: int
    jp: int
    target: int

    @property
    def percent(self) -> int:
        return min(100, round(self.jp * 100 / self.target)) if self.target else 100

    @property
    def met(self) -> bool:
        return self.jp >= self.target


def development_history(employee: Employee) -> tuple[list[DevelopmentRecord], list[YearTotal]]:
    records = list(
        DevelopmentRecord.objects.filter(employee=employee).select_related("enrolment__certificate").order_by(
            "-start_date", "-pk"
        )
    )
    target = rules.jp_target(employee.employee_type)
    totals: dict[int, int] = {}
    for r in records:
        totals.setdefault(r.year, 0)
        if r.status == RecordStatus.VERIFIED:
            totals[r.year] += r.jp
    this_year = timezone.localdate().year
    totals.setdefault(this_year, 0)
    years = [YearTotal(year, jp, target) for year, jp in sorted(totals.items(), reverse=True)]
    return records, years


def jp_in_year(employee: Employee, year: int) -> int:
    return (
        DevelopmentRecord.objects.filter(employee=employee, year=year, status=RecordStatus.VERIFIED).aggregate(
            total=Sum("jp")
        )["total"]
        or 0
    )


def pending_external_records() -> QuerySet:
    return (
        DevelopmentRecord.objects.filter(status=RecordStatus.PENDING)
        .select_related("employee", "employee__unit")
        .order_by("created_at")
    )


SIASN_HEADERS = [
    "NIP", "Nama", "Jenis Diklat", "Jalur", "Jenis Kompetensi", "Nama Diklat", "Institusi Penyelenggara",
    "Tanggal Mulai", "Tanggal Selesai", "Tahun", "Jumlah Jam (JP)", "Nomor Sertifikat",
]


def siasn_rows(year: int) -> list[list]:
    """Verified records of a year in the column order of SIASN's training history (riwayat
    diklat/kursus): one row per record."""
    rows = []
    for r in (
        DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED)
        .select_related("employee")
        .order_by("employee__nip", "start_date", "pk")
    ):
        from .models import route_mode

        rows.append([
            r.employee.nip, r.employee.full_name, r.get_route_display(), route_mode(r.route),
            r.get_competency_kind_display(), r.title, r.provider, r.start_date.isoformat(), r.end_date.isoformat(),
            r.year, r.jp, r.certificate_number,
        ])
    return rows


def certificate_by_number(number: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__session__programme", "enrolment__employee")
        .prefetch_related("enrolment__session__days")
        .filter(number=number)
        .first()
    )


def session_certificates(session: Session) -> QuerySet:
    return (
        Certificate.objects.filter(enrolment__session=session)
        .select_related("enrolment__employee", "enrolment__session__programme")
        .prefetch_related("enrolment__session__days", "enrolment__session__programme__indicators")
        .order_by("enrolment__employee__name")
    )


def feed_sessions(employee: Employee) -> QuerySet:
    return (
        Session.objects.filter(
            enrolments__employee=employee,
            enrolments__status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED],
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("programme")
        .prefetch_related("days")
        .distinct()
    )


# --- Dashboard cards ------------------------------------------------------------------------


def dashboard_development(employee: Employee) -> dict:
    """The "My competency development" card: JP this year against the target, the next active
    registrations."""
    year = timezone.localdate().year
    jp = jp_in_year(employee, year)
    target = rules.jp_target(employee.employee_type)
    upcoming = [
        e for e in my_enrolments(employee) if e.status in ACTIVE_STATUSES and (e.session.end_date or dt.date.max) >= timezone.localdate()
    ]
    return {
        "year": year, "jp": jp, "target": target, "percent": min(100, round(jp * 100 / target)) if target else 100,
        "upcoming": upcoming[:5],
    }


def dashboard_trainer(user) -> list[Session]:
    today = timezone.localdate()
    sessions = trainer_sessions(user).filter(last_date__gte=today, status=SessionStatus.PUBLISHED)
    return list(sessions.order_by("first_date")[:5])


def employees_for_hr_enrolment(search: str) -> QuerySet:
    term = (search or "").strip()
    if len(term) < 3:
        return Employee.objects.none()
    digits = "".join(ch for ch in term if ch.isdigit())
    condition = Q(name__icontains=term)
    if len(digits) >= 4:
        condition |= Q(nip__startswith=digits)
    return Employee.objects.filter(condition, is_active=True).select_related("unit").order_by("name")[:20]


def has_active_enrolment_subquery(employee: Employee):
    return Exists(Enrolment.objects.filter(session=OuterRef("pk"), employee=employee, status__in=ACTIVE_STATUSES))


def session_enrolments_for_hr(session: Session) -> QuerySet:
    return (
        session.enrolments.select_related("employee", "employee__unit", "certificate")
        .order_by("status", "waiting_since", "pk")
    )


def session_detail(pk: int) -> Session | None:
    return (
        sessions_with_counts(Session.objects.filter(pk=pk))
        .prefetch_related("programme__indicators", "trainers", Prefetch("days"))
        .first()
    )
