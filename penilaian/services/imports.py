"""Import column mappings (``ImportProfile``): saved by BKPSDM when a mapped import is confirmed,
picked at the next upload, deleted from the import page. Each change is audited."""

from __future__ import annotations

from django.db import transaction

from penilaian.imports.mapping import Mapping
from penilaian.models import ImportProfile
from portal.core.audit import record


@transaction.atomic
def import_profile_save(*, name: str, kind: str, mapping: Mapping, scale: int = 5, actor=None) -> ImportProfile:
    """Create the mapping ``name`` or replace the one of that name. A fixed period is not saved:
    the next file is another period's."""
    profile = ImportProfile.objects.select_for_update().filter(name=name.strip()).first() or ImportProfile(
        name=name.strip())
    profile.kind = kind
    profile.header_row = mapping.header_row or 1
    profile.columns = {field: header for field, header in mapping.columns.items() if header}
    profile.scale = scale
    profile.created_by = profile.created_by or (actor if getattr(actor, "is_authenticated", False) else None)
    profile.full_clean()
    profile.save()
    record(profile, "penilaian.import_profile.save", actor=actor,
           data={"name": profile.name, "kind": kind, "header_row": profile.header_row, "columns": profile.columns})
    return profile


@transaction.atomic
def import_profile_delete(*, profile: ImportProfile, actor=None) -> None:
    record(profile, "penilaian.import_profile.delete", actor=actor, data={"name": profile.name})
    profile.delete()
