from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .core.audit import register_actions

AUDIT_ACTIONS = {
    "portal.account.activation_request": _("Account activation requested"),
    "portal.account.activated": _("Account activated"),
    "portal.account.create": _("Account created"),
}


@hooks.register("register_log_actions")
def register_portal_actions(actions):
    register_actions(actions, AUDIT_ACTIONS)
