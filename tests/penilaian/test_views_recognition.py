"""Recognition: the Sangat Baik list and the letters of appreciation, HR and supervisors."""

import pytest
from django.urls import reverse

from penilaian.models import Rating
from penilaian.services import appraisal as appraisal_services
from tests import factories as f
from tests.penilaian.appraisal_helpers import appraisal_of


class TestRecognition:
    @pytest.fixture
    def star(self, period, city, supervisor_user):
        appraisal = appraisal_of(city.teacher, period)
        appraisal_services.assessment_save(
            appraisal=appraisal, actor=supervisor_user, scores={s.indicator_id: {"score": 5} for s in appraisal.scores.all()},
            rating_hasil_kerja=Rating.ABOVE, rating_perilaku=Rating.ABOVE, submit=True,
        )
        return appraisal

    def test_hr_lists_sangat_baik_and_prints_a_real_pdf_letter(self, client, star, city, hr_user):
        client.force_login(hr_user)
        body = client.get(reverse("penilaian:recognition", args=[star.period.code])).content.decode()
        assert city.teacher.name in body and city.fellow_teacher.name not in body
        response = client.get(reverse("penilaian:recognition-letters", args=[star.period.code]), {"nip": city.teacher.nip})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pdf = response.content
        assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf

    def test_a_supervisor_sees_only_their_chain(self, client, star, city, supervisor_user, other_unit_user):
        client.force_login(supervisor_user)
        assert city.teacher.name in client.get(reverse("penilaian:recognition", args=[star.period.code])).content.decode()

    @pytest.mark.parametrize("persona", ["employee_user", "trainer_user"])
    def test_others_are_refused(self, client, request, star, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse("penilaian:recognition", args=[star.period.code])).status_code == 403
        assert client.get(reverse("penilaian:recognition-letters", args=[star.period.code])).status_code == 403

    def test_an_unrelated_supervisor_gets_no_letter(self, client, star, city):
        outsider = f.make_employee(unit=city.dinkes)
        f.make_employee(unit=city.dinkes, supervisor=outsider)
        client.force_login(f.give_account(outsider))
        url = reverse("penilaian:recognition-letters", args=[star.period.code])
        assert client.get(url, {"nip": city.teacher.nip}).status_code == 404
