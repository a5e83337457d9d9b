from django.db import migrations

HR_GROUP = "BKPSDM"
WORKFLOW_NAME = "Persetujuan BKPSDM"
INTERNAL_COLLECTION = "Dokumen internal"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's default, used by Collection
STEPLEN = 4
PAGE_PERMISSIONS = [
    ("add_page", "Can add page"),
    ("change_page", "Can change page"),
    ("publish_page", "Publish any page"),
    ("lock_page", "Lock/unlock pages you've locked"),
    ("unlock_page", "Unlock any page"),
]


def _next_child_path(parent, last_child_path):
    if last_child_path is None:
        number = 1
    else:
        number = 0
        for char in last_child_path[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
        number += 1
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def forwards(apps, schema_editor):
    """Production needs these too, so they are data, not demo: every page under the home page
    goes through BKPSDM's approval before it is published, and documents put in the
    "Dokumen internal" collection are served only to signed-in users."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Collection = apps.get_model("wagtailcore.Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    HomePage = apps.get_model("home.HomePage")

    hr, _ = Group.objects.get_or_create(name=HR_GROUP)
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_ct, active=True)
    task.groups.add(hr)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})
        # The approvers own the content: they may also edit and publish every page of the portal
        # (the Wagtail admin lets nobody act on a page without a page permission).
        page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        for codename, name in PAGE_PERMISSIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=page_ct, codename=codename, defaults={"name": name}
            )
            GroupPagePermission.objects.get_or_create(group=hr, page_id=home.pk, permission=permission)

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=INTERNAL_COLLECTION).first()
    if collection is None:
        last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
        collection = Collection.objects.create(
            name=INTERNAL_COLLECTION, depth=2, numchild=0,
            path=_next_child_path(root, last.path if last else None),
        )
        root.numchild = Collection.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore.GroupApprovalTask").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_content_pages"),
        ("penilaian", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
