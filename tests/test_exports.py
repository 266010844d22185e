"""Exports parse back to the same graph; CSV and Popolo have what their users need (pictures: test_pictures.py)."""

from __future__ import annotations

import csv
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from succession.api import Succession
from succession.kb import content_quads


@pytest.fixture(scope="module")
def source_graph() -> rdflib.Graph:
    store = Succession().kb.store()
    text = "".join(f"{q.triple} .\n" for q in content_quads(store, ontology=False))
    return rdflib.Graph().parse(data=text, format="nt")


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("trig", "trig")])
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
