"""Small readers for settings from the environment that fail loudly on a bad value.

Modelled on the healthchecks project's settings module: every variable is read in one place, with its
default, and a value that cannot be understood stops the process at start-up instead of
silently meaning something else.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_public_url(name: str, *, debug: bool, default: str) -> str:
    """The site's public address (scheme and host, optionally a port): required when ``debug`` is
    off; ``default`` otherwise. A path, query or fragment is refused, and so is a missing host."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if not debug:
            raise ImproperlyConfigured(
                f"{name} must be set when DEBUG is off: the site's public address, e.g. "
                f"https://kinerja.subulussalamkota.go.id. Links in e-mails, calendar files, QR codes "
                f"and certificates start with it."
            )
        return default
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must be a scheme and host such as https://kinerja.example.go.id, got {raw!r}")
    return f"{parts.scheme}://{parts.netloc}"
