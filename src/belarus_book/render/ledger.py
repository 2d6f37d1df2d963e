"""The claims ledger as the reader sees it: checked against the data (``analysis.claims``), with
each claim's working and what the data give written in the book's number formats.

The analysis layer says which kind each number of a working is (``analysis.phrases``); this module
writes each slot with the formatting function of that kind, so a working reads exactly as the
same number does in the prose.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import claims
from ..analysis.phrases import KINDS, Phrase, Slot
from . import formatting

FORMATS = {kind: getattr(formatting, kind) for kind in KINDS}


def spell(value):
    """A phrase as text; anything else (a plain word, a missing value) unchanged."""
    if not isinstance(value, Phrase):
        return value
    return "".join(str(FORMATS[part.kind](*part.args)) if isinstance(part, Slot) else part for part in value.parts)


def checked_ledger(data) -> pd.DataFrame:
    """The evaluated ledger (``claims.check``: it stops on any recorded status the data contradict),
    with its workings and findings in words."""
    ledger = claims.check(data, spell=spell)
    for column in ("working", "found"):
        ledger[column] = [spell(value) for value in ledger[column].tolist()]
    return ledger
