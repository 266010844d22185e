"""Dates with honest precision.

A date is stored as a literal whose datatype is its precision: xsd:date (day), xsd:gYearMonth
(month) or xsd:gYear (year). For comparisons every value is an interval [lo, hi] of ISO strings:
a day is [d, d]; "2017" is ["2017", "2017~"], which sorts before every "2017-.." day string and
after them respectively (plain string order, so the same trick works inside SPARQL with STR()).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .errors import InputError
from .namespaces import XSD

# ASCII digits only: \d would accept Arabic-Indic or full-width digits, which are no date here.
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

DAY = XSD + "date"
MONTH = XSD + "gYearMonth"
YEAR = XSD + "gYear"
PRECISION = {DAY: "day", MONTH: "month", YEAR: "year"}

MIN_YEAR = 1800
MAX_YEAR = 2200


@dataclass(frozen=True, order=True)
class PDate:
    """A date of known precision: ``text`` is "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""

    text: str

    @property
    def datatype(self) -> str:
        return {4: YEAR, 7: MONTH, 10: DAY}[len(self.text)]

    @property
    def precision(self) -> str:
        return PRECISION[self.datatype]

    @property
    def lo(self) -> str:
        return self.text

    @property
    def hi(self) -> str:
        return self.text if len(self.text) == 10 else self.text + "~"

    def __str__(self) -> str:
        return self.text

    def first_day(self) -> _dt.date:
        """The earliest day the date can mean."""
        return _dt.date.fromisoformat(self.text + {4: "-01-01", 7: "-01"}.get(len(self.text), ""))

    def last_day(self) -> _dt.date:
        """The latest day the date can mean (31 December of a year, the month's last day)."""
        t = self.text
        if len(t) == 4:
            return _dt.date(int(t), 12, 31)
        if len(t) == 7:
            y, mo = int(t[:4]), int(t[5:])
            return _dt.date(y + mo // 12, mo % 12 + 1, 1) - _dt.timedelta(days=1)
        return _dt.date.fromisoformat(t)

    def midpoint(self) -> _dt.date:
        """A representative day: the day itself, or the middle of the month or year (1 July), used to
        draw and to measure lengths of stay without pretending to a precision the date lacks."""
        t = self.text
        if len(t) == 4:
            return _dt.date(int(t), 7, 1)
        if len(t) == 7:
            return _dt.date(int(t[:4]), int(t[5:]), 15)
        return _dt.date.fromisoformat(t)


_MONTHS = {name: i for i, names in enumerate((
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"))) for name in names}
_WRITTEN = (  # the unambiguous ways a date is written besides ISO: no 01/02/2003 (day or month first?)
    (re.compile(r"([0-9]{4})/([0-9]{1,2})(?:/([0-9]{1,2}))?"), ("y", "m", "d")),                  # 2026/12/06
    (re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"), ("d", "m", "y")),                    # 06.12.2026
    (re.compile(r"([0-9]{1,2})\s+([a-z]+)\.?,?\s+([0-9]{4})"), ("d", "mon", "y")),            # 6 December 2026
    (re.compile(r"([a-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})"), ("mon", "d", "y")),           # December 6, 2026
    (re.compile(r"([a-z]+)\.?,?\s+([0-9]{4})"), ("mon", "y")),                               # December 2026
)


def _iso(text: str) -> str:
    """``text`` in ISO form when it is a date written in one of the unambiguous usual ways, else as given."""
    low = text.lower()
    for rx, parts in _WRITTEN:
        m = rx.fullmatch(low)
        if not m:
            continue
        got = dict(zip(parts, m.groups(), strict=True))
        if "mon" in got:
            if got["mon"] not in _MONTHS:
                return text
            got["m"] = str(_MONTHS[got["mon"]])
        out = got["y"] + (f"-{int(got['m']):02d}" if got.get("m") else "")
        return out + (f"-{int(got['d']):02d}" if got.get("d") else "")
    return text


def parse_date(value: str, what: str = "date", *, day_only: bool = False) -> PDate:
    """Parse a user-supplied date; raise InputError with a one-line reason if it is not real. Besides ISO
    (YYYY-MM-DD, YYYY-MM, YYYY), the unambiguous usual forms are read: 2026/12/06, 06.12.2026,
    6 December 2026, December 6, 2026, Dec 2026; 01/02/2003 is refused (day or month first?)."""
    text = (value or "").strip()
    if text.lower() == "today":
        text = _dt.date.today().isoformat()
    text = _iso(text)
    m = _DATE_RE.fullmatch(text)
    if not m:
        shape = "YYYY-MM-DD" if day_only else "YYYY-MM-DD, YYYY-MM or YYYY"
        why = ("; such dates are day-first in some places and month-first in others" if re.fullmatch(r"[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{2,4}", text) else "")
        raise InputError(f"invalid {what} {value!r}: expected {shape} (or 6 December 2026, 06.12.2026){why}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day_only and day is None:
        raise InputError(f"invalid {what} {value!r}: expected a full date YYYY-MM-DD")
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise InputError(f"invalid {what} {value!r}: year out of range {MIN_YEAR}-{MAX_YEAR}")
    if month is not None and not 1 <= int(month) <= 12:
        raise InputError(f"invalid {what} {value!r}: no month {month}")
    if day is not None:
        try:
            _dt.date(int(year), int(month), int(day))
        except ValueError:
            raise InputError(f"invalid {what} {value!r}: no such day") from None
    return PDate(text)


def from_literal(lexical: str) -> PDate:
    """A PDate from a stored literal's lexical form (trusted, already validated)."""
    return PDate(lexical)


def today() -> PDate:
    return PDate(_dt.date.today().isoformat())


def chronological(start: PDate | str, end: PDate | str | None = None) -> tuple:
    """The order of tenures in a succession: by the latest day each may have started, then the latest it
    may have ended. A start known only to the year sorts after the dated starts inside that year ("1990"
    after "1990-04-10": the holder whose start is dated came first as far as the record shows), and of two
    holders who both started in "1992", the one who left in 1992 comes before the one who left in 1994;
    text order put both the other way round."""
    s = start if isinstance(start, PDate) else PDate(str(start))
    e = end if isinstance(end, PDate) or end is None else PDate(str(end))
    return (s.last_day(), e.last_day() if e is not None else _dt.date.max, s.first_day())
