"""Every state change of the training app, one module per domain.

Services take keyword-only arguments, run inside ``transaction.atomic``, validate with
``full_clean()``, leave an audit record (``portal.core.audit.record``) and queue mail with
``transaction.on_commit`` (``services.notifications``). Domain errors are exceptions with a
``code`` (``pelatihan.exceptions``). Callers import the module they need
(``from pelatihan.services import enrolment as enrolment_services``); this package re-exports
nothing.
"""
