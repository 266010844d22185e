"""Conversions between pyoxigraph terms (querying) and rdflib terms (serialising, SHACL)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from .namespaces import PREFIXES, XSD

_XSD_STRING = XSD + "string"


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value if term.datatype is not None else _XSD_STRING
    if dt == _XSD_STRING:
        return rdflib.Literal(term.value)
    # keep the lexical form as written: rdflib must not normalise "2017"^^gYear or dates
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(dt), normalize=False)


def to_ox(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def new_graph() -> rdflib.Graph:
    g = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g


def rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    g = new_graph()
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def serialize_turtle(triples: Iterable[ox.Triple]) -> str:
    """Deterministic, sorted Turtle (see succession/turtle.py)."""
    from .turtle import serialize

    return serialize(triples)
