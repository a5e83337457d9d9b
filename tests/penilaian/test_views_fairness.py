"""Every page of the fair appraisal tried by the allowed user, outsiders (a colleague, another
unit's employee, a trainer), an anonymous visitor and the wrong method. Expectations, evidence,
notes and objections follow the appraisal's visibility (self, supervisor chain, BKPSDM), never
trainers; no page shows a single multi-source response."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penilaian.models import Evidence, MultisourceResponse, Objection, RaterGroup, RaterInvitation
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import documentation as documentation_services
from penilaian.services import multisource as multisource_services
from penilaian.services import objections as objection_services
from tests.penilaian.fairness_helpers import PDF_BYTES, final_appraisal, set_plan


@dataclass
class World:
    code: str
    nip: str
    evidence: int
    appraisal: int
    objection: int
    invitation: int
    token: str


@pytest.fixture
def world(period, city, supervisor_user, indirect_supervisor_user, employee_user, colleague_user, private_media):
    set_plan(city.teacher, period, supervisor_user)
    plan = expectation_selectors.plan_for(city.teacher, period)
    evidence = documentation_services.evidence_add(result=plan.results.get(), actor=employee_user,
                                                   description="Laporan", upload=SimpleUploadedFile("l.pdf", PDF_BYTES))
    final = final_appraisal(city, period, supervisor_user, indirect_supervisor_user)
    objection = objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Tidak setuju.")
    feedback_round = multisource_services.round_open(employee=city.teacher, period=period, actor=supervisor_user)
    multisource_services.invite_colleagues(feedback_round=feedback_round, actor=supervisor_user, group=RaterGroup.PEER,
                                           raters=[city.fellow_teacher])
    _i, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user)
    return World(period.code, city.teacher.nip, evidence.pk, final.pk, objection.pk,
                 RaterInvitation.objects.get(rater=city.fellow_teacher).pk, url.rstrip("/").rsplit("/", 1)[-1])


EMP, SUP, IND, HR, COL, OUT, TRN = ("employee_user", "supervisor_user", "indirect_supervisor_user", "hr_user", "colleague_user",
                       "other_unit_user", "trainer_user")
# (url name, args from the world, method, {persona: status}, wrong method)
PAGES = [
    ("team-expectations", ("code",), "get", {SUP: 200, EMP: 403, OUT: 403, TRN: 403}, "post"),
    ("plan-group", ("code",), "get", {SUP: 200, EMP: 403, OUT: 403, TRN: 403}, "put"),
    ("performance-record", ("code", "nip"), "get", {EMP: 200, SUP: 200, IND: 200, HR: 200, COL: 403, OUT: 403, TRN: 403}, "post"),
    ("plan-edit", ("code", "nip"), "get", {SUP: 200, EMP: 403, IND: 403, HR: 403, COL: 403, TRN: 403}, "put"),
    ("plan-copy", ("code", "nip"), "post", {SUP: 302, EMP: 403, COL: 403, TRN: 403}, "get"),
    ("plan-acknowledge", ("code", "nip"), "post", {EMP: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("realisation-save", ("code", "nip"), "post", {EMP: 302, SUP: 403, COL: 403, TRN: 403}, "get"),
    ("evidence-add", ("code", "nip"), "post", {EMP: 302, SUP: 403, COL: 403, TRN: 403}, "get"),
    ("note-add", ("code", "nip"), "post", {SUP: 302, EMP: 403, IND: 403, COL: 403, TRN: 403}, "get"),
    ("dialogue-add", ("code", "nip"), "post", {SUP: 302, EMP: 403, IND: 403, COL: 403, TRN: 403}, "get"),
    ("multisource-round", ("code", "nip"), "get", {SUP: 200, HR: 200, EMP: 403, IND: 403, COL: 403, TRN: 403}, "put"),
    ("evidence-file", ("evidence",), "get", {EMP: 200, SUP: 200, IND: 200, HR: 200, COL: 403, OUT: 403, TRN: 403}, "post"),
    ("evidence-remove", ("evidence",), "post", {EMP: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("multisource-answer", ("invitation",), "get", {COL: 200, EMP: 403, SUP: 403, HR: 403, TRN: 403}, "put"),
    ("my-receipt", ("appraisal",), "get", {EMP: 200, SUP: 200, IND: 200, HR: 200, COL: 403, OUT: 403, TRN: 403}, "post"),
    ("receipt-acknowledge", ("appraisal",), "post", {EMP: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("objection-submit", ("appraisal",), "post", {EMP: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("objection-list", (), "get", {HR: 200, IND: 200, EMP: 403, OUT: 403, TRN: 403}, "post"),
    ("objection-detail", ("objection",), "get", {EMP: 200, IND: 200, HR: 200, COL: 403, OUT: 403, TRN: 403}, "post"),
    ("objection-explanations", ("objection",), "post", {IND: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("objection-decide", ("objection",), "post", {IND: 302, COL: 403, OUT: 403, TRN: 403}, "get"),
    ("approvals", (), "get", {IND: 200, SUP: 200, EMP: 403, OUT: 403, TRN: 403}, "post"),
    ("approvals-finalise", (), "post", {IND: 302, EMP: 403, OUT: 403, TRN: 403}, "get"),
    ("unit-predikat", ("code",), "get", {HR: 200, SUP: 403, IND: 403, EMP: 403, TRN: 403}, "put"),
    ("period-checklist", ("code",), "get", {HR: 200, SUP: 403, IND: 403, EMP: 403, TRN: 403}, "post"),
]
CASES = [(name, args, method, persona, status) for name, args, method, allowed, _wrong in PAGES
         for persona, status in allowed.items()]


def url_of(world, name, args):
    return reverse(f"penilaian:{name}", args=[getattr(world, a) for a in args])


@pytest.mark.parametrize(("name", "args", "method", "persona", "status"), CASES,
                         ids=[f"{c[0]}-{c[3].removesuffix('_user')}" for c in CASES])
def test_who_may_open_each_page(client, request, world, name, args, method, persona, status):
    client.force_login(request.getfixturevalue(persona))
    data = {"periode": world.code} if name == "approvals-finalise" else {}
    response = getattr(client, method)(url_of(world, name, args), data)
    assert response.status_code == status, response.content.decode()[:500]


@pytest.mark.parametrize(("name", "args", "wrong"), [(p[0], p[1], p[4]) for p in PAGES], ids=[p[0] for p in PAGES])
def test_the_wrong_method_is_refused(client, world, hr_user, name, args, wrong):
    client.force_login(hr_user)
    assert getattr(client, wrong)(url_of(world, name, args)).status_code == 405


@pytest.mark.parametrize(("name", "args", "method"), [(p[0], p[1], p[2]) for p in PAGES], ids=[p[0] for p in PAGES])
def test_anonymous_visitors_are_sent_to_the_login(client, world, name, args, method):
    response = getattr(client, method)(url_of(world, name, args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_public_stakeholder_form_needs_only_its_link(client, world, city):
    url = reverse("penilaian:stakeholder-form", args=[world.token])
    body = client.get(url).content.decode()
    assert city.teacher.full_name in body and city.teacher.unit.name in body
    assert city.teacher.nip not in body and city.teacher.nip_display not in body
    assert "Ahli Pertama" not in body and city.teacher.email not in body  # no position, level or contact
    assert client.put(url).status_code == 405
    assert client.get(reverse("penilaian:stakeholder-form", args=["bukan-token"])).status_code == 404


def test_the_stakeholder_link_is_rate_limited(client, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}}
    url = reverse("penilaian:stakeholder-form", args=[world.token])
    statuses = [client.get(url).status_code for _ in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]


def test_the_evidence_file_is_served_as_an_attachment_only_to_who_may_see(client, world, employee_user):
    client.force_login(employee_user)
    response = client.get(reverse("penilaian:evidence-file", args=[world.evidence]))
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert Evidence.objects.get(pk=world.evidence).file.name not in response["Content-Disposition"]


def test_no_page_shows_a_single_response(client, world, colleague_user, supervisor_user, hr_user):
    client.force_login(colleague_user)
    values = expectation_selectors.behaviour_values()
    answer = {f"v{v.pk}": "2" for v in values} | {"comment": "Kurang terbuka dalam rapat guru."}
    assert client.post(reverse("penilaian:multisource-answer", args=[world.invitation]), answer).status_code == 302
    assert MultisourceResponse.objects.count() == 1
    for user in (supervisor_user, hr_user):
        client.force_login(user)
        for name in ("multisource-round", "performance-record"):
            body = client.get(reverse(f"penilaian:{name}", args=[world.code, world.nip])).content.decode()
            assert "Kurang terbuka" not in body


def test_the_trainer_never_sees_expectations_or_objections(client, world, trainer_user):
    client.force_login(trainer_user)
    assert client.get(reverse("penilaian:performance-record", args=[world.code, world.nip])).status_code == 403
    assert client.get(reverse("penilaian:objection-detail", args=[world.objection])).status_code == 403
    assert Objection.objects.count() == 1
