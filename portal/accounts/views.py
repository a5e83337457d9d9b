from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlencode, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.core.http import safe_next

from . import services
from .forms import ActivationPasswordForm, ActivationRequestForm
from .tokens import activation_token

_SESSION_TOKEN = "_activation_token"  # noqa: S105 - a session key, not a secret
_TOKEN_PLACEHOLDER = "set-password"  # noqa: S105 - a URL placeholder


@require_http_methods(["GET", "POST"])
def activation_request(request):
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    form = ActivationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nip = form.cleaned_data["nip"]
        if not ratelimit.consume(request, action="activate", key=nip):
            form.add_error(None, _("Too many attempts. Wait a few minutes and try again."))
            return render(request, "account/activation_request.html", {"form": form}, status=429)
        try:
            employee = services.activation_request(nip=nip, email=form.cleaned_data["email"])
        except services.ActivationError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "account/activation_sent.html", {"email": employee.email})
    return render(request, "account/activation_request.html", {"form": form})


def _user_from_uid(uidb64):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return get_user_model().objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
        return None


@require_http_methods(["GET", "POST"])
def activation_confirm(request, uidb64, token):
    """Follow the e-mailed link, then set the first password.

    As in Django's password reset, the token moves from the URL into the session on the first
    visit, so it does not leak through the Referer header of the password page.
    """
    if not ratelimit.consume(request, action="activate_from_key"):
        return render(request, "account/activation_invalid.html", status=429)
    user = _user_from_uid(uidb64)
    if token != _TOKEN_PLACEHOLDER:
        if user is not None and activation_token.check_token(user, token):
            request.session[_SESSION_TOKEN] = token
            return redirect("account_activation_confirm", uidb64=uidb64, token=_TOKEN_PLACEHOLDER)
        return render(request, "account/activation_invalid.html", status=400)
    session_token = request.session.get(_SESSION_TOKEN)
    if user is None or not activation_token.check_token(user, session_token):
        return render(request, "account/activation_invalid.html", status=400)
    form = ActivationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activation_complete(user=user, password=form.cleaned_data["new_password1"])
        del request.session[_SESSION_TOKEN]
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is active. Welcome to the portal."))
        return redirect("portal:dashboard")
    return render(request, "account/activation_password.html", {"form": form, "account_user": user})


# --- The other login doors ------------------------------------------------------------------
# Wagtail's /admin/login/, page privacy's /_util/login/ and the Django admin's login each come
# with their own password form and no rate limit; Wagtail's /admin/password_reset/ mails without
# one. They all lead to allauth's pages instead, so one set of limits (ACCOUNT_RATE_LIMITS)
# guards every way in. A form posted to them is not read: the redirect signs nobody in.


def login_door(request, *args, **kwargs):
    target = safe_next(request, "/admin/" if request.path.startswith(("/admin/", "/django-admin/")) else "/")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def password_reset_door(request, *args, **kwargs):
    return redirect("account_reset_password")


def limited_restriction_password(view):
    """Wagtail's shared-password forms (a private page or document collection): the same
    per-address limit as a login, so the password cannot be guessed at speed."""

    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not ratelimit.consume(request, action="restriction_password"):
            return render(request, "429.html", status=429)
        return view(request, *args, **kwargs)

    return wrapper
