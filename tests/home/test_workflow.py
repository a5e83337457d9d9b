"""An editor writes a page; BKPSDM approves it before it is published (migration home/0004)."""

from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import GuidancePage, HomePage
from portal.core.roles import HR_GROUP
from tests import factories as f


def test_every_page_of_the_portal_goes_through_bkpsdm_approval(home):
    workflow = HomePage.objects.get().get_workflow()
    assert workflow.name == "Persetujuan BKPSDM"
    [task] = [t.specific for t in workflow.tasks]
    assert [g.name for g in task.groups.all()] == [HR_GROUP]


def test_an_editor_submits_and_bkpsdm_approves_before_the_page_is_published(client, library):
    editor = f.make_user("redaktur", groups=["Editors"])
    approver = f.make_user("kabid-bkpsdm", groups=[HR_GROUP])
    other = f.make_user("redaktur-lain", groups=["Editors"])

    client.force_login(editor)
    data = nested_form_data({
        "title": "Panduan baru", "slug": "panduan-baru", "summary": "Ringkasan.",
        "body": streamfield([("text", rich_text("<p>Isi panduan baru.</p>"))]), "tags": "",
    })
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:add", args=["home", "guidancepage", library.pk]), data)
    assert response.status_code == 302
    page = GuidancePage.objects.get(slug="panduan-baru")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state

    # Another editor cannot approve.
    client.force_login(other)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(approver)
    response = client.post(url, {"comment": "Sudah sesuai."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200
