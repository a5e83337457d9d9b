from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PelatihanConfig(AppConfig):
    name = "pelatihan"
    verbose_name = _("Training")

    def ready(self):
        from .matching import offer_cache  # noqa: F401 - connects the signals that forget the shared offer
