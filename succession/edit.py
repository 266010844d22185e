"""Recording changes: appoint, end a tenure, add people, offices and relations, correct a fact.

Every edit is computed as a change set (triples to add, triples to remove) against the knowledge
base as it is *inside the write lock*, validated as the knowledge base would be after it (SHACL
shapes + SPARQL checks), and only then written, atomically, as sorted Turtle. A refused edit
leaves every file byte-identical. Re-running an edit that is already recorded changes nothing.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import model as m
from .dates import PDate, parse_date, today
from .errors import ConflictError, InputError, NotFoundError, SuccessionError, ValidationError
from .kb import ONTOLOGY_GRAPH
from .layout import partition
from .names import fold
from .namespaces import DCTERMS, ORG, PROV, RDF, RDFS, SCHEMA, SK, SKOS, XSD, sparql_prefixes
from .terms import serialize_turtle

_URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_QID_RE = re.compile(r"Q[1-9][0-9]*\Z")
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# bidirectional embeddings, overrides and isolates reorder what a reader sees ("\u202e" shows a name
# backwards): no name, title or note needs them, so they are refused like control characters
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# invisible characters that make two names look equal and differ (zero-width space and joiner, word
# joiner, byte-order mark, soft hyphen, Mongolian vowel separator); the zero-width non-joiner and the
# direction marks (LRM, RLM) stay, as Persian-script and right-to-left names need them
_INVISIBLE_RE = re.compile(r"[\u200b\u200d\u2060\ufeff\u00ad\u180e]")
MAX_TEXT = 500
MAX_NOTE = 4000  # a note explains a fact and its sources: longer than a name, still bounded
PREDECESSOR_WINDOW_DAYS = 366  # `appoint` links the last holder as predecessor only if they left within a year

TYPE = RDF + "type"
_BATCH_GRAPH = ox.NamedNode("urn:succession-kb:batch")
_LATEST_RECORD = f"SELECT (MAX(STR(?t)) AS ?m) WHERE {{ ?s <{SK}recordedAt> ?t }}"


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
                          _published(published) if published else None)


def clean_text(value: str | None, what: str, *, optional: bool = False, limit: int | None = None) -> str | None:
    """Text is stored literally (quotes, braces and SPARQL words are fine); line breaks and control
    characters are refused because no name or title contains them."""
    if value is None or value.strip() == "":
        if optional:
            return None
        raise InputError(f"{what} must not be empty")
    if _CONTROL_RE.search(value):
        raise InputError(f"{what} must not contain line breaks or control characters: {value!r}")
    if _BIDI_RE.search(value):
        raise InputError(f"{what} must not contain bidirectional override or isolate characters "
                         f"(they change how the text reads): {value.encode('unicode_escape').decode()}")
    hidden = _INVISIBLE_RE.search(value)
    if hidden:
        raise InputError(f"{what} must not contain invisible characters (U+{ord(hidden.group()):04X} at position "
                         f"{hidden.start() + 1}): {value.encode('unicode_escape').decode()}")
    limit = limit or (MAX_NOTE if what == "note" else MAX_TEXT)
    if len(value) > limit:
        raise InputError(f"{what} is too long ({len(value)} characters, at most {limit})")
    if what in _NAMES and not any(ch.isalpha() for ch in value):  # "12345", "---": no one is named so
        raise InputError(f"{what} must contain letters: {value!r}")
    return value.strip()


# kinds of text that name someone or something, and so have letters in them
_NAMES = {"name", "native name", "alias", "office name", "new name", "former name", "body", "city", "region",
          "claimant", "edition title", "election title", "publisher"}


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

    def by_subject(self) -> tuple[dict, dict]:
        """The removed and the added triples, each grouped by subject."""
        removed: dict = {}
        added: dict = {}
        for t in self.removed:
            removed.setdefault(t.subject, set()).add(t)
        for t in self.added:
            added.setdefault(t.subject, set()).add(t)
        return removed, added

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
        self._batch: list[ChangeSet] | None = None
        self._conflicts: list[str] = []

    # ------------------------------------------------------------------ plumbing

    def _store(self) -> ox.Store:
        return self.kb.store()

    def _select(self, text: str, **bindings) -> list[dict]:
        return self.s.engine.select(sparql_prefixes() + text, bindings).rows

    @staticmethod
    def _recorded(iri: str) -> ox.NamedNode | None:
        """``iri`` as a node to look up, or None for text no IRI can be (a user's target with '>' or a
        space), which names no recorded node."""
        try:
            return N(iri)
        except ValueError:
            return None

    def _exists(self, iri: str) -> bool:
        node = self._recorded(iri)
        return node is not None and next(iter(self._store().quads_for_pattern(node, None, None)), None) is not None

    def _objects(self, s: str, p: str) -> list:
        node = self._recorded(s)
        return [] if node is None else [q.object for q in self._store().quads_for_pattern(node, N(p), None)]

    def _first(self, s: str, p: str) -> str | None:
        """The value of one of ``s``'s ``p`` (the only one, for a single-valued property), or None."""
        found = self._objects(s, p)
        return found[0].value if found else None

    def _triples_of(self, s: str, p: str) -> list[ox.Triple]:
        return [q.triple for q in self._store().quads_for_pattern(N(s), N(p), None) if q.graph_name != ONTOLOGY_GRAPH]

    def _source(self, b: m.Builder, src: SourceInfo) -> str:
        """The source node for ``src``; a known URL keeps its details and gains the ones it lacked
        (a title, publisher or date given now for a page cited before without them)."""
        iri = m.source_iri(src.url)
        if not self._exists(iri):
            return b.source(src.url, src.title, src.publisher, src.published)
        if not self._objects(iri, SK + "sourceKind"):
            b.source_kind(iri, src.url, self._first(iri, DCTERMS + "title") or src.title,
                          self._first(iri, DCTERMS + "publisher") or src.publisher)
        for what, prop, value in (("title", DCTERMS + "title", src.title),
                                  ("publisher", DCTERMS + "publisher", src.publisher),
                                  ("date", DCTERMS + "issued", src.published)):
            if value is None:
                continue
            known = self._objects(iri, prop)
            text = value.text if isinstance(value, PDate) else value
            if not known:
                b.add(iri, prop, m.date_lit(value) if isinstance(value, PDate) else m.lit(value))
            elif text not in {k.value for k in known}:
                # a conflict is reported, never resolved silently: the recorded value stays
                note = (f"Source conflict: {src.url} is recorded with {what} {known[0].value!r}; this edit gives "
                        f"{text!r}; the recorded {what} is kept.")
                if note not in self._conflicts:
                    self._conflicts.append(note)
        return iri

    def run(self, build, *, dry_run: bool = False) -> EditResult:
        """Compute ``build()`` under the write lock, validate the result, write it atomically.
        Inside ``batch`` the change is applied to the working store only; the batch validates and
        writes once at its end."""
        if self.kb.as_recorded:
            raise InputError("--as-recorded is a read-only view of the past; edits apply to the present")
        if self._batch is not None:
            return self._run_in_batch(build)
        if hasattr(self.kb, "apply_changes"):
            return self._run_on_server(build, dry_run)
        with self.kb.writing(working=True):
            self.s.resolver.reset()
            store = self._store()
            self._next_time(store)
            self._conflicts = []
            changes = _normalise(store, build())
            changes.summary += self._conflicts
            if changes.empty:
                return EditResult(changes, [], dry_run)
            self._refuse(self._validate_local(store, changes), "")
            if dry_run:
                return EditResult(changes, [], True)
            contents = self._spliced(store, changes)
            self.kb.commit_edit(contents, changes.removed, changes.added,
                                self._staged_journal(_command_of(build), changes))
            return EditResult(changes, sorted(contents), False)

    def _run_on_server(self, build, dry_run: bool) -> EditResult:
        """A SPARQL server: the edit is checked on a snapshot of its graph and sent as one update."""
        with self.kb.writing():
            self.s.resolver.reset()
            store = self._store()
            self._next_time(store)
            existing = {q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH}
            self._conflicts = []
            changes: ChangeSet = build().normalised(existing)
            changes.summary += self._conflicts
            if changes.empty:
                return EditResult(changes, [], dry_run)
            after = (existing - changes.removed) | changes.added
            self._refuse_violations(store, after, changes, "")
            if dry_run:
                return EditResult(changes, [], True)
            self.kb.apply_changes(changes.removed, changes.added)
            return EditResult(changes, [f"the SPARQL server at {self.kb.endpoint.update_url}"], False)

    def _validate_local(self, store: ox.Store, changes: ChangeSet) -> list:
        """Validate an edit on the part of the knowledge base it can affect: its nodes, the offices,
        persons, rules and editions around them (``neighbourhood``), with the ontology. The knowledge
        base was valid before the edit, so every new violation involves those nodes; the result equals
        a full validation (tests compare both on every check's examples)."""
        from .validate import run_checks, run_shapes, select_on

        candidate = ox.Store()
        candidate.extend(ontology_quads())
        candidate.extend(ox.Quad(t.subject, t.predicate, t.object) for t in neighbourhood(store, changes))
        focus = focus_nodes(candidate, changes)
        return run_shapes(shape_subgraph(candidate, focus), focus=focus) + run_checks(select_on(candidate))

    def _spliced(self, store: ox.Store, changes: ChangeSet) -> dict[str, str]:
        """The new text of each file the edit changes: the changed subjects' blocks spliced in place."""
        from .layout import FILE_BY_CLASS, OTHER_FILE, file_for
        from .turtle import HEADER, block, splice

        layout = set(FILE_BY_CLASS.values()) | {OTHER_FILE}
        if any(p.name not in layout for p in self.kb.turtle_files()):
            return self._rewrite_files(changes)

        removed_by, added_by = changes.by_subject()
        per_file: dict[str, dict[str, str | None]] = {}
        expected: dict[str, dict[str, set]] = {}  # each changed subject's triples as its old block must hold them
        type_ = N(TYPE)
        for subject in set(removed_by) | set(added_by):
            before = {q.triple for q in store.quads_for_pattern(subject, None, None, ox.DefaultGraph())}
            after = (before - removed_by.get(subject, set())) | added_by.get(subject, set())
            old_file = file_for(t.object.value for t in before if t.predicate == type_) if before else None
            new_file = file_for(t.object.value for t in after if t.predicate == type_) if after else None
            if old_file is not None:
                expected.setdefault(old_file, {})[subject.value] = before
            if new_file is not None and new_file != old_file:
                expected.setdefault(new_file, {})[subject.value] = set()
            if old_file is not None and old_file != new_file:
                per_file.setdefault(old_file, {})[subject.value] = None
            if new_file is not None:
                per_file.setdefault(new_file, {})[subject.value] = block(after)
        contents = {}
        for name, changed in per_file.items():
            path = self.kb.dir / name
            try:
                text = path.read_text(encoding="utf-8") if path.exists() else HEADER + "\n\n"
                contents[name] = splice(text, changed, expected.get(name, {}))
            except ValueError:  # a file not written by our writer, or a subject spread over files (a hand
                return self._rewrite_files(changes)  # edit, a foreign layout): write them in full
        return contents

    def _rewrite_files(self, changes: ChangeSet) -> dict[str, str]:
        """Every file whose triples change, from each file's own triples (the slow, general path)."""
        before_files = self.kb.parse_files()
        every = set().union(*before_files.values()) if before_files else set()
        return _changed_files(before_files, (every - changes.removed) | changes.added)

    # ------------------------------------------------------------------ the journal (for undo)

    def _next_time(self, store: ox.Store) -> None:
        """Make this edit's record time later than every recorded one (inside the write lock), so
        that two edits within one second still get two ids and an undo never shares its edit's time."""
        from .journal import last_time

        rows = list(store.query(_LATEST_RECORD, use_default_graph_as_union=True))
        times = [rows[0]["m"].value] if rows and rows[0]["m"] is not None else []
        if hasattr(self.kb, "dir"):
            times.append(last_time(self.kb.dir) or "")
        latest = max(times, default="")
        if latest and self.recorded.value <= latest:
            import datetime as _dt

            nxt = _dt.datetime.strptime(latest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
            self.recorded = m.now_literal(nxt + _dt.timedelta(seconds=1))

    def _staged_journal(self, command: str, changes: ChangeSet, summary: list[str] | None = None):
        """The edit's exact change set as a journal entry (see succession.journal), staged with its
        files so that the edit and its entry commit in one step: a kill between them cannot leave an
        edit that `undo` does not know. None (with a note) if an earlier entry of the same second is
        unreadable: the edit still goes through, and says it cannot be undone."""
        from .journal import Entry, staged_entry

        try:
            return staged_entry(self.kb.dir, Entry(self.recorded.value, command,
                                                   list(changes.summary if summary is None else summary),
                                                   set(changes.added), set(changes.removed)))
        except (SuccessionError, OSError) as exc:
            changes.summary.append(f"Note: the edit is written, but its journal entry is not ({exc}); "
                                   "`undo` cannot reverse it.")
            return None

    def _refuse_violations(self, store: ox.Store, after: set[ox.Triple], changes: ChangeSet, what: str) -> None:
        self._refuse(self._validate(store, after, changes), what)

    @staticmethod
    def _refuse(violations: list, what: str) -> None:
        """Refuse an edit that would leave ``violations``: the first one, and how many more."""
        if violations:
            more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
            raise ValidationError(f"refused, nothing written: {what}{violations[0]}{more}",
                                  [str(v) for v in violations])

    def _write(self, before_files: dict[str, set[ox.Triple]], after: set[ox.Triple],
               journal: tuple[str, str] | None = None) -> list[str]:
        """Rewrite only the files whose triples change, atomically, with the journal entry; the names written."""
        contents = _changed_files(before_files, after)
        self.kb.write_files(contents, journal)
        return sorted(contents)

    def _run_in_batch(self, build) -> EditResult:
        self.s.resolver.reset()
        store = self._store()
        self._conflicts = []
        proposed = build()
        proposed.summary += self._conflicts
        changes = _normalise(store, proposed, graph=None)  # the batch's store has a graph per file
        for t in changes.removed:
            for q in list(store.quads_for_pattern(t.subject, t.predicate, t.object)):
                if q.graph_name != ONTOLOGY_GRAPH:
                    store.remove(q)
        graph = ox.DefaultGraph() if self.kb.flat else _BATCH_GRAPH  # a checkpoint of the flat index, or per file
        for t in changes.added:
            store.add(ox.Quad(t.subject, t.predicate, t.object, graph))
        assert self._batch is not None
        self._batch.append(changes)
        return EditResult(changes, [], True)

    def batch(self, ops, *, dry_run: bool = False) -> tuple[list[EditResult], EditResult]:
        """Run several edits as one: each sees the ones before it, then the knowledge base as it would
        be after all of them is validated once and written once, or nothing is written. ``ops`` are
        callables (each calls one edit method); an error names the row (1-based) that caused it."""
        if self.kb.as_recorded:
            raise InputError("--as-recorded is a read-only view of the past; edits apply to the present")
        if hasattr(self.kb, "apply_changes"):
            raise InputError("apply works on the embedded knowledge base; run the edits one by one on a server")
        with self.kb.writing(working=True):
            index = self._store()
            if self.kb.index_key is not None:
                return self._batch_on_index(index, ops, dry_run)
        with self.kb.writing():
            store = self._store()
            self._next_time(store)
            before_files = self.kb.file_triples()
            original = {q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH}
            try:
                results = self._run_rows(ops)
            finally:
                self._batch = None
            after = {q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH}
            total = ChangeSet(after - original, original - after, [f"{len(results)} edit(s) in one batch."])
            if total.empty:
                return results, EditResult(total, [], dry_run)
            self._refuse_violations(store, after, total, "the batch would leave ")
            if dry_run:
                return results, EditResult(total, [], True)
            written = self._write(before_files, after, self._staged_journal(
                "apply", total, [line for r in results for line in r.changes.summary]))
            return results, EditResult(total, written, False)

    def _run_rows(self, ops) -> list[EditResult]:
        """Run a batch's rows in order, each into ``self._batch``; an error names its row (1-based).
        The caller resets ``self._batch`` afterwards."""
        self._batch = []
        results: list[EditResult] = []
        for i, op in enumerate(ops, 1):
            try:
                results.append(op())
            except ValidationError as exc:
                raise ValidationError(f"row {i}: {exc}", exc.violations) from None
            except SuccessionError as exc:
                err = type(exc).__new__(type(exc))
                Exception.__init__(err, f"row {i}: {exc}")
                raise err from None
        return results

    def _batch_on_index(self, index: ox.Store, ops, dry_run: bool) -> tuple[list[EditResult], EditResult]:
        """A batch in time proportional to its change: the rows run, each seeing the ones before it, on
        a writable checkpoint of the on-disk index (hard links, made in milliseconds), while the index
        itself stays as the files are; then the total change is validated on its neighbourhood and
        spliced into the files like a single edit. Caller holds ``writing(working=True)``."""
        work_dir = self.kb.checkpoint_index()
        work: ox.Store | None = None
        try:
            work = ox.Store(str(work_dir))
            self._next_time(index)
            self.kb.use_store(work)
            try:
                results = self._run_rows(ops)
                touched = {t for c in self._batch for t in c.added | c.removed}
            finally:
                self._batch = None
                self.kb.use_store(index)

            def present(store: ox.Store, t: ox.Triple) -> bool:
                return next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, ox.DefaultGraph())),
                            None) is not None

            added = {t for t in touched if present(work, t) and not present(index, t)}
            removed = {t for t in touched if present(index, t) and not present(work, t)}
        finally:
            work = None  # close it (RocksDB holds a lock) before removing the folder
            shutil.rmtree(work_dir, ignore_errors=True)
        total = ChangeSet(added, removed, [f"{len(results)} edit(s) in one batch."])
        if total.empty:
            return results, EditResult(total, [], dry_run)
        self._refuse(self._validate_local(index, total), "the batch would leave ")
        if dry_run:
            return results, EditResult(total, [], True)
        contents = self._spliced(index, total)
        self.kb.commit_edit(contents, total.removed, total.added, self._staged_journal(
            "apply", total, [line for r in results for line in r.changes.summary]))
        return results, EditResult(total, sorted(contents), False)

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

    def _office_country(self, office: str) -> str | None:
        """The country an office belongs to: its jurisdiction, or the country of its city."""
        where = self._first(office, SK + "jurisdiction")
        if where is None:
            return None
        return self._first(where, SK + "country") or where

    def _refuse_foreign_rule(self, vacant: str, acting: str, edition: str, ed_label: str) -> None:
        """A succession rule stays inside one country: the office that acts, the office that falls
        vacant and the edition that says so belong to the same republic."""
        vc, ac, ec = self._office_country(vacant), self._office_country(acting), self._first(edition, SK + "country")
        name = lambda c: self.s.resolver.label("place", c) if c else "?"  # noqa: E731
        if vc and ac and vc != ac:
            raise InputError(f"{self.s.resolver.label('office', acting)} ({name(ac)}) cannot act for "
                             f"{self.s.resolver.label('office', vacant)} ({name(vc)}): a succession rule stays inside one country")
        if vc and ec and vc != ec:
            raise InputError(f"{ed_label} is {name(ec)}'s; it cannot rule on {self.s.resolver.label('office', vacant)} "
                             f"({name(vc)})")

    def before_establishment(self, office: str, day: PDate) -> str | None:
        """The office's establishment date if a tenure from ``day`` would certainly begin before it (a
        day-precise start before it, or a month or year that ends before it), else None. An office whose
        recorded holders already go back further (a post renamed or re-founded, like a Soviet-era city
        chairmanship recorded as the mayoralty) is not judged by that date."""
        est = self._first(office, SK + "established")
        if not est or day.last_day() >= PDate(est).first_day():
            return None
        first = PDate(est).first_day()
        if any(t["start"].last_day() < first for t in self._tenures(office)):
            return None
        return est

    def _refuse_before_establishment(self, office: str, label: str, day: PDate) -> None:
        est = self.before_establishment(office, day)
        if est:
            raise ConflictError(f"refused, nothing written: {label} was established on {est}; a tenure from {day} "
                                "would begin before the office existed (if it existed earlier under another name, "
                                "correct its establishment date with `succession correct-office`)")

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

    def _gaps(self, office: str) -> list[tuple[PDate, PDate | None]]:
        rows = self._select("SELECT ?office ?start ?end WHERE { ?g a sk:OfficeGap ; sk:office ?office ; "
                            "sk:start ?start . OPTIONAL { ?g sk:end ?end } }", office=N(office))
        return [(PDate(r["start"].value), PDate(r["end"].value) if r["end"] is not None else None) for r in rows]

    def _linkable(self, left: PDate, joins: PDate, gaps: list[tuple[PDate, PDate | None]]) -> bool:
        """Whether a tenure that ended on ``left`` and one that began on ``joins`` are predecessor and
        successor: the second began within a year of the first's end, or a recorded gap (an abolition, a
        known vacancy) fills the interval between them. Otherwise the holders in between are simply not
        recorded, and a link would state a succession no source gave."""
        if (joins.first_day() - left.last_day()).days <= PREDECESSOR_WINDOW_DAYS:
            return True
        return any(end is not None and (start.first_day() - left.last_day()).days <= PREDECESSOR_WINDOW_DAYS
                   and (joins.first_day() - end.last_day()).days <= PREDECESSOR_WINDOW_DAYS
                   for start, end in gaps)

    def _single_seat(self, office: str) -> bool:
        seats = self._objects(office, SK + "seats")
        return not seats or seats[0].value == "1"

    # ------------------------------------------------------------------ appoint

    def appoint(self, person: str, office: str, date: str, *, acting: bool = False, mode: str | None = None,
                legal_basis: str | None = None, outgoing_reason: str | None = None, source: SourceInfo,
                dry_run: bool = False) -> EditResult:
        day = _not_future(parse_date(date, "appointment date"), "appointment date")
        _choice(mode, m.ENTRY_MODES, "mode")
        _choice(outgoing_reason, m.EXIT_REASONS, "outgoing reason")
        legal = clean_text(legal_basis, "legal basis", optional=True)

        def build() -> ChangeSet:
            p, o, plabel, olabel = self._person_office(person, office)
            self._refuse_before_establishment(o, olabel, day)
            cs = ChangeSet()
            tenures = self._tenures(o)
            for t in tenures:
                if t["holder"] == p and t["start"] == day and t["acting"] == acting:
                    cs.summary.append(f"Already recorded: {plabel} {'acting ' if acting else ''}{olabel} from {day}.")
                    return cs
            same_day = [t for t in tenures if t["start"] == day and not t["acting"] and not acting]
            if same_day and self._single_seat(o):
                t = same_day[0]
                raise ConflictError(f"{olabel}: {t['label']}'s tenure already starts on {day}; a second holder from "
                                    "the same day would leave a zero-length tenure (use `succession correct`)")
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
                    if prev is not None and not self._linkable(prev["end"], day, self._gaps(o)):
                        # the last recorded holder left long before: whoever served in between is not
                        # recorded, and linking would state a succession no source gave
                        cs.summary.append(f"Not linked as the successor of {prev['label']} (left {prev['end']}): "
                                          f"more than a year before {day}, and the holders in between are not "
                                          "recorded.")
                        prev = None
                if prev is not None:
                    if self._objects(prev["iri"], SK + "successor"):
                        raise ConflictError(f"{olabel}: {prev['label']}'s tenure already has a successor")
                    b.link(prev["iri"], new)
                    if prev["end"] is None or prev["end"] == day:
                        outgoing = prev["iri"]
                        b.sources(prev["iri"], [src])
            vacancy = m.event_iri(o, day, None)
            if outgoing and self._exists(vacancy):
                # `end-tenure` recorded the vacancy that this appointment fills on the same day: one
                # event carries both sides of the hand-over
                cs.remove(q.triple for q in self._store().quads_for_pattern(N(vacancy), None, None)
                          if q.graph_name != ONTOLOGY_GRAPH)
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
        day = _not_future(parse_date(date, "end date"), "end date")
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
        born_d = _not_future(parse_date(born, "birth date"), "birth date") if born else None
        died_d = _not_future(parse_date(died, "death date"), "death date") if died else None
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
                   seats: int = 1, aliases: Iterable[str] = (), established: str | None = None,
                   region: str | None = None,
                   replaces: str | None = None, wikidata: str | None = None, source: SourceInfo,
                   post_only: bool = False, dry_run: bool = False) -> EditResult:
        """Record an office. ``post_only``: a post recorded for its holders' careers (a relative's post, a seat
        in a chamber) whose other holders are not tracked, so `coverage` does not count its gaps as missing."""
        label = clean_text(label, "office name")
        if kind not in m.OFFICE_KINDS:
            raise InputError(f"invalid kind {kind!r}: expected one of {', '.join(m.OFFICE_KINDS)}")
        if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= 9999:
            raise InputError(f"invalid seats {seats!r}: expected a whole number from 1 to 9999")
        alias_list = [clean_text(a, "alias") for a in aliases]
        city = clean_text(city, "city", optional=True)
        region = clean_text(region, "region", optional=True)
        if city and region:
            raise InputError("give either --city or --region, not both")
        body = clean_text(body, "body", optional=True)
        est = parse_date(established, "establishment date") if established else None
        qid = _qid(wikidata)

        def build() -> ChangeSet:
            c = self._resolve_existing("country", country)
            old_office = self._resolve_existing("office", replaces) if replaces else None
            b = m.Builder()
            src = self._source(b, source)
            iri = m.office_iri(m.slug(label))
            cs = ChangeSet()
            if self._exists(iri):
                existing = [o.value for o in self._objects(iri, RDFS + "label")]
                if label not in existing:
                    raise ConflictError(f"another office is recorded as <{iri}> ({', '.join(existing)})")
                known = {o.value for o in self._objects(iri, SKOS + "altLabel")}
                added = [a for a in alias_list if a not in known and a != label]
                for a in added:
                    others = [x for x in self.s.resolver.name_owners("office", a) if x != iri]
                    if any(fold(self.s.resolver.label("office", x)) == fold(a) for x in others):
                        raise ConflictError(f"alias {a!r} is the name of another office "
                                            f"({self.s.resolver.label('office', others[0])})")
                    b.add(iri, SKOS + "altLabel", m.lit(a))
                linked = bool(old_office) and old_office not in {o.value for o in self._objects(iri, SK + "replaces")}
                if old_office == iri:
                    raise InputError("an office cannot replace itself")
                if linked:  # an office recorded earlier, now known to replace another
                    b.add(iri, SK + "replaces", old_office)
                    b.add(old_office, SK + "replacedBy", iri)
                    b.sources(old_office, [src])
                if added or linked:
                    b.sources(iri, [src])
                cs.add(b.triples)
                cs.summary.append(f"Office {label} <{iri}> already recorded"
                                  + (f"; aliases added: {', '.join(added)}" if added else "")
                                  + (f"; replaces {self.s.resolver.label('office', old_office)}" if linked else "")
                                  + ".")
                return cs
            jurisdiction = c
            if city or region:
                name = city or region
                try:
                    jurisdiction = self.s.resolver.resolve_strict("place", name)
                except NotFoundError:
                    jurisdiction = m.place_iri(m.slug(name))
                    if not self._exists(jurisdiction):
                        b.place(jurisdiction, name, c, False, city=bool(city))
            body_iri = None
            if body:
                try:
                    body_iri = self.s.resolver.resolve_strict("body", body)
                except NotFoundError:
                    body_iri = m.body_iri(m.slug(body))
                    if not self._exists(body_iri):  # a body of that slug under another name is the same body
                        b.body(body_iri, body, c)
                    else:
                        b.add(body_iri, SKOS + "altLabel", m.lit(body))
            b.office(iri, label, kind=kind, jurisdiction=jurisdiction, body=body_iri, seats=seats,
                     aliases=alias_list, established=est, wikidata=qid, sources=[src], recorded=self.recorded,
                     post_only=post_only)
            if old_office:
                b.add(iri, SK + "replaces", old_office)
                b.add(old_office, SK + "replacedBy", iri)
                b.sources(old_office, [src])
            cs.add(b.triples)
            cs.summary.append(f"Recorded office {label} <{iri}>"
                              + (f", replacing {self.s.resolver.label('office', old_office)}" if old_office else "") + ".")
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

    # ------------------------------------------------------------------ constitutional change

    def add_edition(self, title: str, *, country: str, kind: str, in_force: str, adopted: str | None = None,
                    until: str | None = None, replaces: str | None = None, aliases: Iterable[str] = (),
                    source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Record a constitution, amendment or constitutional law. With ``replaces``, the old edition
        stops being in force on the new one's first day, and so do its rules that were still open."""
        label = clean_text(title, "edition title")
        _choice(kind, m.EDITION_KINDS, "edition kind", required=True)
        start = parse_date(in_force, "entry into force")
        adopted_d = parse_date(adopted, "adoption date") if adopted else None
        until_d = parse_date(until, "end of force") if until else None
        if adopted_d and start.hi < adopted_d.lo:
            raise InputError(f"entry into force {start} is before adoption {adopted_d}")
        if until_d and until_d.hi <= start.lo:
            raise InputError(f"end of force {until_d} is not after entry into force {start}")
        alias_list = [clean_text(a, "alias") for a in aliases]

        def build() -> ChangeSet:
            c = self._resolve_existing("country", country)
            old = self._resolve_existing("edition", replaces) if replaces else None
            iri = m.edition_iri(label)
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            if self._exists(iri):
                existing = self._objects(iri, SK + "inForceFrom")
                if existing and existing[0].value != start.text:
                    raise ConflictError(f"edition {label!r} is recorded in force from {existing[0].value}; "
                                        "use a distinct title for another edition")
            b.edition(iri, title=label, country=c, kind=kind, adopted=adopted_d, in_force=start, until=until_d,
                      replaces=old, aliases=alias_list, sources=[src],
                      recorded=None if self._exists(iri) else self.recorded)
            cs.summary.append(f"Recorded edition {label} <{iri}>, in force from {start}.")
            if old:
                self._end_edition(cs, b, old, start, src)
                b.add(old, SK + "replacedBy", iri)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def _end_edition(self, cs: ChangeSet, b: m.Builder, edition: str, day: PDate, src: str) -> None:
        """The edition and its rules still open stop being in force on ``day``."""
        label = self.s.resolver.label("edition", edition)
        ends = self._objects(edition, SK + "inForceUntil")
        if ends and ends[0].value != day.text:
            raise ConflictError(f"{label} is already recorded as in force until {ends[0].value}")
        b.add(edition, SK + "inForceUntil", m.date_lit(day))
        b.sources(edition, [src])
        closed = self._close_rules(b, day, src, edition=edition)
        cs.summary.append(f"{label} ends on {day}; {closed} rule(s) of it closed that day.")

    def _close_rules(self, b: m.Builder, day: PDate, src: str, *, edition: str | None = None,
                     vacant: str | None = None, order: int | None = None) -> int:
        # ?edition is a required pattern: a bound VALUES row must never match a rule of another
        # edition through an OPTIONAL (that closed every open rule once)
        rows = self._select("""
SELECT ?edition ?vacant ?rule ?order ?from ?by WHERE {
  ?rule a sk:SuccessionRule ; sk:vacantOffice ?vacant ; sk:order ?order ; sk:edition ?edition .
  OPTIONAL { ?rule sk:inForceFrom ?from } OPTIONAL { ?rule sk:inForceBy ?by }
  FILTER NOT EXISTS { ?rule sk:inForceUntil ?u }
}""", **({"edition": N(edition)} if edition else {}), **({"vacant": N(vacant)} if vacant else {}))
        n = 0
        for r in rows:
            if order is not None and int(r["order"].value) != order:
                continue
            start = r["from"] or r["by"]
            if start is not None and PDate(start.value).lo >= day.hi:
                raise ConflictError(f"rule <{r['rule'].value}> starts {start.value}, not before {day}")
            b.add(r["rule"].value, SK + "inForceUntil", m.date_lit(day))
            b.sources(r["rule"].value, [src])
            n += 1
        return n

    def end_rules(self, edition: str, *, on: str, vacant: str | None = None, order: int | None = None,
                  whole_edition: bool = False, source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Close the open rules of an edition on a date (an amendment changed them), or with
        ``whole_edition`` the edition itself."""
        day = parse_date(on, "end date")

        def build() -> ChangeSet:
            ed = self._resolve_existing("edition", edition)
            v = self._resolve_existing("office", vacant) if vacant else None
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            if whole_edition:
                self._end_edition(cs, b, ed, day, src)
            else:
                n = self._close_rules(b, day, src, edition=ed, vacant=v, order=order)
                if n == 0:
                    cs.summary.append(f"Already recorded: no open rule of {self.s.resolver.label('edition', ed)} "
                                      "matches.")
                    return cs
                cs.summary.append(f"Closed {n} rule(s) of {self.s.resolver.label('edition', ed)} on {day}.")
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def add_rule(self, vacant: str, acting: str, *, order: int, edition: str, start: str | None = None,
                 in_force_by: str | None = None, until: str | None = None, article: str | None = None,
                 designation: str | None = None, note: str | None = None, source: SourceInfo,
                 dry_run: bool = False) -> EditResult:
        """Record "if VACANT falls vacant, the holder of ACTING acts", in position ``order``, under a
        legal edition. A rule whose first day is unknown takes an explicit ``in_force_by`` bound."""
        if not isinstance(order, int) or order < 1:
            raise InputError(f"invalid order {order!r}: expected a whole number of at least 1")
        if start and in_force_by:
            raise InputError("give either --from (first day in force) or --in-force-by (known lower bound), not both")
        first = parse_date(start, "first day in force") if start else None
        by = parse_date(in_force_by, "in-force-by date") if in_force_by else None
        if first is None and by is None:
            raise InputError("a rule needs --from DATE, or --in-force-by DATE when its first day is unknown")
        last = parse_date(until, "end of force") if until else None
        if last and last.hi <= (first or by).lo:
            raise InputError(f"end of force {last} is not after the start {first or by}")
        art = clean_text(article, "article", optional=True)
        desig = clean_text(designation, "designation", optional=True)
        text = clean_text(note, "note", optional=True)

        def build() -> ChangeSet:
            v = self._resolve_existing("office", vacant)
            a = self._resolve_existing("office", acting)
            if v == a:
                raise InputError("an office cannot be its own acting office")
            ed = self._resolve_existing("edition", edition)
            ed_label = self.s.resolver.label("edition", ed)
            self._refuse_foreign_rule(v, a, ed, ed_label)
            b = m.Builder()
            src = self._source(b, source)
            iri = m.rule_iri(v, order, a, first or by)
            b.rule(iri, vacant=v, acting_office=a, order=order, start=first, end=last,
                   legal_basis=f"{ed_label}, {art}" if art else ed_label, note=text, sources=[src],
                   recorded=None if self._exists(iri) else self.recorded, edition=ed, article=art,
                   in_force_by=by, designation=desig)
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded rule: if {self.s.resolver.label('office', v)} falls vacant, "
                              f"{self.s.resolver.label('office', a)} acts (order {order}), {ed_label}"
                              + (f", {art}" if art else "") + f", from {first or ('by ' + str(by))}"
                              + (f" to {last}" if last else "") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    def amend_rule(self, rule: str, *, fields: dict[str, str], reason: str | None = None, source: SourceInfo,
                   dry_run: bool = False) -> EditResult:
        """Correct fields of a recorded rule (edition, from, in-force-by, until, article, designation),
        keeping the old values as corrections."""
        allowed = {"from": SK + "inForceFrom", "in-force-by": SK + "inForceBy", "until": SK + "inForceUntil",
                   "article": SK + "article", "designation": SK + "designation", "edition": SK + "edition",
                   "legal-basis": SK + "legalBasis", "note": RDFS + "comment"}
        for f in fields:
            if f not in allowed:
                raise InputError(f"invalid rule field {f!r}: expected one of {', '.join(allowed)}")
        values = {}
        cleared = [f for f, v in fields.items() if str(v).strip() == ""]
        for f in cleared:
            if f in ("edition", "legal-basis"):
                raise InputError(f"a rule's {f} cannot be removed")
        for f, v in fields.items():
            if f in cleared:
                continue
            if f in ("from", "in-force-by", "until"):
                values[f] = m.date_lit(parse_date(v, f))
            elif f != "edition":
                values[f] = m.lit(clean_text(v, f))
        note = clean_text(reason, "reason", optional=True)

        def build() -> ChangeSet:
            r = rule.strip()
            if not r.startswith(m.ID + "rule/") or not self._exists(r):
                raise NotFoundError(f"unknown rule {rule!r}: give its IRI (see line-of-succession --format json)")
            if "edition" in fields:
                values["edition"] = N(self._resolve_existing("edition", fields["edition"]))
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            for f, obj in sorted(values.items()):
                self._set(cs, b, r, allowed[f], obj, src, note)
            for f in cleared:  # "FIELD=" removes the field, keeping the old value as a correction
                old = self._triples_of(r, allowed[f])
                if not old:
                    continue
                cs.remove(old)
                iri = m.correction_iri(r, allowed[f], "", self.recorded.value)
                b.add(iri, TYPE, SK + "Correction")
                b.add(iri, SK + "about", r)
                b.add(iri, SK + "property", allowed[f])
                for t in old:
                    b.add(iri, SK + "oldValue", t.object)
                b.add(iri, SK + "recordedAt", self.recorded)
                b.add(iri, RDFS + "comment", m.lit(note) if note else None)
                b.sources(iri, [src])
                b.sources(r, [src])
                cs.summary.append(f"Removed <{r}> {f} ({' '.join(t.object.value for t in old)}).")
            if "edition" in values or "article" in values:
                ed = values.get("edition") or next(iter(self._objects(r, SK + "edition")), None)
                art = values.get("article") or next(iter(self._objects(r, SK + "article")), None)
                if ed is not None:
                    text = self.s.resolver.label("edition", ed.value) + (f", {art.value}" if art is not None else "")
                    self._set(cs, b, r, SK + "legalBasis", m.lit(text), src, note)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def abolish_office(self, office: str, *, date: str, replaced_by: str | None = None, source: SourceInfo,
                       dry_run: bool = False) -> EditResult:
        """The office ceases to exist on ``date``: its open tenures close that day ("office abolished"),
        and with ``replaced_by`` the two offices are linked both ways."""
        day = parse_date(date, "abolition date")

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            olabel = self.s.resolver.label("office", o)
            new = self._resolve_existing("office", replaced_by) if replaced_by else None
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            old = self._objects(o, SK + "abolished")
            if old and old[0].value != day.text:
                raise ConflictError(f"{olabel} is already recorded as abolished on {old[0].value}; use `correct`")
            b.add(o, SK + "abolished", m.date_lit(day))
            b.sources(o, [src])
            closed = []
            for t in self._tenures(o):
                if t["end"] is None:
                    if t["start"].lo >= day.hi:
                        raise ConflictError(f"{t['label']}'s tenure as {olabel} starts {t['start']}, not before {day}")
                    b.add(t["iri"], SK + "end", m.date_lit(day))
                    b.add(t["iri"], SK + "exitReason", m.exit_iri("office-abolished"))
                    b.sources(t["iri"], [src])
                    b.event(m.event_iri(o, day, None), office=o, date=day, incoming=None, outgoing=t["iri"],
                            sources=[src], recorded=self.recorded)
                    closed.append(t["label"])
            if new:
                if new == o:
                    raise InputError("an office cannot replace itself")
                b.add(o, SK + "replacedBy", new)
                b.add(new, SK + "replaces", o)
                b.sources(new, [src])
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {olabel} abolished on {day}"
                              + (f", replaced by {self.s.resolver.label('office', new)}" if new else "")
                              + (f"; closed the tenure of {', '.join(closed)}" if closed else "") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    def restore_office(self, office: str, *, date: str, reason: str | None = None, source: SourceInfo,
                       dry_run: bool = False) -> EditResult:
        """An abolished office is created again on ``date`` (Kazakhstan's vice presidency in 2026,
        Tajikistan's presidency in 1994): the abolition becomes an explained gap in its history."""
        day = parse_date(date, "restoration date")
        why = clean_text(reason, "reason", optional=True)

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            olabel = self.s.resolver.label("office", o)
            abolished = self._triples_of(o, SK + "abolished")
            if not abolished:
                gaps = self._select("SELECT ?office ?g WHERE { ?g a sk:OfficeGap ; sk:office ?office ; sk:end ?e . "
                                    "FILTER(STR(?e) = ?day) }", office=N(o), day=ox.Literal(day.text))
                if gaps:
                    cs = ChangeSet()
                    cs.summary.append(f"Already recorded: {olabel} restored on {day}.")
                    return cs
                raise ConflictError(f"{olabel} is not recorded as abolished")
            gone = PDate(abolished[0].object.value)
            if day.hi <= gone.lo:
                raise InputError(f"restoration {day} is not after the abolition {gone}")
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            cs.remove(abolished)
            b.gap(m.gap_iri(o, gone), office=o, start=gone, end=day,
                  reason=why or f"the office did not exist from its abolition on {gone} until it was restored on {day}",
                  sources=[src])
            b.sources(o, [src])
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {olabel} restored on {day} (abolished {gone}; the interval is an explained gap).")
            return cs

        return self.run(build, dry_run=dry_run)

    def rename(self, kind: str, target: str, new_name: str | None, *, date: str, former: str | None = None,
               since: str | None = None, source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Rename an office or a place on ``date`` (its IRI stays; the old name becomes a dated former
        name and an alias), or with ``former`` record a name it carried until ``date``."""
        if kind not in ("office", "place"):
            raise InputError(f"invalid kind {kind!r}: expected office or place")
        day = _not_future(parse_date(date, "date of the change"), "date of the change")
        since_d = _not_future(parse_date(since, "first day of the former name"), "first day of the former name") \
            if since else None
        if since_d and day.hi <= since_d.lo:
            raise InputError(f"the former name's first day {since_d} is not before {day}")
        if (new_name is None) == (former is None):
            raise InputError("give either the new name or --former NAME")
        new_label = clean_text(new_name, "new name", optional=True)
        old_label_given = clean_text(former, "former name", optional=True)

        def build() -> ChangeSet:
            node = self._resolve_existing(kind, target)
            current = self._triples_of(node, RDFS + "label")
            current_label = current[0].object.value if current else target
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            old_label = old_label_given or current_label
            if new_label is not None:
                if new_label == current_label:
                    cs.summary.append(f"Already recorded: {current_label} is the current name.")
                    return cs
                cs.remove(current)
                b.add(node, RDFS + "label", m.lit(new_label, lang="en"))
                b.sources(node, [src])
            previous = [PDate(x.value) for row in self._select(
                "SELECT ?about ?u WHERE { ?n a sk:FormerName ; sk:about ?about ; sk:until ?u }", about=N(node))
                for x in [row["u"]]]
            start = since_d or max((p for p in previous if p.lo < day.lo), default=None, key=lambda p: p.lo)
            b.former_name(m.former_name_iri(node, day), about=node, label=old_label, until=day, since=start,
                          sources=[src], recorded=self.recorded)
            b.add(node, SKOS + "altLabel", m.lit(old_label))
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {old_label} until {day}" + (f", then {new_label}" if new_label else "")
                              + f" <{node}>.")
            return cs

        return self.run(build, dry_run=dry_run)

    def verify(self, office: str, *, on: str, holders: Iterable[str] = (), vacant: bool = False,
               note: str | None = None, source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Record that the holder(s) of an office on ``on`` were checked against ``source``. The named
        holders (or ``vacant``) must be what the knowledge base records for that day: a mismatch is an
        error (record the change first), so a verification never hides a stale fact."""
        day = _not_future(parse_date(on, "verification date", day_only=True), "verification date")
        text = clean_text(note, "note", optional=True)
        names = list(holders)

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            olabel = self.s.resolver.label("office", o)
            recorded_holders = {t["holder"]: t["label"] for t in self._tenures(o)
                                if t["start"].lo <= day.text and (t["end"] is None or day.text < t["end"].hi)}
            given = {self._resolve_existing("person", n) for n in names}
            if vacant and given:
                raise InputError("give either --holder or --vacant, not both")
            if names or vacant:
                # a multi-seat office is verified holder by holder; a single seat must match exactly
                matches = given <= set(recorded_holders) and bool(given) if not self._single_seat(o) and not vacant \
                    else given == set(recorded_holders)
                if not matches:
                    now = ", ".join(sorted(recorded_holders.values())) or "nobody (vacant)"
                    raise ConflictError(f"{olabel} on {day} is recorded as held by {now}; record the change "
                                        "(appoint, end-tenure) before verifying")
            b = m.Builder()
            src = self._source(b, source)
            iri = m.verification_iri(o, day)
            checked = sorted(given) if given and not self._single_seat(o) else sorted(recorded_holders)
            b.verification(iri, office=o, date=day, holders=checked, note=text, sources=[src],
                           recorded=None if self._exists(iri) else self.recorded)
            cs = ChangeSet()
            cs.add(b.triples)
            who = ", ".join(sorted(recorded_holders.values())) or "vacant"
            cs.summary.append(f"Verified {olabel} on {day}: {who}.")
            return cs

        return self.run(build, dry_run=dry_run)

    def attest(self, office: str, *, holder: str, on: str, note: str | None = None, source: SourceInfo,
               dry_run: bool = False) -> EditResult:
        """Record that a page of ``on`` shows ``holder`` in ``office`` although no dated tenure is recorded for
        it (the appointment day was not found). Where the record has someone else in a single seat that
        day, the sources disagree: both are kept and shown. A holder whose tenure is recorded for that day
        is verified, not attested (`verify`)."""
        day = _not_future(parse_date(on, "attestation date", day_only=True), "attestation date")
        text = clean_text(note, "note", optional=True)

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            p = self._resolve_existing("person", holder)
            olabel, plabel = self.s.resolver.label("office", o), self.s.resolver.label("person", p)
            on_day = {t["holder"]: t["label"] for t in self._tenures(o)
                      if t["start"].lo <= day.text and (t["end"] is None or day.text < t["end"].hi)}
            if p in on_day:
                raise ConflictError(f"{plabel}'s recorded tenure as {olabel} covers {day}: record a check with "
                                    "`verify`, not an attestation")
            b = m.Builder()
            src = self._source(b, source)
            iri = m.attestation_iri(o, p, day)
            b.attestation(iri, office=o, holder=p, date=day, note=text, sources=[src],
                          recorded=None if self._exists(iri) else self.recorded)
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {plabel} was in office as {olabel} on {day} (the tenure's start and end "
                              "are not recorded).")
            if on_day and self._single_seat(o):
                cs.summary.append(f"The record has {', '.join(sorted(on_day.values()))} in this single seat on {day}: "
                                  "the sources disagree, and both are shown until one is corrected.")
            return cs

        return self.run(build, dry_run=dry_run)

    def add_gap(self, office: str, *, start: str, end: str | None = None, reason: str, source: SourceInfo,
                dry_run: bool = False) -> EditResult:
        """Record a known interval with no holder, and why (abolished, vacant, holder not yet elected,
        or not found in any source): `coverage` then counts it as explained, never as missing data."""
        first = parse_date(start, "gap start")
        last = parse_date(end, "gap end") if end else None
        if last and last.hi <= first.lo:
            raise InputError(f"gap end {last} is not after its start {first}")
        why = clean_text(reason, "reason")

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            b = m.Builder()
            src = self._source(b, source)
            iri = m.gap_iri(o, first)
            if self._exists(iri):  # a gap from the same day is the same gap: the new page is cited for it
                ends = self._objects(iri, SK + "end")
                if (ends[0].value if ends else None) != (last.text if last else None):
                    raise ConflictError(f"{self.s.resolver.label('office', o)} already has a gap from {first} to "
                                        f"{ends[0].value if ends else 'open'}; correct that one instead")
                b.sources(iri, [src])
                cs = ChangeSet()
                cs.add(b.triples)
                cs.summary.append(f"Already recorded: {self.s.resolver.label('office', o)} has no holder from "
                                  f"{first}; the recorded reason is kept, and the gap cites {source.url}.")
                return cs
            for t in self._tenures(o):  # "no holder" cannot be said of days someone certainly held it
                before_end = last is None or t["start"].last_day() < last.first_day()
                after_start = t["end"] is None or t["end"].first_day() > first.last_day()
                if before_end and after_start:
                    span = f"{t['start']} to {t['end'] or 'now (open)'}"
                    raise ConflictError(f"refused, nothing written: {t['label']} held "
                                        f"{self.s.resolver.label('office', o)} from {span}, inside the gap "
                                        f"{first} to {last or 'open'}; end or correct that tenure first")
            b.gap(iri, office=o, start=first, end=last, reason=why, sources=[src])
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {self.s.resolver.label('office', o)} has no holder from {first}"
                              + (f" to {last}" if last else "") + f" ({why}).")
            return cs

        return self.run(build, dry_run=dry_run)

    def cite(self, target: str, *, source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Add a source to a recorded fact (a tenure, person, office, relation, rule, ... by IRI)."""
        iri = (target or "").strip()

        def build() -> ChangeSet:
            if not iri.startswith(m.ID) or not self._objects(iri, TYPE):
                raise NotFoundError(f"unknown node {target!r}: give the IRI of a recorded fact")
            if any(o.value == SK + "Source" for o in self._objects(iri, TYPE)):
                raise InputError("a source cannot cite a source")
            b = m.Builder()
            src = self._source(b, source)
            b.sources(iri, [src])
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded: <{iri}> cites {source.url}.")
            return cs

        return self.run(build, dry_run=dry_run)

    def classify_sources(self, *, dry_run: bool = False) -> EditResult:
        """Record the kind (official, news, encyclopedia, dataset, copy) of every source that has none,
        and the original's address of every copy whose title names it."""

        def build() -> ChangeSet:
            b = m.Builder()
            store = self._store()
            for q in store.quads_for_pattern(None, N(TYPE), N(SK + "Source")):
                iri = q.subject.value
                if self._objects(iri, SK + "sourceKind"):
                    continue
                url = self._first(iri, SCHEMA + "url")
                if url is not None:
                    b.source_kind(iri, url, self._first(iri, DCTERMS + "title"), self._first(iri, DCTERMS + "publisher"))
            cs = ChangeSet()
            cs.add(b.triples)
            kinds = Counter(t.object.value for t in b.triples if t.predicate.value == SK + "sourceKind")
            cs.summary.append("Recorded the kind of " + (", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
                                                         or "no source (every source has one)") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    def add_alt_date(self, target: str, *, field_name: str, date: str, note: str | None = None,
                     source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Record that another source gives another date for a tenure's start or end (or a person's
        birth or death): both stay in the knowledge base, the recorded one in use."""
        props = {"start": "start", "end": "end", "born": "birthDate", "died": "deathDate"}
        if field_name not in props:
            raise InputError(f"invalid field {field_name!r}: expected one of {', '.join(props)}")
        day = _not_future(parse_date(date, "alternative date"), "alternative date")
        text = clean_text(note, "note", optional=True)
        iri = (target or "").strip()

        def build() -> ChangeSet:
            types = {o.value for o in self._objects(iri, TYPE)} if iri.startswith(m.ID) else set()
            if not types:
                raise NotFoundError(f"unknown node {target!r}: give the IRI of a tenure or person")
            wants = SK + ("Tenure" if field_name in ("start", "end") else "Person")
            if wants not in types:
                raise InputError(f"<{iri}> is not a {'tenure' if field_name in ('start', 'end') else 'person'}: "
                                 f"{field_name} is a field of " + ("tenures" if field_name in ("start", "end") else "persons"))
            used = self._first(iri, SK + props[field_name])
            if used is None:  # an alternative to nothing: the date itself is missing, not disputed
                raise ConflictError(f"refused, nothing written: <{iri}> records no {field_name}; record the "
                                    f"{field_name} itself (" + ("`end-tenure` or `correct --set end=`" if field_name == "end"
                                                               else "`add-person` with --born or --died" if field_name in ("born", "died")
                                                               else "`correct`") + ") rather than an alternative to it")
            if field_name in ("start", "end"):
                other = self._first(iri, SK + ("end" if field_name == "start" else "start"))
                if other is not None:
                    o_ = PDate(other)
                    if field_name == "start" and day.lo > o_.hi or field_name == "end" and day.hi < o_.lo:
                        raise InputError(f"alternative {field_name} {day} is "
                                         + ("after the recorded end" if field_name == "start" else "before the recorded start")
                                         + f" {o_}")
            b = m.Builder()
            src = self._source(b, source)
            b.alt_date(iri, props[field_name], day, text, [src])
            cs = ChangeSet()
            cs.add(b.triples)
            cs.summary.append(f"Recorded: another source gives {field_name} {day} for <{iri}>.")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ historical tenures

    def add_tenure(self, person: str, office: str, start: str, end: str | None, *, acting: bool = False,
                   mode: str | None = None, exit_reason: str | None = None, legal_basis: str | None = None,
                   source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Insert a past tenure into an office's chain (where `appoint` refuses to rewrite history):
        it is linked between the tenures before and after it, and validation refuses any overlap."""
        legal = clean_text(legal_basis, "legal basis", optional=True)
        day = _not_future(parse_date(start, "start date"), "start date")
        until = _not_future(parse_date(end, "end date"), "end date") if end else None
        if until is not None and until.hi < day.lo:
            raise InputError(f"end date {until} is before the start {day}")
        _choice(mode, m.ENTRY_MODES, "mode")
        _choice(exit_reason, m.EXIT_REASONS, "exit reason")

        def build() -> ChangeSet:
            p, o, plabel, olabel = self._person_office(person, office)
            self._refuse_before_establishment(o, olabel, day)
            cs = ChangeSet()
            tenures = self._tenures(o)
            if any(t["holder"] == p and t["start"] == day for t in tenures):
                cs.summary.append(f"Already recorded: {plabel} {olabel} from {day}.")
                return cs
            b = m.Builder()
            src = self._source(b, source)
            new = m.tenure_iri(o, p, day, acting)
            b.tenure(new, person=p, office=o, start=day, end=until, acting=acting, entry_mode=mode,
                     exit_reason=exit_reason if until else None, legal_basis=legal, sources=[src],
                     recorded=self.recorded)
            outgoing = None
            if self._single_seat(o):
                before = [t for t in tenures if t["start"].lo < day.lo]
                after = [t for t in tenures if t["start"].lo > day.lo]
                pred = before[-1] if before else None
                succ = after[0] if after else None
                # a link that jumps over the new tenure is no longer true: the new one stands between
                starts = {t["iri"]: t["start"] for t in tenures}
                if pred:
                    for x in self._objects(pred["iri"], SK + "successor"):
                        if x.value in starts and starts[x.value].lo > day.lo:
                            cs.remove([ox.Triple(N(pred["iri"]), N(SK + "successor"), x),
                                       ox.Triple(x, N(SK + "predecessor"), N(pred["iri"]))])
                if succ:
                    for x in self._objects(succ["iri"], SK + "predecessor"):
                        if x.value in starts and starts[x.value].lo < day.lo:
                            cs.remove([ox.Triple(N(succ["iri"]), N(SK + "predecessor"), x),
                                       ox.Triple(x, N(SK + "successor"), N(succ["iri"]))])
                gaps = self._gaps(o)
                if pred and pred["end"] is not None and not self._linkable(pred["end"], day, gaps):
                    cs.summary.append(f"Not linked as the successor of {pred['label']} (left {pred['end']}): more "
                                      f"than a year before {day}, and the holders in between are not recorded.")
                    pred = None
                if succ and until is not None and not self._linkable(until, succ["start"], gaps):
                    cs.summary.append(f"Not linked as the predecessor of {succ['label']} (from {succ['start']}): "
                                      f"more than a year after {until}, and the holders in between are not recorded.")
                    succ = None
                if pred:
                    b.link(pred["iri"], new)
                    if pred["end"] is not None and pred["end"] == day:
                        outgoing = pred["iri"]
                if succ:
                    b.link(new, succ["iri"])
            b.event(m.event_iri(o, day, p), office=o, date=day, incoming=new, outgoing=outgoing,
                    mode=m.mode_iri(mode) if mode else None, sources=[src], recorded=self.recorded)
            cs.add(b.triples)
            cs.summary.append(f"Recorded: {plabel} {olabel} from {day}" + (f" to {until}" if until else "") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    def relink(self, office: str | None = None, *, dry_run: bool = False) -> EditResult:
        """Remove the predecessor/successor links of an office (or, with no office, of every office)
        that state a succession no source gave: links between a tenure and one that began more than a
        year after its end, with no recorded gap (an abolition, a known vacancy) filling the interval,
        so that the holders in between are simply not recorded. This is the rule `appoint` and
        `add-tenure` follow for new tenures; links recorded before it are put right by this command.
        The links are derived from dated tenures, so no source is needed; the log records the change."""

        def build() -> ChangeSet:
            if office is not None:
                offices = [self._resolve_existing("office", office)]
            else:
                offices = sorted({r["o"].value for r in self._select("SELECT ?o WHERE { ?o a sk:Office }")})
            cs = ChangeSet()
            for o in offices:
                tenures = {t["iri"]: t for t in self._tenures(o)}
                olabel = self.s.resolver.label("office", o)
                gaps = self._gaps(o)
                for a in tenures.values():
                    for x in self._objects(a["iri"], SK + "successor"):
                        z = tenures.get(x.value)
                        if z is None or a["end"] is None or self._linkable(a["end"], z["start"], gaps):
                            continue
                        cs.remove([ox.Triple(N(a["iri"]), N(SK + "successor"), x),
                                   ox.Triple(x, N(SK + "predecessor"), N(a["iri"]))])
                        cs.summary.append(f"{olabel}: {a['label']} (left {a['end']}) is no longer linked as the "
                                          f"predecessor of {z['label']} (from {z['start']}): more than a year "
                                          "apart, and the holders in between are not recorded.")
            if not cs.summary:
                cs.summary.append("No change: no predecessor link spans unrecorded holders.")
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
        if not re.fullmatch(r"(0(\.[0-9]{1,3})?|1(\.0{1,3})?)", confidence or ""):
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

    # ------------------------------------------------------------------ elections and term rules

    def add_election(self, office: str | None, *, date: str, kind: str, country: str | None = None,
                     winner: str | None = None, share: str | None = None, scheduled: bool = False,
                     edition: str | None = None, title: str | None = None, note: str | None = None,
                     source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Record an election for OFFICE (or, with kind ``referendum``, a constitutional referendum in
        COUNTRY) on a date: winner and share where sourced; ``scheduled`` for one not held yet. Recording
        it again with the result (or another value) keeps the old value as a correction."""
        from . import elections as el

        _choice(kind, el.ELECTION_KINDS, "election kind", required=True)
        day = parse_date(date, "election date")
        label_text = clean_text(title, "election title", optional=True)
        text = clean_text(note, "note", optional=True)
        if kind != "referendum" and not (office or "").strip():
            raise InputError(f"a {kind} election needs the office it fills")
        if kind == "referendum" and not (country or office or "").strip():
            raise InputError("a referendum needs --country")
        if scheduled and (winner or share):
            raise InputError("a scheduled election has no result yet: give no --winner or --share")
        if share is not None:
            share = share.strip()
            if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3})?", share) or float(share) > 100:
                raise InputError(f"invalid share {share!r}: expected a percentage from 0 to 100, e.g. 70.4")
            # the canonical xsd:decimal form ("79.20" is stored as "79.2"), so re-recording finds the same value
            whole, _, frac = share.partition(".")
            share = str(int(whole)) + ("." + frac.rstrip("0") if frac.rstrip("0") else "")

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office) if (office or "").strip() else None
            if country:
                c = self._resolve_existing("country", country)
            else:
                rows = self._select("SELECT ?o ?c WHERE { ?o sk:jurisdiction/sk:country ?c }", o=N(o))
                if not rows:
                    raise NotFoundError(f"the country of {self.s.resolver.label('office', o)} is not recorded")
                c = rows[0]["c"].value
            w = self._resolve_existing("person", winner) if winner else None
            ed = self._resolve_existing("edition", edition) if edition else None
            iri = el.election_iri(kind, day, o, c)
            label = label_text or (f"Constitutional referendum in {self.s.resolver.label('country', c)}, {day}"
                                   if o is None or kind == "referendum"
                                   else f"{self.s.resolver.label('office', o)} election, {day}")
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            if not self._exists(iri):
                el.build_election(b, iri, label=label, country=c, office=o if kind != "referendum" else None,
                                  date=day, kind=kind, scheduled=scheduled, winner=w, share=share, edition=ed,
                                  note=text, sources=[src], recorded=self.recorded)
                cs.summary.append(f"Recorded election {label} <{iri}> ({kind}"
                                  + (", scheduled" if scheduled else "")
                                  + (f", won by {self.s.resolver.label('person', w)}" if w else "")
                                  + (f" with {share}%" if share else "") + ").")
            else:
                updates = [(SK + "electionKind", N(el.election_kind_iri(kind))),
                           (SK + "scheduled", m.lit("true" if scheduled else "false", XSD + "boolean"))]
                if w:
                    updates.append((SK + "winner", N(w)))
                if share is not None:
                    updates.append((SK + "resultShare", m.lit(share, XSD + "decimal")))
                if ed:
                    updates.append((SK + "edition", N(ed)))
                if text:  # a fuller note (e.g. after a fact-check); the old one is kept as a correction
                    updates.append((RDFS + "comment", m.lit(text)))
                for prop, obj in updates:
                    old = self._triples_of(iri, prop)
                    if old and len(old) == 1 and old[0].object == obj:
                        continue
                    if not old:
                        b.add(iri, prop, obj)
                        b.sources(iri, [src])
                        cs.summary.append(f"Added to <{iri}>: {prop.rsplit('#', 1)[-1]} {obj.value}.")
                    else:
                        self._set(cs, b, iri, prop, obj, src, None if prop == RDFS + "comment" else text)
                if scheduled and (self._objects(iri, SK + "winner") or self._objects(iri, SK + "resultShare")):
                    raise ConflictError(f"<{iri}> already has a result; it cannot be scheduled again")
                if not cs.summary and not cs.removed:
                    # nothing new about the election: do not cite the source either
                    return ChangeSet(summary=[f"Already recorded: {label}."])
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def add_term_rule(self, office: str, *, years: int | None, limit: str, edition: str, start: str,
                      until: str | None = None, applies_to: str | None = None, article: str | None = None,
                      note: str | None = None, source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Record how long a term of OFFICE lasts and how many terms one person may serve (``limit``: a
        number, or ``none``), as set by a legal edition, in force from ``start`` (until ``until``); with
        ``applies_to`` an exception for one person."""
        from . import elections as el

        if years is not None and (not isinstance(years, int) or not 1 <= years <= 99):
            raise InputError(f"invalid term length {years!r}: expected a whole number of years from 1 to 99")
        text_limit = str(limit or "").strip().lower()
        if text_limit in ("none", "no limit", "no-limit", "unlimited"):
            n_limit = None
        elif re.fullmatch(r"[1-9][0-9]?", text_limit):
            n_limit = int(text_limit)
        else:
            raise InputError(f"invalid term limit {limit!r}: expected a number of terms (e.g. 2) or none")
        first = parse_date(start, "first day in force")
        last = parse_date(until, "end of force") if until else None
        if last and last.hi <= first.lo:
            raise InputError(f"end of force {last} is not after the start {first}")
        art = clean_text(article, "article", optional=True)
        text = clean_text(note, "note", optional=True)

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            ed = self._resolve_existing("edition", edition)
            p = self._resolve_existing("person", applies_to) if applies_to else None
            iri = el.term_rule_iri(o, first, p)
            if self._exists(iri):
                was = (self._objects(iri, SK + "termYears"), self._objects(iri, SK + "termLimit"))
                if (was[0] and was[0][0].value != str(years)) or (not was[0] and years is not None) or \
                        (was[1] and was[1][0].value != str(n_limit)) or (not was[1] and n_limit is not None):
                    raise ConflictError(f"<{iri}> is recorded with another term length or limit; a change of the "
                                        "term rules is a new rule of the amending edition (--from its first day)")
            b = m.Builder()
            src = self._source(b, source)
            el.build_term_rule(b, iri, office=o, years=years, limit=n_limit, edition=ed, start=first, until=last,
                               person=p, article=art, note=text, sources=[src],
                               recorded=None if self._exists(iri) else self.recorded)
            cs = ChangeSet()
            cs.add(b.triples)
            who = f" for {self.s.resolver.label('person', p)}" if p else ""
            cs.summary.append(f"Recorded term rule{who}: {self.s.resolver.label('office', o)}, "
                              + (f"{years}-year term, " if years else "no fixed term, ")
                              + ("no limit" if n_limit is None else f"at most {n_limit} term(s)")
                              + f", {self.s.resolver.label('edition', ed)}, from {first}"
                              + (f" to {last}" if last else "") + ".")
            return cs

        return self.run(build, dry_run=dry_run)

    # ------------------------------------------------------------------ corrections

    TENURE_FIELDS = {"start": SK + "start", "end": SK + "end", "acting": SK + "acting", "mode": SK + "entryMode",
                     "exit-reason": SK + "exitReason", "legal-basis": SK + "legalBasis", "note": RDFS + "comment"}
    PERSON_FIELDS = {"born": SK + "birthDate", "died": SK + "deathDate", "wikidata": SK + "wikidata",
                     "label": RDFS + "label"}

    def correct(self, person: str, field_name: str, value: str, *, office: str | None = None,
                start: str | None = None, reason: str | None = None, source: SourceInfo,
                alone: bool = False, dry_run: bool = False) -> EditResult:
        """Correct a person's or a tenure's field. A tenure's start or end moves the other side of the hand-over
        with it, unless ``alone``: the date was not a hand-over (someone held the office in between), so it
        moves by itself and the two tenures are no longer linked as predecessor and successor."""
        note = clean_text(reason, "reason", optional=True)
        if alone and field_name not in ("start", "end"):
            raise InputError("--not-a-hand-over is for a tenure's start or end")
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
            if field_name == "label":
                self._name_free("person", new_obj.value, p)
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            self._set(cs, b, subject, prop, new_obj, src, note)
            if office and field_name in ("start", "end") and alone:
                side, back = ("predecessor", "successor") if field_name == "start" else ("successor", "predecessor")
                for other in self._objects(subject, SK + side):
                    cs.remove(self._triples_of(subject, SK + side))
                    cs.remove([t for t in self._triples_of(other.value, SK + back) if t.object.value == subject])
                    cs.summary.append(f"Unlinked <{subject}> from its {side} <{other.value}>: not a hand-over.")
                # the hand-over event stays with the incoming tenure, at its start, without the outgoing one
                mine, theirs = ("incoming", "outgoing") if field_name == "start" else ("outgoing", "incoming")
                for row in self._select(f"SELECT ?e WHERE {{ ?e sk:{mine} ?t }}", t=N(subject)):
                    ev = row["e"].value
                    if field_name == "start":
                        cs.remove(self._triples_of(ev, SK + "date"))
                        b.add(ev, SK + "date", new_obj)
                        cs.remove(self._triples_of(ev, SK + "outgoing"))
                    else:
                        cs.remove([t for t in self._triples_of(ev, SK + "outgoing") if t.object.value == subject])
            elif office and field_name in ("start", "end"):
                self._follow_dates(cs, b, subject, field_name, new_obj, src, note)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    OFFICE_FIELDS = {"seats": SK + "seats", "kind": SK + "officeKind", "established": SK + "established",
                     "wikidata": SK + "wikidata", "label": RDFS + "label", "post-only": SK + "postOnly"}

    def correct_office(self, office: str, field_name: str, value: str, *, reason: str | None = None,
                       source: SourceInfo, dry_run: bool = False) -> EditResult:
        """Correct a fact about an office (seats, kind, established, Wikidata id, label, post-only: true for a
        post whose other holders are not tracked); the old value is kept as a correction. Abolition and
        restoration have their own commands."""
        if field_name not in self.OFFICE_FIELDS:
            raise InputError(f"invalid office field {field_name!r}: expected one of {', '.join(self.OFFICE_FIELDS)}")
        note = clean_text(reason, "reason", optional=True)
        if field_name == "seats":
            if not re.fullmatch(r"[1-9][0-9]{0,3}", value.strip()):
                raise InputError(f"invalid seats {value!r}: expected a whole number of at least 1")
            obj = m.lit(value.strip(), XSD + "integer")
        elif field_name == "kind":
            _choice(value, m.OFFICE_KINDS, "kind", required=True)
            obj = N(m.kind_iri(value))
        elif field_name == "established":
            obj = m.date_lit(parse_date(value, "establishment date"))
        elif field_name == "wikidata":
            obj = m.lit(_qid(value) or "")
        elif field_name == "post-only":
            flag = value.strip().lower()
            if flag not in ("true", "false", "yes", "no"):
                raise InputError(f"invalid post-only {value!r}: expected true or false")
            obj = m.lit("true" if flag in ("true", "yes") else "false", XSD + "boolean")
        else:
            obj = m.lit(clean_text(value, "name"), lang="en")

        def build() -> ChangeSet:
            o = self._resolve_existing("office", office)
            if field_name == "label":
                self._name_free("office", obj.value, o)
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            self._set(cs, b, o, self.OFFICE_FIELDS[field_name], obj, src, note)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    def _field_value(self, field_name: str, value: str):
        if field_name in ("start", "end", "born", "died"):
            return m.date_lit(_not_future(parse_date(value, field_name), field_name))
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

    def correct_note(self, target: str, text: str, *, reason: str | None = None, source: SourceInfo,
                     dry_run: bool = False) -> EditResult:
        """Reword the note of any recorded node (a tenure's, a verification's, an attestation's, a departure's
        comment, a gap's reason) given by its IRI; the old wording is kept as a correction."""
        new_text = clean_text(text, "note")
        note = clean_text(reason, "reason", optional=True)
        iri = (target or "").strip()

        def build() -> ChangeSet:
            if not iri.startswith(m.ID) or not self._exists(iri):
                raise NotFoundError(f"unknown node {target!r}: give the IRI of a recorded fact")
            prop = SK + "reason" if self._objects(iri, SK + "reason") else RDFS + "comment"
            old = self._objects(iri, prop)
            if len(old) > 1:
                raise InputError(f"<{iri}> has {len(old)} notes; it needs one to be reworded")
            lit = m.lit(new_text, lang=old[0].language) if old and old[0].language else m.lit(new_text)
            b = m.Builder()
            src = self._source(b, source)
            cs = ChangeSet()
            self._set(cs, b, iri, prop, lit, src, note)
            cs.add(b.triples)
            return cs

        return self.run(build, dry_run=dry_run)

    # properties of a person that have one value: two different values cannot be merged silently
    _SINGLE = (SK + "birthDate", SK + "deathDate", SK + "wikidata")

    def merge_person(self, keep: str, drop: str, *, reason: str | None = None, source: SourceInfo,
                     dry_run: bool = False) -> EditResult:
        """The same person recorded twice: every fact about ``drop`` (tenures, relations, claims,
        attestations, sources, names) moves to ``keep``; ``drop``'s label and names become ``keep``'s aliases
        and the node goes. Refused when the two disagree on a birth, death or Wikidata id (correct one first).
        The merge is recorded as a correction of ``keep`` and can be undone."""
        note = clean_text(reason, "reason", optional=True)

        def build() -> ChangeSet:
            k, d = self._resolve_existing("person", keep), self._resolve_existing("person", drop)
            if k == d:
                raise InputError(f"{keep!r} and {drop!r} are the same person: nothing to merge")
            store = self._store()
            kn, dn = N(k), N(d)
            for prop in self._SINGLE:
                kv, dv = {o.value for o in self._objects(k, prop)}, {o.value for o in self._objects(d, prop)}
                if kv and dv and kv != dv:
                    raise ConflictError(f"the two records disagree on {prop.rsplit('#', 1)[-1]} ({', '.join(sorted(kv))} "
                                        f"against {', '.join(sorted(dv))}): correct one of them first")
            cs = ChangeSet()
            b = m.Builder()
            src = self._source(b, source)
            k_label = self._first(k, RDFS + "label")
            d_label = self._first(d, RDFS + "label")
            keep_has = {(q.predicate, q.object) for q in store.quads_for_pattern(kn, None, None)}
            for q in store.quads_for_pattern(dn, None, None):
                if q.graph_name == ONTOLOGY_GRAPH:
                    continue
                cs.remove([q.triple])
                p = q.predicate.value
                if p == RDFS + "label":
                    if q.object.value != k_label:
                        b.add(k, SKOS + "altLabel", m.lit(q.object.value))
                    continue
                if p in (SK + "recordedAt",) or (q.predicate, q.object) in keep_has:
                    continue
                if p == SKOS + "altLabel" and q.object.value == k_label:
                    continue
                cs.add([ox.Triple(kn, q.predicate, q.object)])
            for q in store.quads_for_pattern(None, None, dn):
                if q.graph_name == ONTOLOGY_GRAPH:
                    continue
                cs.remove([q.triple])
                if q.subject != kn:  # a relation of the two to each other would point at itself: dropped
                    cs.add([ox.Triple(q.subject, q.predicate, kn)])
            iri = m.correction_iri(k, SK + "sameAs", d, self.recorded.value)
            b.add(iri, TYPE, SK + "Correction")
            b.add(iri, SK + "about", k)
            b.add(iri, SK + "property", SK + "sameAs")
            b.add(iri, SK + "oldValue", dn)
            b.add(iri, SK + "newValue", kn)
            b.add(iri, SK + "recordedAt", self.recorded)
            b.add(iri, RDFS + "comment", m.lit(note) if note else None)
            b.sources(iri, [src])
            b.sources(k, [src])
            cs.add(b.triples)
            cs.summary.append(f"Merged {d_label} <{d}> into {k_label} <{k}>: its facts now name {k_label}; "
                              f"{d_label!r} is an alias.")
            return cs

        return self.run(build, dry_run=dry_run)

    def _name_free(self, kind: str, name: str, owner: str) -> None:
        """A new label that is already another node's name would make both unresolvable by edits (which
        resolve exact names only) and let reads pick either: refused, naming the other node."""
        others = [iri for iri in self.s.resolver.name_owners(kind, name) if iri != owner]
        if others:
            raise ConflictError(f"{name!r} is already the name of {self.s.resolver.label(kind, others[0])} "
                                f"({others[0]}); two {kind}s with one name could not be told apart")

    def _resolve_existing(self, kind: str, text: str) -> str:
        """Edits resolve strictly (IRI, QID, exact label or alias): a guess would write a fact about
        the wrong node. Reads keep the loose resolver."""
        try:
            return self.s.resolver.resolve_strict(kind, text)
        except NotFoundError as exc:
            hint = {"person": "add-person", "office": "add-office", "edition": "add-edition"}.get(kind)
            raise NotFoundError(f"{exc} (record it first with `succession {hint}`)" if hint else str(exc)) from None


_DEFAULT = ox.DefaultGraph()


def _changed_files(before_files: dict[str, set[ox.Triple]], after: set[ox.Triple]) -> dict[str, str]:
    """The new text of every file whose triples differ between ``before_files`` and ``after``."""
    after_files = partition(after)
    return {name: serialize_turtle(after_files.get(name, set()))
            for name in sorted(set(before_files) | set(after_files))
            if after_files.get(name, set()) != before_files.get(name, set())}


def _normalise(store: ox.Store, proposed: ChangeSet, graph=_DEFAULT) -> ChangeSet:
    """What really changes, by looking each triple up in ``graph`` (None: any graph), never by building a
    set of the whole knowledge base."""
    def present(t: ox.Triple) -> bool:
        return next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, graph)), None) is not None

    added = {t for t in proposed.added if not present(t)}
    removed = {t for t in proposed.removed if present(t)} - proposed.added
    return ChangeSet(added, removed, list(proposed.summary))


_ONTOLOGY: list[ox.Quad] | None = None


def ontology_quads() -> list[ox.Quad]:
    """The ontology in its own graph (parsed once per process)."""
    global _ONTOLOGY
    if _ONTOLOGY is None:
        from .kb import ONTOLOGY_DIR

        _ONTOLOGY = [ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH)
                     for q in ox.parse(path=str(ONTOLOGY_DIR / "succession.ttl"), format=ox.RdfFormat.TURTLE)]
    return _ONTOLOGY


_OFFICE, _TENURE, _PERSON, _RULE, _EDITION, _RELATION = (SK + c for c in (
    "Office", "Tenure", "Person", "SuccessionRule", "LegalEdition", "FamilyRelation"))


def neighbourhood(store: ox.Store, changes: ChangeSet) -> set[ox.Triple]:
    """The knowledge base after ``changes``, restricted to what the checks and shapes can read about the
    changed nodes: every node the edit touches; the offices involved (of a tenure, rule, event, ...),
    the offices their rules name or are named by, and everything that points at those offices
    (tenures, rules, events, departures, gaps); the tenures and family relations of a person whose own
    facts change; the rules of a changed edition; then every node those point to (holders, sources,
    predecessor tenures); all family relations when one changes (kinship is transitive); all Wikidata
    ids when one changes. Each included node comes with all its triples."""
    removed_by, added_by = changes.by_subject()
    added_into: dict = {}
    for t in changes.added:
        added_into.setdefault(t.object, set()).add(t.subject)
    removed_all = changes.removed
    type_, office_p = N(TYPE), N(SK + "office")
    memo: dict = {}

    def triples(node) -> set[ox.Triple]:
        hit = memo.get(node)
        if hit is None:
            hit = {q.triple for q in store.quads_for_pattern(node, None, None, ox.DefaultGraph())}
            hit = (hit - removed_by.get(node, set())) | added_by.get(node, set())
            memo[node] = hit
        return hit

    def classes(node) -> set[str]:
        return {t.object.value for t in triples(node) if t.predicate == type_}

    def objects(node, pred=None) -> set:
        return {t.object for t in triples(node) if (pred is None or t.predicate == pred)
                and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(m.ID)}

    def pointing(node, pred=None) -> set:
        subs = {q.subject for q in store.quads_for_pattern(None, pred, node, ox.DefaultGraph())
                if q.triple not in removed_all}
        subs |= {s for s in added_into.get(node, set()) if pred is None or ox.Triple(s, pred, node) in changes.added}
        return {s for s in subs if isinstance(s, ox.NamedNode) and s.value.startswith(m.ID)}

    def data(n) -> bool:
        return isinstance(n, ox.NamedNode) and n.value.startswith(m.ID)

    touched = {t.subject for t in changes.added | changes.removed}
    touched |= {t.object for t in changes.added | changes.removed if data(t.object)}
    touched = {n for n in touched if data(n)}
    nodes: set = set(touched)
    offices: set = set()
    for t in changes.added | changes.removed:  # a node whose class changes: what points at it depends on it
        if t.predicate == type_ and data(t.subject):
            nodes |= pointing(t.subject)
    for n in touched:
        cls = classes(n) | {q.object.value for q in store.quads_for_pattern(n, type_, None, ox.DefaultGraph())}
        if _OFFICE in cls:
            offices.add(n)
        if _PERSON in cls or _EDITION in cls:  # a person's tenures and relations; an edition's rules
            nodes |= pointing(n)
        if _RELATION in cls:
            nodes |= pointing(N(_RELATION), type_)
    for n in list(nodes):
        for o in objects(n):
            if _OFFICE in classes(o):
                offices.add(o)
            elif _TENURE in classes(o) or _RULE in classes(o):
                nodes.add(o)
                offices |= objects(o, office_p) | objects(o, N(SK + "vacantOffice")) | objects(o, N(SK + "actingOffice"))
        if _TENURE in classes(n) or _RULE in classes(n):
            offices |= objects(n, office_p) | objects(n, N(SK + "vacantOffice")) | objects(n, N(SK + "actingOffice"))
    # the offices these act for, then every office that acts for any of them (a vacancy's check reads
    # the tenures of every acting office its rules name)
    for o in list(offices):
        for r in pointing(o, N(SK + "actingOffice")):
            offices |= objects(r, N(SK + "vacantOffice"))
    for o in list(offices):
        for r in pointing(o, N(SK + "vacantOffice")):
            offices |= objects(r, N(SK + "actingOffice"))
    for o in offices:
        nodes.add(o)
        nodes |= pointing(o)
    if any(t.predicate.value == SK + "wikidata" for t in changes.added | changes.removed):
        wikidata = {q.triple for q in store.quads_for_pattern(None, N(SK + "wikidata"), None, ox.DefaultGraph())}
        extra = (wikidata - removed_all) | {t for t in changes.added if t.predicate.value == SK + "wikidata"}
    else:
        extra = set()
    # every node they point to (holders, sources, predecessor tenures, editions), with its triples
    for n in list(nodes):
        nodes |= objects(n)
    for n in list(nodes):  # and the sources of those (a fact without a sourced source is a violation)
        nodes |= objects(n, N(PROV + "wasDerivedFrom"))
    out: set[ox.Triple] = set(extra)
    for n in nodes:
        out |= triples(n)
    return out


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


def _command_of(build) -> str:
    """The edit command a change set came from (``Editor.appoint.<locals>.build`` -> ``appoint``)."""
    name = getattr(build, "__qualname__", "edit").split(".<locals>")[0].rsplit(".", 1)[-1]
    return name.replace("_", "-")


class AmbiguousTenure(InputError):
    pass


def _published(text: str) -> PDate:
    day = parse_date(text, "publication date")
    if day.lo > today().lo:
        raise InputError(f"publication date {day} is after today ({today()}): a page read cannot have been "
                         "published later")
    return day


def _not_future(day: PDate | None, what: str) -> PDate | None:
    """A recorded fact has happened: a date after today (an appointment announced for next month, a
    mistyped year) is refused; an expectation is recorded with `claim`."""
    if day is not None and day.lo > today().lo:
        raise InputError(f"{what} {day} is after today ({today()}): only what has happened is recorded "
                         "(record an announced or expected change with `succession claim`)")
    return day


def _choice(value: str | None, allowed: tuple[str, ...], what: str, required: bool = False) -> None:
    """A value from a controlled list (modes, exit reasons, ...), or a one-line error listing them."""
    if value is None and not required:
        return
    if value not in allowed:
        raise InputError(f"invalid {what} {value!r}: expected one of {', '.join(allowed)}")


def _qid(value: str | None) -> str | None:
    if not value:
        return None
    qid = value.strip().upper()
    if not _QID_RE.match(qid):
        raise InputError(f"invalid Wikidata id {value!r}: expected Q followed by digits")
    return qid


def _native(text: str) -> tuple[str, str]:
    """A native-script name given as TEXT@lang (e.g. 'Рустам Эмомалӣ@tg')."""
    name, sep, lang = (text or "").rpartition("@")
    if not sep or not _LANG_RE.match(lang):
        raise InputError(f"invalid native name {text!r}: expected TEXT@lang, e.g. 'Рустам Эмомалӣ@tg'")
    return clean_text(name, "native name"), lang.lower()


__all__ = ["Editor", "SourceInfo", "ChangeSet", "EditResult", "ORG", "PROV"]
