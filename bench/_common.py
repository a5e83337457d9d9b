"""What the benchmarks share: a throw-away PostgreSQL database and a step timer.

Not a benchmark itself (``make bench`` skips files that start with an underscore)."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def fresh_database(name: str, *, keep: bool = False):
    """Create database ``name`` on ``BENCH_PG`` (default: the local PostgreSQL), point this
    process's Django settings at it, yield ``(url, env)`` for child processes, drop it after."""
    import psycopg

    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DEBUG": "0"}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")})
    try:
        yield url, env
    finally:
        if not keep:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class step:  # noqa: N801 - reads as a sentence: `with step("confirm"):`
    """Time a block and print ``label  seconds``."""

    def __init__(self, label: str, width: int = 34):
        self.label, self.width = label, width

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        print(f"{self.label:<{self.width}} {self.seconds:8.2f} s", flush=True)


def migrate_and_seed(env: dict, employees: int) -> None:
    """Migrate the fresh database and seed the demo register (no appraisals, no accounts), each
    in a child process."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    with step("migrate (child process)", 44):
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    with step(f"seed_demo --employees {employees} (child)", 44):
        subprocess.run([*manage, "seed_demo", "--employees", str(employees), "--skip-appraisals", "--no-accounts"],  # noqa: S603
                       env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def timed(fn, runs: int):
    """The median time of ``runs`` calls of ``fn`` in milliseconds, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result
