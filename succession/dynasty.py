"""Does power stay in the family? Hereditary successions, relatives in first-in-line offices, and the
relatives of each head of state who held office while that head of state ruled, with kinship paths.

"Hereditary succession" follows Brownlee ("Hereditary Succession in Modern Autocracies", World
Politics 59:4, 2007): a head of state succeeded by a blood relative or spouse. Kinship paths are
found by a breadth-first walk over the recorded family relations (up to two steps, so a son-in-law
or a brother-in-law is found through the daughter or the wife).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from .dates import PDate
from .namespaces import sparql_prefixes

# how a relation reads from each end
_FORWARD = {"child of": "child", "spouse of": "spouse", "sibling of": "sibling", "in-law of": "in-law",
            "grandchild of": "grandchild", "nephew or niece of": "nephew or niece"}
_BACKWARD = {"child of": "parent", "spouse of": "spouse", "sibling of": "sibling", "in-law of": "in-law",
             "grandchild of": "grandparent", "nephew or niece of": "uncle or aunt"}
# what a two-step path amounts to, for the usual cases
_COMPOSE = {("child", "spouse"): "child-in-law", ("spouse", "sibling"): "sibling-in-law",
            ("sibling", "spouse"): "sibling-in-law", ("spouse", "parent"): "parent-in-law",
            ("child", "child"): "grandchild", ("sibling", "child"): "nephew or niece",
            ("parent", "sibling"): "uncle or aunt", ("child", "in-law"): "relative by marriage",
            ("parent", "child"): "sibling", ("parent", "in-law"): "relative by marriage"}
BLOOD_OR_SPOUSE = {"child", "parent", "spouse", "sibling", "grandchild", "grandparent", "nephew or niece",
                   "uncle or aunt"}

_RELATIONS = """
SELECT ?a ?aLabel ?rel ?b ?bLabel WHERE {
  ?r a sk:FamilyRelation ; sk:person ?a ; sk:kinship/skos:prefLabel ?rel ; sk:relative ?b .
  ?a rdfs:label ?aLabel . ?b rdfs:label ?bLabel .
}"""
_TENURES = """
SELECT ?t ?person ?personLabel ?office ?officeLabel ?kind ?country ?start ?end ?seats ?predecessor ?predHolder WHERE {
  ?t a sk:Tenure ; sk:holder ?person ; sk:office ?office ; sk:start ?start .
  ?person rdfs:label ?personLabel .
  ?office rdfs:label ?officeLabel ; sk:officeKind/skos:prefLabel ?kind ; sk:jurisdiction/sk:country/rdfs:label ?country .
  OPTIONAL { ?t sk:end ?end } OPTIONAL { ?office sk:seats ?seats }
  OPTIONAL { ?t sk:predecessor ?predecessor . ?predecessor sk:holder ?predHolder }
}"""
_RULES = """
SELECT ?vacant ?acting ?order ?from ?until WHERE {
  ?r a sk:SuccessionRule ; sk:vacantOffice ?vacant ; sk:actingOffice ?acting ; sk:order ?order .
  OPTIONAL { ?r sk:inForceFrom ?from } OPTIONAL { ?r sk:inForceUntil ?until }
}"""


@dataclass
class Kin:
    path: str        # e.g. "child", "child-in-law"
    via: str | None  # the person in between, for two-step paths


def _overlap(s1: PDate, e1: PDate | None, s2: PDate, e2: PDate | None) -> tuple[str, str] | None:
    lo = max(s1.lo, s2.lo)
    hi = min(e1.hi if e1 else "9999", e2.hi if e2 else "9999")
    return (lo.rstrip("~"), "" if hi == "9999" else hi.rstrip("~")) if lo < hi else None


class FamilyGraph:
    def __init__(self, select) -> None:
        pre = sparql_prefixes()
        self.labels: dict[str, str] = {}
        self.edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in select(pre + _RELATIONS).rows:
            a, b, rel = r["a"].value, r["b"].value, r["rel"].value
            self.labels[a], self.labels[b] = r["aLabel"].value, r["bLabel"].value
            # a is <rel> of b: seen from b, a is its child/spouse/...; seen from a, b is its parent/...
            self.edges[b].append((a, _FORWARD.get(rel, rel)))
            self.edges[a].append((b, _BACKWARD.get(rel, rel)))

    def kin(self, ego: str, depth: int = 2) -> dict[str, Kin]:
        """Relatives of ``ego`` within ``depth`` steps, each with the shortest kinship path."""
        out: dict[str, Kin] = {}
        queue = deque([(ego, [], None)])
        seen = {ego}
        while queue:
            node, path, via = queue.popleft()
            if len(path) >= depth:
                continue
            for nxt, step in self.edges.get(node, []):
                if nxt in seen:
                    continue
                seen.add(nxt)
                new_path = path + [step]
                name = new_path[0] if len(new_path) == 1 else _COMPOSE.get(tuple(new_path), " of ".join(reversed(new_path)))
                out[nxt] = Kin(name, via if len(new_path) > 1 else None)
                queue.append((nxt, new_path, self.labels.get(nxt, nxt) if not path else via))
        return out


def _patrons(heads: list[dict]):
    """Whose relatives count during a head of state's tenure: the head of state's own, and the
    predecessor's (a former ruler's daughter in the first-in-line chair, as in Kazakhstan 2019-2020)."""
    by_office: dict[str, list[dict]] = defaultdict(list)
    for hs in heads:
        by_office[hs["office"]].append(hs)
    for tenures in by_office.values():
        tenures.sort(key=lambda t: t["start"].lo)
        for i, hs in enumerate(tenures):
            yield hs, hs["person"], ""
            earlier = [t["person"] for t in tenures[:i] if t["person"] != hs["person"]]
            if earlier:  # the last different ruler, even across the same person's acting and elected terms
                yield hs, earlier[-1], " (predecessor)"


def _covers(start: str, end: str | None, day: str) -> bool:
    """Does [start, end) (ISO prefixes, end open when None) contain ``day``?"""
    return start[:len(day)] <= day and (not end or day < end + ("~" if len(end) < 10 else ""))


def dynasty(select, country: str | None = None, on: str | None = None) -> dict[str, list[dict]]:
    """Three lists: hereditary successions, relatives in first-in-line offices, relatives in office.

    A multi-seat office (a parliament's members, several deputy premiers) is never a succession: one
    member following another there is not an heir taking a seat. With ``on`` (YYYY-MM-DD) only what
    held that day: relatives in office (or in line) on that day, and the family successions whose
    successor still held the office then."""
    pre = sparql_prefixes()
    family = FamilyGraph(select)
    tenures = []
    for r in select(pre + _TENURES).rows:
        tenures.append({
            "iri": r["t"].value, "person": r["person"].value, "label": r["personLabel"].value,
            "office": r["office"].value, "office_label": r["officeLabel"].value, "kind": r["kind"].value,
            "country": r["country"].value, "start": PDate(r["start"].value),
            "end": PDate(r["end"].value) if r["end"] is not None else None,
            "pred_holder": r["predHolder"].value if r["predHolder"] is not None else None,
            "seats": int(r["seats"].value) if r["seats"] is not None else 1,
        })
    if country:
        tenures = [t for t in tenures if t["country"] == country]
    by_person = defaultdict(list)
    for t in tenures:
        by_person[t["person"]].append(t)
    heads = [t for t in tenures if t["kind"] == "head of state"]

    hereditary = []
    for t in tenures:
        if t["pred_holder"] and t["pred_holder"] != t["person"] and t["seats"] == 1:
            if on and not _covers(t["start"].lo, t["end"].text if t["end"] else None, on):
                continue
            k = family.kin(t["pred_holder"]).get(t["person"])
            if k:
                hereditary.append({
                    "office": t["office_label"], "date": t["start"].text, "predecessor": family.labels.get(
                        t["pred_holder"], t["pred_holder"]), "successor": t["label"], "kinship": k.path,
                    "hereditary_head_of_state": t["kind"] == "head of state" and k.path in BLOOD_OR_SPOUSE,
                })

    first_in_line = []
    rules = select(pre + _RULES).rows
    for hs, patron, role in _patrons(heads):
        kin = family.kin(patron)
        for r in rules:
            if r["vacant"].value != hs["office"] or int(r["order"].value) != 1:
                continue
            r_from = PDate(r["from"].value) if r["from"] is not None else PDate("1800")
            r_until = PDate(r["until"].value) if r["until"] is not None else None
            for t in tenures:
                if t["office"] != r["acting"].value or t["person"] not in kin:
                    continue
                span = _overlap(hs["start"], hs["end"], t["start"], t["end"])
                span = span and _overlap(PDate(span[0]), PDate(span[1]) if span[1] else None, r_from, r_until)
                if span and (not on or _covers(span[0], span[1] or None, on)):
                    first_in_line.append({
                        "head_of_state": hs["label"], "relative_of": family.labels.get(patron, patron) + role,
                        "relative": t["label"], "kinship": kin[t["person"]].path,
                        "office": t["office_label"], "from": span[0], "to": span[1] or None})

    in_office = []
    for hs in heads:
        for person, k in family.kin(hs["person"]).items():
            for t in by_person.get(person, []):
                if t["office"] == hs["office"]:
                    continue
                span = _overlap(hs["start"], hs["end"], t["start"], t["end"])
                if span and (not on or _covers(span[0], span[1] or None, on)):
                    in_office.append({
                        "head_of_state": hs["label"], "relative": t["label"], "kinship": k.path,
                        "via": k.via, "office": t["office_label"], "start": t["start"].text,
                        "end": t["end"].text if t["end"] else None})
    key = lambda x: tuple(str(v) for v in x.values())  # noqa: E731
    # the full row breaks ties, so every engine gives the same order
    first = sorted({key(x): x for x in first_in_line}.values(), key=lambda x: (x["from"], key(x)))
    return {"hereditary": sorted({key(x): x for x in hereditary}.values(), key=lambda x: (x["date"], key(x))),
            "first_in_line": _joined(first),
            "in_office": sorted({key(x): x for x in in_office}.values(),
                                key=lambda x: (x["head_of_state"], x["start"], key(x)))}


def _joined(rows: list[dict]) -> list[dict]:
    """One row per unbroken stretch: a head of state's acting term and elected term back to back (Tokayev, acting
    from 2019-03-20 and elected from 2019-06-12) are one stretch of the relative in the first-in-line chair."""
    out: list[dict] = []
    for x in rows:
        same = ("head_of_state", "relative_of", "relative", "kinship", "office")
        prev = next((o for o in out if all(o[k] == x[k] for k in same) and o["to"] == x["from"]), None)
        if prev is not None:
            prev["to"] = x["to"]
        else:
            out.append(dict(x))
    return out
