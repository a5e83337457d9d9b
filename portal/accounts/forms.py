from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from penilaian import nip as nip_rules


class LoginForm(AllauthLoginForm):
    """allauth's login with one field that takes a NIP (the account's username) or an e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("NIP or e-mail")
        login.widget.attrs.update({"placeholder": _("e.g. 19860926 201505 1 001"), "autocomplete": "username"})
        self.fields["password"].label = _("Password")

    def clean_login(self):
        value = super().clean_login()
        if "@" not in value:
            # People copy NIPs as they are printed: "19860926 201505 1 001".
            normalised = nip_rules.normalise(value)
            if normalised.isdigit():
                return normalised
        return value


class ActivationRequestForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
        help_text=_("18 digits, spaces allowed."),
    )
    email = forms.EmailField(
        label=_("E-mail on file"),
        help_text=_("The e-mail address BKPSDM has in your employee record."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_nip(self):
        return nip_rules.normalise(self.cleaned_data["nip"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ActivationPasswordForm(SetPasswordForm):
    """Django's set-password form (validators from AUTH_PASSWORD_VALIDATORS), with our labels."""
