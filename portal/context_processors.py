from django.utils.functional import SimpleLazyObject

from penilaian import permissions

from .core import roles as core_roles


def _roles(request):
    user = request.user
    employee = permissions.employee_of(user)
    return {
        "employee": employee,
        "is_employee": employee is not None,
        "is_supervisor": permissions.is_supervisor(user),
        "is_trainer": core_roles.is_trainer(user),
        "is_hr": core_roles.is_hr(user),
        "is_editor": core_roles.is_editor(user),
    }


def roles(request):
    """``roles`` in every template: what the navigation and dashboard show. Lazy, so pages that
    do not use it (the Wagtail admin) pay nothing."""
    if not hasattr(request, "user"):
        return {}
    return {"roles": SimpleLazyObject(lambda: _roles(request))}
