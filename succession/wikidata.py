"""Import from Wikidata: the P39 ("position held") statements of one position, compared with one of
our offices before anything is written.

Reads any Wikidata-shaped SPARQL endpoint (default: the public query service): statements
``?person p:P39 ?st . ?st ps:P39 wd:Q...`` with qualifiers start P580, end P582, replaces P1365,
end cause P1534, the time precision of the dates (wikibase:timePrecision: 9 year, 10 month,
11 day) and references (prov:wasDerivedFrom / pr:P854 reference URL). The report says what is new,
what conflicts (dates, predecessor) and what our knowledge base has that Wikidata lacks; ``apply``
writes the new tenures (and new people) through the same validated, atomic edit path as ``appoint``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import PDate
from .errors import InputError, NotFoundError

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
WD = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9][0-9]*\Z")

_STATEMENTS = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
PREFIX pr: <http://www.wikidata.org/prop/reference/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?position ?person ?personLabel ?st ?start ?startPrec ?end ?endPrec ?replaces ?endCause ?ref WHERE {
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?person rdfs:label ?personLabel FILTER(LANG(?personLabel) = "en") }
  OPTIONAL { ?st pq:P580 ?start . OPTIONAL { ?st pqv:P580/wikibase:timePrecision ?startPrec } }
  OPTIONAL { ?st pq:P582 ?end . OPTIONAL { ?st pqv:P582/wikibase:timePrecision ?endPrec } }
  OPTIONAL { ?st pq:P1365 ?replaces }
  OPTIONAL { ?st pq:P1534 ?endCause }
  OPTIONAL { ?st prov:wasDerivedFrom/pr:P854 ?ref }
}"""


def _date(value, precision) -> PDate | None:
    """A Wikidata time value at its stated precision (default: day)."""
    if value is None:
        return None
    text = value.value
    m = re.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    prec = int(precision.value) if precision is not None and precision.value.isdigit() else 11
    if prec <= 9:
        return PDate(m.group(1))
    if prec == 10:
        return PDate(f"{m.group(1)}-{m.group(2)}")
    return PDate(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


@dataclass
class WikidataTenure:
    person_qid: str
    label: str
    start: PDate | None
    end: PDate | None
    replaces: str | None
    statement: str
    refs: list[str] = field(default_factory=list)
    ours: str | None = None  # matched person IRI in our knowledge base


@dataclass
class Report:
    office: str
    office_label: str
    position: str
    new: list[WikidataTenure] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    same: int = 0


def fetch(endpoint, position: str) -> list[WikidataTenure]:
    import pyoxigraph as ox

    from .engine import Result  # noqa: F401  (the endpoint returns Results)

    rows = endpoint.select(_STATEMENTS, {"position": ox.NamedNode(WD + position)}).rows
    by_statement: dict[str, WikidataTenure] = {}
    for r in rows:
        st = r["st"].value
        t = by_statement.get(st)
        if t is None:
            qid = r["person"].value.rsplit("/", 1)[-1]
            t = WikidataTenure(qid, r["personLabel"].value if r["personLabel"] is not None else qid,
                               _date(r["start"], r["startPrec"]), _date(r["end"], r["endPrec"]),
                               r["replaces"].value.rsplit("/", 1)[-1] if r["replaces"] is not None else None, st)
            by_statement[st] = t
        if r["ref"] is not None and r["ref"].value not in t.refs:
            t.refs.append(r["ref"].value)
    return sorted(by_statement.values(), key=lambda t: (t.start.lo if t.start else "", t.label))


def compare(session, office: str, position: str, endpoint_url: str) -> Report:
    """Compare Wikidata's holders of ``position`` with our tenures of ``office``."""
    from .remote import Endpoint

    if not _QID.match(position or ""):
        raise InputError(f"invalid Wikidata position {position!r}: expected a QID such as Q123")
    office_iri = session.resolver.resolve("office", office)
    label = session.resolver.label("office", office_iri)
    wd = fetch(Endpoint(endpoint_url), position)
    report = Report(office_iri, label, position)
    ours = session.history(office_iri).records
    by_qid = _qids(session)
    matched_ours: set[str] = set()
    for t in wd:
        t.ours = by_qid.get(t.person_qid)
        if t.ours is None:
            try:
                t.ours = session.resolver.resolve("person", t.label)
            except (NotFoundError, InputError):
                t.ours = None
        mine = [o for o in ours if t.ours and o["person_iri"] == t.ours]
        if not mine:
            report.new.append(t)
            continue
        best = min(mine, key=lambda o: 0 if t.start and o["start"] == t.start.text else 1)
        matched_ours.add(best["tenure_iri"])
        diffs = []
        if t.start and best["start"] != t.start.text:
            diffs.append(f"start: ours {best['start']}, Wikidata {t.start}")
        if (best["end"] or None) != (t.end.text if t.end else None):
            diffs.append(f"end: ours {best['end'] or 'open'}, Wikidata {t.end or 'open'}")
        if t.replaces and best.get("predecessor"):
            pred = by_qid.get(t.replaces)
            if pred and session.resolver.label("person", pred) != best["predecessor"]:
                diffs.append(f"predecessor: ours {best['predecessor']}, Wikidata {session.resolver.label('person', pred)}")
        if diffs:
            report.conflicts.append(f"{best['person']}: " + "; ".join(diffs))
        else:
            report.same += 1
    for o in ours:
        if o["tenure_iri"] not in matched_ours:
            report.missing.append(f"{o['person']} from {o['start']}")
    return report


def _qids(session) -> dict[str, str]:
    from .namespaces import sparql_prefixes

    rows = session.engine.select(sparql_prefixes() + "SELECT ?p ?q WHERE { ?p a sk:Person ; sk:wikidata ?q }").rows
    return {r["q"].value: r["p"].value for r in rows}


def apply(session, report: Report, *, dry_run: bool = False) -> list:
    """Write the new tenures (and their people) through the validated, atomic edit path."""
    from .edit import Editor, SourceInfo

    results = []
    editor = Editor(session)
    for t in report.new:
        if t.start is None:
            continue
        url = t.refs[0] if t.refs else WD + t.person_qid
        source = SourceInfo.make(url, f"Wikidata {t.person_qid}: position held {report.position}", "Wikidata")
        person = t.ours
        if person is None:
            results.append(editor.add_person(t.label, wikidata=t.person_qid, source=source, dry_run=dry_run))
            person = t.label
        results.append(editor.add_tenure(person, report.office, t.start.text, t.end.text if t.end else None,
                                         source=source, dry_run=dry_run))
    return results
