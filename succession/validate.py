"""Validation: SHACL shapes plus the SPARQL checks in ``queries/checks/*-violation.rq``.

The shapes are evaluated by the built-in engine (succession/shacl.py) or, with ``engine="pyshacl"``, by
pySHACL, the reference the tests compare it with. A check passes when it returns no rows; each row is one
violation with ``?focus`` and ``?message``. pySHACL is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from .engine import LocalEngine, Result
from .kb import ONTOLOGY_DIR, KnowledgeBase
from .queries import list_checks

SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True, order=True)
class Violation:
    check: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


def run_checks(select) -> list[Violation]:
    """Run every SPARQL check through ``select(text) -> Result``."""
    out: list[Violation] = []
    for check in list_checks():
        result: Result = select(check.text)
        for row in result.rows:
            focus = row.get("focus")
            message = row.get("message")
            out.append(Violation(check.name, focus.value if focus is not None else "",
                                 message.value if message is not None else check.description))
    return sorted(set(out))


def run_shapes(triples: Iterable[ox.Triple], focus: list | None = None, engine: str = "builtin") -> list[Violation]:
    """SHACL-validate the given triples (knowledge base + ontology); only ``focus`` nodes if given.

    ``engine`` is "builtin" (succession/shacl.py: the shapes evaluated over pyoxigraph terms, about 10x
    faster than pySHACL and no pySHACL import) or "pyshacl" (the reference implementation)."""
    if focus is not None and not focus:
        return []
    if engine == "pyshacl":
        return sorted({Violation("shape", f, _text(f, path, msg, shape)) for f, path, _c, _v, msg, shape
                       in pyshacl_results(triples, focus)})
    if engine != "builtin":
        raise ValueError(f"unknown SHACL engine {engine!r}: expected builtin or pyshacl")
    from . import shacl

    out = set()
    for r in shacl.validate(triples, SHAPES_PATH, focus):
        focus_text = r.focus.value  # an IRI, a blank node's id or a literal's lexical form (as pySHACL prints it)
        out.add(Violation("shape", focus_text, _text(focus_text, r.path, r.message, "")))
    return sorted(out)


def _text(focus: str, path: str | None, msg: str | None, shape: str) -> str:
    where = "" if path is None else " " + (("^" + _short(path[1:])) if path.startswith("^") else _short(path))
    return f"<{focus}>{where}: {msg}" if msg is not None else f"<{focus}>{where}: violates {_short(shape)}"


def pyshacl_results(triples: Iterable[ox.Triple], focus: list | None = None) -> list[tuple]:
    """pySHACL's results as (focus, path, component, value, message, source shape): path is the predicate
    IRI ("^IRI" for an inverse path) or None, component the constraint component's local name."""
    import pyshacl
    import rdflib

    from .terms import rdflib_graph, to_ox

    data = rdflib_graph(triples)
    shapes = rdflib.Graph().parse(SHAPES_PATH, format="turtle")
    focus_iris = [rdflib.URIRef(n.value) for n in focus] if focus is not None else None
    _conforms, report, _text_ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                 advanced=True, allow_warnings=True, focus_nodes=focus_iris)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for res in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if (None, sh.detail, res) in report:  # a nested shape's result, the reason of another one
            continue
        path = report.value(res, sh.resultPath)
        if isinstance(path, rdflib.BNode):
            inv = report.value(path, sh.inversePath)
            path_text = "^" + str(inv) if inv is not None else str(path)
        else:
            path_text = str(path) if path is not None else None
        comp = str(report.value(res, sh.sourceConstraintComponent)).rsplit("#", 1)[-1]
        value = report.value(res, sh.value)
        msg = report.value(res, sh.resultMessage)
        out.append((str(report.value(res, sh.focusNode)), path_text, comp,
                    to_ox(value) if value is not None else None, str(msg) if msg is not None else None,
                    str(report.value(res, sh.sourceShape))))
    return out


def _short(term) -> str:
    from .namespaces import curie

    return curie(str(term)) or str(term)


def select_on(store: ox.Store):
    """A ``select(text) -> Result`` over every graph of ``store``."""

    def select(text: str) -> Result:
        sols = store.query(text, use_default_graph_as_union=True)
        cols = [v.value for v in sols.variables]
        return Result(cols, [{c: s[c] for c in cols} for s in sols])

    return select


def validate_store(store: ox.Store, engine: str = "builtin") -> list[Violation]:
    """Shapes + checks over everything in ``store`` (all graphs)."""
    from .kb import content_quads

    triples = {q.triple for q in content_quads(store)} if _has_file_graphs(store) else {q.triple for q in store}
    return run_shapes(triples, engine=engine) + run_checks(select_on(store))


def validate_changed(store: ox.Store, baseline: set[ox.Triple], engine: str = "builtin") -> list[Violation]:
    """Validate ``store`` given that ``baseline`` (data triples, without the ontology) was valid: the shapes
    over the nodes an edit from the baseline could have changed (`edit.focus_nodes`: subjects and objects of
    the changed triples and the nodes that point at them), every SPARQL check over the whole store."""
    from .diff import data_triples
    from .edit import ChangeSet, focus_nodes, shape_subgraph
    from .kb import _ontology_triples

    now = data_triples(store)
    changes = ChangeSet(added=now - baseline, removed=baseline - now)
    focus = focus_nodes(store, changes)
    # the ontology (classes, concept schemes) whichever way the store holds it
    shapes = (run_shapes(shape_subgraph(store, focus) | _ontology_triples(), focus=focus, engine=engine)
              if focus else [])
    return shapes + run_checks(select_on(store))


def _has_file_graphs(store: ox.Store) -> bool:
    from .kb import FILE_GRAPH_PREFIX

    return any(getattr(g, "value", "").startswith(FILE_GRAPH_PREFIX) for g in store.named_graphs())


def validate_kb(kb: KnowledgeBase, engine: str = "builtin") -> list[Violation]:
    return validate_store(kb.store(), engine)


def validate_engine(engine: LocalEngine) -> list[Violation]:
    return validate_kb(engine.kb)
