"""The background tasks of the SIASN adapter (Django's task API through ``django_tasks``). They
take only JSON-serialisable arguments and work with any backend: the immediate one runs them at
once; a database backend's worker runs them later, and honours ``run_after`` for retries."""

from __future__ import annotations

from django_tasks import task


@task()
def send_record(send_id: int) -> str:
    """One attempt at sending one outbox row to SIASN (``services.siasn.send_one``)."""
    from ..services import siasn as siasn_services  # cycle: the service enqueues this task

    return siasn_services.send_one(send_id=send_id)


@task()
def send_due() -> int:
    """Every pending send whose retry time has come (schedule it every few minutes)."""
    from ..services import siasn as siasn_services  # cycle: the service enqueues the task above

    return siasn_services.send_due()
