"""A SHACL Core validator for the constraints ``ontology/shapes.ttl`` uses, run over pyoxigraph terms.

pySHACL evaluates shapes in pure Python over an rdflib graph: a full validation of the shipped knowledge
base spent about 6 of its 7.5 CPU-seconds there (204,697 shape evaluations, 2.8M ``triples()`` calls), and
every edit paid pySHACL's import (0.27 s) to check the neighbourhood of its change. This module reads the
data once into dictionaries keyed by subject and predicate and evaluates each shape on its targets:

- targets: ``sh:targetClass`` (instances of the class or of a subclass, by ``rdfs:subClassOf*`` in the
  data, where the ontology is merged), ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
- property shapes with a predicate path or an ``sh:inversePath``;
- ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype`` (the literal must also be well formed
  for the XSD datatypes the shapes name), ``sh:in``, ``sh:minInclusive``, ``sh:maxInclusive``,
  ``sh:pattern``, ``sh:minLength``, ``sh:languageIn``, ``sh:node``, ``sh:or``, ``sh:xone``,
  ``sh:qualifiedValueShape`` with ``sh:qualifiedMaxCount``; ``sh:message`` of the shape that fails.

Any other SHACL term in the shapes graph is refused when the shapes are read (``UnsupportedShape``), so a
new kind of constraint cannot be silently ignored. pySHACL stays the reference: ``validate --engine
pyshacl`` runs it, and the tests compare both on every shape's failing example and on randomly broken
knowledge bases (tests/test_shacl_engine.py).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

_TYPE = RDF + "type"
_SUBCLASS = RDFS + "subClassOf"
_LANGSTRING = RDF + "langString"

# the SHACL vocabulary this engine evaluates; anything else with the sh: namespace in the shapes is refused
_KNOWN = {SH + x for x in (
    "NodeShape", "PropertyShape", "property", "path", "inversePath", "targetClass", "targetSubjectsOf",
    "targetObjectsOf", "minCount", "maxCount", "class", "datatype", "in", "minInclusive", "maxInclusive",
    "pattern", "minLength", "languageIn", "node", "or", "xone", "qualifiedValueShape", "qualifiedMaxCount",
    "message")}


class UnsupportedShape(ValueError):
    """The shapes graph uses SHACL this engine does not evaluate (use ``--engine pyshacl``)."""


@dataclass(frozen=True)
class ShapeResult:
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    path: str | None          # the predicate IRI of the property shape (inverse paths as "^IRI"), or None
    component: str            # the constraint component's local name, e.g. "MinCountConstraintComponent"
    message: str
    value: object = None


@dataclass
class Shape:
    node: object
    path: tuple[str, bool] | None = None          # (predicate IRI, inverse?)
    targets_class: list[str] = field(default_factory=list)
    targets_subjects_of: list[str] = field(default_factory=list)
    targets_objects_of: list[str] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    classes: list[str] = field(default_factory=list)
    datatype: str | None = None
    in_: list | None = None
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    patterns: list[re.Pattern] = field(default_factory=list)
    min_length: int | None = None
    language_in: list[str] | None = None
    nodes: list[Shape] = field(default_factory=list)
    or_: list[list[Shape]] = field(default_factory=list)
    xone: list[list[Shape]] = field(default_factory=list)
    qualified: tuple[Shape, int] | None = None
    message: str | None = None

    @property
    def path_text(self) -> str | None:
        if self.path is None:
            return None
        iri, inverse = self.path
        return ("^" if inverse else "") + iri


# ------------------------------------------------------------------------------------------- the shapes

def _objects(index: dict, s, p: str) -> list:
    return index.get((s, p), [])


def _list(index: dict, head) -> list:
    out = []
    nil = RDF + "nil"
    while not (isinstance(head, ox.NamedNode) and head.value == nil):
        first = _objects(index, head, RDF + "first")
        rest = _objects(index, head, RDF + "rest")
        if len(first) != 1 or len(rest) != 1:
            raise UnsupportedShape(f"malformed RDF list at {head}")
        out.append(first[0])
        head = rest[0]
    return out


def _number(term) -> Decimal:
    return Decimal(term.value)


class ShapesGraph:
    """The shapes of a Turtle file, read once into ``Shape`` objects."""

    def __init__(self, path: Path):
        index: dict = defaultdict(list)
        subjects = set()
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            index[(t.subject, t.predicate.value)].append(t.object)
            subjects.add(t.subject)
            if t.predicate.value.startswith(SH) and t.predicate.value not in _KNOWN:
                raise UnsupportedShape(f"{t.predicate.value} is not evaluated by the built-in SHACL engine")
            if (t.predicate.value == _TYPE and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(SH)
                    and t.object.value not in _KNOWN):
                raise UnsupportedShape(f"{t.object.value} is not evaluated by the built-in SHACL engine")
        self._index = index
        self._shapes: dict = {}
        self.targeted: list[Shape] = []
        for s in sorted(subjects, key=str):
            if any(_objects(index, s, SH + k) for k in ("targetClass", "targetSubjectsOf", "targetObjectsOf")):
                self.targeted.append(self.shape(s))

    def shape(self, node) -> Shape:
        if node in self._shapes:
            return self._shapes[node]
        ix = self._index
        sh = Shape(node)
        self._shapes[node] = sh  # before the parts, so a recursive shape terminates
        one = lambda k: (_objects(ix, node, SH + k) or [None])[0]  # noqa: E731
        path = one("path")
        if path is not None:
            if isinstance(path, ox.NamedNode):
                sh.path = (path.value, False)
            else:
                inv = _objects(ix, path, SH + "inversePath")
                if len(inv) != 1 or not isinstance(inv[0], ox.NamedNode):
                    raise UnsupportedShape(f"only predicate and inverse paths are evaluated ({node})")
                sh.path = (inv[0].value, True)
        sh.targets_class = [o.value for o in _objects(ix, node, SH + "targetClass")]
        sh.targets_subjects_of = [o.value for o in _objects(ix, node, SH + "targetSubjectsOf")]
        sh.targets_objects_of = [o.value for o in _objects(ix, node, SH + "targetObjectsOf")]
        sh.properties = [self.shape(p) for p in _objects(ix, node, SH + "property")]
        if (v := one("minCount")) is not None:
            sh.min_count = int(v.value)
        if (v := one("maxCount")) is not None:
            sh.max_count = int(v.value)
        sh.classes = [o.value for o in _objects(ix, node, SH + "class")]
        if (v := one("datatype")) is not None:
            sh.datatype = v.value
        if (v := one("in")) is not None:
            sh.in_ = _list(ix, v)
        if (v := one("minInclusive")) is not None:
            sh.min_inclusive = _number(v)
        if (v := one("maxInclusive")) is not None:
            sh.max_inclusive = _number(v)
        sh.patterns = [re.compile(o.value) for o in _objects(ix, node, SH + "pattern")]
        if (v := one("minLength")) is not None:
            sh.min_length = int(v.value)
        if (v := one("languageIn")) is not None:
            sh.language_in = [x.value.lower() for x in _list(ix, v)]
        sh.nodes = [self.shape(o) for o in _objects(ix, node, SH + "node")]
        sh.or_ = [[self.shape(m) for m in _list(ix, o)] for o in _objects(ix, node, SH + "or")]
        sh.xone = [[self.shape(m) for m in _list(ix, o)] for o in _objects(ix, node, SH + "xone")]
        q = one("qualifiedValueShape")
        if q is not None:
            n = one("qualifiedMaxCount")
            if n is None:
                raise UnsupportedShape(f"sh:qualifiedValueShape without sh:qualifiedMaxCount ({node})")
            sh.qualified = (self.shape(q), int(n.value))
        if (v := one("message")) is not None:
            sh.message = v.value
        return sh


@lru_cache(maxsize=4)
def shapes_graph(path: str) -> ShapesGraph:
    return ShapesGraph(Path(path))


# ------------------------------------------------------------------------------------------- the data

_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?")
_GYM = re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?")
_GY = re.compile(r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?")
_DATETIME = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _day_ok(text: str) -> bool:
    core = re.match(r"-?(\d{4,})-(\d{2})-(\d{2})", text)
    if not core:
        return False
    year, month, day = int(core.group(1)), int(core.group(2)), int(core.group(3))
    if year == 0 or not 1 <= month <= 12:
        return False
    try:
        _dt.date(2000 if year > 9999 else year, month, day)  # the calendar of a long year is that of 2000's month
    except ValueError:
        return False
    return True


def well_formed(lit: ox.Literal, datatype: str) -> bool:
    """Whether the lexical form is valid for the XSD datatypes the shapes use (others: any form)."""
    v = lit.value
    if datatype == XSD + "date":
        return bool(_DATE.fullmatch(v)) and _day_ok(v)
    if datatype == XSD + "gYearMonth":
        return bool(_GYM.fullmatch(v)) and not re.match(r"-?0000", v)
    if datatype == XSD + "gYear":
        return bool(_GY.fullmatch(v)) and not re.match(r"-?0000", v)
    if datatype == XSD + "dateTime":
        if not _DATETIME.fullmatch(v) or not _day_ok(v):
            return False
        clock = v[v.index("T") + 1:]
        hh, mm, ss = int(clock[:2]), int(clock[3:5]), float(re.match(r"\d{2}(\.\d+)?", clock[6:]).group(0))
        return (hh < 24 and mm < 60 and ss < 60) or (hh == 24 and mm == 0 and ss == 0)
    if datatype == XSD + "integer":
        return bool(_INTEGER.fullmatch(v))
    if datatype == XSD + "decimal":
        return bool(_DECIMAL.fullmatch(v))
    if datatype == XSD + "boolean":
        return v in ("true", "false", "1", "0")
    return True


class Data:
    """The data triples, indexed by subject and predicate, object and predicate, and type."""

    def __init__(self, triples: Iterable[ox.Triple]):
        self.out: dict = defaultdict(list)
        self.inv: dict = defaultdict(list)
        self.by_pred_subjects: dict = defaultdict(set)
        self.by_pred_objects: dict = defaultdict(set)
        self.types: dict = defaultdict(set)
        supers: dict = defaultdict(set)
        seen = set()
        for t in triples:
            if t in seen:
                continue
            seen.add(t)
            p = t.predicate.value
            self.out[(t.subject, p)].append(t.object)
            self.inv[(t.object, p)].append(t.subject)
            self.by_pred_subjects[p].add(t.subject)
            self.by_pred_objects[p].add(t.object)
            if p == _TYPE and isinstance(t.object, ox.NamedNode):
                self.types[t.subject].add(t.object.value)
            elif p == _SUBCLASS and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
                supers[t.subject.value].add(t.object.value)
        self._supers = supers
        self._closure: dict[str, frozenset] = {}

    def superclasses(self, cls: str) -> frozenset:
        """``cls`` and every class it is an ``rdfs:subClassOf*`` of."""
        if cls in self._closure:
            return self._closure[cls]
        out, todo = {cls}, [cls]
        while todo:
            for s in self._supers.get(todo.pop(), ()):
                if s not in out:
                    out.add(s)
                    todo.append(s)
        self._closure[cls] = frozenset(out)
        return self._closure[cls]

    def is_instance(self, node, cls: str) -> bool:
        return not isinstance(node, ox.Literal) and any(cls in self.superclasses(t) for t in self.types.get(node, ()))

    def instances(self, cls: str) -> set:
        return {n for n, ts in self.types.items() if any(cls in self.superclasses(t) for t in ts)}

    def values(self, focus, path: tuple[str, bool]) -> list:
        iri, inverse = path
        return list((self.inv if inverse else self.out).get((focus, iri), []))  # unique: triples are deduplicated


# ------------------------------------------------------------------------------------------- evaluation

def _show(term) -> str:
    if isinstance(term, ox.Literal):
        return f'"{term.value}"' + (f"@{term.language}" if term.language else
                                    f"^^{_short(term.datatype.value)}" if term.datatype.value != XSD + "string" else "")
    return _short(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _short(iri: str) -> str:
    from .namespaces import curie

    return curie(iri) or f"<{iri}>"


class Validator:
    def __init__(self, shapes: ShapesGraph, data: Data):
        self.shapes = shapes
        self.data = data
        self._memo: dict = {}

    # value-node constraints of ``shape`` on one value node: (component, default message) of each failure
    def _value_failures(self, shape: Shape, v) -> list[tuple[str, str]]:
        d = self.data
        out = []
        for cls in shape.classes:
            if not d.is_instance(v, cls):
                out.append(("ClassConstraintComponent", f"value {_show(v)} is not a {_short(cls)}"))
        if shape.datatype is not None:
            dt = shape.datatype
            ok = isinstance(v, ox.Literal) and (
                bool(v.language) if dt == _LANGSTRING else
                 (not v.language and v.datatype.value == dt and well_formed(v, dt)))
            if not ok:
                out.append(("DatatypeConstraintComponent", f"value {_show(v)} is not of datatype {_short(dt)}"))
        if shape.in_ is not None and v not in shape.in_:
            out.append(("InConstraintComponent", f"value {_show(v)} is not one of the allowed values"))
        for bound, cmp_ok, comp in ((shape.min_inclusive, lambda x, b: x >= b, "MinInclusiveConstraintComponent"),
                                    (shape.max_inclusive, lambda x, b: x <= b, "MaxInclusiveConstraintComponent")):
            if bound is None:
                continue
            try:
                number = Decimal(v.value) if isinstance(v, ox.Literal) and v.datatype.value in (
                    XSD + "integer", XSD + "decimal", XSD + "double", XSD + "float") else None
            except InvalidOperation:
                number = None
            if number is None or not cmp_ok(number, bound):
                out.append((comp, f"value {_show(v)} is out of range ({bound})"))
        for pat in shape.patterns:
            if isinstance(v, ox.BlankNode) or not pat.search(v.value):
                out.append(("PatternConstraintComponent", f"value {_show(v)} does not match {pat.pattern}"))
        if shape.min_length is not None and (isinstance(v, ox.BlankNode) or len(v.value) < shape.min_length):
            out.append(("MinLengthConstraintComponent", f"value {_show(v)} is shorter than {shape.min_length}"))
        if shape.language_in is not None:
            lang = v.language.lower() if isinstance(v, ox.Literal) and v.language else None
            if lang is None or not any(lang == r or lang.startswith(r + "-") for r in shape.language_in):
                out.append(("LanguageInConstraintComponent", f"value {_show(v)} is not in {shape.language_in}"))
        for node_shape in shape.nodes:
            if not self.conforms(v, node_shape):
                out.append(("NodeConstraintComponent", f"value {_show(v)} does not conform to {_show(node_shape.node)}"))
        for members in shape.or_:
            if not any(self.conforms(v, m) for m in members):
                out.append(("OrConstraintComponent", f"value {_show(v)} conforms to none of the alternatives"))
        for members in shape.xone:
            if sum(1 for m in members if self.conforms(v, m)) != 1:
                out.append(("XoneConstraintComponent", f"value {_show(v)} conforms to not exactly one alternative"))
        return out

    def evaluate(self, focus, shape: Shape) -> list[ShapeResult]:
        """Every result of ``focus`` against ``shape`` (a node shape, or a property shape with a path)."""
        results: list[ShapeResult] = []
        path = shape.path_text
        if shape.path is not None:
            values = self.data.values(focus, shape.path)
            if shape.min_count is not None and len(values) < shape.min_count:
                results.append(ShapeResult(focus, path, "MinCountConstraintComponent",
                                           shape.message or f"needs at least {shape.min_count} value(s)"))
            if shape.max_count is not None and len(values) > shape.max_count:
                results.append(ShapeResult(focus, path, "MaxCountConstraintComponent",
                                           shape.message or f"has {len(values)} values, at most {shape.max_count}"))
            if shape.qualified is not None:
                qshape, most = shape.qualified
                n = sum(1 for v in values if self.conforms(v, qshape))
                if n > most:
                    results.append(ShapeResult(focus, path, "QualifiedMaxCountConstraintComponent",
                                               shape.message or f"{n} values conform to the qualified shape, at most {most}"))
        else:
            values = [focus]
        for v in values:
            for comp, default in self._value_failures(shape, v):
                results.append(ShapeResult(focus, path, comp, shape.message or default, v))
        for prop in shape.properties:
            results += self.evaluate(focus, prop)
        return results

    def conforms(self, node, shape: Shape) -> bool:
        key = (node, id(shape))
        if key not in self._memo:
            self._memo[key] = True  # a cycle conforms (SHACL leaves recursion undefined; none in our shapes)
            self._memo[key] = not self.evaluate(node, shape)
        return self._memo[key]

    def targets(self, shape: Shape) -> set:
        d = self.data
        out: set = set()
        for cls in shape.targets_class:
            out |= d.instances(cls)
        for p in shape.targets_subjects_of:
            out |= d.by_pred_subjects.get(p, set())
        for p in shape.targets_objects_of:
            out |= d.by_pred_objects.get(p, set())
        return out

    def run(self, focus: Iterable | None = None) -> list[ShapeResult]:
        wanted = set(focus) if focus is not None else None
        results: list[ShapeResult] = []
        for shape in self.shapes.targeted:
            nodes = self.targets(shape)
            if wanted is not None:
                nodes &= wanted
            for node in sorted(nodes, key=str):
                results += self.evaluate(node, shape)
        return results


def validate(triples: Iterable[ox.Triple], shapes_path: Path, focus: Iterable | None = None) -> list[ShapeResult]:
    """SHACL results of ``triples`` (the data with the ontology merged) against the shapes file."""
    return Validator(shapes_graph(str(shapes_path)), Data(triples)).run(focus)
