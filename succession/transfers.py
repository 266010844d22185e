"""Transfers of power at the top: every vacancy of a head of state compared with what the rules said.

A *vacancy* is a tenure of a head-of-state office that ended by death, resignation, removal or ouster
(not by the end of a term or an ordinary hand-over). For each one, the rules in force on the day the
office fell vacant name acting offices in order; the *expected* person is the holder of the first of
those offices that had one at the time. The rule counts as *followed* when the person who took over
held any of the offices the rules named (an order-1 holder who declines leaves the office to order 2,
as in Kyrgyzstan in October 2020). The mode follows Archigos: an entry by coup, ouster or popular
uprising, or an exit by ouster, is irregular; everything else is regular.

Recorded ``sk:RuleDeparture`` nodes (what the sources say about a departure) are attached to the
vacancy they describe, so each departure is listed once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from .namespaces import sparql_prefixes

VACANCY_EXITS = ("death", "resignation", "removal", "ouster")
IRREGULAR_ENTRIES = ("coup", "ouster", "popular uprising")

_VACANCIES = """
SELECT ?office ?officeLabel ?countryLabel ?out ?prev ?prevLabel ?end ?why ?in ?next ?nextLabel ?start ?mode ?acting
WHERE {
  ?office a sk:Office ; sk:officeKind kind:head-of-state ; rdfs:label ?officeLabel ;
          sk:jurisdiction/sk:country/rdfs:label ?countryLabel .
  ?out a sk:Tenure ; sk:office ?office ; sk:holder ?prev ; sk:end ?end ; sk:exitReason/skos:prefLabel ?whyLabel .
  # the label before the BIND: a BIND splits the pattern, and Oxigraph then joins every label (2 s against 4 ms)
  ?prev rdfs:label ?prevLabel .
  BIND(STR(?whyLabel) AS ?why)
  FILTER(?why IN ("death", "resignation", "removal", "ouster"))
  OPTIONAL {
    ?in sk:predecessor ?out ; sk:holder ?next ; sk:start ?start ; sk:acting ?acting .
    ?next rdfs:label ?nextLabel .
    OPTIONAL { ?in sk:entryMode/skos:prefLabel ?modeLabel }
    BIND(STR(?modeLabel) AS ?mode)
  }
}"""

_RULE_HOLDERS = """
SELECT ?office ?day ?rule ?order ?actingOffice ?actingLabel ?holder ?holderLabel ?hs ?he ?u WHERE {
  ?rule a sk:SuccessionRule ; sk:vacantOffice ?office ; sk:order ?order ; sk:actingOffice ?actingOffice .
  ?actingOffice rdfs:label ?actingLabel .
  OPTIONAL { ?rule sk:inForceFrom ?f } OPTIONAL { ?rule sk:inForceBy ?b } OPTIONAL { ?rule sk:inForceUntil ?u }
  BIND(COALESCE(?f, ?b) AS ?s)
  FILTER(BOUND(?s) && STR(?s) <= STR(?day))
  FILTER(!BOUND(?u) || STR(?day) < IF(DATATYPE(?u) = xsd:date, STR(?u), CONCAT(STR(?u), "~")))
  OPTIONAL {
    ?h a sk:Tenure ; sk:office ?actingOffice ; sk:holder ?holder ; sk:start ?hs .
    ?holder rdfs:label ?holderLabel .
    OPTIONAL { ?h sk:end ?he }
    FILTER(STR(?hs) <= STR(?day)
           && (!BOUND(?he) || STR(?day) <= IF(DATATYPE(?he) = xsd:date, STR(?he), CONCAT(STR(?he), "~"))))
  }
}"""

_DEPARTURES = """
SELECT ?office ?departure ?date ?expectedLabel ?actualLabel
       (GROUP_CONCAT(DISTINCT ?note; separator="\\n") AS ?comment) (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources)
WHERE {
  ?departure a sk:RuleDeparture ; sk:office ?office ; sk:date ?date ; rdfs:comment ?note .
  OPTIONAL { ?departure sk:expectedPerson/rdfs:label ?expectedLabel }
  OPTIONAL { ?departure sk:actualPerson/rdfs:label ?actualLabel }
  OPTIONAL { ?departure prov:wasDerivedFrom/schema:url ?url }
} GROUP BY ?office ?departure ?date ?expectedLabel ?actualLabel"""


def _hi(text: str) -> str:
    return text if len(text) == 10 else text + "~"


def transfers(select: Callable, country: str | None = None, office: str | None = None) -> list[dict[str, Any]]:
    """Every head-of-state vacancy, oldest first, with what the rules expected and what happened.

    ``select(text, bindings)`` is an engine's select; ``country`` is a country label and ``office`` an
    office IRI to narrow the list."""
    import pyoxigraph as ox

    pre = sparql_prefixes()
    rows = [r for r in select(pre + _VACANCIES, {}).records()
            if (country is None or r["countryLabel"] == country) and (office is None or r["office"] == office)]
    departures = select(pre + _DEPARTURES, {}).records()
    for d in departures:  # engines concatenate in any order: sort the notes
        d["comment"] = " ".join(sorted(str(d["comment"]).split("\n"))) if d["comment"] else d["comment"]
    out = []
    seen_departures: set[str] = set()
    for r in sorted(rows, key=lambda r: (r["end"], r["officeLabel"])):
        day = r["end"] if len(r["end"]) == 10 else None
        rule_rows = []
        ceased = False
        if day:
            xsd_date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
            rule_rows = select(pre + _RULE_HOLDERS, {"office": ox.NamedNode(r["office"]),
                                                     "day": ox.Literal(day, datatype=xsd_date)}).records()
            taken_over = bool(r["start"]) and str(r["start"])[:10] <= (
                _dt.date.fromisoformat(day) + _dt.timedelta(days=31)).isoformat()
            if not rule_rows and taken_over:
                # rules that ceased on the very day the office fell vacant (an order swept away with the
                # ouster, Kyrgyzstan in April 2010) were the ones that applied when it fell vacant: read
                # them, and their holders, on the eve. Not when nobody took the office over (Tajikistan's
                # presidency, abolished in November 1992 with the rule that filled it)
                eve = (_dt.date.fromisoformat(day) - _dt.timedelta(days=1)).isoformat()
                before = select(pre + _RULE_HOLDERS, {"office": ox.NamedNode(r["office"]),
                                                      "day": ox.Literal(eve, datatype=xsd_date)}).records()
                rule_rows = [x for x in before if x["u"] is not None and str(x["u"]) == day]
                ceased = bool(rule_rows)
        # within an order, the holder in office just before the vacancy comes before one who took
        # that office on the day itself (Tokayev left the Senate chair on the day he became president)
        rule_rows.sort(key=lambda x: (x["order"], (x["hs"] or "") >= (day or ""), x["holderLabel"] or ""))
        # the person who just left, and left the acting office with it, cannot act for himself (Aslonov,
        # ousted as chairman of the Supreme Soviet and acting president in 1991): the rule names that
        # office's next holder. One who kept the acting office and declined to act (Yuldashev, Senate
        # chairman, in 2016) stays the expected person, and the rule counts as not followed.
        for x in rule_rows:
            if x["holder"] == r["prev"] and x["he"] is not None and str(x["he"])[:10] <= r["end"]:
                x["holder"] = x["holderLabel"] = None
        named = {x["holder"]: x["order"] for x in rule_rows if x["holder"]}
        first = next((x for x in rule_rows if x["holder"]), None)
        expected_office = first["actingLabel"] if first else (rule_rows[0]["actingLabel"] if rule_rows else None)
        actual = r["next"]
        if not rule_rows:
            followed = None
        else:
            followed = actual in named if actual else None
        start_hi = _hi(r["start"]) if r["start"] else "9999"
        recorded = [d for d in departures if d["office"] == r["office"]
                    and _hi(d["date"]) >= r["end"][:len(d["date"])] and d["date"] <= start_hi]
        for d in recorded:
            seen_departures.add(d["departure"])
        irregular = (r["why"] == "ouster") or (r["mode"] in IRREGULAR_ENTRIES)
        out.append({
            "country": r["countryLabel"], "office": r["officeLabel"], "office_iri": r["office"],
            "date": r["end"], "outgoing": r["prevLabel"], "exit_reason": r["why"],
            "incoming": r["nextLabel"], "incoming_start": r["start"], "incoming_acting": bool(r["acting"]) if r["acting"] is not None else None,
            "entry_mode": r["mode"], "mode": "irregular" if irregular else "regular",
            "expected_office": expected_office, "expected": first["holderLabel"] if first else None,
            "expected_order": first["order"] if first else None,
            "followed": followed,
            # by which order the rule was followed: above 1 when the first in line did not act
            "followed_order": named.get(actual) if followed else None,
            "departure_recorded": bool(recorded),
            "rules_ceased_that_day": ceased,
            "comment": " ".join(sorted(d["comment"] for d in recorded)) or None,  # same order on every engine
            # a vacancy no departure note is recorded for is shown by the tenures on either side of it
            "sources": sorted({u for d in recorded for u in (d["sources"] or "").split()})
            or _tenure_sources(select, pre, [r["out"], r.get("in")]),
        })
    # recorded departures that match no vacancy (e.g. a dated note about an acting holder) still show, once
    for d in departures:
        if d["departure"] in seen_departures or (office is not None and d["office"] != office):
            continue
        lab = select(pre + "SELECT ?l ?c WHERE { ?o rdfs:label ?l ; sk:jurisdiction/sk:country/rdfs:label ?c }",
                     {"o": ox.NamedNode(d["office"])}).records()
        if not lab or (country is not None and lab[0]["c"] != country):
            continue
        out.append({"country": lab[0]["c"], "office": lab[0]["l"], "office_iri": d["office"], "date": d["date"],
                    "outgoing": None, "exit_reason": None, "incoming": d["actualLabel"], "incoming_start": None,
                    "incoming_acting": None, "entry_mode": None, "mode": None, "expected_office": None,
                    "expected": d["expectedLabel"], "expected_order": None, "followed": False, "followed_order": None,
                    "departure_recorded": True, "comment": d["comment"],
                    "sources": sorted((d["sources"] or "").split())})
    out.sort(key=lambda x: (x["date"], x["office"]))
    return out


def _tenure_sources(select, pre: str, tenures: list) -> list[str]:
    """The pages the tenures ending and beginning at a vacancy cite."""
    import pyoxigraph as ox

    urls: set[str] = set()
    for t in tenures:
        if t:
            rows = select(pre + "SELECT ?u WHERE { ?t prov:wasDerivedFrom/schema:url ?u }", {"t": ox.NamedNode(str(t))})
            urls |= {str(x["u"]) for x in rows.records()}
    return sorted(urls)
