"""The name search's scorer skips the likeness comparisons that difflib's cheap bounds show cannot
change a score; these tests hold it equal to the plain scorer (every comparison made) on every
person name in the shipped knowledge base, on the names mangled, and on random text."""

from __future__ import annotations

import difflib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from succession.api import Succession
from succession.names import key, phonetic
from succession.search import _Query


def plain_score(query: str, name: str) -> int:
    """The scorer as first written: every comparison made, nothing skipped."""
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


def _names() -> list[str]:
    kb = Succession()
    return sorted({n for e in kb.resolver.entries("person").values() for n in e.names})


NAMES = _names()


def _mangle(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars) + 1)
        op = rng.choice("dis")
        if op == "d" and i < len(chars):
            del chars[i]
        elif op == "i":
            chars.insert(i, rng.choice("aeiouykhzj -"))
        elif i < len(chars):
            chars[i] = rng.choice("aeiouykhzj")
    return "".join(chars)


def test_equal_to_the_plain_scorer_on_mangled_kb_names():
    rng = random.Random(20261205)
    queries = [_mangle(rng, rng.choice(NAMES)) for _ in range(40)]
    queries += [n.split()[-1] for n in rng.sample(NAMES, 20) if n.split()]  # surnames alone
    scored = 0
    for q in queries:
        query = _Query(q)
        for n in NAMES:
            want = plain_score(q, n)
            assert query.score(n) == want, (q, n)
            scored += want > 0
    assert scored > 100  # the sweep reached the fuzzy scores, not only zeros


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abdeghijklmnorstuvyzäöüхжқ -", min_size=1, max_size=24),
       st.sampled_from(NAMES))
def test_equal_to_the_plain_scorer_on_random_text(query, name):
    assert _Query(query).score(name) == plain_score(query, name)
