"""What the benchmarks share: a throw-away PostgreSQL database and a step timer.

Not a benchmark itself (``make bench`` skips files that start with an underscore)."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def fresh_database(name: str, *, keep: bool = False):
    """Create database ``name`` on ``BENCH_PG`` (default: the local PostgreSQL), point this
    process's Django settings at it, yield ``(url, env)`` for child processes, drop it after.
    ``BENCH_DB_PREFIX`` (e.g. ``portal_h7_``) prefixes the name, for a server shared by several
    checkouts."""
    import psycopg

    name = os.environ.get("BENCH_DB_PREFIX", "") + name

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
    """Migrate the bench database and seed the demo register (no accounts, no appraisals), each
    in a child process of this interpreter so its memory does not count."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    with step("migrate (child process)"):
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    with step(f"seed_demo --employees {employees}"):
        subprocess.run([*manage, "seed_demo", "--employees", str(employees), "--no-accounts", "--skip-appraisals"],  # noqa: S603
                       env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def city_args(doc: str) -> argparse.Namespace:
    """The options of a benchmark on a city's scores: --employees, --indicators, --keep."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()
