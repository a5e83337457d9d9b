"""One call builds the whole demo city, in the order its parts depend on each other.

Deterministic and idempotent: every step skips what exists, so a second run creates nothing.
Every date is counted from one ``today`` — the appraisal years (the past ones closed, this year's
open for self-evaluation), the story's year (two years ago), the sessions (one met yesterday and
waits to be finished, one meets today, others are open) — so a build for another day moves them
all together, and right after ``make run`` every role has its daily work waiting.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.utils import timezone

from penilaian.models import Employee

from . import appraisal, coaching, content, fairness, register, story, training


def build(
    *, employees: int, accounts: bool = True, appraisals: bool = True, today: dt.date | None = None,
    log: Callable[[str], object] = print,
) -> list[register.Login]:
    """Build (or complete) the demo city and return its logins; ``log`` gets one line per step.

    ``appraisals=False`` stops after the register, the accounts and the content pages (no
    appraisals, no training). Raises ``city.CityTooSmall`` when ``employees`` is too few.
    """
    started = time.monotonic()
    today = today or timezone.localdate()
    result = register.seed_register(employees=employees)
    log(
        f"Units created: {result['units_created']}; employees created: {result['employees_created']} "
        f"({Employee.objects.count()} in the register)."
    )
    accounts_created = register.seed_accounts(result["demo"]) if accounts else 0
    pages = content.seed_content(today=today)
    log(f"Content pages created: {pages['pages_created']}.")
    if appraisals:
        _appraisals_and_training(today=today, log=log)
    log(f"Demo accounts created: {accounts_created}. Took {time.monotonic() - started:.1f} s.")
    return register.logins(result["demo"])


def _appraisals_and_training(*, today: dt.date, log: Callable[[str], object]) -> None:
    step = time.monotonic()
    past, this_year = appraisal.demo_years(today)
    year_of_story = story.story_year(today)
    # The years up to the story's first: the gaps the training story starts from.
    scores = appraisal.seed_appraisals(years=[y for y in past if y <= year_of_story], today=today)
    # Training: programmes, sessions, attendance, certificates; then their pages.
    training_created = training.seed_training(today=today)
    pages = content.seed_workshop_pages()
    log(
        f"Training: {training_created['programmes']} programmes and {training_created['sessions']} sessions "
        f"created; {pages} workshop pages."
    )
    # The Dinas Pendidikan story: teachers with a literasi digital gap trained in the second
    # half of the story's year; who completed it carries the effect into the years after.
    improved = story.seed_story(today=today)
    content.link_programmes()  # the praktik baik page shows the story programme's figures
    later = [y for y in (*past, this_year) if y > year_of_story]
    scores |= appraisal.seed_appraisals(years=later, today=today, improved=improved)
    log(
        f"Appraisal periods created: {len(scores)} ({sum(scores.values())} scores) "
        f"in {time.monotonic() - step:.1f} s."
    )
    training.seed_waiting_approvals(today=today)  # needs the latest year's gaps
    plans = coaching.seed_coaching(today=today)
    log(fairness.summary(fairness.seed_fairness(today=today)))
    summary = story.story_summary()
    if summary.get("did") is not None:
        log(
            f"Story: {summary['programme']}: participants n={summary['participants']} "
            f"({summary['participants_change']:+.2f}), comparison n={summary['comparison']} "
            f"({summary['comparison_change']:+.2f}), difference in differences {summary['did']:+.2f}; "
            f"{plans} coaching plans created."
        )
