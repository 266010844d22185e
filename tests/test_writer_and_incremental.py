"""The Turtle writer round-trips and is deterministic; incremental validation of an edit gives the
same verdicts as validating the whole knowledge base."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib
from conftest import KB
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


@pytest.mark.slow  # ~26 s for its worlds; `make slow` (run by .ci/run) keeps it, tests/test_validate.py checks every example fast
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


# ---------------------------------------------------------------- edits proportional to the change

def _flat(triples) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def _full(triples) -> set[str]:
    from succession.edit import ontology_quads

    store = _flat(triples)
    store.extend(ontology_quads())
    return {str(v) for v in validate_store(store)}


def _world(turtle: str) -> set[ox.Triple]:
    from conftest import BASE, PREFIXES

    return {q.triple for q in ox.parse((PREFIXES + BASE + turtle).encode(), format=ox.RdfFormat.TURTLE)}


def _examples():
    from test_validate import CHECK_EXAMPLES, NEAR_MISSES

    return [(f"{k} (violation)", v) for k, v in sorted(CHECK_EXAMPLES.items())] + \
           [(f"{k} (boundary)", v) for k, v in sorted(NEAR_MISSES.items())]


@pytest.mark.parametrize("name,turtle", _examples(), ids=[n for n, _ in _examples()])
def test_local_validation_finds_exactly_what_an_edit_adds(name, turtle):
    """For every check's failing example and boundary world, and every node of it: adding that node's
    triples to the rest (or removing them) is validated locally; the verdict holds every violation the
    edit creates and nothing a full validation of the result would not report."""
    from conftest import BASE

    world = _world(turtle)
    new = world - _world("")
    editor = Editor.__new__(Editor)
    assert not _full(_world("")) and BASE  # the base world is valid on its own
    full_world = _full(world)
    for s in sorted({t.subject for t in new}, key=str):
        mine = {t for t in new if t.subject == s}
        rest = world - mine
        full_rest = _full(rest)
        local_add = {str(v) for v in editor._validate_local(_flat(rest), ChangeSet(added=mine))}
        assert full_world - full_rest <= local_add <= full_world, (name, s)
        local_remove = {str(v) for v in editor._validate_local(_flat(world), ChangeSet(removed=mine))}
        assert full_rest - full_world <= local_remove <= full_rest, (name, s)


EDITS = [
    ("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-30"),
    ("correct", "Rustam Emomali", "Chairman of the Majlisi Milli", "--set", "start=2020-04-18", "--reason", "test"),
    ("add-person", "Zarina Testova", "--born", "1990-02-03"),
    ("relate", "Zarina Testova", "sibling-of", "Ozoda Rahmon"),
    ("rename", "Mayor of Dushanbe", "Chairman of Dushanbe", "--kind", "office", "--date", "2026-11-30"),
]


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_an_edit_rewrites_only_its_blocks_and_keeps_the_index_in_step(run, kb_copy):
    from succession.kb import KnowledgeBase, content_quads
    from succession.layout import partition

    run("who-holds", "President of Tajikistan", kb=kb_copy)  # build the on-disk index
    for edit in EDITS:
        before = {p.name: p.read_bytes() for p in kb_copy.glob("*.ttl")}
        r = run(*edit, "--source", "https://www.rferl.org/a/test/1.html", kb=kb_copy)
        assert r.exit_code == 0, (edit, r.output)
        after = {p.name: p.read_bytes() for p in kb_copy.glob("*.ttl")}
        changed = {n for n in after if after[n] != before.get(n)}
        assert changed and changed <= {"tenures.ttl", "events.ttl", "sources.ttl", "persons.ttl", "relations.ttl",
                                       "offices.ttl", "corrections.ttl"}, (edit, changed)
        # every file is exactly what the full writer makes of the whole knowledge base
        files = KnowledgeBase(kb_copy).parse_files()
        every = set().union(*files.values())
        for name, triples in partition(every).items():
            assert after[name].decode() == serialize_turtle(triples), (edit, name)
        # the index the edit advanced holds exactly the files' triples (and is used, not rebuilt)
        cache = sorted(p.name for p in (kb_copy / ".cache").iterdir() if p.is_dir() and not p.name.startswith("build-"))
        kb = KnowledgeBase(kb_copy)
        indexed = {q.triple for q in content_quads(kb.store(), ontology=False)
                   if q.subject.value.startswith(ID)}
        assert indexed == every, edit
        assert sorted(p.name for p in (kb_copy / ".cache").iterdir() if p.is_dir()) == cache
    assert run("validate", "--since", str(KB), kb=kb_copy).exit_code == 0


BATCH = [
    {"command": "add-person", "name": "Batch Person One"},
    {"command": "appoint", "person": "Batch Person One", "office": "Mayor of Dushanbe", "date": "2026-11-30"},
    {"command": "appoint", "person": "Rustam Emomali", "office": "Mayor of Dushanbe", "date": "2026-12-01"},
    {"command": "relate", "person": "Batch Person One", "relation": "sibling-of", "relative": "Rustam Emomali"},
    {"command": "correct", "person": "Karim Massimov", "office": "Prime Minister of Kazakhstan", "start": "2014-04-02",
     "set": ["note=checked against the decree"], "reason": "a note"},
    {"command": "end-tenure", "person": "Rustam Emomali", "office": "Chairman of the Majlisi Milli", "date": "2026-12-01",
     "reason": "resignation"},
]
RECORD_TIME = __import__("re").compile(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"')


CORRECTION_ID = __import__("re").compile(r"correction/[0-9a-f]{16}")  # a hash of the record time too


def _turtle(kb) -> dict[str, list[str]]:
    """Each file's subject blocks, record times and the ids made from them aside."""
    return {p.name: sorted(CORRECTION_ID.sub("correction/ID", RECORD_TIME.sub('"T"', p.read_text(encoding="utf-8")))
                           .split("\n\n")) for p in sorted(kb.glob("*.ttl"))}


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_a_batch_on_the_index_equals_the_general_path_and_a_refused_one_changes_nothing(run, kb_copy, tmp_path,
                                                                                      monkeypatch):
    """`apply` runs its rows on a checkpoint of the on-disk index and splices the total change; the files it
    writes are the ones the general path (every file parsed, validated whole, rewritten) writes, record times
    aside; a batch refused at its last row leaves the files and the index as they were."""
    import shutil

    import yaml
    from conftest import snapshot

    src = {"source": "https://example.org/batch-news", "source-title": "Batch news"}
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump([{**r, **src} for r in BATCH]), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([{**r, **src} for r in BATCH]
                                  + [{"command": "appoint", "person": "Nobody Known", "office": "Mayor of Dushanbe",
                                      "date": "2026-12-02", **src}]), encoding="utf-8")
    general = tmp_path / "general"
    shutil.copytree(kb_copy, general)
    assert run("who-holds", "Mayor of Dushanbe", kb=kb_copy).exit_code == 0  # builds the index
    assert (kb_copy / ".cache").is_dir()

    before = snapshot(kb_copy)
    r = run("apply", bad, kb=kb_copy)
    assert r.exit_code == 2 and r.stderr.startswith("Error: row 7: ") and snapshot(kb_copy) == before
    assert not list((kb_copy / ".cache").glob("batch-*")), "the checkpoint is removed"
    now = run("who-holds", "Mayor of Dushanbe", "--on", "2026-12-01", "--format", "json", kb=kb_copy)
    assert [x["person"] for x in __import__("json").loads(now.stdout)] == ["Rustam Emomali"]
    assert run("person", "Batch Person One", kb=kb_copy).exit_code != 0  # the index holds no row of the batch

    r = run("apply", good, kb=kb_copy)
    assert r.exit_code == 0, r.output
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    r2 = run("apply", good, kb=general)
    assert r2.exit_code == 0, r2.output
    assert _turtle(kb_copy) == _turtle(general)
    changed = {n for n, b in snapshot(kb_copy).items() if before.get(n) != b and n.endswith(".ttl")}
    assert changed == {"persons.ttl", "tenures.ttl", "events.ttl", "relations.ttl", "sources.ttl", "corrections.ttl"}
    monkeypatch.delenv("SUCCESSION_CACHE")
    # the index the batch advanced answers as a rebuilt one does
    for office, on in (("Mayor of Dushanbe", "2026-11-30"), ("Mayor of Dushanbe", "2026-12-01"),
                       ("Chairman of the Majlisi Milli", "2026-12-02")):
        a = run("who-holds", office, "--on", on, "--format", "json", kb=kb_copy).stdout
        shutil.rmtree(kb_copy / ".cache")
        assert run("who-holds", office, "--on", on, "--format", "json", kb=kb_copy).stdout == a
    assert run("validate", "--since", str(KB), kb=kb_copy).exit_code == 0
