"""Query engines: the embedded Oxigraph store over ``kb/``.

Every engine answers ``select(text, bindings)`` with a ``Result`` whose cells are pyoxigraph terms,
so the rest of the library does not care where the answers came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .kb import KnowledgeBase
from .namespaces import XSD
from .queries import bind_values

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "positiveInteger", "nonNegativeInteger")}


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, Term | None]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (IRIs and lexical forms as str, booleans, integers)."""
        return [{c: plain(r.get(c)) for c in self.columns} for r in self.rows]


def plain(term: Term | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        if dt in _INTEGER_TYPES:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value


class LocalEngine:
    """SPARQL over the knowledge base folder, in an in-memory Oxigraph store."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @property
    def store(self) -> ox.Store:
        return self.kb.store()

    def select(self, text: str, bindings: Mapping[str, Term] | None = None) -> Result:
        text = bind_values(text, dict(bindings or {}))
        try:
            return self._select(text)
        except (OSError, RuntimeError):  # a damaged on-disk index: drop it and answer from the Turtle files
            self.kb.drop_cache()
            return self._select(text)

    def _select(self, text: str) -> Result:
        try:
            solutions = self.store.query(text, use_default_graph_as_union=not getattr(self.kb, "flat", False))
        except SyntaxError as exc:
            raise InputError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        if isinstance(solutions, ox.QueryBoolean):
            return Result(["result"], [{"result": ox.Literal("true" if bool(solutions) else "false",
                                                             datatype=ox.NamedNode(XSD + "boolean"))}])
        if isinstance(solutions, ox.QueryTriples):
            rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in solutions]
            return Result(["subject", "predicate", "object"], rows)
        columns = [v.value for v in solutions.variables]
        rows = [{c: sol[c] for c in columns} for sol in solutions]
        return Result(columns, rows)

    def update(self, text: str) -> None:
        raise InputError("SPARQL Update is not accepted on the embedded knowledge base; use the edit commands")
