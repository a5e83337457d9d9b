from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel as an app, for its few tables: the mail outbox, the workers' heartbeats, the
    scheduler's claimed runs and the files generated in the background."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import pagecache  # noqa: F401 - connects the publish signals that empty the page cache
