"""Exports parse back to the same graph; CSV and Popolo have what their users need; the timeline has
one bar per tenure in range; the DOT graph has the expected nodes and edges."""

from __future__ import annotations

import csv
import json
import re
import shutil

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


def test_timeline_svg_has_one_bar_per_tenure(run, tmp_path):
    out = tmp_path / "tm.svg"
    r = run("timeline", "President of Turkmenistan", "Chairman of the Mejlis of Turkmenistan", "--from", "2000",
            "--out", out)
    assert r.exit_code == 0, r.output
    history = json.loads(run("history", "President of Turkmenistan", "--format", "json").stdout) + json.loads(
        run("history", "Chairman of the Mejlis of Turkmenistan", "--format", "json").stdout)
    in_range = [h for h in history if h["end"] is None or h["end"] >= "2000"]
    bars = set(re.findall(r'id="(tenure-\d+)"', out.read_text(encoding="utf-8")))
    assert len(bars) == len(in_range) == int(r.stdout.split("(")[1].split()[0])


def test_timeline_errors(run, tmp_path):
    r = run("timeline", "--country", "Tajikistan", "--out", tmp_path / "x.pdf")
    assert (r.exit_code, r.stderr) == (2, "Error: timeline output must end in .png or .svg, not 'x.pdf'\n")
    r = run("timeline", "--out", tmp_path / "x.png")
    assert r.stderr == "Error: give OFFICE names, or --country C, or --person NAME (one of them)\n"


def test_graph_dot_nodes_and_edges(run, tmp_path):
    out = tmp_path / "tm.dot"
    r = run("graph", "President of Turkmenistan", "--out", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph succession {")
    assert len(re.findall(r"^\s+t\d+ \[shape=box", text, re.M)) == 4
    assert len(re.findall(r"^\s+t\d+ -> t\d+ \[label=", text, re.M)) == 3
    assert '"2022-03-19\\nelection"' in text
    assert re.search(r'p\d+ -> p\d+ \[color="#d95f02", style=bold, label="child"', text)


def test_graph_svg_needs_graphviz(run, tmp_path):
    r = run("graph", "President of Turkmenistan", "--out", tmp_path / "tm.svg")
    if shutil.which("dot"):
        assert r.exit_code == 0 and (tmp_path / "tm.svg").read_text().lstrip().startswith(("<?xml", "<svg"))
    else:
        assert r.exit_code == 2 and r.stderr.startswith("Error: Graphviz 'dot' is not installed")
