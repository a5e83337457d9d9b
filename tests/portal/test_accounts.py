import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f

LOGIN = "/accounts/login/"


def login(client, login_value, password=f.PASSWORD):
    return client.post(LOGIN, {"login": login_value, "password": password})


class TestLogin:
    def test_login_by_nip(self, client, city, employee_user):
        response = login(client, city.teacher.nip)
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:dashboard")

    def test_login_by_nip_typed_with_spaces(self, client, city, employee_user):
        assert login(client, city.teacher.nip_display).status_code == 302

    def test_login_by_email(self, client, city, employee_user):
        assert login(client, "guru@uji.test").status_code == 302

    def test_a_wrong_password_is_refused_with_a_message_in_indonesian(self, client, city, employee_user):
        response = login(client, city.teacher.nip, "salah")
        assert response.status_code == 200
        assert "tidak benar" in response.content.decode() or "salah" in response.content.decode().lower()

    def test_logins_are_rate_limited(self, client, city, employee_user):
        for _ in range(5):
            login(client, city.teacher.nip, "salah")
        response = login(client, city.teacher.nip)  # right password, but too many failures
        assert response.status_code != 302

    def test_logout_is_post_only(self, client, employee_user):
        client.force_login(employee_user)
        client.get("/accounts/logout/")
        assert "_auth_user_id" in client.session  # GET shows a confirmation, does not log out
        client.post("/accounts/logout/")
        assert "_auth_user_id" not in client.session

    def test_there_is_no_open_signup(self, client, db):
        response = client.post(
            "/accounts/signup/",
            {"email": "x@uji.test", "username": "x", "password1": "Panjang-sekali-2026", "password2": "Panjang-sekali-2026"},
        )
        from django.contrib.auth import get_user_model

        assert not get_user_model().objects.filter(username="x").exists()
        assert response.status_code in (200, 403)

    def test_the_wagtail_admin_signs_in_through_the_portal_login(self, client, db):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


class TestActivation:
    url = reverse("account_activation")

    @pytest.fixture(autouse=True)
    def _on_commit(self, django_capture_on_commit_callbacks):
        self.capture = django_capture_on_commit_callbacks

    def request_link(self, client, data):
        # Mail goes out on commit: run those callbacks when the request's transaction ends.
        with self.capture(execute=True):
            return client.post(self.url, data)

    def _link(self):
        body = mail.outbox[-1].body
        return re.search(r"http://testserver(/accounts/aktivasi/[^\s]+)", body).group(1)

    def test_an_unknown_nip_is_refused(self, client, city):
        response = client.post(self.url, {"nip": "198001012005011999", "email": "guru@uji.test"})
        assert response.status_code == 200
        assert "tidak cocok" in response.content.decode()
        assert not mail.outbox

    def test_a_mismatched_email_is_refused_and_what_was_typed_is_kept(self, client, city):
        response = client.post(self.url, {"nip": city.teacher.nip, "email": "lain@uji.test"})
        body = response.content.decode()
        assert "tidak cocok" in body and city.teacher.nip in body and "lain@uji.test" in body
        assert not mail.outbox

    def test_activation_sets_the_password_once(self, client, city):
        response = self.request_link(client, {"nip": city.teacher.nip_display, "email": "GURU@uji.test"})
        assert response.status_code == 200 and len(mail.outbox) == 1
        assert mail.outbox[0].to == ["guru@uji.test"]
        link = self._link()
        response = client.get(link)
        assert response.status_code == 302  # token moves into the session
        password_page = response["Location"]
        response = client.post(password_page, {"new_password1": "Kinerja-Baik-2026", "new_password2": "Kinerja-Baik-2026"})
        assert response.status_code == 302 and response["Location"] == reverse("portal:dashboard")
        city.teacher.refresh_from_db()
        assert city.teacher.user.check_password("Kinerja-Baik-2026")
        client.post("/accounts/logout/")
        # The same link again: refused, and the password is unchanged.
        assert client.get(link).status_code == 400
        assert login(client, city.teacher.nip, "Kinerja-Baik-2026").status_code == 302

    def test_an_active_account_cannot_be_activated_again(self, client, city, employee_user):
        response = client.post(self.url, {"nip": city.teacher.nip, "email": "guru@uji.test"})
        assert "sudah aktif" in response.content.decode()
        assert not mail.outbox

    def test_a_forged_token_is_refused(self, client, city):
        self.request_link(client, {"nip": city.teacher.nip, "email": "guru@uji.test"})
        link = self._link()
        assert client.get(link[:-3] + "xyz/").status_code == 400

    def test_activation_is_rate_limited(self, client, city):
        statuses = [
            client.post(self.url, {"nip": city.teacher.nip, "email": "lain@uji.test"}).status_code for _ in range(7)
        ]
        assert statuses[-1] == 429

    def test_wrong_method(self, client, db):
        assert client.put(self.url).status_code == 405


class TestPasswordReset:
    def test_a_reset_link_is_mailed(self, client, city, employee_user):
        response = client.post("/accounts/password/reset/", {"email": "guru@uji.test"})
        assert response.status_code == 302
        assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
