"""Production settings: refuse to start without a secret, with a known or weak one, or without the
public address; `check --deploy` is clean."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

BASE = str(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-0123456789",
    "ALLOWED_HOSTS": "kinerja.subulussalamkota.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kinerja.subulussalamkota.go.id",
    "PUBLIC_URL": "https://kinerja.subulussalamkota.go.id",
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


def test_it_refuses_to_start_without_a_public_address_when_debug_is_off():
    env = dict(PRODUCTION)
    del env["PUBLIC_URL"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "PUBLIC_URL must be set when DEBUG is off" in result.stderr


def test_a_public_address_with_a_path_or_without_a_host_fails_loudly():
    for bad in ("kinerja.subulussalamkota.go.id", "https://kinerja.subulussalamkota.go.id/portal", "ftp://x.go.id"):
        result = run_manage("check", env=PRODUCTION | {"PUBLIC_URL": bad})
        assert result.returncode != 0 and "PUBLIC_URL must be a scheme and host" in result.stderr, bad


def test_wagtail_links_follow_the_public_address():
    code = "from django.conf import settings; print(settings.PUBLIC_URL, settings.WAGTAILADMIN_BASE_URL)"
    result = run_manage("shell", "-c", code, env=PRODUCTION | {"PUBLIC_URL": "https://kinerja.example.go.id/"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["https://kinerja.example.go.id"] * 2


def test_development_without_a_public_address_uses_the_local_server():
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    code = "from django.conf import settings; print(settings.PUBLIC_URL)"
    assert run_manage("shell", "-c", code, env=env).stdout.split()[-1] == "http://127.0.0.1:8000"
    assert run_manage("shell", "-c", code, env=env | {"PUBLIC_URL": "http://127.0.0.1:8104"}).stdout.split()[-1] == (
        "http://127.0.0.1:8104"
    )


def start(secret: str, debug: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DEBUG": debug, "SECRET_KEY": secret,
           "DATABASE_URL": "sqlite://:memory:", "PUBLIC_URL": "https://kinerja.subulussalamkota.go.id"}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=BASE, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("secret", ["change-me", "dev-only-insecure-key-do-not-use-in-production",
                                    "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789", "too-short-0123456789",
                                    "a" * 60])
def test_a_known_or_weak_secret_key_refuses_to_start_in_production(secret):
    result = start(secret)
    assert result.returncode != 0
    assert "SECRET_KEY is a known or weak value" in result.stderr


def test_a_long_random_key_starts_and_development_may_use_anything():
    assert start("Zq3v8K1pX-r7TgW2mN9sLb4yHc6dJf0eUa5oQiVk").returncode == 0
    assert start("change-me", debug="1").returncode == 0
