"""SIASN test data: a verified development record, the agency's SIASN settings, confirmed codes."""

from __future__ import annotations

import datetime as dt

from pelatihan.models import SiasnKindCode, SiasnSettings
from pelatihan.services.completion import external_record_create, external_record_verify
from pelatihan.siasn.codes import DEFAULT_CODES

INSTANSI_ID = "A5EB03E23CCCF6A0E040640A040252AD"


def verified_record(employee, actor, *, title="Bimtek Literasi Digital", route="workshop", kind="teknis",
                    provider="BPSDM Aceh", start=dt.date(2025, 8, 4), end=dt.date(2025, 8, 6), jp=24,
                    certificate_number="800/BPSDM/2025/0917"):
    record_ = external_record_create(
        employee=employee, title=title, route=route, competency_kind=kind, provider=provider, start_date=start,
        end_date=end, jp=jp, certificate_number=certificate_number, actor=actor,
    )
    return external_record_verify(record_=record_, actor=actor)


def siasn_ready(*, instansi_id=INSTANSI_ID, confirm=True, lokasi_id=""):
    """The agency's SIASN id set and (by default) every shipped code confirmed by BKPSDM."""
    settings_ = SiasnSettings.objects.first() or SiasnSettings()
    settings_.instansi_id, settings_.lokasi_id = instansi_id, lokasi_id
    settings_.save()
    # A transactional test before this one empties the table its data migration filled.
    for route, kind, code, label in DEFAULT_CODES:
        SiasnKindCode.objects.get_or_create(route=route, competency_kind=kind,
                                            defaults={"jenis_diklat_id": code, "label": label})
    if confirm:
        SiasnKindCode.objects.update(confirmed=True)
    return settings_
