"""The Turtle writer round-trips and is deterministic; incremental validation of an edit gives the
same verdicts as validating the whole knowledge base."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from succession.api import Succession
from succession.edit import ChangeSet, Editor, focus_nodes, shape_subgraph
from succession.kb import ONTOLOGY_GRAPH
from succession.terms import serialize_turtle
from succession.validate import run_checks, run_shapes, select_on, validate_store

X = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/succession-kb/id/"
SK = "https://w3id.org/succession-kb/ontology#"


def test_writer_round_trips_hostile_literals_and_is_order_independent():
    s = ox.NamedNode(ID + "person/x")
    lits = [ox.Literal('quote " and \\ backslash'), ox.Literal("line\nbreak\ttab"), ox.Literal("Раҳмон", language="tg"),
            ox.Literal("} } DROP ALL #"), ox.Literal("2017", datatype=ox.NamedNode(X + "gYear")),
            ox.Literal("2017-05", datatype=ox.NamedNode(X + "gYearMonth")),
            ox.Literal("https://a.b/c?d=1&e=<f>", datatype=ox.NamedNode(X + "anyURI"))]
    triples = [ox.Triple(s, ox.NamedNode(SK + f"p{i}"), o) for i, o in enumerate(lits)]
    triples.append(ox.Triple(s, ox.NamedNode(SK + "odd"), ox.NamedNode(ID + "tenure/a/b/2017")))
    text = serialize_turtle(triples)
    shuffled = triples[:]
    random.Random(3).shuffle(shuffled)
    assert serialize_turtle(shuffled) == text
    back = ox.Store()
    back.load(text.encode(), format=ox.RdfFormat.TURTLE)
    assert {q.triple for q in back} == set(triples)
    g = rdflib.Graph().parse(data=text, format="turtle")
    expected = rdflib.Graph().parse(data="\n".join(f"{t} ." for t in triples), format="nt")
    assert isomorphic(g, expected)


def cases(store: ox.Store) -> dict[str, ChangeSet]:
    rustam = ox.NamedNode(ID + "tenure/chairman-of-the-majlisi-milli/rustam-emomali/2020-04-17")
    holder = next(store.quads_for_pattern(rustam, ox.NamedNode(SK + "holder"), None)).triple
    extra = ox.NamedNode(ID + "tenure/chairman-of-the-majlisi-milli/ozoda-rahmon/2021-01-01")
    overlap = [ox.Triple(extra, p, o) for p, o in (
        (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(SK + "Tenure")),
        (ox.NamedNode(SK + "holder"), ox.NamedNode(ID + "person/ozoda-rahmon")),
        (ox.NamedNode(SK + "office"), ox.NamedNode(ID + "office/chairman-of-the-majlisi-milli")),
        (ox.NamedNode(SK + "start"), ox.Literal("2021-01-01", datatype=ox.NamedNode(X + "date"))),
        (ox.NamedNode(SK + "acting"), ox.Literal("false", datatype=ox.NamedNode(X + "boolean"))),
        (ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), ox.NamedNode(ID + "source/1e7b364412bf80aa")))]
    return {
        "valid": ChangeSet(added={ox.Triple(rustam, ox.NamedNode(SK + "legalBasis"), ox.Literal("Vote"))}),
        "missing holder": ChangeSet(removed={holder}),
        "overlap": ChangeSet(added=set(overlap)),
        "person loses type": ChangeSet(removed={ox.Triple(ox.NamedNode(ID + "person/rustam-emomali"),
                                                          ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                          ox.NamedNode(SK + "Person"))}),
    }


@pytest.mark.parametrize("case", ["valid", "missing holder", "overlap", "person loses type"])
def test_incremental_validation_agrees_with_full(kb_copy, case):
    session = Succession(kb_copy)
    with session.kb.writing():  # the edit layout: one named graph per file, the ontology apart
        store = session.kb.store()
    changes = cases(store)[case]
    existing = {q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH}
    after = (existing - changes.removed) | changes.added
    candidate = ox.Store()
    candidate.extend(ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH)
                     for q in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
    candidate.extend(ox.Quad(t.subject, t.predicate, t.object) for t in after)
    full = validate_store(candidate)
    focus = focus_nodes(candidate, changes)
    incremental = run_shapes(shape_subgraph(candidate, focus), focus=focus) + run_checks(select_on(candidate))
    assert sorted(map(str, incremental)) == sorted(map(str, full))
    assert (case == "valid") == (not full)
    assert Editor(session)._validate(store, after, changes) == incremental
