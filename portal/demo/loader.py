"""The one reader of the demo's data files (``portal/demo/data``).

The demo's words and numbers — units, names, programmes, venues, the story's parameters, the
Wagtail pages and their guidance texts — are YAML files, so they can be read and edited without
reading Python. The modules beside this one hold only the rules that turn them into rows through
the apps' services. Files are parsed once per process; every call returns a fresh copy, so a
caller may change what it gets without changing what the next caller sees.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def _parse(name: str) -> Any:
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load(name: str) -> Any:
    """The data file ``data/<name>.yaml`` (``name`` may name a sub-folder: ``pages/site``)."""
    return copy.deepcopy(_parse(name))


def days_from(today: dt.date, days: int | None) -> dt.date | None:
    """A date given in a data file as a number of days from the day the demo is built."""
    return None if days is None else today + dt.timedelta(days=days)
