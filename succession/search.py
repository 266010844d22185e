"""Ranked name search across scripts and transliterations ("Рахмонов", "Rakhmonov", "Emomalii", "Rahmon")."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .names import key, phonetic

_FLOOR = 0.75  # a fuzzy likeness under this is no match


@dataclass
class Hit:
    iri: str
    label: str
    matched: str
    score: int


class _Query:
    """The query's keys, worked out once rather than once for every name compared with it."""

    def __init__(self, text: str) -> None:
        self.key = key(text)
        self.phonetic = phonetic(text)
        self.words = set(self.phonetic.split())
        self.weight = 0.95 if len(self.words) == 1 else 0.8

    def score(self, name: str) -> int:
        """100 same key, 90 same phonetic key, 80 every query word among the name's, else up to 70 by
        likeness: difflib's ratio of the whole phonetic keys, or of a query word with a name word
        weighted down; a likeness under 0.75 scores 0."""
        if self.key == key(name):
            return 100
        pn = phonetic(name)
        if self.phonetic == pn:
            return 90
        nw = pn.split()
        if self.words and self.words <= set(nw):
            return 80
        m = difflib.SequenceMatcher(None)
        best = _likeness(m, self.phonetic, pn, 1.0, 0.0)
        for w in nw:
            m.set_seq2(w)  # difflib does its work on the second sequence once, for every query word
            for q in self.words:
                best = max(best, _likeness(m, q, None, self.weight, best))
        return int(best * 70) if best >= _FLOOR else 0


def _likeness(m: difflib.SequenceMatcher, a: str, b: str | None, weight: float, best: float) -> float:
    """``weight`` times difflib's ratio of ``a`` with ``b`` (None: the matcher's second sequence as set),
    or 0.0 where difflib's cheap upper bounds (real_quick_ratio >= quick_ratio >= ratio) show that the
    weighted ratio can neither beat ``best`` nor reach the floor: such a likeness never changes a score."""
    m.set_seq1(a)
    if b is not None:
        m.set_seq2(b)
    for bound in (m.real_quick_ratio, m.quick_ratio):
        v = bound() * weight
        if v < _FLOOR or v <= best:
            return 0.0
    return m.ratio() * weight


def search(resolver, text: str, limit: int = 10) -> list[Hit]:
    """People whose names match ``text``, best first; ties go to the more senior office-holder."""
    query = _Query(text)
    hits: list[tuple[int, int, str, Hit]] = []
    for entry in resolver.entries("person").values():
        best = max(((query.score(n), n) for n in entry.names), default=(0, ""))
        if best[0] > 0:
            hits.append((best[0], resolver.prominence(entry.iri), entry.label, Hit(entry.iri, entry.label, best[1],
                                                                                   best[0])))
    hits.sort(key=lambda h: (-h[0], -h[1], h[2]))
    return [h[3] for h in hits[:limit]]
