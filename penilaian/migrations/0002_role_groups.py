from django.db import migrations

HR_GROUP = "BKPSDM"
TRAINER_GROUP = "Fasilitator"


def create_groups(apps, schema_editor):
    """The two assigned roles exist in every installation (pegawai and atasan are derived)."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    hr, _ = Group.objects.get_or_create(name=HR_GROUP)
    Group.objects.get_or_create(name=TRAINER_GROUP)
    # HR manages catalogues in the Wagtail admin, so it may enter it.
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    hr.permissions.add(access)


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[HR_GROUP, TRAINER_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
