"""Undo an edit: apply the inverse of its journalled change set as a new edit of its own.

The inverse is exact (the journal holds every triple the edit added and removed, see
succession.journal), so undoing an appointment gives back the incumbent's open tenure as it was,
byte for byte in the Turtle files; the only trace left is the ``sk:Undo`` record in corrections.ttl
and the undo's own journal entry (it can itself be undone: that is a redo).

An undo is refused, nothing written, when a later edit depends on the one undone: it closed,
corrected, cited or linked to a node the edit created, or changed a value the edit set. Undo that
later edit first. Edits recorded without a journal entry (before the journal existed) cannot be
undone exactly, and are refused with that reason rather than guessed at.
"""

from __future__ import annotations

import pyoxigraph as ox

from . import model as m
from .edit import ChangeSet, Editor, EditResult, SourceInfo, clean_text
from .errors import ConflictError, InputError, NotFoundError
from .journal import Entry, edit_id, entries, parse_edit_id
from .kb import ONTOLOGY_GRAPH
from .namespaces import PROV, RDF, RDFS, SK, XSD

_TYPE = RDF + "type"


def _undone(items: list[Entry]) -> dict[str, str]:
    """Edit record time -> the record time of the undo that reversed it (and is itself in force)."""
    by_time = {e.recorded: e for e in items}
    memo: dict[str, str | None] = {}

    def undone_by(at: str) -> str | None:
        if at not in memo:
            memo[at] = None
            for e in items:
                if e.undoes == at and e.recorded > at and undone_by(e.recorded) is None:
                    memo[at] = e.recorded
        return memo[at]

    return {at: by for at in by_time if (by := undone_by(at)) is not None}


def _short(node) -> str:
    return f"<{node.value}>" if isinstance(node, ox.NamedNode) else str(node)


def dependency(target: Entry, later: Entry) -> str | None:
    """How ``later`` depends on ``target`` (one clause, the weightiest reason), or None when it does not."""
    created = {t.subject for t in target.added if t.predicate.value == _TYPE}
    reasons: list[tuple[int, str]] = []
    for t in sorted(later.added | later.removed, key=str):
        local = t.predicate.value.rsplit("#", 1)[-1]
        if t.subject in created:
            if local == "end":
                reasons.append((0, f"it closes {_short(t.subject)}, which edit {target.id} opened"))
            elif t.predicate.value == PROV + "wasDerivedFrom":
                reasons.append((4, f"it cites a source on {_short(t.subject)}, which edit {target.id} added"))
            else:
                reasons.append((1, f"it changes {_short(t.subject)} ({local}), which edit {target.id} added"))
        if t.object in created:
            if t.predicate.value == PROV + "wasDerivedFrom":
                reasons.append((5, f"it cites the source {_short(t.object)}, which edit {target.id} added"))
            else:
                reasons.append((2, f"it refers to {_short(t.object)}, which edit {target.id} added"))
    for t in sorted((later.removed & target.added) | (later.added & target.removed), key=str):
        reasons.append((3, f"it changes {_short(t.subject)} {t.predicate.value.rsplit('#', 1)[-1]}, "
                           f"which edit {target.id} set"))
    return min(reasons)[1] if reasons else None


def undo(editor: Editor, edit: str | None = None, *, reason: str | None = None,
         source: SourceInfo | None = None, dry_run: bool = False) -> EditResult:
    """Reverse the last edit still in force (or the one named by its id or record time)."""
    if not hasattr(editor.kb, "dir"):
        raise InputError("undo works on a knowledge-base folder (it reads the folder's edit journal), "
                         "not on a SPARQL server")
    note = clean_text(reason, "reason", optional=True)
    wanted = parse_edit_id(edit) if edit else None

    def build() -> ChangeSet:
        items = entries(editor.kb.dir)
        undone = _undone(items)
        if wanted is None:
            live = [e for e in items if e.recorded not in undone and e.undoes is None]
            if not live:
                raise NotFoundError("nothing to undo: the journal holds no edit still in force "
                                    "(edits recorded before the journal existed cannot be undone)")
            target = live[-1]
        else:
            found = [e for e in items if e.recorded == wanted]
            if not found:
                known = any(q.object.value == wanted for q in editor.kb.store().quads_for_pattern(
                    None, ox.NamedNode(SK + "recordedAt"), None))
                if known:
                    raise NotFoundError(f"edit {edit_id(wanted)} has no journal entry (it was recorded before the "
                                        "journal existed), so it cannot be undone exactly; reverse it with "
                                        "`succession correct` or `end-tenure`")
                raise NotFoundError(f"unknown edit {edit!r}: see `succession log` for the ids")
            target = found[0]
            if target.recorded in undone:
                raise ConflictError(f"edit {target.id} was already undone by edit {edit_id(undone[target.recorded])}")
        for later in items:
            if later.recorded <= target.recorded or later.recorded in undone:
                continue
            if later.undoes is not None and later.undoes > target.recorded:
                continue  # an edit after the target and its undo: together they changed nothing
            why = dependency(target, later)
            if why:
                raise ConflictError(f"refused, nothing written: edit {later.id} ({later.command}) depends on edit "
                                    f"{target.id}: {why}; undo {later.id} first")
        store = editor.kb.store()

        def present(t: ox.Triple) -> bool:
            return any(q.graph_name != ONTOLOGY_GRAPH for q in store.quads_for_pattern(t.subject, t.predicate, t.object))

        gone = sorted((t for t in target.added if not present(t)), key=str)
        back = sorted((t for t in target.removed if present(t)), key=str)
        if gone or back:
            t = (gone or back)[0]
            raise ConflictError(f"refused, nothing written: the knowledge base no longer matches edit {target.id} "
                                f"({_short(t.subject)} {t.predicate.value.rsplit('#', 1)[-1]} was changed since, by "
                                "hand or by an edit without a journal entry)")
        cs = ChangeSet()
        cs.remove(target.added)
        cs.add(target.removed)
        b = m.Builder()
        iri = m.ID + "undo/" + edit_id(editor.recorded.value)
        b.add(iri, _TYPE, SK + "Undo")
        b.add(iri, SK + "undoes", m.lit(target.recorded, XSD + "dateTime"))
        b.add(iri, RDFS + "label", m.lit(f"undo of edit {target.id} ({target.command})", lang="en"))
        b.add(iri, RDFS + "comment", m.lit(note) if note else None)
        b.add(iri, SK + "recordedAt", editor.recorded)
        if source is not None:
            b.sources(iri, [editor._source(b, source)])
        cs.add(b.triples)
        cs.summary.append(f"Undid edit {target.id} ({target.command}): removed {len(target.added)} and restored "
                          f"{len(target.removed)} triple(s); recorded as edit {edit_id(editor.recorded.value)}.")
        cs.summary += [f"  undone: {line}" for line in target.summary[:5]]
        if len(target.summary) > 5:
            cs.summary.append(f"  undone: and {len(target.summary) - 5} more")
        return cs

    return editor.run(build, dry_run=dry_run)
