"""Coverage: per office, how many tenures, from when to when, and every period with no known holder.

A gap is a period that no tenure may cover (dates of month or year precision count as the whole
month or year, so only certain gaps are reported). A gap is *explained* when a recorded
``sk:OfficeGap`` (office abolished, vacant, ...) overlaps it. Unsourced facts come from the
missing-source check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PDate, today
from .kb import QUERIES_DIR
from .namespaces import sparql_prefixes
from .sources import is_copy

MAIN_KINDS = ("head of state", "head of government", "chamber chair")

# The period the knowledge base promises to cover, per office kind, when no start is asked for: every
# office since independence (1991), regional governors since 2000 (their 1990s holders are researched
# but not promised). An explicit ``since`` applies to every kind.
DEFAULT_SINCE = "1991-01-01"
KIND_SINCE = {"governor": "2000-01-01"}

_OFFICES = """
SELECT ?office ?label ?kind ?country ?established ?abolished ?postOnly WHERE {
  ?office a sk:Office ; rdfs:label ?label ; sk:officeKind/skos:prefLabel ?kind ;
          sk:jurisdiction/sk:country/rdfs:label ?country .
  OPTIONAL { ?office sk:established ?established }
  OPTIONAL { ?office sk:abolished ?abolished }
  OPTIONAL { ?office sk:postOnly ?postOnly }
}"""
_TENURES = """
SELECT ?office ?start ?end WHERE { ?t a sk:Tenure ; sk:office ?office ; sk:start ?start . OPTIONAL { ?t sk:end ?end } }"""
_ATTESTED = """
SELECT ?office ?date ?label WHERE { ?a a sk:Attestation ; sk:office ?office ; sk:date ?date ; sk:holder/rdfs:label ?label }"""
_GAPS = """
SELECT ?office ?start ?end ?reason WHERE {
  ?g a sk:OfficeGap ; sk:office ?office ; sk:start ?start ; sk:reason ?reason . OPTIONAL { ?g sk:end ?end } }"""


@dataclass
class Gap:
    start: str
    end: str
    explanation: str | None = None
    attested: list[str] = field(default_factory=list)  # "Name on YYYY-MM-DD": holders a page shows in it, undated

    @property
    def explained(self) -> bool:
        return self.explanation is not None


@dataclass
class OfficeCoverage:
    office: str
    label: str
    kind: str
    country: str
    tenures: int = 0
    first: str | None = None
    last: str | None = None
    gaps: list[Gap] = field(default_factory=list)
    # a post recorded for its holders' careers (a relative's post, a seat in a chamber): who else held it
    # is not tracked, so its gaps are listed but are not missing data (`coverage --strict` passes them)
    post_only: bool = False
    since: str = DEFAULT_SINCE  # first day of the period checked for this office

    @property
    def unexplained(self) -> list[Gap]:
        return [g for g in self.gaps if not g.explained]

    @property
    def missing(self) -> list[Gap]:
        """The unexplained gaps that count as missing data (none for a post whose holders are not tracked)."""
        return [] if self.post_only else self.unexplained


def _fmt(bound: str) -> str:
    return bound.rstrip("~")


def _pieces(a: str, b: str, recorded: list[tuple[PDate, PDate | None, str]]) -> list[tuple[str, str, str | None]]:
    """Split the hole [a, b) into the parts recorded gaps explain (with their reasons, earliest first) and the
    parts none does (reason None). A recorded gap explains only the days it can span (from its start's first
    possible day to its end's last, open-ended if it has no end), never the rest of a longer hole: a post
    created in 1992 does not explain who held it in 2005. Bounds are the ISO strings of ``PDate.lo``/``hi``."""
    spans = sorted((max(s.lo, a), min(e.hi if e is not None else "9999", b), w) for s, e, w in recorded
                   if s.lo < b and (e is None or e.hi > a))
    out: list[tuple[str, str, str | None]] = []
    at = a
    while at < b:
        # recorded gaps that already cover the day ``at``
        here = [(y, w) for x, y, w in spans if x <= at < y]
        if here:
            upto = max(y for y, _ in here)
            while True:  # recorded gaps that overlap or touch the run extend it
                further = max((y for x, y, _ in spans if x <= upto < y), default=None)
                if further is None:
                    break
                upto = further
            # a store's row order is not an order: the same hole must read the same on every backend
            why = [w for x, y, w in sorted(spans) if x < upto and y > at]
            out.append((at, upto, "; then ".join(dict.fromkeys(why))))
            at = upto
            continue
        nxt = min((x for x, _, _ in spans if x > at), default=b)
        out.append((at, min(nxt, b), None))
        at = min(nxt, b)
    return [p for p in out if p[0] < p[1]]


def coverage(select, *, since: PDate | None = None, country: str | None = None,
             kinds: tuple[str, ...] | None = MAIN_KINDS, until: PDate | None = None) -> list[OfficeCoverage]:
    """Coverage of every office (of the given kinds and country label) from ``since`` to ``until``; with no
    ``since``, from each kind's promised start (``KIND_SINCE``, else 1991-01-01)."""
    until = until or today()
    pre = sparql_prefixes()
    offices: dict[str, OfficeCoverage] = {}
    limits: dict[str, tuple[PDate | None, PDate | None]] = {}
    for r in select(pre + _OFFICES).rows:
        kind = r["kind"].value
        if kinds and kind not in kinds:
            continue
        if country and r["country"].value != country:
            continue
        iri = r["office"].value
        post_only = r.get("postOnly") is not None and r["postOnly"].value in ("true", "1")
        first = since.text if since is not None else KIND_SINCE.get(kind, DEFAULT_SINCE)
        offices[iri] = OfficeCoverage(iri, r["label"].value, kind, r["country"].value, post_only=post_only,
                                      since=first)
        limits[iri] = (PDate(r["established"].value) if r["established"] is not None else None,
                       PDate(r["abolished"].value) if r["abolished"] is not None else None)
    spans: dict[str, list[tuple[PDate, PDate | None]]] = {k: [] for k in offices}
    for r in select(pre + _TENURES).rows:
        iri = r["office"].value
        if iri in spans:
            spans[iri].append((PDate(r["start"].value), PDate(r["end"].value) if r["end"] is not None else None))
    explained: dict[str, list[tuple[PDate, PDate | None, str]]] = {k: [] for k in offices}
    for r in select(pre + _GAPS).rows:
        iri = r["office"].value
        if iri in explained:
            explained[iri].append((PDate(r["start"].value), PDate(r["end"].value) if r["end"] is not None else None,
                                   r["reason"].value))
    attested: dict[str, list[tuple[str, str]]] = {k: [] for k in offices}
    for r in select(pre + _ATTESTED).rows:
        if r["office"].value in attested:
            attested[r["office"].value].append((r["date"].value, r["label"].value))
    out = []
    for iri, cov in sorted(offices.items(), key=lambda kv: (kv[1].country, kv[1].kind, kv[1].label)):
        ts = sorted(spans[iri], key=lambda t: t[0].lo)
        cov.tenures = len(ts)
        if ts:
            cov.first = ts[0][0].text
            ends = [t[1] for t in ts]
            cov.last = "open" if any(e is None for e in ends) else max(ends, key=lambda e: e.hi).text
        established, abolished = limits[iri]
        # only certain gaps: an office established "2000" may have been created on 31 December
        lo = max(PDate(cov.since).lo, established.hi) if established else PDate(cov.since).lo
        hi = min(until.hi, abolished.lo) if abolished else until.hi
        covered = lo  # everything before this bound is (possibly) covered
        holes: list[tuple[str, str]] = []
        for start, end in ts:
            if start.lo > covered and start.lo > lo:
                holes.append((covered, min(start.lo, hi)))
            covered = max(covered, end.hi if end else "9999")
        if covered < hi:
            holes.append((covered, hi))
        for a, b in holes:
            for x, y, reason in _pieces(a, b, explained[iri]):
                seen = [f"{who} on {d}" for d, who in sorted(attested[iri]) if x <= d < y]
                cov.gaps.append(Gap(_fmt(x), _fmt(y), reason, seen))
        out.append(cov)
    return out


def unsourced(select) -> list[str]:
    """Every fact with no source (the missing-source check)."""
    text = (QUERIES_DIR / "checks" / "missing-source-violation.rq").read_text(encoding="utf-8")
    return sorted(r["message"].value for r in select(text).rows)


_SOURCE_FACTS = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?fact ?url ?title ?publisher ?kind WHERE {
  ?fact a ?class ; prov:wasDerivedFrom ?s .
  VALUES ?class { sk:Tenure sk:Person sk:Office sk:FamilyRelation sk:SuccessionRule sk:LegalEdition }
  ?s schema:url ?url .
  OPTIONAL { ?s dcterms:title ?title } OPTIONAL { ?s dcterms:publisher ?publisher } OPTIONAL { ?s sk:sourceKind ?kind }
}"""


def office_kinds(select) -> set[str]:
    """The labels of the office kinds in use."""
    text = """PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?k WHERE { ?o a sk:Office ; sk:officeKind/skos:prefLabel ?k }"""
    return {r["k"].value for r in select(text).rows}


def source_kind_counts(select) -> list[tuple[str, int]]:
    """How many sources of each recorded kind (official, news, encyclopedia, dataset, copy)."""
    text = """PREFIX sk: <https://w3id.org/succession-kb/ontology#>
SELECT ?k (COUNT(?s) AS ?n) WHERE { ?s a sk:Source . OPTIONAL { ?s sk:sourceKind ?kind } BIND(COALESCE(?kind, "unknown") AS ?k) }
GROUP BY ?k"""
    counts = {r["k"].value: int(r["n"].value) for r in select(text).rows}
    order = ("official", "news", "encyclopedia", "dataset", "copy", "unknown")
    return [(k, counts[k]) for k in order if k in counts]


def copy_only_facts(select) -> list[str]:
    """Facts whose every source is a copy of another page (a Wikipedia mirror or proxy, a reprint): the
    recorded kind of each source, or for a source recorded without one, its kind as classified now."""
    by_fact: dict[str, list[bool]] = {}
    for r in select(_SOURCE_FACTS).rows:
        title = r["title"].value if r.get("title") is not None else None
        pub = r["publisher"].value if r.get("publisher") is not None else None
        kind = r["kind"].value if r.get("kind") is not None else None
        by_fact.setdefault(r["fact"].value, []).append(kind == "copy" if kind else is_copy(r["url"].value, title, pub))
    return sorted(f for f, copies in by_fact.items() if all(copies))


def qid_shares(select) -> list[tuple[str, int, int]]:
    """(what, with a Wikidata id, all) for persons and for each office kind."""
    text = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?what (COUNT(DISTINCT ?q) AS ?with) (COUNT(DISTINCT ?n) AS ?all) WHERE {
  { ?n a sk:Person . BIND("persons" AS ?what) }
  UNION { ?n a sk:Office ; sk:officeKind/skos:prefLabel ?k . BIND(CONCAT("offices: ", STR(?k)) AS ?what) }
  OPTIONAL { ?n sk:wikidata ?w . BIND(?n AS ?q) }
} GROUP BY ?what ORDER BY ?what"""
    return [(r["what"].value, int(r["with"].value), int(r["all"].value)) for r in select(text).rows]
