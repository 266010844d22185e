"""Elections and term rules: the dates on which power can change hands by the calendar.

An *election* (sk:Election) is a vote for an office, or a constitutional referendum, on a date of
honest precision, of a kind from a controlled list (regular, early, referendum), with the winner and
the winner's share where a source gives them; a *scheduled* one has not been held yet and has no
result. A *term rule* (sk:TermRule) says how long a term of an office lasts and how many terms one
person may serve, as set by a legal edition (the same sk:LegalEdition that carries the succession
rules), in force over a period; a rule with sk:appliesTo is an exception for one person and wins over
the general rule for that person.

This module holds the IRIs, the triples of both kinds of node (used by the edit commands) and the
read functions the ``outlook`` and ``elections`` views share. It imports no CLI code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from .dates import PDate
from .model import Builder, date_lit, lit, local
from .namespaces import ELECTION_KIND, ID, RDF, RDFS, SK, XSD, sparql_prefixes

ELECTION_KINDS = ("regular", "early", "referendum")


def election_kind_iri(name: str) -> str:
    return ELECTION_KIND + name


def election_iri(kind: str, date: PDate, office: str | None, country: str) -> str:
    """One election per office and date (a referendum: per country and date)."""
    if kind == "referendum" or office is None:
        return f"{ID}election/referendum/{local(country, 'place')}/{date.text}"
    return f"{ID}election/{local(office, 'office')}/{date.text}"


def term_rule_iri(office: str, start: PDate, person: str | None) -> str:
    return f"{ID}termrule/{local(office, 'office')}/{start.text}" + (f"/{local(person, 'person')}" if person else "")


def build_election(b: Builder, iri: str, *, label: str, country: str, office: str | None, date: PDate, kind: str,
                   scheduled: bool, winner: str | None = None, share: str | None = None, edition: str | None = None,
                   note: str | None = None, sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
    b.add(iri, RDF + "type", SK + "Election")
    b.add(iri, RDFS + "label", lit(label, lang="en"))
    b.add(iri, SK + "country", country)
    b.add(iri, SK + "office", office)
    b.add(iri, SK + "date", date_lit(date))
    b.add(iri, SK + "electionKind", election_kind_iri(kind))
    b.add(iri, SK + "scheduled", lit("true" if scheduled else "false", XSD + "boolean"))
    b.add(iri, SK + "winner", winner)
    b.add(iri, SK + "resultShare", lit(share, XSD + "decimal") if share is not None else None)
    b.add(iri, SK + "edition", edition)
    b.add(iri, RDFS + "comment", lit(note) if note else None)
    b.add(iri, SK + "recordedAt", recorded)
    b.sources(iri, sources)


def build_term_rule(b: Builder, iri: str, *, office: str, years: int | None, limit: int | None, edition: str,
                    start: PDate, until: PDate | None = None, person: str | None = None, article: str | None = None,
                    note: str | None = None, sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
    b.add(iri, RDF + "type", SK + "TermRule")
    b.add(iri, SK + "office", office)
    b.add(iri, SK + "termYears", lit(str(years), XSD + "integer") if years is not None else None)
    if limit is None:
        b.add(iri, SK + "noTermLimit", lit("true", XSD + "boolean"))
    else:
        b.add(iri, SK + "termLimit", lit(str(limit), XSD + "integer"))
    b.add(iri, SK + "edition", edition)
    b.add(iri, SK + "inForceFrom", date_lit(start))
    b.add(iri, SK + "inForceUntil", date_lit(until) if until else None)
    b.add(iri, SK + "appliesTo", person)
    b.add(iri, SK + "article", lit(article) if article else None)
    b.add(iri, RDFS + "comment", lit(note) if note else None)
    b.add(iri, SK + "recordedAt", recorded)
    b.sources(iri, sources)


# ---------------------------------------------------------------------------------- reading

_ELECTIONS = """
SELECT ?e ?label ?country ?countryLabel ?office ?officeLabel ?date ?kind ?scheduled ?winner ?winnerLabel ?share
       ?edition ?editionLabel ?comment (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?e a sk:Election ; rdfs:label ?label ; sk:country ?country ; sk:date ?date ; sk:electionKind/skos:prefLabel ?kindLabel ;
     sk:scheduled ?scheduled .
  ?country rdfs:label ?countryLabel .
  BIND(STR(?kindLabel) AS ?kind)
  OPTIONAL { ?e sk:office ?office . ?office rdfs:label ?officeLabel }
  OPTIONAL { ?e sk:winner ?winner . ?winner rdfs:label ?winnerLabel }
  OPTIONAL { ?e sk:resultShare ?share }
  OPTIONAL { ?e sk:edition ?edition . ?edition rdfs:label ?editionLabel }
  OPTIONAL { ?e rdfs:comment ?comment }
  OPTIONAL { ?e prov:wasDerivedFrom/schema:url ?url }
} GROUP BY ?e ?label ?country ?countryLabel ?office ?officeLabel ?date ?kind ?scheduled ?winner ?winnerLabel ?share
           ?edition ?editionLabel ?comment"""

_TERM_RULES = """
SELECT ?r ?office ?officeLabel ?years ?limit ?nolimit ?edition ?editionLabel ?from ?until ?person ?personLabel ?article
       ?comment (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?r a sk:TermRule ; sk:office ?office ; sk:edition ?edition ; sk:inForceFrom ?from .
  OPTIONAL { ?r sk:termYears ?years }
  ?office rdfs:label ?officeLabel . ?edition rdfs:label ?editionLabel .
  OPTIONAL { ?r sk:termLimit ?limit } OPTIONAL { ?r sk:noTermLimit ?nolimit }
  OPTIONAL { ?r sk:inForceUntil ?until }
  OPTIONAL { ?r sk:appliesTo ?person . ?person rdfs:label ?personLabel }
  OPTIONAL { ?r sk:article ?article } OPTIONAL { ?r rdfs:comment ?comment }
  OPTIONAL { ?r prov:wasDerivedFrom/schema:url ?url }
} GROUP BY ?r ?office ?officeLabel ?years ?limit ?nolimit ?edition ?editionLabel ?from ?until ?person ?personLabel
           ?article ?comment"""


def _split(value: Any) -> list[str]:
    return sorted(set(str(value).split())) if value else []


def elections(select: Callable, country: str | None = None, office: str | None = None) -> list[dict[str, Any]]:
    """Every recorded election, oldest first; ``country`` is a country label, ``office`` an office IRI
    (a referendum of the office's country is kept when ``office`` is given with ``country``)."""
    out = []
    for r in select(sparql_prefixes() + _ELECTIONS, {}).records():
        if country is not None and r["countryLabel"] != country:
            continue
        if office is not None and r["office"] != office and not (r["kind"] == "referendum" and country is not None):
            continue
        out.append({
            "date": r["date"], "country": r["countryLabel"], "office": r["officeLabel"], "office_iri": r["office"],
            "kind": r["kind"], "scheduled": bool(r["scheduled"]), "winner": r["winnerLabel"],
            "winner_iri": r["winner"], "share": str(r["share"]) if r["share"] is not None else None,
            "edition": r["editionLabel"], "label": r["label"], "comment": r["comment"], "election_iri": r["e"],
            "sources": _split(r["sources"]),
        })
    out.sort(key=lambda e: (e["date"], e["kind"], e["office"] or ""))
    return out


def _in_force(start: str, until: str | None, day: str) -> bool:
    """[start, until) covers ``day`` (a month or year value counts from its first day, until its last)."""
    return PDate(start).lo <= day and (until is None or day < PDate(until).hi)


def term_rules(select: Callable, office: str | None = None) -> list[dict[str, Any]]:
    """Every recorded term rule (of ``office``, an IRI, if given), oldest first."""
    out = []
    bindings = {"office": ox.NamedNode(office)} if office else {}
    for r in select(sparql_prefixes() + _TERM_RULES, bindings).records():
        out.append({
            "office": r["officeLabel"], "office_iri": r["office"], "term_years": int(r["years"]) if r["years"] is not None else None,
            "limit": int(r["limit"]) if r["limit"] is not None else None,
            "no_limit": bool(r["nolimit"]), "applies_to": r["personLabel"], "applies_to_iri": r["person"],
            "edition": r["editionLabel"], "edition_iri": r["edition"], "in_force_from": r["from"],
            "in_force_until": r["until"], "article": r["article"], "comment": r["comment"], "rule_iri": r["r"],
            "sources": _split(r["sources"]),
        })
    out.sort(key=lambda t: (t["office"], PDate(t["in_force_from"]).lo, t["applies_to"] or ""))
    return out


def term_rule_on(rules: list[dict[str, Any]], day: str, person: str | None = None) -> dict[str, Any] | None:
    """The term rule in force on ``day`` for ``person`` (an IRI): an exception naming that person wins
    over the general rule; the newest general rule otherwise."""
    live = [r for r in rules if _in_force(r["in_force_from"], r["in_force_until"], day)]
    own = [r for r in live if person and r["applies_to_iri"] == person]
    general = [r for r in live if r["applies_to_iri"] is None]
    pick = own or general
    return max(pick, key=lambda r: PDate(r["in_force_from"]).lo) if pick else None


def limit_text(rule: dict[str, Any] | None) -> str:
    if rule is None:
        return "no term rule recorded"
    limit = "no limit" if rule["no_limit"] else f"at most {rule['limit']} term" + ("s" if rule["limit"] != 1 else "")
    length = f"{rule['term_years']}-year term" if rule["term_years"] else "no fixed term"
    return f"{length}, {limit}" + (f" (for {rule['applies_to']})" if rule["applies_to"] else "")
