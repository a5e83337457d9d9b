from django.core.exceptions import ValidationError


class RegisterError(ValidationError):
    """A rule of the organisation register was broken; ``code`` says which."""
