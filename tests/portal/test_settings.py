"""Production settings refuse to start with a known or weak SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(secret: str, debug: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DEBUG": debug, "SECRET_KEY": secret,
           "DATABASE_URL": "sqlite://:memory:"}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
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
