"""What gap pages and workshop pages call: guidance and good practice on an indicator."""

from django.contrib.auth.models import AnonymousUser

from home import selectors
from home.models import GoodPracticePage
from penilaian.catalogue import catalogue_ensure
from penilaian.models import Indicator

from .conftest import text


def test_guidance_for_an_indicator_includes_its_berakhlak_value(make_guidance, employee_user):
    catalogue_ensure()
    akuntabel = Indicator.objects.get(code="ba-akuntabel")
    behaviour = Indicator.objects.get(code="ba-akuntabel-3")  # "does not misuse authority"
    digital = Indicator.objects.get(code="kt-literasi-digital")
    value_page = make_guidance("Akuntabel dalam pekerjaan", indicators=[akuntabel])
    make_guidance("Literasi digital", indicators=[digital])
    private = make_guidance("Kasus internal", indicators=[behaviour], private=True)

    anonymous = AnonymousUser()
    assert selectors.guidance_for_indicators([behaviour.pk], user=anonymous) == [value_page]
    assert selectors.guidance_for_indicators([behaviour.pk], user=employee_user) == [value_page, private]
    assert selectors.guidance_for_indicators([], user=employee_user) == []


def test_a_good_practice_and_guidance_point_at_each_other(client, make_guidance, practices, city):
    catalogue_ensure()
    pedagogik = Indicator.objects.get(code="kt-pedagogik")
    guidance = make_guidance("Pembelajaran berdiferensiasi", indicators=[pedagogik])
    practice = GoodPracticePage(title="Disdik melatih guru", summary="Kisah.", body=text("<p>Kisah.</p>"))
    practices.add_child(instance=practice)
    practice.units.set([city.disdik])
    practice.indicators.set([pedagogik])
    practice.save_revision().publish()
    assert selectors.good_practices_for_indicators([pedagogik.pk], user=AnonymousUser()) == [practice]
    assert "Disdik melatih guru" in client.get(guidance.url).content.decode()
    assert "Pembelajaran berdiferensiasi" in client.get(practice.url).content.decode()
    assert "Dinas Pendidikan" in client.get(practices.url).content.decode()


def test_the_library_filters_by_topic_and_indicator(client, make_guidance):
    catalogue_ensure()
    kompeten = Indicator.objects.get(code="ba-kompeten")
    make_guidance("Hak 20 JP", tags=["JP"], indicators=[kompeten])
    make_guidance("Evaluasi diri", tags=["Evaluasi diri"])
    library = make_guidance("x").get_parent()
    by_topic = client.get(library.url, {"topik": "jp"}).context["guidance_pages"]
    assert [p.title for p in by_topic] == ["Hak 20 JP"]
    by_indicator = client.get(library.url, {"indikator": "ba-kompeten-2"}).context["guidance_pages"]
    assert [p.title for p in by_indicator] == ["Hak 20 JP"]
    assert client.get(library.url, {"indikator": "tidak-ada"}).context["guidance_pages"] == []


def test_the_library_hides_internal_pages_from_anonymous_visitors_and_says_so(client, make_guidance, employee_user):
    make_guidance("Panduan terbuka")
    make_guidance("Materi internal", private=True)
    response = client.get(make_guidance("Lain").get_parent().url)
    titles = [p.title for p in response.context["guidance_pages"]]
    assert "Materi internal" not in titles and response.context["internal_hidden"]
    client.force_login(employee_user)
    titles = [p.title for p in client.get(response.wsgi_request.path).context["guidance_pages"]]
    assert "Materi internal" in titles


