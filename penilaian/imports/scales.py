"""Score scales: a score cell on the current 1–5 scale or the old 0–100 one (PP 46/2011) → 1–5.
The rule lives here, once; ``parse`` reads score cells through it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from penilaian import rules
from portal.core.tables import formula_message

SCALE_5 = 5
SCALE_100 = 100
SCALES = (SCALE_5, SCALE_100)


def score_value(raw: str, scale: int) -> int | None:
    """A score cell → 1–5, or None when empty (empty leaves the stored score as it is).

    The rule for older scales: a file says which scale a row uses, in a ``scale`` (``skala``)
    column — ``5`` (the default, also when the column is absent or the cell is empty) or ``100``
    — or for the whole file (``--scale 100`` / the upload form's scale choice). On scale 5 a
    score is a whole number 1–5. On scale 100 it is a number 0–100 (decimals with a dot or a
    comma) converted by the PP 46/2011 bands in ``rules.convert_legacy_score`` (91+ → 5,
    76–90 → 4, 61–75 → 3, 51–60 → 2, ≤50 → 1). The scale is never guessed from the values:
    a 4 on scale 100 (Buruk) and a 4 on scale 5 (above expectation) mean opposite things.
    A formula (``=2+2``, from an XLSX cell or typed into a CSV) is refused, never read as a value.
    Raises ``ValueError`` with the user's message.
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw[0] == "=":  # an XLSX formula, or a CSV cell written as one: never a silent value
        raise ValueError(formula_message(raw))
    try:
        number = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]})
    if scale == SCALE_100:
        if number < 0 or number > 100:
            raise ValueError(_("%(value)s is outside the 0–100 scale.") % {"value": raw})
        return rules.convert_legacy_score(number)
    if number != number.to_integral_value() or number < 1 or number > 5:
        if 5 < number <= 100:
            raise ValueError(
                _("%(value)s is outside 1–5; for the old 0–100 scale put 100 in the scale column.") % {"value": raw}
            )
        raise ValueError(_("%(value)s is not a whole number from 1 to 5.") % {"value": raw})
    return int(number)


def row_scale(raw: str, default: int) -> int:
    """A row's ``scale`` cell → 5 or 100; ``default`` (the file's scale) when empty."""
    raw = (raw or "").strip()
    if not raw:
        return default
    if raw in ("5", "100"):
        return int(raw)
    raise ValueError(_("Scale “%(value)s” must be 5 or 100.") % {"value": raw[:20]})
