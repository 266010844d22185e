"""Import from Wikidata: the P39 ("position held") statements of one position, compared with one of
our offices before anything is written.

Reads any Wikidata-shaped SPARQL endpoint (default: the public query service): statements
``?person p:P39 ?st . ?st ps:P39 wd:Q...`` with qualifiers start P580, end P582, replaces P1365,
the rank (wikibase:rank: best rank only), the time precision of the dates (wikibase:timePrecision:
9 year, 10 month, 11 day), "unknown value" and "no value" ends, labels in the languages we store
and references (prov:wasDerivedFrom / pr:P854 reference URL). The report says what is new,
what conflicts (dates, predecessor) and what our knowledge base has that Wikidata lacks; ``apply``
writes the new tenures (and new people) through the same validated, atomic edit path as ``appoint``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from .dates import PDate
from .errors import InputError, NotFoundError

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
WD = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9][0-9]*\Z")
# the languages our knowledge base stores names in; English becomes rdfs:label, the others sk:name
LANGUAGES = ("en", "ru", "tg", "kk", "ky", "uz", "tk")
_RANKS = {"http://wikiba.se/ontology#PreferredRank": 2, "http://wikiba.se/ontology#NormalRank": 1,
          "http://wikiba.se/ontology#DeprecatedRank": 0}

_PREFIXES = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
PREFIX pr: <http://www.wikidata.org/prop/reference/>
PREFIX wdno: <http://www.wikidata.org/prop/novalue/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# one row per statement (qualifiers are single-valued in practice; a second value makes a second row
# of the same statement, and the first is kept); "unknown value" is a blank node or a skolem IRI,
# "no value" is the statement's type wdno:P582
_STATEMENTS = _PREFIXES + """SELECT ?person ?st ?rank ?start ?startPrec ?end ?endPrec ?endNone ?replaces WHERE {
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?st wikibase:rank ?rank }
  OPTIONAL { ?st pq:P580 ?start . OPTIONAL { ?st pqv:P580/wikibase:timePrecision ?startPrec } }
  OPTIONAL { ?st pq:P582 ?end . OPTIONAL { ?st pqv:P582/wikibase:timePrecision ?endPrec } }
  OPTIONAL { ?st a wdno:P582 . BIND(true AS ?endNone) }
  OPTIONAL { ?st pq:P1365 ?replaces }
}"""

_LABELS = _PREFIXES + """SELECT DISTINCT ?item ?label WHERE {
  ?person p:P39 ?st . ?st ps:P39 ?position .
  { BIND(?person AS ?item) } UNION { ?st pq:P1365 ?item }
  ?item rdfs:label ?label .
}"""

_REFS = _PREFIXES + """SELECT DISTINCT ?st ?ref WHERE {
  ?person p:P39 ?st . ?st ps:P39 ?position ; prov:wasDerivedFrom ?r . ?r pr:P854 ?ref .
}"""

_ITEM = _PREFIXES + "ASK { ?position ?p ?o }"

OPEN, UNKNOWN, NO_VALUE = "open", "unknown", "no value"


def _date(value, precision) -> PDate | str | None:
    """A Wikidata time value at its stated precision (default: day); UNKNOWN for "unknown value"."""
    if value is None:
        return None
    if not isinstance(value, ox.Literal):
        return UNKNOWN
    m = re.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", value.value)
    if not m:
        return UNKNOWN
    prec = int(precision.value) if precision is not None and precision.value.isdigit() else 11
    if prec <= 9:
        return PDate(m.group(1))
    if prec == 10:
        return PDate(f"{m.group(1)}-{m.group(2)}")
    return PDate(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


def compatible(a: PDate, b: PDate) -> bool:
    """Two dates agree at the coarser of their precisions (1990 and 1990-11-30 agree)."""
    n = min(len(a.text), len(b.text))
    return a.text[:n] == b.text[:n]


@dataclass
class WikidataTenure:
    person_qid: str
    label: str
    start: PDate | None
    end: PDate | str | None  # a date, UNKNOWN, NO_VALUE, or None (no qualifier: open)
    replaces: str | None
    statement: str
    refs: list[str] = field(default_factory=list)
    ours: str | None = None  # matched person IRI in our knowledge base
    names: list[tuple[str, str]] = field(default_factory=list)  # (text, lang) other than the English label
    rank: int = 1

    @property
    def end_text(self) -> str:
        if self.end is None:
            return OPEN
        return str(self.end)


@dataclass
class Report:
    office: str
    office_label: str
    position: str
    new: list[WikidataTenure] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    same: int = 0
    skipped: list[str] = field(default_factory=list)


def _qid(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _labels(rows) -> dict[str, list[tuple[str, str]]]:
    """Each item's labels in our languages, English first, then in LANGUAGES order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        lang = (r["label"].language or "").lower()
        if lang in LANGUAGES:
            out.setdefault(r["item"].value, []).append((r["label"].value, lang))
    for labels in out.values():
        labels.sort(key=lambda x: (LANGUAGES.index(x[1]), x[0]))
    return out


def fetch(endpoint, position: str) -> list[WikidataTenure]:
    """The best-ranked P39 statements of ``position`` (preferred, else normal; never deprecated)."""
    node = {"position": ox.NamedNode(WD + position)}
    rows = endpoint.select(_STATEMENTS, node).rows
    if not rows:
        exists = endpoint.select(_ITEM, node).rows
        if exists and exists[0]["result"].value == "true":
            raise NotFoundError(f"Wikidata {position} has no \"position held\" (P39) statements at {endpoint.query_url}")
        raise NotFoundError(f"Wikidata has no item {position} at {endpoint.query_url}")
    labels = _labels(endpoint.select(_LABELS, node).rows)
    refs: dict[str, list[str]] = {}
    for r in endpoint.select(_REFS, node).rows:
        refs.setdefault(r["st"].value, []).append(r["ref"].value)
    by_statement: dict[str, WikidataTenure] = {}
    for r in rows:
        st = r["st"].value
        if st in by_statement:
            continue
        qid = _qid(r["person"].value)
        names = labels.get(r["person"].value, [])
        english = next((text for text, lang in names if lang == "en"), None)
        end = _date(r["end"], r["endPrec"])
        if end is None and r["endNone"] is not None:
            end = NO_VALUE
        start = _date(r["start"], r["startPrec"])
        by_statement[st] = WikidataTenure(
            qid, english or (names[0][0] if names else qid), start if isinstance(start, PDate) else None, end,
            _qid(r["replaces"].value) if r["replaces"] is not None else None, st, sorted(refs.get(st, [])),
            names=[(text, lang) for text, lang in names if lang != "en"],
            rank=_RANKS.get(r["rank"].value, 1) if r["rank"] is not None else 1)
    best: dict[str, int] = {}
    for t in by_statement.values():
        best[t.person_qid] = max(best.get(t.person_qid, 0), t.rank)
    kept = [t for t in by_statement.values() if t.rank > 0 and t.rank == best[t.person_qid]]
    return sorted(kept, key=lambda t: (t.start.lo if t.start else "", t.label, t.statement))


def _resolve_person(session, by_qid: dict[str, str], qid: str, names: list[str]) -> str | None:
    if qid in by_qid:
        return by_qid[qid]
    for name in names:
        try:
            return session.resolver.resolve("person", name)
        except (NotFoundError, InputError):
            continue
    return None


def _pair_cost(t: WikidataTenure, o: dict) -> tuple:
    ours = PDate(o["start"])
    if t.start is None:
        return (2, 0)
    if t.start.text == ours.text:
        return (0, 0)
    if compatible(t.start, ours):
        return (1, 0)
    return (2, abs(int(t.start.text[:4]) - int(ours.text[:4])))


def compare(session, office: str, position: str, endpoint_url: str) -> Report:
    """Compare Wikidata's holders of ``position`` with our tenures of ``office``: each statement is
    matched to at most one of our tenures of the same person (closest start first), and dates are
    compared at the coarser of the two precisions."""
    from .remote import Endpoint

    if not _QID.match(position or ""):
        raise InputError(f"invalid Wikidata position {position!r}: expected a QID such as Q123")
    office_iri = session.resolver.resolve("office", office)
    label = session.resolver.label("office", office_iri)
    endpoint = Endpoint(endpoint_url)
    wd = fetch(endpoint, position)
    replaced_labels = _labels(endpoint.select(_LABELS, {"position": ox.NamedNode(WD + position)}).rows)
    report = Report(office_iri, label, position)
    ours = session.history(office_iri).records
    predecessors = {r["tenure"]: r["predecessor"]
                    for r in session.run_query_iri("succession-chain", office=office_iri).records()}
    by_qid = _qids(session)
    for t in wd:
        t.ours = _resolve_person(session, by_qid, t.person_qid, [t.label] + [n for n, _ in t.names])
    pairs = sorted((_pair_cost(t, o), i, j) for i, t in enumerate(wd) for j, o in enumerate(ours)
                   if t.ours and o["person_iri"] == t.ours)
    match: dict[int, int] = {}
    used: set[int] = set()
    for _cost, i, j in pairs:
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    for i, t in enumerate(wd):
        if i not in match:
            report.new.append(t)
            continue
        best = ours[match[i]]
        diffs = []
        if t.start and not compatible(t.start, PDate(best["start"])):
            diffs.append(f"start: ours {best['start']}, Wikidata {t.start}")
        our_end = best["end"] or None
        if isinstance(t.end, PDate):
            if our_end is None or not compatible(t.end, PDate(our_end)):
                diffs.append(f"end: ours {our_end or OPEN}, Wikidata {t.end}")
        elif t.end == UNKNOWN:
            if our_end is None:
                diffs.append(f"end: ours {OPEN}, Wikidata {UNKNOWN} (ended, date unknown)")
        elif our_end is not None:  # open or "no value": Wikidata says the tenure has not ended
            diffs.append(f"end: ours {our_end}, Wikidata {t.end_text}")
        if t.replaces:
            names = [n for n, _ in replaced_labels.get(WD + t.replaces, [])]
            pred = _resolve_person(session, by_qid, t.replaces, names)
            our_pred = predecessors.get(best["tenure_iri"])
            if pred is not None and our_pred is not None and pred != our_pred:
                diffs.append(f"predecessor: ours {session.resolver.label('person', our_pred)}, "
                             f"Wikidata {session.resolver.label('person', pred)}")
        if diffs:
            report.conflicts.append(f"{best['person']} from {best['start']}: " + "; ".join(diffs))
        else:
            report.same += 1
    for j, o in enumerate(ours):
        if j not in used:
            report.missing.append(f"{o['person']} from {o['start']}")
    return report


def _qids(session) -> dict[str, str]:
    from .namespaces import sparql_prefixes

    rows = session.engine.select(sparql_prefixes() + "SELECT ?p ?q WHERE { ?p a sk:Person ; sk:wikidata ?q }").rows
    return {r["q"].value: r["p"].value for r in rows}


def apply(session, report: Report, *, dry_run: bool = False) -> list:
    """Write the new tenures (and their people) through the validated, atomic edit path: on the
    embedded knowledge base as one batch (so a dry run sees the people it would add); on a server
    one edit at a time. A statement without a known start, or whose end is "unknown value", is not
    written (we would have to invent a date) and is listed in ``report.skipped``."""
    from .edit import Editor, SourceInfo

    editor = Editor(session)
    ops = []
    for t in report.new:
        if t.start is None or t.end == UNKNOWN:
            why = "no start date" if t.start is None else "its end is an unknown value"
            report.skipped.append(f"{t.label} ({t.person_qid}): {why}")
            continue
        est = editor.before_establishment(report.office, t.start)
        if est:  # Wikidata often lists a forerunner post's holders under the position
            report.skipped.append(f"{t.label} ({t.person_qid}): begins {t.start}, before the office was "
                                  f"established on {est}")
            continue
        url = t.refs[0] if t.refs else WD + t.person_qid
        source = SourceInfo.make(url, f"Wikidata {t.person_qid}: position held {report.position}", "Wikidata")
        person = t.ours
        if person is None:
            names = [f"{text}@{lang}" for text, lang in t.names if text != t.label or lang != "en"]
            ops.append(lambda t=t, source=source, names=names: editor.add_person(
                t.label, wikidata=t.person_qid, names=names, source=source, dry_run=dry_run))
            person = t.label
        end = t.end.text if isinstance(t.end, PDate) else None
        ops.append(lambda t=t, person=person, end=end, source=source: editor.add_tenure(
            person, report.office, t.start.text, end, source=source, dry_run=dry_run))
    if not ops:
        return []
    if hasattr(session.kb, "apply_changes"):
        return [op() for op in ops]
    results, total = editor.batch(ops, dry_run=dry_run)
    return results + [total]
