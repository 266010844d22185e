"""Exports parse back to the same graph; CSV and Popolo have what their users need (pictures: test_pictures.py)."""

from __future__ import annotations

import csv
import json

import pyoxigraph as ox
import pytest
import rdflib
from conftest import BASE, write_kb
from rdflib.compare import isomorphic

from succession.api import Succession
from succession.kb import content_quads


@pytest.fixture(scope="module")
def source_graph() -> rdflib.Graph:
    store = Succession().kb.store()
    text = "".join(f"{q.triple} .\n" for q in content_quads(store, ontology=False))
    return rdflib.Graph().parse(data=text, format="nt")


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), pytest.param("nt", "nt", marks=pytest.mark.slow), pytest.param("jsonld", "json-ld", marks=pytest.mark.slow),
                                        pytest.param("trig", "trig", marks=pytest.mark.slow)])
def test_rdf_exports_parse_back_isomorphic(run, tmp_path, source_graph, fmt, parser):
    out = tmp_path / f"kb.{fmt}"
    r = run("export", "--format", fmt, "--out", out)
    assert r.exit_code == 0, r.output
    if parser == "trig":
        ds = rdflib.Dataset()
        ds.parse(out, format="trig")
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads():
            g.add((s, p, o))
        names = {str(c.identifier) for c in ds.contexts()}
        assert "urn:succession-kb:file:tenures.ttl" in names
    else:
        g = rdflib.Graph().parse(out, format=parser)
    assert isomorphic(g, source_graph)
    again = tmp_path / f"again.{fmt}"
    run("export", "--format", fmt, "--out", again)
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_csv_tables(run, tmp_path):
    r = run("export", "--format", "csv", "--out", tmp_path / "csv")
    assert r.exit_code == 0, r.output
    tenures = list(csv.DictReader(open(tmp_path / "csv" / "tenures.csv", encoding="utf-8")))
    store = Succession().kb.store()
    n = len(list(store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                         ox.NamedNode("https://w3id.org/succession-kb/ontology#Tenure"))))
    assert len(tenures) == n
    row = next(t for t in tenures if t["person_name"] == "Rustam Emomali" and t["office_name"] == "Mayor of Dushanbe"
               and t["acting"] == "false")
    assert (row["start"], row["end"]) == ("2017-04-04", "")
    for name in ("persons", "offices", "events"):
        assert (tmp_path / "csv" / f"{name}.csv").stat().st_size > 100
    r = run("export", "--format", "csv")
    assert (r.exit_code, r.stderr) == (2, "Error: --format csv writes several tables: give --out DIR\n")


def test_popolo_required_fields(run):
    r = run("export", "--format", "popolo")
    doc = json.loads(r.stdout)
    assert all({"id", "name"} <= set(p) for p in doc["persons"])
    assert all({"id", "name"} <= set(o) for o in doc["organizations"])
    assert all({"id", "label", "organization_id"} <= set(p) for p in doc["posts"])
    assert all({"person_id", "post_id", "start_date"} <= set(m) for m in doc["memberships"])
    ids = {p["id"] for p in doc["persons"]}
    assert all(m["person_id"] in ids for m in doc["memberships"])
    rustam = [m for m in doc["memberships"] if m["person_id"].endswith("/rustam-emomali")]
    assert {"Chairman of the Majlisi Milli", "Mayor of Dushanbe"} <= {m["role"] for m in rustam}


def test_csv_has_relations_rules_qids_and_predecessor_names(run, tmp_path):
    r = run("export", "--format", "csv", "--out", tmp_path / "csv")
    assert r.exit_code == 0, r.output
    read = lambda name: list(csv.DictReader(open(tmp_path / "csv" / name, encoding="utf-8")))  # noqa: E731
    tenures = read("tenures.csv")
    history = json.loads(run("history", "President of Turkmenistan", "--format", "json").stdout)
    serdar = next(t for t in tenures if t["person_name"] == "Serdar Berdimuhamedow"
                  and t["office_name"] == "President of Turkmenistan")
    assert serdar["predecessor"].startswith("https://w3id.org/succession-kb/id/tenure/president-of-turkmenistan/")
    assert serdar["predecessor_name"] == history[-1]["predecessor"] == "Gurbanguly Berdimuhamedow"
    assert all(t["predecessor_name"] for t in tenures if t["predecessor"])  # every IRI has its name beside it
    persons = {p["id"]: p for p in read("persons.csv")}
    assert all(t["person_wikidata"] == persons[t["person"]]["wikidata"] for t in tenures)
    relations = read("relations.csv")
    assert ("Rustam Emomali", "child of", "Emomali Rahmon") in {
        (x["person_name"], x["kinship"], x["relative_name"]) for x in relations}
    assert all(x["sources"].startswith("http") for x in relations)
    rules = read("rules.csv")
    tm = [x for x in rules if x["vacant_office_name"] == "President of Turkmenistan"]
    assert any(x["in_force_until"] for x in tm) and all(x["in_force_from"] or x["in_force_by"] for x in tm)
    assert len(rules) == len(json.loads(run("export", "--format", "popolo").stdout)["succession_rules"])
    assert "wikidata" in read("offices.csv")[0]


QIDS = """
person:a sk:wikidata "Q111" . office:p sk:wikidata "Q222" .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "1995"^^xsd:gYear ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""


def test_qids_in_csv_and_popolo(run, tmp_path):
    kb = write_kb(tmp_path / "kb", BASE + QIDS)
    assert run("export", "--format", "csv", "--out", tmp_path / "csv", kb=kb).exit_code == 0
    persons = list(csv.DictReader(open(tmp_path / "csv" / "persons.csv", encoding="utf-8")))
    offices = list(csv.DictReader(open(tmp_path / "csv" / "offices.csv", encoding="utf-8")))
    tenures = list(csv.DictReader(open(tmp_path / "csv" / "tenures.csv", encoding="utf-8")))
    assert {p["name"]: p["wikidata"] for p in persons} == {"Alpha Ant": "Q111", "Beta Bee": ""}
    assert {o["name"]: o["wikidata"] for o in offices}["President of Xland"] == "Q222"
    assert [t["person_wikidata"] for t in tenures] == ["Q111"]
    doc = json.loads(run("export", "--format", "popolo", kb=kb).stdout)
    assert [p.get("identifiers") for p in doc["persons"] if p["name"] == "Alpha Ant"] == [
        [{"scheme": "wikidata", "identifier": "Q111"}]]
    assert [p.get("identifiers") for p in doc["posts"] if p["label"] == "President of Xland"] == [
        [{"scheme": "wikidata", "identifier": "Q222"}]]


def test_popolo_has_relationships_rules_and_predecessors(run):
    doc = json.loads(run("export", "--format", "popolo").stdout)
    ids = {p["id"] for p in doc["persons"]}
    assert doc["relationships"] and all(x["subject_id"] in ids and x["object_id"] in ids for x in doc["relationships"])
    assert any((x["subject_name"], x["relationship_type"], x["object_name"]) == (
        "Serdar Berdimuhamedow", "child of", "Gurbanguly Berdimuhamedow") for x in doc["relationships"])
    posts = {p["id"] for p in doc["posts"]}
    assert all(r["vacant_post_id"] in posts and r["acting_post_id"] in posts for r in doc["succession_rules"])
    assert all("start_date" in r or "in_force_by" in r for r in doc["succession_rules"])
    members = {m["id"]: m for m in doc["memberships"]}
    linked = [m for m in doc["memberships"] if "predecessor_membership_id" in m]
    assert linked and all(members[m["predecessor_membership_id"]]["person_id"].rsplit("/", 1)[-1]
                          for m in linked)
    names = {p["id"]: p["name"] for p in doc["persons"]}
    assert all(m["predecessor_name"] == names[members[m["predecessor_membership_id"]]["person_id"]] for m in linked)
