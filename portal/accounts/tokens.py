from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token: it dies when the password is set (the password hash and the
    last login are part of it), so an activation link works once; and it expires after
    ``ACCOUNT_ACTIVATION_TIMEOUT`` seconds instead of ``PASSWORD_RESET_TIMEOUT``."""

    key_salt = "portal.accounts.ActivationTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.ACCOUNT_ACTIVATION_TIMEOUT


activation_token = ActivationTokenGenerator()
