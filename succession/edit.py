"""Recording changes: appoint, end a tenure, add people, offices and relations, correct a fact.

Every edit is computed as a change set (triples to add, triples to remove) against the knowledge
base as it is *inside the write lock*, validated as the knowledge base would be after it (SHACL
shapes + SPARQL checks), and only then written, atomically, as sorted Turtle. A refused edit
leaves every file byte-identical. Re-running an edit that is already recorded changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import model as m
from .dates import PDate, parse_date
from .errors import ConflictError, InputError, NotFoundError, ValidationError
from .kb import ONTOLOGY_GRAPH
from .layout import partition
from .namespaces import ORG, PROV, RDF, RDFS, SK, SKOS, XSD, sparql_prefixes
from .terms import serialize_turtle

_URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
MAX_TEXT = 500

TYPE = RDF + "type"


@dataclass(frozen=True)
class SourceInfo:
    """Where an edit's facts come from."""

    url: str
    title: str | None = None
    publisher: str | None = None
    published: PDate | None = None

    @staticmethod
    def make(url: str | None, title: str | None = None, publisher: str | None = None,
             published: str | None = None) -> SourceInfo:
        url = (url or "").strip()
        if not url:
            raise InputError("a source is required: --source URL")
        if not _URL_RE.match(url) or len(url) > 2000:
            raise InputError(f"invalid source URL {url!r}: expected http(s)://... without spaces or quotes")
        return SourceInfo(url, clean_text(title, "source title", optional=True),
                          clean_text(publisher, "publisher", optional=True),
                          parse_date(published, "publication date") if published else None)


def clean_text(value: str | None, what: str, *, optional: bool = False) -> str | None:
    """Text is stored literally (quotes, braces and SPARQL words are fine); line breaks and control
    characters are refused because no name or title contains them."""
    if value is None or value.strip() == "":
        if optional:
            return None
        raise InputError(f"{what} must not be empty")
    if _CONTROL_RE.search(value):
        raise InputError(f"{what} must not contain line breaks or control characters: {value!r}")
    if len(value) > MAX_TEXT:
        raise InputError(f"{what} is too long ({len(value)} characters, at most {MAX_TEXT})")
    return value.strip()


@dataclass
class ChangeSet:
    """Triples to add and remove, and a human summary of the edit."""

    added: set[ox.Triple] = field(default_factory=set)
    removed: set[ox.Triple] = field(default_factory=set)
    summary: list[str] = field(default_factory=list)

    def add(self, triples: Iterable[ox.Triple]) -> None:
        self.added |= set(triples)

    def remove(self, triples: Iterable[ox.Triple]) -> None:
        self.removed |= set(triples)

    def normalised(self, existing: set[ox.Triple]) -> ChangeSet:
        """Drop additions already present and removals not present: what really changes."""
        removed = {t for t in self.removed if t in existing} - self.added
        added = {t for t in self.added if t not in existing}
        return ChangeSet(added, removed, list(self.summary))

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed

    def lines(self) -> list[str]:
        return [f"- {t} ." for t in sorted(self.removed, key=str)] + [f"+ {t} ." for t in sorted(self.added, key=str)]


@dataclass
class EditResult:
    changes: ChangeSet
    written: list[str]
    dry_run: bool

    @property
    def changed(self) -> bool:
        return not self.changes.empty


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class Editor:
    """Edits on one Succession session's knowledge base."""

    def __init__(self, session) -> None:
        self.s = session
        self.kb = session.kb
        self.recorded = m.now_literal()

    # ------------------------------------------------------------------ plumbing

    def _store(self) -> ox.Store:
        return self.kb.store()

    def _select(self, text: str, **bindings) -> list[dict]:
        return self.s.engine.select(sparql_prefixes() + text, bindings).rows

    def _exists(self, iri: str) -> bool:
        return next(iter(self._store().quads_for_pattern(N(iri), None, None)), None) is not None

    def _objects(self, s: str, p: str) -> list:
        return [q.object for q in self._store().quads_for_pattern(N(s), N(p), None)]

    def _triples_of(self, s: str, p: str) -> list[ox.Triple]:
        return [q.triple for q in self._store().quads_for_pattern(N(s), N(p), None) if q.graph_name != ONTOLOGY_GRAPH]

    def _source(self, b: m.Builder, src: SourceInfo) -> str:
        iri = m.source_iri(src.url)
        if self._exists(iri):
            return iri
        return b.source(src.url, src.title, src.publisher, src.published)

    def run(self, build, *, dry_run: bool = False) -> EditResult:
        """Compute ``build()`` under the write lock, validate the result, write it atomically."""
        if self.kb.as_recorded:
            raise InputError("--as-recorded is a read-only view of the past; edits apply to the present")
        with self.kb.writing():
            self.s.resolver.reset()
            store = self._store()
            existing = {q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH}
            changes: ChangeSet = build().normalised(existing)
            if changes.empty:
                return EditResult(changes, [], dry_run)
            after = (existing - changes.removed) | changes.added
            violations = self._validate(store, after, changes)
            if violations:
                more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
                raise ValidationError(f"refused, nothing written: {violations[0]}{more}",
                                      [str(v) for v in violations])
            if dry_run:
                return EditResult(changes, [], True)
            if hasattr(self.kb, "apply_changes"):  # a SPARQL server: one update request, all or nothing
                self.kb.apply_changes(changes.removed, changes.added)
                return EditResult(changes, [f"the SPARQL server at {self.kb.endpoint.update_url}"], False)
            before_files = self.kb.file_triples()
            after_files = partition(after)
            contents = {}
            for name in sorted(set(before_files) | set(after_files)):
                new = after_files.get(name, set())
                if new != before_files.get(name, set()):
                    contents[name] = serialize_turtle(new)
            self.kb.write_files(contents)
            return EditResult(changes, sorted(contents), False)

    def _validate(self, store: ox.Store, after: set[ox.Triple], changes: ChangeSet) -> list:
        """Validate the knowledge base as it would be after ``changes``: the SPARQL checks over the
        whole candidate graph (Oxigraph is fast), and the SHACL shapes incrementally, on the nodes
        the edit touches and their neighbours (pySHACL on the whole graph costs seconds per 10k
        triples). ``validate`` still runs the shapes on everything; a test checks both agree."""
        from .validate import run_checks, run_shapes, select_on

        candidate = ox.Store()
        candidate.extend(ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH)
                         for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
        candidate.extend(ox.Quad(t.subject, t.predicate, t.object) for t in after)
        focus = focus_nodes(candidate, changes)
        return run_shapes(shape_subgraph(candidate, focus), focus=focus) + run_checks(select_on(candidate))

    # ------------------------------------------------------------------ tenures of an office

    def _tenures(self, office: str) -> list[dict]:
        rows = self._select("""
SELECT ?office ?t ?holder ?label ?start ?end ?acting WHERE {
  ?t a sk:Tenure ; sk:office ?office ; sk:holder ?holder ; sk:start ?start ; sk:acting ?acting .
  ?holder rdfs:label ?label .
  OPTIONAL { ?t sk:end ?end }
}""", office=N(office))
        out = [{"iri": r["t"].value, "holder": r["holder"].value, "label": r["label"].value,
                "start": PDate(r["start"].value), "end": PDate(r["end"].value) if r["end"] is not None else None,
                "acting": r["acting"].value == "true"} for r in rows]
        return sorted(out, key=lambda t: (t["start"].lo, t["end"].lo if t["end"] else "9999"))

    def _single_seat(self, office: str) -> bool:
        seats = self._objects(office, SK + "seats")
        return not seats or seats[0].value == "1"

    # ------------------------------------------------------------------ appoint

    def appoint(self, person: str, office: str, date: str, *, acting: bool = False, mode: str | None = None,
                legal_basis: str | None = None, outgoing_reason: str | None = None, source: SourceInfo,
                dry_run: bool = False) -> EditResult:
        day = parse_date(date, "appointment date")
        _choice(mode, m.ENTRY_MODES, "mode")
        _choice(outgoing_reason, m.EXIT_REASONS, "outgoing reason")
        legal = clean_text(legal_basis, "legal basis", optional=True)

        def build() -> ChangeSet:
            p, o, plabel, olabel = self._person_office(person, office)
            cs = ChangeSet()
            tenures = self._tenures(o)
            for t in tenures:
                if t["holder"] == p and t["start"] == day and t["acting"] == acting:
                    cs.summary.append(f"Already recorded: {plabel} {'acting ' if acting else ''}{olabel} from {day}.")
                    return cs
            later = [t for t in tenures if t["start"].lo > day.hi]
            if later:
                t = later[0]
                raise ConflictError(f"{olabel} already has a later tenure: {t['label']} from {t['start']}; "
                                    f"appointing on {day} would rewrite history (use `succession correct`)")
            b = m.Builder()
            src = self._source(b, source)
            new = m.tenure_iri(o, p, day, acting)
            if self._exists(new):
                raise ConflictError(f"a tenure <{new}> already exists with other details; use `succession correct`")
            b.tenure(new, person=p, office=o, start=day, acting=acting, entry_mode=mode, legal_basis=legal,
                     sources=[src], recorded=self.recorded)
            outgoing = None
            closed_note = ""
            if self._single_seat(o):
                open_ = [t for t in tenures if t["end"] is None]
                for t in open_:
                    if t["start"].lo >= day.lo:
                        raise ConflictError(f"{olabel}: {t['label']}'s tenure starts {t['start']}, not before {day}; "
                                            "cannot close it on that date")
                    b.add(t["iri"], SK + "end", m.date_lit(day))
                    b.add(t["iri"], SK + "exitReason", m.exit_iri(outgoing_reason or "succeeded"))
                    b.sources(t["iri"], [src])
                    closed_note = f"; closed {t['label']}'s tenure on {day} ({outgoing_reason or 'succeeded'})"
                prev = open_[-1] if open_ else None
                if prev is None:
                    ended = [t for t in tenures if t["end"] is not None and t["end"].lo <= day.hi]
                    prev = ended[-1] if ended else None
                if prev is not None:
                    if self._objects(prev["iri"], SK + "successor"):
                        raise ConflictError(f"{olabel}: {prev['label']}'s tenure already has a successor")
                    b.link(prev["iri"], new)
                    if prev["end"] is None or prev["end"] == day:
                        outgoing = prev["iri"]
                        b.sources(prev["iri"], [src])
            b.event(m.event_iri(o, day, p), office=o, date=day, incoming=new, outgoing=outgoing,
                    mode=m.mode_iri(mode) if mode else None, legal_basis=legal, sources=[src],
                    recorded=self.recorded)
            for row in self._select("""
SELECT ?person ?office ?claim WHERE {
  ?claim a sk:Claim ; sk:person ?person ; sk:expectedOffice ?office .
  FILTER NOT EXISTS { ?claim sk:settledBy ?any }
}""", person=N(p), office=N(o)):
                b.add(row["claim"].value, SK + "settledBy", new)
                cs.summary.append(f"Settles the claim <{row['claim'].value}>.")
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {plabel} {'acting ' if acting else ''}{olabel} from {day}{closed_note}.")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ end a tenure

    def end_tenure(self, person: str, office: str, date: str, *, reason: str, source: SourceInfo,
                   dry_run: bool = False) -> EditResult:
        day = parse_date(date, "end date")
        _choice(reason, m.EXIT_REASONS, "reason", required=True)

        def build() -> ChangeSet:
            p, o, plabel, olabel = self._person_office(person, office)
            mine = [t for t in self._tenures(o) if t["holder"] == p]
            cs = ChangeSet()
            if any(t["end"] == day for t in mine) and not any(t["end"] is None for t in mine):
                cs.summary.append(f"Already recorded: {plabel}'s tenure as {olabel} ended {day}.")
                return cs
            open_ = [t for t in mine if t["end"] is None]
            if not open_:
                raise ConflictError(f"{plabel} holds no open tenure as {olabel}")
            t = open_[-1]
            if day.hi < t["start"].lo:
                raise InputError(f"end date {day} is before the tenure's start {t['start']}")
            b = m.Builder()
            src = self._source(b, source)
            b.add(t["iri"], SK + "end", m.date_lit(day))
            b.add(t["iri"], SK + "exitReason", m.exit_iri(reason))
            b.sources(t["iri"], [src])
            b.event(m.event_iri(o, day, None), office=o, date=day, incoming=None, outgoing=t["iri"],
                    sources=[src], recorded=self.recorded)
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {plabel}'s tenure as {olabel} ended {day} ({reason}); the office is vacant.")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ people, offices, relations

    def add_person(self, name: str, *, aliases: Iterable[str] = (), names: Iterable[str] = (),
                   born: str | None = None, died: str | None = None, wikidata: str | None = None,
                   source: SourceInfo, dry_run: bool = False) -> EditResult:
        label = clean_text(name, "name")
        alias_list = [clean_text(a, "alias") for a in aliases]
        native = [_native(n) for n in names]
        born_d = parse_date(born, "birth date") if born else None
        died_d = parse_date(died, "death date") if died else None
        if born_d and died_d and died_d.hi < born_d.lo:
            raise InputError(f"death date {died_d} is before birth date {born_d}")
        qid = wikidata.strip().upper() if wikidata else None
        if qid and not _QID_RE.match(qid):
            raise InputError(f"invalid Wikidata id {wikidata!r}: expected Q followed by digits")

        def build() -> ChangeSet:
            iri = m.person_iri(m.slug(label))
            cs = ChangeSet()
            if qid:
                for row in self._select("SELECT ?qid ?x ?l WHERE { ?x sk:wikidata ?qid ; rdfs:label ?l }",
                                        qid=ox.Literal(qid)):
                    if row["x"].value != iri:
                        raise ConflictError(f"Wikidata {qid} is already recorded for {row['l'].value}")
            b = m.Builder()
            src = self._source(b, source)
            if self._exists(iri):
                existing = [o.value for o in self._objects(iri, RDFS + "label")]
                if label not in existing:
                    raise ConflictError(f"another person is recorded as <{iri}> ({', '.join(existing)}); "
                                        "add a distinguishing detail to the name")
                for a in alias_list:
                    b.add(iri, SKOS + "altLabel", m.lit(a))
                for text, lang in native:
                    b.add(iri, SK + "name", m.lit(text, lang=lang))
                for prop, value in ((SK + "birthDate", born_d), (SK + "deathDate", died_d)):
                    if value is not None:
                        old = self._objects(iri, prop)
                        if old and old[0].value != value.text:
                            raise ConflictError(f"{label} already has {prop.rsplit('#')[-1]} {old[0].value}; "
                                                "use `succession correct`")
                        b.add(iri, prop, m.date_lit(value))
                if qid:
                    b.add(iri, SK + "wikidata", m.lit(qid))
                if b.triples - {t for t in b.triples if t.subject.value == src}:
                    b.sources(iri, [src])
                cs.add(b.triples)
                cs.summary.append(f"Updated person {label} <{iri}>.")
                return cs
            b.person(iri, label, aliases=alias_list, names=native, born=born_d, died=died_d, wikidata=qid,
                     sources=[src], recorded=self.recorded)
            cs.add(b.triples)
            cs.summary.append(f"Recorded person {label} <{iri}>.")
            return cs

        return self.run(build, dry_run=dry_run)

    def add_office(self, label: str, *, kind: str, country: str, city: str | None = None, body: str | None = None,
                   seats: int = 1, aliases: Iterable[str] = (), source: SourceInfo,
                   dry_run: bool = False) -> EditResult:
        label = clean_text(label, "office name")
        if kind not in m.OFFICE_KINDS:
            raise InputError(f"invalid kind {kind!r}: expected one of {', '.join(m.OFFICE_KINDS)}")
        if not isinstance(seats, int) or seats < 1:
            raise InputError(f"invalid seats {seats!r}: expected a whole number of at least 1")
        alias_list = [clean_text(a, "alias") for a in aliases]
        city = clean_text(city, "city", optional=True)
        body = clean_text(body, "body", optional=True)

        def build() -> ChangeSet:
            c = self.s.resolver.resolve("country", country)
            b = m.Builder()
            src = self._source(b, source)
            iri = m.office_iri(m.slug(label))
            cs = ChangeSet()
            if self._exists(iri):
                existing = [o.value for o in self._objects(iri, RDFS + "label")]
                if label not in existing:
                    raise ConflictError(f"another office is recorded as <{iri}> ({', '.join(existing)})")
                for a in alias_list:
                    b.add(iri, SKOS + "altLabel", m.lit(a))
                cs.add(b.triples)
                cs.summary.append(f"Office {label} <{iri}> already recorded.")
                return cs
            jurisdiction = c
            if city:
                try:
                    jurisdiction = self.s.resolver.resolve("place", city)
                except NotFoundError:
                    jurisdiction = m.place_iri(m.slug(city))
                    b.place(jurisdiction, city, c, False)
            body_iri = None
            if body:
                try:
                    body_iri = self.s.resolver.resolve("body", body)
                except NotFoundError:
                    body_iri = m.body_iri(m.slug(body))
                    b.body(body_iri, body, c)
            b.office(iri, label, kind=kind, jurisdiction=jurisdiction, body=body_iri, seats=seats,
                     aliases=alias_list, sources=[src], recorded=self.recorded)
            cs.add(b.triples)
            cs.summary.append(f"Recorded office {label} <{iri}>.")
            return cs

        return self.run(build, dry_run=dry_run)

    def relate(self, person: str, relation: str, relative: str, *, source: SourceInfo,
               dry_run: bool = False) -> EditResult:
        if relation not in m.KINSHIPS:
            raise InputError(f"invalid relation {relation!r}: expected one of {', '.join(m.KINSHIPS)}")

        def build() -> ChangeSet:
            a = self._resolve_existing("person", person)
            z = self._resolve_existing("person", relative)
            if a == z:
                raise InputError("a person cannot be their own relative")
            kind, x, y = relation, a, z
            if kind == "parent-of":
                kind, x, y = "child-of", z, a
            if kind in m.SYMMETRIC_KINSHIPS and y < x:
                x, y = y, x
            b = m.Builder()
            src = self._source(b, source)
            iri = m.relation_iri(x, kind, y)
            b.relation(iri, person=x, kinship=kind, relative=y, sources=[src],
                       recorded=None if self._exists(iri) else self.recorded)
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {self.s.resolver.label('person', x)} {kind} "
                              f"{self.s.resolver.label('person', y)}.")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ historical tenures

    def add_tenure(self, person: str, office: str, start: str, end: str | None, *, acting: bool = False,
                   mode: str | None = None, exit_reason: str | None = None, source: SourceInfo,
                   dry_run: bool = False) -> EditResult:
        """Insert a past tenure into an office's chain (where `appoint` refuses to rewrite history):
        it is linked between the tenures before and after it, and validation refuses any overlap."""
        day = parse_date(start, "start date")
        until = parse_date(end, "end date") if end else None
        if until is not None and until.hi < day.lo:
            raise InputError(f"end date {until} is before the start {day}")
        _choice(mode, m.ENTRY_MODES, "mode")
        _choice(exit_reason, m.EXIT_REASONS, "exit reason")

        def build() -> ChangeSet:
            p, o, plabel, olabel = self._person_office(person, office)
            cs = ChangeSet()
            tenures = self._tenures(o)
            if any(t["holder"] == p and t["start"] == day for t in tenures):
                cs.summary.append(f"Already recorded: {plabel} {olabel} from {day}.")
                return cs
            b = m.Builder()
            src = self._source(b, source)
            new = m.tenure_iri(o, p, day, acting)
            b.tenure(new, person=p, office=o, start=day, end=until, acting=acting, entry_mode=mode,
                     exit_reason=exit_reason if until else None, sources=[src], recorded=self.recorded)
            outgoing = None
            if self._single_seat(o):
                before = [t for t in tenures if t["start"].lo < day.lo]
                after = [t for t in tenures if t["start"].lo > day.lo]
                pred = before[-1] if before else None
                succ = after[0] if after else None
                if pred and succ and succ["iri"] in {x.value for x in self._objects(pred["iri"], SK + "successor")}:
                    cs.remove(self._triples_of(pred["iri"], SK + "successor"))
                    cs.remove(self._triples_of(succ["iri"], SK + "predecessor"))
                if pred and (not self._objects(pred["iri"], SK + "successor") or succ):
                    b.link(pred["iri"], new)
                    if pred["end"] is not None and pred["end"] == day:
                        outgoing = pred["iri"]
                if succ and (not self._objects(succ["iri"], SK + "predecessor") or pred):
                    b.link(new, succ["iri"])
            b.event(m.event_iri(o, day, p), office=o, date=day, incoming=new, outgoing=outgoing,
                    mode=m.mode_iri(mode) if mode else None, sources=[src], recorded=self.recorded)
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {plabel} {olabel} from {day}" + (f" to {until}" if until else "") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ claims

    def add_claim(self, person: str, office: str, *, statement: str, claimant: str, date: str, stage: str,
                  confidence: str, source: SourceInfo, dry_run: bool = False) -> EditResult:
        text = clean_text(statement, "statement")
        who = clean_text(claimant, "claimant")
        when = parse_date(date, "claim date")
        if stage not in m.CLAIM_STAGES:
            raise InputError(f"invalid stage {stage!r}: expected one of {', '.join(m.CLAIM_STAGES)}")
        if not re.fullmatch(r"(0(\.\d{1,3})?|1(\.0{1,3})?)", confidence or ""):
            raise InputError(f"invalid confidence {confidence!r}: expected a number from 0 to 1, e.g. 0.7")

        def build() -> ChangeSet:
            p = self._resolve_existing("person", person)
            o = self._resolve_existing("office", office)
            b = m.Builder()
            src = self._source(b, source)
            iri = m.claim_iri(p, o, when, who, text)
            b.claim(iri, person=p, office=o, statement=text, claimant=who, date=when, stage=stage,
                    confidence=confidence, sources=[src], recorded=None if self._exists(iri) else self.recorded)
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded claim <{iri}> ({stage}, confidence {confidence}); it is not a fact "
                              "and no fact query reads it.")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ corrections

    TENURE_FIELDS = {"start": SK + "start", "end": SK + "end", "acting": SK + "acting", "mode": SK + "entryMode",
                     "exit-reason": SK + "exitReason", "legal-basis": SK + "legalBasis"}
    PERSON_FIELDS = {"born": SK + "birthDate", "died": SK + "deathDate", "wikidata": SK + "wikidata",
                     "label": RDFS + "label"}

    def correct(self, person: str, field_name: str, value: str, *, office: str | None = None,
                start: str | None = None, reason: str | None = None, source: SourceInfo,
                dry_run: bool = False) -> EditResult:
        note = clean_text(reason, "reason", optional=True)
        fields = self.TENURE_FIELDS if office else self.PERSON_FIELDS
        if field_name not in fields:
            raise InputError(f"invalid field {field_name!r}: expected one of {', '.join(fields)}"
                             + ("" if office else " (give an OFFICE to correct a tenure)"))
        prop = fields[field_name]
        new_obj = self._field_value(field_name, value)
        pick = parse_date(start, "tenure start") if start else None

        def build() -> ChangeSet:
            p = self._resolve_existing("person", person)
            if office:
                o = self._resolve_existing("office", office)
                mine = [t for t in self._tenures(o) if t["holder"] == p]
                if pick:
                    mine = [t for t in mine if t["start"] == pick]
                if not mine:
                    raise NotFoundError(f"no tenure of {self.s.resolver.label('person', p)} as "
                                        f"{self.s.resolver.label('office', o)}"
                                        + (f" starting {pick}" if pick else ""))
                if len(mine) > 1:
                    starts = ", ".join(str(t["start"]) for t in mine)
                    raise AmbiguousTenure(f"several tenures match (starts {starts}); pick one with --start")
                subject = mine[0]["iri"]
            else:
                subject = p
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            self._set(cs, b, subject, prop, new_obj, src, note)
            if office and field_name in ("start", "end"):
                self._follow_dates(cs, b, subject, field_name, new_obj, src, note)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def _field_value(self, field_name: str, value: str):
        if field_name in ("start", "end", "born", "died"):
            return m.date_lit(parse_date(value, field_name))
        if field_name == "acting":
            if value.lower() not in ("true", "false", "yes", "no"):
                raise InputError(f"invalid acting {value!r}: expected true or false")
            return m.lit("true" if value.lower() in ("true", "yes") else "false", XSD + "boolean")
        if field_name == "mode":
            if value not in m.ENTRY_MODES:
                raise InputError(f"invalid mode {value!r}: expected one of {', '.join(m.ENTRY_MODES)}")
            return N(m.mode_iri(value))
        if field_name == "exit-reason":
            if value not in m.EXIT_REASONS:
                raise InputError(f"invalid exit reason {value!r}: expected one of {', '.join(m.EXIT_REASONS)}")
            return N(m.exit_iri(value))
        if field_name == "wikidata":
            if not _QID_RE.match(value.strip().upper()):
                raise InputError(f"invalid Wikidata id {value!r}: expected Q followed by digits")
            return m.lit(value.strip().upper())
        if field_name == "label":
            return m.lit(clean_text(value, "name"), lang="en")
        return m.lit(clean_text(value, field_name))

    def _set(self, cs: ChangeSet, b: m.Builder, subject: str, prop: str, new_obj, src: str, note: str | None) -> None:
        old = self._triples_of(subject, prop)
        if len(old) == 1 and old[0].object == new_obj:
            cs.summary.append(f"Already recorded: <{subject}> {prop.rsplit('#', 1)[-1]} {new_obj.value}.")
            return
        cs.remove(old)
        b.add(subject, prop, new_obj)
        b.sources(subject, [src])
        old_text = " ".join(t.object.value for t in old)
        iri = m.correction_iri(subject, prop, new_obj.value, self.recorded.value)
        b.add(iri, TYPE, SK + "Correction")
        b.add(iri, SK + "about", subject)
        b.add(iri, SK + "property", prop)
        for t in old:  # the old and new terms themselves, so that --as-recorded can undo the change
            b.add(iri, SK + "oldValue", t.object)
        b.add(iri, SK + "newValue", new_obj)
        b.add(iri, SK + "recordedAt", self.recorded)
        b.add(iri, RDFS + "comment", m.lit(note) if note else None)
        b.sources(iri, [src])
        cs.summary.append(f"Corrected <{subject}> {prop.rsplit('#', 1)[-1]}: {old_text or '(none)'} -> {new_obj.value}.")

    def _follow_dates(self, cs: ChangeSet, b: m.Builder, tenure: str, field_name: str, new_obj, src: str,
                      note: str | None) -> None:
        """A hand-over is one date: moving a start moves the predecessor's end (and the event) with it."""
        old = self._objects(tenure, SK + ("start" if field_name == "start" else "end"))
        if not old:
            return
        old_value = old[0].value
        if field_name == "start":
            for pred in self._objects(tenure, SK + "predecessor"):
                pend = self._objects(pred.value, SK + "end")
                if pend and pend[0].value == old_value:
                    self._set(cs, b, pred.value, SK + "end", new_obj, src, note)
            events = self._select("SELECT ?t ?e WHERE { ?e sk:incoming ?t }", t=N(tenure))
        else:
            for succ in self._objects(tenure, SK + "successor"):
                sstart = self._objects(succ.value, SK + "start")
                if sstart and sstart[0].value == old_value:
                    self._set(cs, b, succ.value, SK + "start", new_obj, src, note)
            events = self._select("SELECT ?t ?e WHERE { ?e sk:outgoing ?t }", t=N(tenure))
        for row in events:
            ev = row["e"].value
            for t in self._triples_of(ev, SK + "date"):
                if t.object.value == old_value:
                    cs.remove([t])
                    b.add(ev, SK + "date", new_obj)

    # ------------------------------------------------------------------ helpers

    def _person_office(self, person: str, office: str) -> tuple[str, str, str, str]:
        """Both IRIs and both labels of an edit's person and office (unknown ones are refused)."""
        p = self._resolve_existing("person", person)
        o = self._resolve_existing("office", office)
        return p, o, self.s.resolver.label("person", p), self.s.resolver.label("office", o)

    def _resolve_existing(self, kind: str, text: str) -> str:
        try:
            return self.s.resolver.resolve(kind, text)
        except NotFoundError as exc:
            hint = {"person": "add-person", "office": "add-office"}.get(kind)
            raise NotFoundError(f"{exc} (record it first with `succession {hint}`)" if hint else str(exc)) from None


def focus_nodes(store: ox.Store, changes: ChangeSet) -> list[ox.NamedNode]:
    """The nodes whose shapes an edit can change: subjects and objects of the changed triples, and
    the nodes that point at those subjects (their sh:class constraints depend on them)."""
    subjects = {t.subject for t in changes.added | changes.removed}
    touched = set(subjects)
    for t in changes.added | changes.removed:
        if isinstance(t.object, ox.NamedNode) and t.object.value.startswith(m.ID):  # instances, not classes
            touched.add(t.object)
    pointing = {q.subject for node in subjects for q in store.quads_for_pattern(None, None, node)}
    return sorted((n for n in touched | pointing if isinstance(n, ox.NamedNode) and n.value.startswith(m.ID)),
                  key=str)


def shape_subgraph(store: ox.Store, focus: list[ox.NamedNode]) -> set[ox.Triple]:
    """Everything the shapes read about the focus nodes: their triples, the types and labels of
    what they point to, and the ontology (concept schemes)."""
    out: set[ox.Triple] = {q.triple for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH)}
    type_ = N(TYPE)
    for node in focus:
        for q in store.quads_for_pattern(node, None, None):
            out.add(q.triple)
            if isinstance(q.object, ox.NamedNode):
                out.update(x.triple for x in store.quads_for_pattern(q.object, type_, None))
    return out


class AmbiguousTenure(InputError):
    pass


def _choice(value: str | None, allowed: tuple[str, ...], what: str, required: bool = False) -> None:
    """A value from a controlled list (modes, exit reasons, ...), or a one-line error listing them."""
    if value is None and not required:
        return
    if value not in allowed:
        raise InputError(f"invalid {what} {value!r}: expected one of {', '.join(allowed)}")


def _native(text: str) -> tuple[str, str]:
    """A native-script name given as TEXT@lang (e.g. 'Рустам Эмомалӣ@tg')."""
    name, sep, lang = (text or "").rpartition("@")
    if not sep or not _LANG_RE.match(lang):
        raise InputError(f"invalid native name {text!r}: expected TEXT@lang, e.g. 'Рустам Эмомалӣ@tg'")
    return clean_text(name, "native name"), lang.lower()


__all__ = ["Editor", "SourceInfo", "ChangeSet", "EditResult", "ORG", "PROV"]
