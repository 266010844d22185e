"""Pictures a reader trusts at a glance: graphs rendered by the real Graphviz `dot` (SVG parsed, nodes
and edges counted against the CLI's own answers), timelines whose labels never overlap (measured in
the rendered matplotlib figure), coloured for family only while a relative ruled."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from succession.api import Succession
from succession.pictures import load_bars, load_marks, row_order, select_bars, timeline

COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
MAIN = ("head of state", "head of government", "chamber chair", "mayor")
SVG = "{http://www.w3.org/2000/svg}"
KG = "https://w3id.org/succession-kb/id/office/president-of-kyrgyzstan"


def need_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        if os.environ.get("SUCCESSION_REQUIRE_BROWSER"):
            pytest.fail("Graphviz is required here (SUCCESSION_REQUIRE_BROWSER is set) but `dot` is not installed")
        pytest.skip("Graphviz is not installed (apt-get install graphviz); .ci/run installs it")
    return found


def svg_parts(path: Path) -> tuple[dict[str, list[str]], ET.Element]:
    """The ids of the SVG's node and edge groups, by prefix (tenure, person, succ, kin)."""
    root = ET.parse(path).getroot()
    parts: dict[str, list[str]] = {}
    for g in root.iter(SVG + "g"):
        if g.get("class") in ("node", "edge"):
            parts.setdefault(g.get("id").rsplit("-", 1)[0], []).append(g.get("id"))
    return parts, root


def family_pairs(run) -> set[frozenset]:
    rows = json.loads(run("query", "--format", "json", "--sparql", """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
SELECT ?a ?b WHERE { ?r a sk:FamilyRelation ; sk:person ?a ; sk:relative ?b }""").stdout)
    return {frozenset((r["a"], r["b"])) for r in rows if r["a"] != r["b"]}


@pytest.fixture(scope="module")
def tenures(run) -> list[dict]:
    """Every tenure with its office, holder and whether a predecessor tenure is recorded (one query)."""
    return json.loads(run("query", "--format", "json", "--sparql", """
PREFIX sk: <https://w3id.org/succession-kb/ontology#>
SELECT ?t ?office ?person (BOUND(?p) AS ?linked) WHERE {
  ?t a sk:Tenure ; sk:office ?office ; sk:holder ?person OPTIONAL { ?t sk:predecessor ?p } }""").stdout)


def expected(tenures, offices: list[str]) -> tuple[int, int, set[str]]:
    """Tenures, recorded successions and holders of the given offices."""
    mine = [t for t in tenures if t["office"] in offices]
    return len(mine), sum(1 for t in mine if t["linked"]), {t["person"] for t in mine}


@pytest.mark.parametrize("country", COUNTRIES)
def test_country_graph_renders_with_graphviz(run, tmp_path, tenures, country):
    need_dot()
    out = tmp_path / ("tm.svg" if country == "Turkmenistan" else f"{country}.svg")
    r = run("graph", "--country", country, "--out", out)
    assert r.exit_code == 0, r.output
    offices = [o["office_iri"] for o in json.loads(run("offices", "--country", country, "--format", "json").stdout)
               if o["kind"] in MAIN and o["tenures"]]
    n, successions, persons = expected(tenures, offices)
    parts, root = svg_parts(out)
    assert len(parts["tenure"]) == n == int(r.stdout.split("(")[1].split()[0])
    assert len(parts["succ"]) == successions
    ties = {p for p in family_pairs(run) if p <= persons}
    assert len(parts.get("kin", [])) == len(ties)
    assert len(parts.get("person", [])) == len({x for p in ties for x in p})
    clusters = [g for g in root.iter(SVG + "g") if g.get("class") == "cluster"]
    assert len(clusters) == len(offices) + (1 if ties else 0)
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert width < 1600 and width / height < 4  # wrapped rows, not a strip
    if country == "Turkmenistan":
        text = " ".join(t.text or "" for t in root.iter(SVG + "text"))
        assert "Serdar Berdimuhamedow" in text and "child" in text


def test_single_office_graph_wraps_into_rows(run, tmp_path, tenures):
    need_dot()
    out = tmp_path / "kg.svg"
    r = run("graph", "President of Kyrgyzstan", "--out", out)
    assert r.exit_code == 0, r.output
    n, successions, _ = expected(tenures, [KG])
    parts, root = svg_parts(out)
    assert (len(parts["tenure"]), len(parts["succ"])) == (n, successions)
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert n > 5 and width < 1000 and width / height < 4.5  # was 3608 x 132


def test_person_graph_png_and_its_neighbours(run, tmp_path):
    need_dot()
    r = run("graph", "--person", "Rustam Emomali", "--out", tmp_path / "r.png")
    assert r.exit_code == 0, r.output
    data = (tmp_path / "r.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10000
    r = run("graph", "--person", "Rustam Emomali", "--out", tmp_path / "r.svg")
    own = json.loads(run("person", "Rustam Emomali", "--format", "json").stdout)["tenures"]
    around = {(x["office"], x[k]) for x in own for k in ("predecessor", "successor")
              if x[k] and x[k] != "Rustam Emomali"}
    parts, root = svg_parts(tmp_path / "r.svg")
    assert len(parts["tenure"]) == len(own) + len(around)
    assert "Mahmadsaid Ubaidulloev" in " ".join(t.text or "" for t in root.iter(SVG + "text"))


def test_dot_text_is_balanced_for_several_offices(run, tmp_path):
    out = tmp_path / "two.dot"
    r = run("graph", "President of Turkmenistan", "Chairman of the Mejlis of Turkmenistan", "--out", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph succession {") and text.count("{") == text.count("}")
    assert text.count("subgraph cluster_") == 2 + ("cluster_family" in text)


# ---------------------------------------------------------------------------------------------- timelines

@pytest.fixture(scope="module")
def everything():
    s = Succession()
    return load_bars(s.engine.select)


def texts(fig):
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip()]


def overlaps(boxes):
    bad = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            if ba.x0 < bb.x1 - 0.5 and bb.x0 < ba.x1 - 0.5 and ba.y0 < bb.y1 - 0.5 and bb.y0 < ba.y1 - 0.5:
                bad.append((a, b))
    return bad


@pytest.mark.parametrize("country", COUNTRIES)
def test_timeline_labels_never_overlap_and_every_bar_is_named(everything, country):
    items = select_bars(everything, country=country)
    marks = load_marks(Succession().engine.select, items)
    fig = timeline(items, None, title=f"Tenures: {country}", rows=row_order(items), marks=marks)
    boxes = texts(fig)
    assert overlaps(boxes) == []
    names = [t for t, _ in boxes]
    for m in marks:  # every holder seen on a day is named once, with the day
        assert names.count(m.label) == 1
    for b in items:  # every bar carries its holder's name (one label per bar)
        assert b.person_label in names
    assert sum(1 for t in names if t in {b.person_label for b in items}) >= len(items)
    assert any(t.startswith("Data as of ") for t in names)
    if country in ("Kazakhstan", "Kyrgyzstan"):
        assert len(items) > 50


@pytest.mark.parametrize("country", ["Kyrgyzstan", "Kazakhstan"])
def test_timeline_cli_writes_labelled_svg(run, tmp_path, country):
    out = tmp_path / f"{country}.svg"
    r = run("timeline", "--country", country, "--out", out)
    assert r.exit_code == 0, r.output
    svg = out.read_text(encoding="utf-8")
    assert len(set(re.findall(r'id="(tenure-\d+)"', svg))) == int(r.stdout.split("(")[1].split()[0])


def test_family_colour_only_while_a_relative_rules(everything):
    gb = [b for b in everything if b.person_label == "Gurbanguly Berdimuhamedow"]
    presidency = [b for b in gb if b.office_label == "President of Turkmenistan"]
    assert presidency and all(not b.family for b in presidency)
    halk = [b for b in gb if b.office_label.startswith("Chairman of the Halk Maslahaty") and b.family]
    assert halk and min(s for b in halk for s, _, _ in b.family).isoformat() == "2022-03-19"
    assert {w for b in halk for _, _, w in b.family} == {"Serdar Berdimuhamedow"}
    dariga = [b for b in everything if b.person_label == "Dariga Nazarbayeva"
              and b.office_label == "Chairman of the Senate of Kazakhstan"]
    assert dariga and all(not b.family for b in dariga)  # 2019-2020: Tokayev, not her father, was president


def test_person_timeline_rows_in_date_order(run, everything, tmp_path):
    s = Succession()
    iri = s.resolver.resolve("person", "Rustam Emomali")
    items = select_bars(everything, person=iri)
    rows = row_order(items, "date")
    fig = timeline(items, None, rows=rows)
    ax = fig.axes[0]
    from matplotlib.text import Annotation

    shown = [a.get_text().replace("\n", " ") for a in sorted((a for a in ax.texts if isinstance(a, Annotation)),
                                                             key=lambda a: a.xy[1])]
    label = {b.office: b.office_label for b in items}
    by_date = sorted(label, key=lambda o: min(b.start.lo for b in items if b.office == o))
    assert shown == [label[o] for o in by_date] and len(shown) == 6
    r = run("timeline", "--person", "Rustam Emomali", "--out", tmp_path / "r.png")
    assert r.exit_code == 0 and (tmp_path / "r.png").read_bytes()[:4] == b"\x89PNG"


def test_timeline_errors(run, tmp_path):
    r = run("timeline", "--country", "Tajikistan", "--out", tmp_path / "x.pdf")
    assert (r.exit_code, r.stderr) == (2, "Error: timeline output must end in .png or .svg, not 'x.pdf'\n")
    r = run("timeline", "--out", tmp_path / "x.png")
    assert r.stderr == "Error: give OFFICE names, or --country C, or --person NAME (one of them)\n"


def test_timeline_svg_has_one_bar_per_tenure_in_range(run, tmp_path):
    out = tmp_path / "tm.svg"
    r = run("timeline", "President of Turkmenistan", "Chairman of the Mejlis of Turkmenistan", "--from", "2000",
            "--out", out)
    assert r.exit_code == 0, r.output
    history = json.loads(run("history", "President of Turkmenistan", "--format", "json").stdout) + json.loads(
        run("history", "Chairman of the Mejlis of Turkmenistan", "--format", "json").stdout)
    in_range = [h for h in history if h["end"] is None or h["end"] >= "2000"]
    ids = set(re.findall(r'id="(tenure-\d+)"', out.read_text(encoding="utf-8")))
    assert len(ids) == len(in_range) == int(r.stdout.split("(")[1].split()[0])


def test_graph_svg_without_graphviz_is_one_line_error(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    r = run("graph", "President of Turkmenistan", "--out", tmp_path / "tm.svg")
    assert r.exit_code == 2 and r.stderr.startswith("Error: Graphviz 'dot' is not installed")
    assert not (tmp_path / "tm.svg").exists()
    r = run("graph", "President of Turkmenistan", "--out", tmp_path / "tm.dot")
    assert r.exit_code == 0 and (tmp_path / "tm.dot").read_text(encoding="utf-8").startswith("digraph succession {")


def test_a_period_without_a_holder_is_drawn_as_such_not_as_a_hand_over(run, tmp_path):
    """Iskandarov (to 1992-11-19) and Rahmon (from 1994-11-16): the presidency was abolished in between, so
    the edge is dashed and labelled with the dates and the recorded reason; tenures that meet keep solid
    arrows; a hole with no recorded reason says "no holder recorded"."""
    need_dot()
    out = tmp_path / "tj.svg"
    assert run("graph", "President of Tajikistan", "--out", out).exit_code == 0
    _parts, root = svg_parts(out)
    edges = {g.get("id"): g for g in root.iter(SVG + "g") if g.get("class") == "edge"}
    texts = {i: " ".join(t.text or "" for t in g.iter(SVG + "text")) for i, g in edges.items()}
    dashed = [i for i, g in edges.items() if any(p.get("stroke-dasharray") for p in g.iter(SVG + "path"))]
    gap = [i for i in dashed if "1992-11-19 – 1994-11-16" in texts[i]]
    assert len(gap) == 1 and "abolished" in texts[gap[0]].lower(), texts
    assert sum(1 for i in edges if i.startswith("succ-") and i not in dashed) >= 4
    out2 = tmp_path / "ash.dot"
    assert run("graph", "Hakim of Ashgabat", "--out", out2).exit_code == 0
    assert "no holder recorded" in out2.read_text(encoding="utf-8")


def test_attested_holders_are_drawn_on_their_days_and_merged_per_person(run, everything, tmp_path):
    """A holder seen in office on a day with no dated tenure is a diamond on that day: consecutive pages
    showing the same person on one office are one label; a mark inside the same person's tenure is not
    drawn twice; every attestation on the drawn offices is accounted for."""
    s = Succession()
    offices = [s.resolver.resolve("office", o) for o in ("Governor of Osh Region", "Minister of Defence of Kyrgyzstan")]
    items = select_bars(everything, offices=offices)
    marks = load_marks(s.engine.select, items)
    attested = [a for o in offices for a in s.attestations(o)]
    assert sum(len(m.days) for m in marks) == len(attested) > 0
    by_person = {}
    for m in marks:
        assert [d.lo for d in m.days] == sorted(d.lo for d in m.days)
        by_person.setdefault((m.office, m.person_label), []).append(m)
    # Dzhantaev on 2025-02-27, 2025-11-26 and 2025-11-30 (Osh) with nobody dated between: one mark
    dz = [m for m in marks if m.person_label == "Elchibek Dzhantaev"]
    assert len(dz) == 1 and dz[0].label == "Elchibek Dzhantaev (seen 2025-02-27 to 2025-11-30)"
    out = tmp_path / "kg.svg"
    r = run("timeline", "Governor of Osh Region", "Minister of Defence of Kyrgyzstan", "--out", out)
    assert r.exit_code == 0, r.output
    svg = out.read_text(encoding="utf-8")
    assert len(set(re.findall(r'id="(seen-\d+)"', svg))) == len(marks)
    assert f"{len(marks)} holders seen on a day" in r.stdout
    assert "seen in office on a day (no dated tenure)" in svg
    # a period drawn that holds none of the days: nothing drawn, no legend entry
    osh = [a["date"] for a in s.attestations(offices[0])]
    assert not any("1996" <= d < "1999" for d in osh)
    r = run("timeline", "Governor of Osh Region", "--from", "1996", "--to", "1998-12", "--out", tmp_path / "old.svg")
    assert r.exit_code == 0 and "seen on a day" not in r.stdout
    assert "seen in office" not in (tmp_path / "old.svg").read_text(encoding="utf-8")
    r = run("timeline", "Governor of Osh Region", "--from", "2018", "--to", "2025-06", "--out", tmp_path / "new.svg")
    assert "2 holders seen on a day" in r.stdout  # Zhylkybaev 2020-08-08, Dzhantaev 2025-02-27 (not his later days)
    assert "Elchibek Dzhantaev (seen 2025-02-27)" in (tmp_path / "new.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("country", COUNTRIES)
def test_family_ties_read_one_way_and_the_key_names_what_is_drawn(country):
    """A family edge says which way it reads: its tooltip is "<B> is <path> of <A>" with the kinship the
    family graph gives for B from A (parent and child are never confused), and the arrow points from B
    to A; the key lists only what the picture uses."""
    from succession.dynasty import FamilyGraph
    from succession.pictures import bars, dot

    s = Succession()
    items = bars(s.engine.select, country=country)
    text = dot(items, s.engine.select, row_order(items))
    family = FamilyGraph(s.engine.select)
    iri_of = {b.person_label: b.person for b in items}
    edges = re.findall(r'id="kin-\d+".*?dir=(\w+).*?label="([^"]+)", tooltip="([^"]+)"', text)
    for direction, label, tip in edges:
        b_name, rest = tip.split(" is ", 1)
        path, a_name = rest.removeprefix("the ").split(" of ", 1)
        assert family.kin(iri_of[a_name], depth=1)[iri_of[b_name]].path == path
        assert direction == ("none" if path in ("spouse", "sibling") else "back") and label.startswith(path)
    assert 'id="key"' in text and "in office</td>" in text
    assert ("orange line: family tie" in text) == bool(edges)
    assert ("dashed: no holder recorded" in text) == ("style=dashed" in text)
    if country == "Turkmenistan":
        assert ("back", "child of", "Serdar Berdimuhamedow is child of Gurbanguly Berdimuhamedow") in edges
