from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # The project composes the apps: certificates (pelatihan) are signed as the site
        # settings (home) say, without pelatihan importing home.
        from home.selectors import certificate_issuer  # reason: apps are loaded only now
        from pelatihan.documents import certificates  # reason: as above

        certificates.set_issuer_provider(certificate_issuer)
