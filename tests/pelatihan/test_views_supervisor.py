"""The supervisor's approvals page: the supervisor only, the wrong method, a reason to reject."""

from django.urls import reverse

from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import login, make_session


def test_approvals_page_for_the_supervisor_only(client, supervisor_user, colleague_user, other_unit_user, city):
    session = make_session(approval_required=True)
    enrolment = enrolment_create(session=session, employee=city.teacher).enrolment
    login(client, other_unit_user)
    assert client.get(reverse("pelatihan:approvals")).status_code == 403
    assert client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "approve"}).status_code == 403
    login(client, supervisor_user)
    page = client.get(reverse("pelatihan:approvals"))
    assert city.teacher.name in page.content.decode()
    assert client.get(reverse("pelatihan:approval-decide", args=[enrolment.pk])).status_code == 405
    client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "reject", "reason": ""})
    enrolment.refresh_from_db()
    assert enrolment.status == "pending_approval"
    client.post(reverse("pelatihan:approval-decide", args=[enrolment.pk]), {"decision": "reject", "reason": "Ujian"})
    enrolment.refresh_from_db()
    assert enrolment.status == "rejected"
