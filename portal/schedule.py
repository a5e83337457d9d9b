"""The periodic jobs the workers run (``portal.core.scheduler``): one line per job.

Times are local (Asia/Jakarta). Every job is a task that is idempotent on its own, and each
due time is claimed by exactly one worker however many run. Add a job: write a ``@task()``
that calls one service, then add its line here.
"""

import datetime as dt

from portal.core.scheduler import Job

JOBS = [
    Job("outbox-sweep", "portal.core.tasks.outbox_sweep", every=dt.timedelta(minutes=1)),
    Job("staged-import-cleanup", "penilaian.tasks.purge_staged_imports", every=dt.timedelta(hours=1)),
    Job("prepared-exports-cleanup", "penilaian.tasks.purge_prepared_exports", every=dt.timedelta(hours=1)),
    Job("training-reminders", "pelatihan.tasks.send_reminders", at=dt.time(7, 0)),
    Job("reevaluation-tasks", "pelatihan.tasks.create_reevaluation_tasks", at=dt.time(7, 15)),
    Job("reevaluation-reminders", "pelatihan.tasks.remind_overdue_reevaluations", at=dt.time(7, 30)),
    Job("housekeeping", "portal.core.tasks.housekeeping", at=dt.time(2, 30)),
]
