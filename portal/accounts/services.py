"""Account activation for employees who are in the register (no open sign-up).

1. ``activation_request``: NIP + the e-mail on file → an account without a usable password and
   an e-mail with a one-time link.
2. ``activation_complete``: the link's token is checked, the password set, the e-mail address
   marked verified. Setting the password changes the hash the token is made from, so the same
   link cannot be used twice.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from penilaian.models import Employee
from portal.core.audit import record
from portal.core.links import public_url

from .tokens import activation_token


class ActivationError(Exception):
    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def _send_activation_mail(*, user, employee: Employee) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = activation_token.make_token(user)
    link = public_url(reverse("account_activation_confirm", args=[uid, token]))
    context = {"employee": employee, "link": link, "days": settings.ACCOUNT_ACTIVATION_TIMEOUT // 86400}
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Activate your account")
    body = render_to_string("account/email/activation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [employee.email])


@transaction.atomic
def activation_request(*, nip: str, email: str) -> Employee:
    """Start activation for the employee with this NIP and e-mail on file.

    Raises ``ActivationError`` with code ``no_match`` (unknown NIP, inactive employee or another
    e-mail: one message for all three, so the form does not tell which NIPs exist) or
    ``already_active`` (the account has a password; use password reset).
    """
    employee = (
        Employee.objects.select_for_update(of=("self",)).select_related("user").filter(nip=nip, is_active=True).first()
    )
    if employee is None or not employee.email or employee.email.lower() != email.lower():
        raise ActivationError(
            _("The NIP and e-mail do not match an employee record. Check both, or ask BKPSDM to update your e-mail."),
            code="no_match",
        )
    user = employee.user
    if user is not None and user.has_usable_password():
        raise ActivationError(
            _("This account is already active. Sign in, or use 'Forgot password' if you lost your password."),
            code="already_active",
        )
    if user is None:
        User = get_user_model()
        user = User(username=employee.nip, email=employee.email, first_name=employee.name[:150])
        user.set_unusable_password()
        user.save()
        employee.user = user
        employee.save(update_fields=["user", "updated_at"])
    record(employee, "portal.account.activation_request", data={"nip": nip})
    transaction.on_commit(lambda: _send_activation_mail(user=user, employee=employee))
    return employee


@transaction.atomic
def activation_complete(*, user, password: str) -> None:
    """Set the first password and mark the e-mail verified. The caller has checked the token."""
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not address.verified or not address.primary:
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    record(user, "portal.account.activated", actor=user, data={"username": user.username})


@transaction.atomic
def account_create_for_employee(*, employee: Employee, password: str | None, actor=None, is_superuser=False):
    """Create (or return) the account of an employee directly — demo seeding and HR use only."""
    if employee.user_id:
        return employee.user, False
    User = get_user_model()
    user = User(username=employee.nip, email=employee.email, first_name=employee.name[:150])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_superuser = user.is_staff = is_superuser
    user.full_clean(exclude=["password"])
    user.save()
    if employee.email:
        EmailAddress.objects.create(user=user, email=employee.email, verified=True, primary=True)
    employee.user = user
    employee.save(update_fields=["user", "updated_at"])
    record(employee, "portal.account.create", actor=actor, data={"username": user.username})
    return user, True
