"""Which Turtle file of ``kb/`` a triple lives in: decided by the class of its subject.

One file per kind of node keeps an appointment's diff small and predictable: it touches
tenures.ttl, events.ttl and (for a new source) sources.ttl, and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from .namespaces import RDF, SK

FILE_BY_CLASS = {
    SK + "Person": "persons.ttl",
    SK + "Office": "offices.ttl",
    SK + "Body": "offices.ttl",
    SK + "Country": "offices.ttl",
    SK + "City": "offices.ttl",
    SK + "Place": "offices.ttl",
    SK + "Tenure": "tenures.ttl",
    SK + "AlternativeDate": "tenures.ttl",
    SK + "SuccessionEvent": "events.ttl",
    SK + "FamilyRelation": "relations.ttl",
    SK + "SuccessionRule": "rules.ttl",
    SK + "LegalEdition": "rules.ttl",
    SK + "Verification": "verifications.ttl",
    SK + "Attestation": "verifications.ttl",
    SK + "FormerName": "offices.ttl",
    SK + "RuleDeparture": "rules.ttl",
    SK + "OfficeGap": "rules.ttl",
    SK + "Source": "sources.ttl",
    SK + "Correction": "corrections.ttl",
    SK + "Undo": "corrections.ttl",
    SK + "Claim": "claims.ttl",
    SK + "Election": "elections.ttl",
    SK + "TermRule": "rules.ttl",
}
OTHER_FILE = "other.ttl"
_TYPE = ox.NamedNode(RDF + "type")


def partition(triples: Iterable[ox.Triple]) -> dict[str, set[ox.Triple]]:
    """Group triples into files by their subject's class (first known class wins, sorted)."""
    triples = list(triples)
    classes: dict[str, list[str]] = defaultdict(list)
    for t in triples:
        if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            classes[t.subject.value].append(t.object.value)
    out: dict[str, set[ox.Triple]] = defaultdict(set)
    for t in triples:
        names = sorted(FILE_BY_CLASS[c] for c in classes.get(t.subject.value, []) if c in FILE_BY_CLASS)
        out[names[0] if names else OTHER_FILE].add(t)
    return dict(out)


def file_for(classes: Iterable[str]) -> str:
    """The file of a subject with these classes (the rule ``partition`` applies to every subject)."""
    names = sorted(FILE_BY_CLASS[c] for c in classes if c in FILE_BY_CLASS)
    return names[0] if names else OTHER_FILE
