from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .audit import register_actions

AUDIT_ACTIONS = {
    "core.mail.retry": _("E-mail queued again"),
}


@hooks.register("register_log_actions")
def register_core_actions(actions):
    register_actions(actions, AUDIT_ACTIONS)
