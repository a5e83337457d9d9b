"""Production settings: refuse to start without a secret; `check --deploy` is clean."""

import os
import subprocess
import sys

from django.conf import settings

BASE = str(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-0123456789",
    "ALLOWED_HOSTS": "kinerja.subulussalamkota.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kinerja.subulussalamkota.go.id",
    "USE_X_FORWARDED_PROTO": "1",
}


def run_manage(*args, env):
    # Only what a server's environment would have: the test run's own settings variables
    # (set by portal.settings.test) must not leak into the child.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    clean.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=clean, capture_output=True, text=True)  # noqa: S603


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = dict(PRODUCTION)
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_boolean_fails_loudly():
    result = run_manage("check", env=PRODUCTION | {"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr
