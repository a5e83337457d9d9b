from django.core.exceptions import ValidationError


class RegisterError(ValidationError):
    """A rule of the organisation register was broken; ``code`` says which."""


class AppraisalError(ValidationError):
    """A rule of the appraisal workflow was broken; ``code`` says which (``closed``,
    ``wrong_phase``, ``not_assessor``, ``finalised``, ``reason_required`` …). The message is in
    the user's language; views show it as is."""
