"""The portal's roles that depend only on the user account: its groups and superuser flag.

Roles that depend on the register — "is this user an employee", "is this user a supervisor
(atasan)", "may this user see this employee" — are queries over the employee register and live
with it in ``penilaian.permissions``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

HR_GROUP = "BKPSDM"
TRAINER_GROUP = "Fasilitator"
EDITOR_GROUP = "Editors"  # Wagtail's own editors group
MODERATOR_GROUP = "Moderators"


def group_names(user) -> frozenset[str]:
    """The user's group names, read once per request (cached on the user object)."""
    cached = getattr(user, "_portal_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) if user.is_authenticated else frozenset()
        user._portal_group_names = cached
    return cached


def is_hr(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or HR_GROUP in group_names(user)))


def require_hr(user) -> None:
    """For views: 403 unless the user is HR (BKPSDM) or a superuser."""
    if not is_hr(user):
        raise PermissionDenied


def is_trainer(user) -> bool:
    return bool(user and user.is_authenticated and TRAINER_GROUP in group_names(user))


def is_editor(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or {EDITOR_GROUP, MODERATOR_GROUP} & group_names(user))
    )
