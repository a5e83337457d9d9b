"""The SIASN code table filled with the shipped defaults (``pelatihan.siasn.codes``), unconfirmed:
records wait until BKPSDM confirms each code. BKPSDM may edit the table and the SIASN settings."""

from django.db import migrations

HR_GROUP = "BKPSDM"
PERMISSIONS = {
    "siasnkindcode": ["add", "change", "delete", "view"],
    "siasnsettings": ["change"],
}


def load_defaults(apps, schema_editor):
    from pelatihan.siasn.codes import DEFAULT_CODES  # the one place the codes live

    SiasnKindCode = apps.get_model("pelatihan", "SiasnKindCode")
    for route, kind, code, label in DEFAULT_CODES:
        SiasnKindCode.objects.get_or_create(
            route=route, competency_kind=kind, defaults={"jenis_diklat_id": code, "label": label, "confirmed": False}
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    hr, _ = Group.objects.get_or_create(name=HR_GROUP)
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="pelatihan", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            hr.permissions.add(permission)


def remove_defaults(apps, schema_editor):
    apps.get_model("pelatihan", "SiasnKindCode").objects.filter(confirmed=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pelatihan", "0004_siasn_outbox"),
        ("penilaian", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(load_defaults, remove_defaults)]
