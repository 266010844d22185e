"""The edit log, read from the knowledge base itself: every node an edit creates carries the edit's
record time (``sk:recordedAt``), so the nodes sharing one time are one edit (a batch is one edit with
many facts). Nothing else has to be kept in step: the log cannot disagree with the data. Record times
have one-second resolution; an edit's time is made later than every recorded one, so two edits never
share it, and the time without separators is the edit's id (what ``undo`` takes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .journal import edit_id
from .namespaces import SK, sparql_prefixes

_NODES = """
SELECT ?node ?type ?at ?label ?person ?office ?start ?about ?property ?old ?new ?outgoing ?incoming ?url WHERE {
  ?node sk:recordedAt ?at ; a ?type .
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node sk:holder/rdfs:label ?person } OPTIONAL { ?node sk:office/rdfs:label ?office }
  OPTIONAL { ?node sk:start ?start }
  OPTIONAL { ?node sk:about ?about } OPTIONAL { ?node sk:property ?property }
  OPTIONAL { ?node sk:oldValue ?old } OPTIONAL { ?node sk:newValue ?new }
  OPTIONAL { ?node sk:outgoing/sk:holder/rdfs:label ?outgoing } OPTIONAL { ?node sk:incoming ?incoming }
  OPTIONAL { ?node prov:wasDerivedFrom/schema:url ?url }
  FILTER(STR(?at) >= ?since)
}"""

_KIND = {"Tenure": "tenure", "SuccessionEvent": "event", "Person": "person", "Office": "office",
         "FamilyRelation": "relation", "SuccessionRule": "rule", "LegalEdition": "edition",
         "Verification": "verification", "Attestation": "attestation", "Correction": "correction", "Claim": "claim", "FormerName": "former name",
         "Undo": "undo"}


def describe(kind: str, r: dict[str, Any]) -> str | None:
    if kind == "tenure":
        return f"tenure: {r['person']} as {r['office']} from {r['start']}"
    if kind == "event":
        if r["incoming"] is None and r["outgoing"]:
            return f"ended: {r['outgoing']}'s tenure as {r['office']}"
        if r["outgoing"]:
            return f"closed: {r['outgoing']}'s tenure as {r['office']}"
        return None
    if kind == "correction":
        prop = (r["property"] or "").rsplit("#", 1)[-1]
        return f"corrected: <{r['about']}> {prop}: {r['old'] or '(none)'} -> {r['new'] or '(removed)'}"
    if kind == "undo":
        return str(r["label"])
    if kind in ("person", "office", "edition", "former name"):
        return f"{kind}: {r['label']}"
    if kind in ("rule", "relation", "claim", "verification", "attestation"):
        return f"{kind}: <{r['node']}>"
    return None


def edit_log(select: Callable, since: str = "0000", limit: int = 20) -> list[dict[str, Any]]:
    """The edits recorded since ``since`` (an ISO date or date-time), newest first."""
    import pyoxigraph as ox

    rows = select(sparql_prefixes() + _NODES, {"since": ox.Literal(since)}).records()
    edits: dict[str, dict[str, Any]] = {}
    for r in rows:
        kind = _KIND.get(r["type"].replace(SK, ""))
        if kind is None:
            continue
        e = edits.setdefault(r["at"], {"recorded": r["at"], "facts": {}, "sources": set(), "kinds": set()})
        text = describe(kind, r)
        if text:
            e["facts"].setdefault(r["node"], text)
        e["kinds"].add(kind)
        if r["url"]:
            e["sources"].add(r["url"])
    out = []
    for at in sorted(edits, reverse=True)[:limit]:
        e = edits[at]
        facts = sorted(set(e["facts"].values()))
        k = e["kinds"]
        edit = ("undo" if "undo" in k else "batch or curation" if len(facts) > 12 else
                "correct" if k == {"correction"} else
                "appoint" if {"tenure", "event"} <= k else "add-tenure" if "tenure" in k else
                "end-tenure" if k == {"event"} else ", ".join(sorted(k)))
        out.append({"id": edit_id(at), "recorded": at, "edit": edit, "facts": len(facts), "summary": facts[:8],
                    "more": max(0, len(facts) - 8), "sources": sorted(e["sources"]),
                    "source_count": len(e["sources"])})
    return out
