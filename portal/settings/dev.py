"""Development: DEBUG on unless the environment says otherwise, console e-mail, SQLite file."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403

# Serve static files straight from the finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
