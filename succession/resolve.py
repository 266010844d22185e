"""Resolve what a user typed ("Chairman of the Majlisi Milli", "Rakhmonov", "Q27934") to one node.

Order of attempts: full IRI; Wikidata QID; slug ("rustam-emomali"); exact key on any label, alias
or native name; phonetic key; all typed words contained in one node's names. A miss or a tie is a
one-line error naming the closest candidates.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import AmbiguousError, NotFoundError, SuccessionError
from .names import _STOP as _STOP_WORDS
from .names import fold, key, phonetic
from .namespaces import ID, SK

KIND_CLASS = {
    "person": SK + "Person",
    "office": SK + "Office",
    "country": SK + "Country",
    "body": SK + "Body",
    "place": SK + "Place",
    "edition": SK + "LegalEdition",
}

_INDEX_QUERY = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?class ?label ?name ?primary WHERE {
  VALUES ?class { sk:Person sk:Office sk:Country sk:Body sk:Place sk:City sk:LegalEdition }
  ?node a ?class ; rdfs:label ?label .
  {
    ?node rdfs:label ?name . BIND(true AS ?primary)
  } UNION {
    ?node skos:altLabel|sk:name|sk:wikidata ?name . BIND(false AS ?primary)
  }
}
"""


@dataclass
class Entry:
    iri: str
    label: str
    names: set[str] = field(default_factory=set)
    # for an office: the words of its country's name, which loose reads may take as said ("Kazakh
    # Mazhilis speaker" is the Chairman of the Mazhilis, whose name does not repeat the country)
    context: frozenset[str] = frozenset()
    abolished: bool = False
    # words a reader uses for the office's kind ("central bank", "parliament"): taken as said too, but, unlike
    # the country's, counted as extra when the name itself has them (they do not rank one name above another)
    kind_words: frozenset[str] = frozenset()
    # the days an office existed (ISO text of the stored precision, None: not recorded), so that a loose
    # read on a date takes the post that existed then ("Tajik parliament speaker" in 1996 and today)
    established: str | None = None
    abolished_on: str | None = None

    def exists_on(self, day: str) -> bool:
        """Whether the office existed on ``day`` (YYYY-MM-DD): an imprecise establishment counts from
        its first day, an imprecise abolition from its first day too (the post is gone by then)."""
        if self.established and day < _first_day(self.established):
            return False
        return not (self.abolished_on and day >= _first_day(self.abolished_on))


def _first_day(text: str) -> str:
    return text + {4: "-01-01", 7: "-01"}.get(len(text), "")


_QUICK_QUERY = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?q ?class ?node ?label WHERE {
  ?node a ?class ; rdfs:label ?label ; rdfs:label|skos:altLabel|sk:name ?name .
  FILTER(LCASE(STR(?name)) = ?q)
}"""


_EXACT_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?q ?qen ?class ?node ?label WHERE {
  { ?node rdfs:label ?qen } UNION { ?node skos:altLabel ?q }
  ?node a ?class ; rdfs:label ?label .
}"""


_NODE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?node a ?class ; rdfs:label ?label }"""
_QID_QUERY = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?label WHERE { ?node sk:wikidata ?q ; a ?class ; rdfs:label ?label }"""


def _today() -> str:
    from .dates import today
    return today().lo


def _is_surname_only(text: str) -> bool:
    """One word may be a surname shared by several people; those go through the ranked path."""
    return len(text.split()) < 2


_OFFICE_CONTEXT_QUERY = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?office ?country ?abolished ?established ?kind WHERE {
  ?office a sk:Office .
  OPTIONAL { ?office sk:jurisdiction/sk:country/rdfs:label ?country }
  OPTIONAL { ?office sk:abolished ?abolished }
  OPTIONAL { ?office sk:established ?established }
  OPTIONAL { ?office sk:officeKind ?kind }
}"""

# Words a reader uses for a kind of office without them being in its name: "Kazakh central bank chair" is
# the Chairman of the National Bank, "Tajik parliament speaker" one of the chamber chairs. Taken as said,
# like the country's name; the date and the other steps choose among the offices they match.
_KIND_WORDS = {
    "chamber-chair": "parliament legislature house chamber",
    "central-bank": "central bank banker",
    "security-chief": "security service spy chief",
    "prosecutor": "prosecutor general attorney",
    "administration-head": "administration staff chief",
    "security-council": "security council",
    "head-of-state": "head state leader",
    "head-of-government": "head government",
}

_PROMINENCE_QUERY = """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
SELECT DISTINCT ?person ?kind WHERE { ?t a sk:Tenure ; sk:holder ?person ; sk:office/sk:officeKind ?kind }
"""
_KIND_RANK = {
    "https://w3id.org/succession-kb/ontology/kind#head-of-state": 3,
    "https://w3id.org/succession-kb/ontology/kind#head-of-government": 2,
    "https://w3id.org/succession-kb/ontology/kind#chamber-chair": 1,
}


class Resolver:
    """Name index over one engine; built on first use."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self._entries: dict[str, dict[str, Entry]] | None = None
        self._prominence: dict[str, int] | None = None
        self._known: dict[str, str] = {}  # labels of nodes resolved without the full index

    def reset(self) -> None:
        """Forget everything learnt from the graph (after an edit)."""
        self._entries = None
        self._prominence = None
        self._known = {}

    def prominence(self, iri: str) -> int:
        """How senior the highest office a person held: a bare surname ("Karimov", "Rakhmonov")
        means the head of state to most readers, so ties are broken in favour of the most senior."""
        if self._prominence is None:
            self._prominence = {}
            for row in self.engine.select(_PROMINENCE_QUERY).rows:
                rank = _KIND_RANK.get(row["kind"].value, 0)
                person = row["person"].value
                self._prominence[person] = max(rank, self._prominence.get(person, 0))
        return self._prominence.get(iri, 0)

    def _pick(self, kind: str, query: str, hits: list[Entry], on: str | None = None) -> Entry:
        if len(hits) == 1:
            return hits[0]
        if kind == "office" and on:  # the posts that existed on the day asked about
            then = [e for e in hits if e.exists_on(on)]
            if len(then) == 1:
                return then[0]
            hits = then or hits
        if kind == "person":
            ranked = sorted(hits, key=lambda e: -self.prominence(e.iri))
            if self.prominence(ranked[0].iri) > self.prominence(ranked[1].iri):
                return ranked[0]
        if kind == "office":  # a reader naming a post means the one that exists, not its abolished forerunner
            standing = [e for e in hits if not e.abolished]
            if len(standing) == 1:
                return standing[0]
        raise AmbiguousError(_ambiguous(kind, query, hits), tuple(sorted(e.iri for e in hits)))

    def _build(self) -> dict[str, dict[str, Entry]]:
        entries: dict[str, dict[str, Entry]] = defaultdict(dict)
        by_class = {v: k for k, v in KIND_CLASS.items()}
        for row in self.engine.select(_INDEX_QUERY).rows:
            cls = row["class"].value
            kind = by_class.get(cls, "place")
            iri = row["node"].value
            bucket = entries[kind]
            entry = bucket.get(iri) or bucket.setdefault(iri, Entry(iri, row["label"].value))
            entry.names.add(row["name"].value)
            if kind == "country":  # a country is also a place
                entries["place"].setdefault(iri, entry)
        offices = entries.get("office", {})
        for row in self.engine.select(_OFFICE_CONTEXT_QUERY).rows:
            entry = offices.get(row["office"].value)
            if entry is None:
                continue
            if row["country"] is not None:
                entry.context = entry.context | frozenset(phonetic(row["country"].value).split())
            if row["abolished"] is not None:
                entry.abolished = True
                entry.abolished_on = row["abolished"].value
            if row["established"] is not None:
                entry.established = row["established"].value
            if row["kind"] is not None:
                words = _KIND_WORDS.get(row["kind"].value.rsplit("#", 1)[-1], "")
                entry.kind_words = frozenset(phonetic(words).split())
        return entries

    def entries(self, kind: str) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._build()
        return self._entries.get(kind, {})

    def label(self, kind: str, iri: str) -> str:
        if iri in self._known:
            return self._known[iri]
        entry = self.entries(kind).get(iri)
        return entry.label if entry else iri

    def resolve(self, kind: str, text: str, on: str | None = None) -> str:
        """The IRI of the one node of ``kind`` that ``text`` names, or a one-line error. With ``on`` (a
        day, YYYY-MM-DD), a loose office name that fits several posts takes the ones that existed then."""
        return self.resolve_entry(kind, text, on=on).iri

    def _quick(self, kind: str, query: str) -> Entry | None:
        """Most look-ups name a node exactly (label or alias, any case): one indexed query answers
        them without building the whole name index."""
        if self._entries is not None or not query:
            return None
        cls = ox.NamedNode(KIND_CLASS.get(kind, KIND_CLASS["place"]))
        # the name exactly as stored (an index lookup), then any case (a scan of all names)
        rows = self.engine.select(_EXACT_QUERY, {"q": ox.Literal(query), "qen": ox.Literal(query, language="en"),
                                                 "class": cls}).rows
        if not rows:
            rows = self.engine.select(_QUICK_QUERY, {"q": ox.Literal(query.casefold()), "class": cls}).rows
        nodes = {r["node"].value: r["label"].value for r in rows}
        if len(nodes) == 1:
            iri, label = next(iter(nodes.items()))
            self._known[iri] = label
            return Entry(iri, label, {query})
        return None

    def resolve_entry(self, kind: str, text: str, on: str | None = None) -> Entry:
        query = (text or "").strip()
        if not query:
            raise NotFoundError(f"empty {kind} name")
        if kind in ("office", "country", "body") or (kind == "person" and not _is_surname_only(query)):
            quick = self._quick(kind, query)
            if quick is not None:
                return quick
        entries = self.entries(kind)
        if query in entries:
            return entries[query]
        if re.fullmatch(r"[Qq][1-9][0-9]*", query):
            hits = [e for e in entries.values() if query.upper() in e.names]
            if len(hits) == 1:
                return hits[0]
        slug_hits = [e for e in entries.values() if e.iri.startswith(ID) and e.iri.rsplit("/", 1)[-1] == query]
        if len(slug_hits) == 1:
            return slug_hits[0]

        if len(key(query).replace(" ", "")) < 3:  # "-x", "a": too short to guess from
            raise NotFoundError(self._not_found(kind, query))
        for keyfn in (key, phonetic):
            want = keyfn(query)
            if not want:
                continue
            hits = [e for e in entries.values() if any(keyfn(n) == want for n in e.names)]
            if len(hits) > 1:
                primary = [e for e in hits if keyfn(e.label) == want]
                if len(primary) == 1:
                    return primary[0]
            if hits:
                return self._pick(kind, query, hits, on)

        words = set(phonetic(query).split())
        if words:
            def said(e: Entry, n: str) -> set[str]:  # a name's words, with its country's taken as said
                return set(phonetic(n).split()) | e.context | e.kind_words

            hits = [e for e in entries.values() if any(words <= said(e, n) for n in e.names)]
            if len(hits) > 1 and kind == "office":
                # a post that did not exist on the day asked about (today by default) is not the one meant
                # when one that did exist fits as well
                then = [e for e in hits if e.exists_on(on or _today())]
                hits = then or hits
            if len(hits) > 1 and kind != "person":
                # "Kazakh KNB chief": the office whose name adds the fewest words to the query
                # (the chairman, not the first deputy chairman) is the one meant
                def extra(e: Entry) -> tuple[int, int]:
                    # first, how few of the query's words only the office's kind supplies ("Tajik parliament
                    # speaker" is the chair whose own name says "parliament"); then how few words the name adds
                    return min((len(words - set(phonetic(n).split()) - e.context),
                                len(set(phonetic(n).split()) - e.context - words))
                               for n in e.names if words <= said(e, n))
                best = min(extra(e) for e in hits)
                closest = [e for e in hits if extra(e) == best]
                if len(closest) > 1:
                    # "Kyrgyz toraga": the one whose own name has the query's words as written
                    literal = set(fold(query).split()) - _STOP_WORDS

                    def written(e: Entry) -> int:
                        return max(len(literal & set(fold(n).split())) for n in e.names)
                    top = max(written(e) for e in closest)
                    closest = [e for e in closest if written(e) == top]
                if len(closest) == 1:
                    return closest[0]
                if len(closest) < len(hits):
                    return self._pick(kind, query, closest, on)
            if hits:
                return self._pick(kind, query, hits, on)
        raise NotFoundError(self._not_found(kind, query))

    def resolve_strict(self, kind: str, text: str) -> str:
        """The IRI of the node ``text`` names exactly, for edits: a full IRI, a Wikidata QID, the slug of
        its IRI, or a label, alias or native name equal to ``text`` ignoring case and diacritics.
        Fuzzy, phonetic and bare-surname matches are for reading; writing a fact about the wrong
        person on a guess is worse than an error, so anything looser is refused with the candidates."""
        query = (text or "").strip()
        if not query:
            raise NotFoundError(f"empty {kind} name")
        fast = self._strict_quick(kind, query)
        if fast is not None:
            return fast
        entries = self.entries(kind)
        if query in entries:
            return query
        if re.fullmatch(r"[Qq][1-9][0-9]*", query):
            hits = [e for e in entries.values() if query.upper() in e.names]
        else:
            want = fold(query)  # case, diacritics, punctuation and script only: no synonym ("PM"), no word order
            hits = [e for e in entries.values() if want and any(fold(n) == want for n in e.names)]
            if not hits:
                hits = [e for e in entries.values() if e.iri.startswith(ID) and e.iri.rsplit("/", 1)[-1] == query]
        if len(hits) > 1:  # an exact label outranks another node's alias
            by_label = [e for e in hits if fold(e.label) == fold(query)]
            hits = by_label if len(by_label) == 1 else hits
        if len(hits) == 1:
            return hits[0].iri
        if len(hits) > 1:
            raise AmbiguousError(_ambiguous(kind, query, hits) + "; give the IRI or the Wikidata id")
        try:
            loose = self.resolve_entry(kind, query)
            hint = f"; did you mean {loose.label!r} ({loose.iri})?"
        except (NotFoundError, AmbiguousError):
            hint = self._not_found(kind, query).partition(";")[2]
            hint = f";{hint}" if hint else ""
        raise NotFoundError(f"unknown {kind} {query!r}: edits need an exact name, alias, Wikidata id or IRI{hint}")

    def exactly(self, kind: str, text: str) -> str | None:
        """The IRI of the one node of ``kind`` that ``text`` names exactly, or None (never an error): one
        indexed query while the name index is not built (an office name asked for a country does not build
        it), the index once it is."""
        query = (text or "").strip()
        if not query:
            return None
        try:
            return self._strict_quick(kind, query) if self._entries is None else self.resolve_strict(kind, query)
        except SuccessionError:
            return None

    def name_owners(self, kind: str, name: str) -> list[str]:
        """Every node of ``kind`` whose label, alias or native name equals ``name`` ignoring case and
        diacritics (what an edit would resolve the name to)."""
        want = fold(name)
        return sorted(e.iri for e in self.entries(kind).values() if want and any(fold(n) == want for n in e.names))

    def _strict_quick(self, kind: str, query: str) -> str | None:
        """An IRI, a Wikidata id or a name stored exactly (any case) answered by one indexed query, so an
        edit does not build the name index of the whole knowledge base; anything else takes the full
        path. A name is taken here only when exactly one node of the kind bears it."""
        if self._entries is not None:
            return None
        cls = ox.NamedNode(KIND_CLASS.get(kind, KIND_CLASS["place"]))
        if query.startswith(("http://", "https://")):
            try:
                node = ox.NamedNode(query)
            except ValueError:
                return None
            rows = self.engine.select(_NODE_QUERY, {"node": node, "class": cls}).rows
            if rows:
                self._known[query] = rows[0]["label"].value
                return query
            return None
        if re.fullmatch(r"[Qq][1-9][0-9]*", query):
            rows = self.engine.select(_QID_QUERY, {"q": ox.Literal(query.upper()), "class": cls}).rows
            nodes = {r["node"].value: r["label"].value for r in rows}
            if len(nodes) == 1:
                iri, label = next(iter(nodes.items()))
                self._known[iri] = label
                return iri
            return None
        quick = self._quick(kind, query)
        return quick.iri if quick is not None else None

    def _not_found(self, kind: str, query: str) -> str:
        entries = self.entries(kind)
        by_key: dict[str, Entry] = {}
        for e in entries.values():
            for n in e.names:
                by_key.setdefault(key(n), e)
        close = difflib.get_close_matches(key(query), list(by_key), n=8, cutoff=0.5)
        labels: list[str] = []
        for c in close:
            if by_key[c].label not in labels:
                labels.append(by_key[c].label)
        hint = f"; did you mean: {', '.join(repr(x) for x in labels[:3])}" if labels else ""
        return f"unknown {kind} {query!r}{hint}"


def _ambiguous(kind: str, query: str, hits: list[Entry]) -> str:
    labels = sorted({e.label for e in hits})
    shown = ", ".join(repr(x) for x in labels[:5])
    more = f" and {len(labels) - 5} more" if len(labels) > 5 else ""
    return f"ambiguous {kind} {query!r}: matches {shown}{more}"
