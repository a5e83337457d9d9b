"""Penilaian Bawahan's "not yet assessed" filter and the assessment form's live preview (htmx
posts the form; the preview writes nothing and is the assessor's only)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from penilaian.models import AppraisalStatus, IndicatorKind, Score
from tests.penilaian.appraisal_helpers import appraisal_of, assess, form_data


def preview_url(period, employee):
    return reverse("penilaian:assessment-preview", args=[period.code, employee.nip])


def perilaku_ids(appraisal):
    return list(appraisal.scores.filter(indicator__kind=IndicatorKind.PERILAKU).values_list("indicator_id", flat=True))


def test_the_form_carries_the_live_preview(client, period, city, supervisor_user):
    client.force_login(supervisor_user)
    page = client.get(reverse("penilaian:assessment", args=[period.code, city.teacher.nip])).content.decode()
    assert f'hx-post="{preview_url(period, city.teacher)}"' in page and 'id="assessment-live"' in page
    assert 'hx-include="#assessment-form"' in page and "data-suggested" in page


def test_the_suggestion_changes_with_the_typed_scores_and_nothing_is_saved(client, submitted, period, city,
                                                                          supervisor_user):
    client.force_login(supervisor_user)
    before = ModelLogEntry.objects.count()
    high = form_data(submitted, 5)
    body = client.post(preview_url(period, city.teacher), high).content.decode()
    assert 'data-suggested="di_atas"' in body
    low = form_data(submitted, 3)
    low[f"score_{perilaku_ids(submitted)[0]}"] = "1"
    body = client.post(preview_url(period, city.teacher), low).content.decode()
    assert 'data-suggested="di_bawah"' in body
    assert "performance dialogue" in body or "dialog kinerja" in body.lower()  # self 4, supervisor 1
    assert not Score.objects.filter(appraisal=submitted, supervisor_score__isnull=False).exists()
    assert ModelLogEntry.objects.count() == before
    submitted.refresh_from_db()
    assert submitted.rating_perilaku_suggested == "" and submitted.status == AppraisalStatus.SELF_SUBMITTED


def test_the_preview_says_when_a_rating_needs_a_reason_and_shows_the_predikat(client, submitted, period, city,
                                                                              supervisor_user):
    client.force_login(supervisor_user)
    data = form_data(submitted, 3, rating_perilaku="di_atas", rating_hasil_kerja="sesuai")
    body = client.post(preview_url(period, city.teacher), data).content.decode()
    assert 'data-predikat="baik"' in body and "field-hint" in body
    data["rating_perilaku_reason"] = "Teladan bagi rekan"
    assert "field-hint" not in client.post(preview_url(period, city.teacher), data).content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor_user", 200), ("indirect_supervisor_user", 403), ("employee_user", 403), ("colleague_user", 403),
     ("other_unit_user", 403), ("hr_user", 403)],
)
def test_only_the_assessor_previews(client, request, period, city, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(preview_url(period, city.teacher), form_data(appraisal_of(city.teacher, period), 3)).status_code == status


def test_the_preview_takes_posts_only(client, period, city, supervisor_user):
    client.force_login(supervisor_user)
    assert client.get(preview_url(period, city.teacher)).status_code == 405
    assert client.post(reverse("penilaian:assessment-preview", args=["tidak-ada", city.teacher.nip])).status_code == 404


def test_without_javascript_saving_still_shows_the_suggestion(client, submitted, period, city, supervisor_user):
    client.force_login(supervisor_user)
    url = reverse("penilaian:assessment", args=[period.code, city.teacher.nip])
    assert client.post(url, form_data(submitted, 5, save="1")).status_code == 302
    assert 'data-suggested="di_atas"' in client.get(url).content.decode()


def test_not_yet_assessed_lists_only_those_still_to_assess(client, period, city, supervisor_user):
    assess(appraisal_of(city.fellow_teacher, period), supervisor_user, perilaku="sesuai")
    client.force_login(supervisor_user)
    url = reverse("penilaian:team-assessment")
    everyone = client.get(url, {"periode": period.code}).content.decode()
    pending = client.get(url, {"periode": period.code, "status": "belum-dinilai"}).content.decode()
    assert city.fellow_teacher.full_name in everyone and city.teacher.full_name in everyone
    assert city.fellow_teacher.full_name not in pending and city.teacher.full_name in pending
    assert 'aria-current="page"' in pending


def test_the_dashboard_counts_and_links_the_appraisals_to_assess(client, period, city, supervisor_user):
    client.force_login(supervisor_user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f"{reverse('penilaian:team-assessment')}?periode={period.code}&amp;status=belum-dinilai" in page
    assert 'id="inbox-assess"' in page
