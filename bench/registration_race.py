"""Registration race over HTTP against the real server on PostgreSQL (issue 4, target 8).

    .venv/bin/python bench/registration_race.py [--users 200] [--capacity 20] [--keep]

Creates the database ``portal_bench_race`` (dropped first if it exists), migrates it, makes a
published session with CAPACITY seats and USERS employees with logged-in browser sessions,
starts gunicorn from the virtualenv on a free port on 127.0.0.1, fires one registration POST per
user from USERS threads released together, checks the database, stops gunicorn and drops the
database (unless --keep). The last line is

    confirmed=<n> waiting=<n> errors=<n> duplicates=<n> seconds=<t>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB", "portal_bench_race")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)  # noqa: S603,S607


def server_env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base", DEBUG="0", SECRET_KEY="bench-" + "x" * 50,
        DATABASE_URL=f"{PG}/{DB_NAME}", ALLOWED_HOSTS="127.0.0.1,localhost", PUBLIC_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0", DB_CONN_MAX_AGE="0",
        # 200 confirmation mails would only fill the log; the mail path is tested in the suite.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT), STATIC_ROOT=tempfile.mkdtemp(prefix="bench-static-"),
    )
    return env


def setup_data(users: int, capacity: int) -> tuple[int, list[str]]:
    """In this process, on the bench database: a session and USERS employees with sessions."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections
    from django.utils import timezone

    from pelatihan.services import sessions as services
    from penilaian.models import Employee, EmployeeType, PositionKind, Unit

    User = get_user_model()
    unit = Unit.objects.create(code="bench-unit", name="Unit Uji Beban")
    password = make_password(secrets.token_hex(8))
    accounts = User.objects.bulk_create(
        [User(username=f"bench{i:04d}", email=f"bench{i:04d}@bench.test", password=password) for i in range(users)]
    )
    Employee.objects.bulk_create([
        Employee(nip=f"19860926201505{1 + i // 999}{i % 999 + 1:03d}", employee_type=EmployeeType.PNS,
                 name=f"Peserta Uji {i:04d}", position_name="Pelaksana", position_kind=PositionKind.PELAKSANA,
                 unit=unit, user=account, email=account.email)
        for i, account in enumerate(accounts)
    ])
    programme = services.programme_create(code="bench-race", title="Uji Beban Pendaftaran", jp=8)
    day = timezone.localdate() + dt.timedelta(days=14)
    session = services.session_create(
        programme=programme, name="Angkatan Uji", days=[(day, dt.time(8), dt.time(16))], capacity=capacity,
        status="published",
    )
    keys = []
    backend = settings.AUTHENTICATION_BACKENDS[0]
    for account in accounts:
        store = SessionStore()
        store[SESSION_KEY] = str(account.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = account.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    connections.close_all()
    return session.pk, keys


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fire(base: str, session_pk: int, keys: list[str]) -> tuple[list[int | str], float]:
    opener = urllib.request.build_opener(NoRedirect)
    url = f"{base}/pelatihan/sesi/{session_pk}/daftar/"
    barrier = threading.Barrier(len(keys))
    results: list[int | str] = [0] * len(keys)

    def one(i: int, key: str) -> None:
        csrf = secrets.token_hex(16)  # a 32-character secret: cookie and header agree
        request = urllib.request.Request(  # noqa: S310
            url, data=b"next=/pelatihan/pendaftaran/", method="POST",
            headers={"Cookie": f"sessionid={key}; csrftoken={csrf}", "X-CSRFToken": csrf,
                     "Content-Type": "application/x-www-form-urlencoded"},
        )
        barrier.wait()
        try:
            with opener.open(request, timeout=120) as response:
                results[i] = response.status
        except urllib.error.HTTPError as exc:
            results[i] = exc.code
        except Exception as exc:  # noqa: BLE001 - counted as an error
            results[i] = type(exc).__name__

    threads = [threading.Thread(target=one, args=(i, k)) for i, k in enumerate(keys)]
    for t in threads:
        t.start()
    started = time.monotonic()
    for t in threads:
        t.join()
    return results, time.monotonic() - started


def check(session_pk: int) -> dict[str, int]:
    from django.db import connections
    from django.db.models import Count

    from pelatihan.models import Enrolment, Session
    from pelatihan.selectors import enrolment as selectors

    qs = Enrolment.objects.filter(session_id=session_pk)
    counts = {row["status"]: row["n"] for row in qs.values("status").annotate(n=Count("id"))}
    duplicates = qs.count() - qs.values("employee_id").distinct().count()
    waiting = list(selectors.waiting_list(Session.objects.get(pk=session_pk)))
    positions = [selectors.waiting_position(e) for e in waiting]
    ordered = positions == list(range(1, len(waiting) + 1)) and [e.pk for e in waiting] == sorted(e.pk for e in waiting)
    connections.close_all()
    return {"confirmed": counts.get("confirmed", 0), "waiting": counts.get("waiting", 0),
            "duplicates": duplicates, "ordered": int(ordered), "total": qs.count()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    port = free_port()
    env = server_env(port)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    proc = None
    try:
        subprocess.run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        session_pk, keys = setup_data(args.users, args.capacity)
        proc = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
            [str(GUNICORN), "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--threads", str(args.threads), "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz/", proc)
        results, seconds = fire(base, session_pk, keys)
        errors = sum(1 for r in results if r != 302)
        outcome = check(session_pk)
        print(f"gunicorn: {args.workers} workers x {args.threads} threads on 127.0.0.1:{port}; "
              f"database {DB_NAME}; {args.users} requests for {args.capacity} seats")
        print(f"responses: {dict((str(r), results.count(r)) for r in set(results))}; "
              f"enrolments={outcome['total']}; waiting list in consistent order: {bool(outcome['ordered'])}")
        print(f"confirmed={outcome['confirmed']} waiting={outcome['waiting']} errors={errors} "
              f"duplicates={outcome['duplicates']} seconds={seconds:.2f}")
        ok = (outcome["confirmed"] == args.capacity and outcome["waiting"] == args.users - args.capacity
              and errors == 0 and outcome["duplicates"] == 0)
        return 0 if ok else 1
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if not args.keep:
            try:
                psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            except subprocess.CalledProcessError:
                pass


if __name__ == "__main__":
    sys.exit(main())
