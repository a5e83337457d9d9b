from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from portal.core.links import public_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # No open sign-up: only employees in the register get an account, through activation.
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        # The link in the reset e-mail goes to the public address, never the request's host.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return public_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's mails name the site and its domain: the public address's, not the request's.
        site = SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.PUBLIC_URL).netloc)
        super().send_mail(template_prefix, email, {"current_site": site, **context})
