"""What changed between two states of the knowledge base, said as facts rather than Turtle lines.

Both sides are graphs (a folder, a git revision of ``kb/`` read with ``git show``, or the knowledge
base as recorded at an earlier time); they are compared node by node: every subject whose triples
differ is described by its class (a tenure started, ended or moved; a person, relation, office, rule,
edition, verification, source, correction or undo added, changed or removed). A reviewer reads
"tenure started: X as Y from 2026-11-30 (source ...)" instead of a Turtle diff.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InputError, KBLoadError
from .namespaces import DCTERMS, PROV, RDF, RDFS, SK

_SCHEMA_URL = "https://schema.org/url"
_REV_RE = re.compile(r"[A-Za-z0-9_./~^@{}-]+")

# the order in which kinds of change are listed (most newsworthy first)
ORDER = ["tenure started", "tenure added", "tenure ended", "tenure reopened", "tenure moved", "tenure changed",
         "tenure removed", "person added", "person renamed", "person changed", "person removed",
         "relation added", "relation removed", "office added", "office renamed", "office abolished",
         "office restored", "office changed", "office removed", "edition added", "edition changed",
         "edition removed", "rule added", "rule changed", "rule removed", "gap added", "gap changed",
         "gap removed", "departure added", "departure changed", "departure removed", "former name added",
         "alternative date added", "claim added", "claim changed", "claim removed", "verification added", "attestation added", "attestation changed", "attestation removed",
         "verification changed", "verification removed", "source added", "source changed", "source removed",
         "correction", "undo", "cited", "other"]

_KINDS = {"Tenure": "tenure", "Person": "person", "FamilyRelation": "relation", "Office": "office",
          "LegalEdition": "edition", "SuccessionRule": "rule", "OfficeGap": "gap", "RuleDeparture": "departure",
          "FormerName": "former name", "AlternativeDate": "alternative date", "Claim": "claim",
          "Verification": "verification", "Attestation": "attestation", "Source": "source", "Correction": "correction", "Undo": "undo",
          "SuccessionEvent": "event", "Body": "office", "Place": "place", "City": "place", "Country": "place"}


# ---------------------------------------------------------------------------------- the two sides


def data_triples(store: ox.Store) -> set[ox.Triple]:
    """The knowledge base's own triples of a loaded store (either layout), without the ontology."""
    from .kb import content_quads

    return {q.triple for q in content_quads(store, ontology=False)}


def _git(repo: Path, *args: str) -> bytes:
    try:
        out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise InputError("git is not installed; give two knowledge-base folders instead") from None
    if out.returncode != 0:
        first = (out.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"])[0]
        raise InputError(f"git {' '.join(args[:2])}: {first}")
    return out.stdout


def load_side(spec: str, repo: Path | None = None) -> set[ox.Triple]:
    """The data triples of ``spec``: a knowledge-base folder, or a git revision (``HEAD~3`` means
    ``HEAD~3:kb``; ``REV:PATH`` names the folder) read from the repository with ``git show``, never
    checked out."""
    from .kb import KnowledgeBase

    path = Path(spec)
    if path.is_dir():
        return data_triples(KnowledgeBase(path).store())
    rev, sep, sub = spec.partition(":")
    sub = (sub if sep else "kb").strip("/") or "."
    if not rev or rev.startswith("-") or not _REV_RE.fullmatch(rev) or sub.startswith("-") \
            or any(c in sub for c in "\n\r\x00"):
        raise InputError(f"{spec!r} is neither a knowledge-base folder nor a git revision such as HEAD~3 or HEAD~3:kb")
    repo = Path(repo or ".")
    try:
        names = _git(repo, "ls-tree", "--name-only", f"{rev}:{sub}").decode("utf-8").splitlines()
    except InputError as exc:
        raise InputError(f"{spec!r} is neither a knowledge-base folder nor a git revision of {repo}: {exc}") from None
    files = sorted(n for n in names if n.endswith(".ttl"))
    if not files:
        raise InputError(f"{rev}:{sub} holds no Turtle files")
    store = ox.Store()
    for name in files:
        blob = _git(repo, "show", f"{rev}:{sub}/{name}" if sub != "." else f"{rev}:{name}")
        try:
            store.load(blob, format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError) as exc:
            raise KBLoadError(f"{rev}:{sub}/{name}: Turtle syntax error: {str(exc).splitlines()[0]}") from None
    return {q.triple for q in store}


# ---------------------------------------------------------------------------------- comparing


class _Graph:
    """A graph indexed by subject: node -> predicate -> objects."""

    def __init__(self, triples: set[ox.Triple]) -> None:
        self.triples = triples
        self.by: dict[Any, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        for t in triples:
            self.by[t.subject][t.predicate.value].add(t.object)

    def one(self, node, prop: str) -> str | None:
        values = sorted(o.value for o in self.by.get(node, {}).get(prop, ()))
        return values[0] if values else None

    def kind(self, node) -> str | None:
        for o in sorted(self.by.get(node, {}).get(RDF + "type", ()), key=str):
            k = _KINDS.get(o.value.replace(SK, ""))
            if k:
                return k
        return None


def _local(prop: str) -> str:
    return re.split(r"[#/]", prop)[-1]


def diff_graphs(old_triples: set[ox.Triple], new_triples: set[ox.Triple]) -> list[dict[str, Any]]:
    """The semantic change list from ``old`` to ``new``, most newsworthy first."""
    old, new = _Graph(old_triples), _Graph(new_triples)
    touched = {t.subject for t in old_triples ^ new_triples}

    def label(node) -> str:
        if node is None:
            return "?"
        if not isinstance(node, ox.NamedNode):
            return node.value
        text = new.one(node, RDFS + "label") or old.one(node, RDFS + "label")
        return text or node.value.rsplit("/", 1)[-1]

    def urls(g: _Graph, node, only_new: bool = False) -> list[str]:
        srcs = set(g.by.get(node, {}).get(PROV + "wasDerivedFrom", ()))
        if only_new:
            srcs -= set(old.by.get(node, {}).get(PROV + "wasDerivedFrom", ()))
        return sorted({u for s in srcs for u in [new.one(s, _SCHEMA_URL) or old.one(s, _SCHEMA_URL)] if u})

    def ref(g: _Graph, node, prop: str):
        vals = sorted(g.by.get(node, {}).get(prop, ()), key=str)
        return vals[0] if vals else None

    out: list[dict[str, Any]] = []

    def emit(change: str, node, what: str, sources: list[str]) -> None:
        out.append({"change": change, "node": node.value, "what": what, "sources": sources})

    for node in sorted(touched, key=str):
        before, after = old.by.get(node), new.by.get(node)
        kind = new.kind(node) or old.kind(node)
        g = new if after else old
        if kind == "event":
            continue  # a hand-over is told by the tenures it starts and ends
        if kind == "tenure":
            acting = "acting " if g.one(node, SK + "acting") == "true" else ""
            who = f"{label(ref(g, node, SK + 'holder'))} as {acting}{label(ref(g, node, SK + 'office'))}"
            start, end = g.one(node, SK + "start"), g.one(node, SK + "end")
            if not before:
                if end:
                    emit("tenure added", node, f"{who}, {start} to {end}", urls(new, node))
                else:
                    emit("tenure started", node, f"{who} from {start}", urls(new, node))
                continue
            if not after:
                emit("tenure removed", node, f"{who} from {old.one(node, SK + 'start')}", [])
                continue
            o_start, o_end = old.one(node, SK + "start"), old.one(node, SK + "end")
            reason = _local(new.one(node, SK + "exitReason") or "")
            if o_end is None and end is not None:
                emit("tenure ended", node, f"{who}: ended {end}" + (f" ({reason})" if reason else ""),
                     urls(new, node, True) or urls(new, node))
            elif o_end is not None and end is None:
                emit("tenure reopened", node, f"{who} from {start}: end {o_end} removed", urls(new, node, True))
            moved = [f"{p} {a} -> {b}" for p, a, b in (("start", o_start, start), ("end", o_end, end))
                     if a != b and a is not None and b is not None]
            if moved:
                emit("tenure moved", node, f"{who}: " + "; ".join(moved), urls(new, node, True))
            rest = _prop_changes(before, after, skip={SK + "start", SK + "end", SK + "exitReason", SK + "successor",
                                                      SK + "predecessor", PROV + "wasDerivedFrom", SK + "recordedAt"})
            if rest:
                emit("tenure changed", node, f"{who}: {rest}", urls(new, node, True))
            elif not moved and (o_end is None) == (end is None) and urls(new, node, True):
                emit("cited", node, f"{who} from {start}", urls(new, node, True))
            continue
        if kind == "person":
            name = label(node)
            if not before:
                life = ", ".join(x for x in (f"born {new.one(node, SK + 'birthDate')}" if new.one(node, SK + "birthDate") else "",
                                             f"Wikidata {new.one(node, SK + 'wikidata')}" if new.one(node, SK + "wikidata") else "") if x)
                emit("person added", node, name + (f" ({life})" if life else ""), urls(new, node))
            elif not after:
                emit("person removed", node, old.one(node, RDFS + "label") or name, [])
            elif old.one(node, RDFS + "label") != new.one(node, RDFS + "label"):
                emit("person renamed", node, f"{old.one(node, RDFS + 'label')} -> {new.one(node, RDFS + 'label')}",
                     urls(new, node, True))
            else:
                _changed(emit, "person", node, name, before, after, urls(new, node, True))
            continue
        if kind == "relation":
            text = (f"{label(ref(g, node, SK + 'person'))} {_local(g.one(node, SK + 'kinship') or '')} "
                    f"{label(ref(g, node, SK + 'relative'))}")
            if not before:
                emit("relation added", node, text, urls(new, node))
            elif not after:
                emit("relation removed", node, text, [])
            else:
                _changed(emit, "relation", node, text, before, after, urls(new, node, True))
            continue
        if kind == "office":
            name = label(node)
            if not before:
                kinds = _local(new.one(node, SK + "officeKind") or "")
                emit("office added", node, name + (f" ({kinds.replace('-', ' ')})" if kinds else ""), urls(new, node))
                continue
            if not after:
                emit("office removed", node, old.one(node, RDFS + "label") or name, [])
                continue
            o_label, n_label = old.one(node, RDFS + "label"), new.one(node, RDFS + "label")
            if o_label != n_label:
                emit("office renamed", node, f"{o_label} -> {n_label}", urls(new, node, True))
            o_ab, n_ab = old.one(node, SK + "abolished"), new.one(node, SK + "abolished")
            if n_ab and n_ab != o_ab:
                emit("office abolished", node, f"{name} on {n_ab}", urls(new, node, True))
            elif o_ab and not n_ab:
                emit("office restored", node, f"{name} (abolished {o_ab})", urls(new, node, True))
            rest = _prop_changes(before, after, skip={RDFS + "label", SK + "abolished", PROV + "wasDerivedFrom",
                                                      SK + "recordedAt"})
            if rest:
                emit("office changed", node, f"{name}: {rest}", urls(new, node, True))
            continue
        if kind == "source":
            url = g.one(node, _SCHEMA_URL) or node.value
            details = ", ".join(x for x in (g.one(node, DCTERMS + "title"), g.one(node, DCTERMS + "publisher"),
                                            g.one(node, DCTERMS + "issued")) if x)
            if not before:
                emit("source added", node, url + (f" ({details})" if details else ""), [url])
            elif not after:
                emit("source removed", node, url, [])
            else:
                emit("source changed", node, f"{url}: {_prop_changes(before, after, skip=set())}", [url])
            continue
        if kind == "correction":
            if before:
                continue  # corrections are only ever added
            about = ref(new, node, SK + "about")
            prop = _local(new.one(node, SK + "property") or "")
            emit("correction", node, f"{label(about)} {prop}: {new.one(node, SK + 'oldValue') or '(none)'} -> "
                                     f"{new.one(node, SK + 'newValue') or '(removed)'}", urls(new, node))
            continue
        if kind == "undo":
            if not before:
                emit("undo", node, label(node), urls(new, node))
            continue
        if kind in ("edition", "rule", "gap", "departure", "former name", "alternative date", "claim",
                    "verification", "attestation"):
            text = _describe_other(kind, node, g, label, ref)
            if not before:
                emit(f"{kind} added", node, text, urls(new, node))
            elif not after:
                emit(f"{kind} removed", node, text, [])
            else:
                _changed(emit, kind, node, text, before, after, urls(new, node, True))
            continue
        if kind == "place":
            continue
        emit("other", node, f"<{node.value}>: {_prop_changes(before or {}, after or {}, skip=set())}", [])
    rank = {c: i for i, c in enumerate(ORDER)}
    out.sort(key=lambda r: (rank.get(r["change"], len(ORDER)), r["what"]))
    return out


def _describe_other(kind: str, node, g: _Graph, label, ref) -> str:
    if kind == "rule":
        return (f"order {g.one(node, SK + 'order') or '?'}: {label(ref(g, node, SK + 'actingOffice'))} acts for "
                f"{label(ref(g, node, SK + 'vacantOffice'))}")
    if kind == "verification":
        holders = sorted(label(h) for h in g.by.get(node, {}).get(SK + "holder", ()))
        return f"{label(ref(g, node, SK + 'office'))} on {g.one(node, SK + 'date')}: {', '.join(holders) or 'vacant'}"
    if kind == "attestation":
        return (f"{label(ref(g, node, SK + 'holder'))} in office as {label(ref(g, node, SK + 'office'))} on "
                f"{g.one(node, SK + 'date')} (tenure not dated)")
    if kind == "alternative date":
        about = ref(g, node, SK + "about")
        holder = ref(g, about, SK + "holder") if about is not None else None
        whose = f"{label(holder)} as {label(ref(g, about, SK + 'office'))}" if holder is not None else label(about)
        return f"{whose}: another source gives {_local(g.one(node, SK + 'property') or '')} {g.one(node, SK + 'date')}"
    if kind in ("gap", "departure"):
        return f"{label(ref(g, node, SK + 'office'))} {g.one(node, SK + 'start') or g.one(node, SK + 'date') or ''}".strip()
    return label(node)


def _value(o) -> str:
    return o.value.rsplit("#", 1)[-1] if isinstance(o, ox.NamedNode) and "#" in o.value else o.value


def _prop_changes(before: dict, after: dict, skip: set[str]) -> str:
    parts = []
    for p in sorted(set(before) | set(after)):
        if p in skip:
            continue
        a, b = before.get(p, set()), after.get(p, set())
        if a != b:
            old = ", ".join(sorted(_value(o) for o in a - b)) or "(none)"
            new = ", ".join(sorted(_value(o) for o in b - a)) or "(none)"
            parts.append(f"{_local(p)} {old} -> {new}")
    return "; ".join(parts)


def _changed(emit, kind: str, node, text: str, before: dict, after: dict, sources: list[str]) -> None:
    rest = _prop_changes(before, after, skip={PROV + "wasDerivedFrom", SK + "recordedAt"})
    if rest:
        emit(f"{kind} changed", node, f"{text}: {rest}", sources)
    elif sources:
        emit("cited", node, text, sources)


# ---------------------------------------------------------------------------------- summaries


def counts(records: list[dict[str, Any]]) -> str:
    """``3 tenure started, 1 person added`` in the list's order."""
    c: dict[str, int] = {}
    for r in records:
        c[r["change"]] = c.get(r["change"], 0) + 1
    return ", ".join(f"{n} {k}" for k, n in c.items())


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def markdown(records: list[dict[str, Any]], title: str) -> str:
    """The change list as Markdown for a pull request: a heading, the counts, one section per kind."""
    from urllib.parse import urlsplit

    lines = [f"### {_md(title)}", ""]
    if not records:
        return "\n".join(lines + ["No semantic change.", ""])
    lines += [f"{len(records)} change(s): {counts(records)}.", ""]
    current = None
    for r in records:
        if r["change"] != current:
            current = r["change"]
            if len(lines) > 4:
                lines.append("")
            lines.append(f"**{current.capitalize()}**")
            lines.append("")
        if current.startswith("source"):
            lines.append(f"- {_md(r['what'])}")
            continue
        links = " ".join(f"[{_md(urlsplit(u).netloc or u)}]({u.replace(')', '%29')})" for u in r["sources"])
        lines.append(f"- {_md(r['what'])}" + (f" ({links})" if links else ""))
    return "\n".join(lines) + "\n"
