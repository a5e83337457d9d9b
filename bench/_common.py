"""What the benchmarks share: a throw-away PostgreSQL database and a step timer.

Not a benchmark itself (``make bench`` skips files that start with an underscore)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
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

# --- Serving the portal for a benchmark ------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production instance on this machine (plain HTTP on 127.0.0.1)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base", DEBUG="0", SECRET_KEY="bench-only-9fQ2xL7pW4mZ8tR1vB6nC3kJ5hG0dSaY",
        DATABASE_URL=database_url, ALLOWED_HOSTS="127.0.0.1,localhost", PUBLIC_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT), STATIC_ROOT=tempfile.mkdtemp(prefix="bench-static-"),
    )
    env.update(extra)
    return env


def start_gunicorn(port: int, env: dict, *, workers: int, threads: int = 1, worker_class: str = "sync"):
    """gunicorn with the interpreter that runs the benchmark (``sys.executable -m gunicorn``)."""
    return subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--worker-class", worker_class,
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )


def stop(proc) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def wait_for(url: str, proc, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - our own local server
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def collect_static(env: dict) -> None:
    """Production settings serve static files from the collected, hashed copies (WhiteNoise)."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],  # noqa: S603
                   cwd=ROOT, env=env, check=True)


def timed(fn, runs: int):
    """The median time of ``runs`` calls of ``fn`` in milliseconds, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result
