"""Ranked name search across scripts and transliterations ("Рахмонов", "Rakhmonov", "Emomalii", "Rahmon")."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .names import key, phonetic


@dataclass
class Hit:
    iri: str
    label: str
    matched: str
    score: int


def _score(query: str, name: str) -> int:
    if key(query) == key(name):
        return 100
    pq, pn = phonetic(query), phonetic(name)
    if pq == pn:
        return 90
    qw, nw = set(pq.split()), pn.split()
    if qw and qw <= set(nw):
        return 80
    best = difflib.SequenceMatcher(None, pq, pn).ratio()
    for w in nw:
        for q in qw:
            best = max(best, difflib.SequenceMatcher(None, q, w).ratio() * (0.95 if len(qw) == 1 else 0.8))
    return int(best * 70) if best >= 0.75 else 0


def search(resolver, text: str, limit: int = 10) -> list[Hit]:
    """People whose names match ``text``, best first; ties go to the more senior office-holder."""
    hits: list[tuple[int, int, str, Hit]] = []
    for entry in resolver.entries("person").values():
        best = max(((_score(text, n), n) for n in entry.names), default=(0, ""))
        if best[0] > 0:
            hits.append((best[0], resolver.prominence(entry.iri), entry.label, Hit(entry.iri, entry.label, best[1],
                                                                                   best[0])))
    hits.sort(key=lambda h: (-h[0], -h[1], h[2]))
    return [h[3] for h in hits[:limit]]
