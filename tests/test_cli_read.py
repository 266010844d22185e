"""Read commands through the CLI, on the shipped knowledge base: exact answers and exact errors."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT


def holders(run, office: str, on: str) -> list[str]:
    r = run("who-holds", office, "--on", on, "--format", "json")
    assert r.exit_code == 0, r.output
    return [x["person"] for x in json.loads(r.stdout)]


@pytest.mark.parametrize(
    "office,on,expected",
    [
        ("Chairman of the Majlisi Milli", "2015-06-01", ["Mahmadsaid Ubaidulloev"]),
        ("Chairman of the Majlisi Milli", "2021-01-01", ["Rustam Emomali"]),
        ("Mayor of Dushanbe", "2018-06-01", ["Rustam Emomali"]),
        ("Mayor of Dushanbe", "2010-06-01", ["Mahmadsaid Ubaidulloev"]),
        ("President of Tajikistan", "2000-01-01", ["Emomali Rahmon"]),
        ("chairman of majlisi milli", "2020-04-17", ["Rustam Emomali"]),  # hand-over day: the incoming holder
        ("Chairman of the Majlisi Milli", "2020-04-16", ["Mahmadsaid Ubaidulloev"]),
        ("Speaker of the Majlisi Milli", "2021-01-01", ["Rustam Emomali"]),
    ],
)
def test_who_holds_tajikistan(run, office, on, expected):
    assert holders(run, office, on) == expected


def test_who_holds_json_shape(run):
    r = run("who-holds", "Chairman of the Majlisi Milli", "--on", "2021-01-01", "--format", "json")
    [row] = json.loads(r.stdout)
    assert {"person", "person_iri", "office", "office_iri", "start", "end", "acting", "certain", "sources"} <= set(row)
    assert row == row | {
        "person": "Rustam Emomali",
        "person_iri": "https://w3id.org/succession-kb/id/person/rustam-emomali",
        "office": "Chairman of the Majlisi Milli",
        "office_iri": "https://w3id.org/succession-kb/id/office/chairman-of-the-majlisi-milli",
        "start": "2020-04-17",
        "end": None,
        "acting": False,
        "certain": True,
    }
    assert any("asiaplustj.info" in s for s in row["sources"])


def test_who_holds_table_has_title_holder_and_numbered_sources(run):
    r = run("who-holds", "Chairman of the Majlisi Milli", "--on", "2015-06-01")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "Chairman of the Majlisi Milli on 2015-06-01"
    assert any(line.startswith("Mahmadsaid Ubaidulloev   2000-04-17   2020-04-17   no") for line in lines)
    assert "Sources:" in lines
    assert any(line.startswith("  [1] http") for line in lines)


def test_who_holds_csv(run):
    r = run("who-holds", "Mayor of Dushanbe", "--on", "2018-06-01", "--format", "csv")
    assert r.exit_code == 0
    header, first = r.stdout.splitlines()[:2]
    assert header.startswith("person,person_iri,office,office_iri,start,end,acting,certain")
    assert first.startswith("Rustam Emomali,https://w3id.org/succession-kb/id/person/rustam-emomali,Mayor of Dushanbe,")


def test_year_precision_tenure_is_not_dropped(run):
    # Jamoliddin Mansurov was mayor of Dushanbe "1992" to "1994": known only to the year
    r = run("who-holds", "Mayor of Dushanbe", "--on", "1993-06-01", "--format", "json")
    rows = json.loads(r.stdout)
    assert [x["person"] for x in rows] == ["Jamoliddin Mansurov"]
    assert rows[0]["certain"] is True
    r = run("who-holds", "Mayor of Dushanbe", "--on", "1992-06-01", "--format", "json")
    rows = json.loads(r.stdout)
    assert {x["person"] for x in rows} >= {"Jamoliddin Mansurov"}
    assert all(x["certain"] is False for x in rows)


def test_who_holds_vacant_office_explains_gap(run):
    r = run("who-holds", "President of Tajikistan", "--on", "1993-06-01")
    assert r.exit_code == 0
    assert "No recorded holder of President of Tajikistan on 1993-06-01." in r.stdout
    assert "Explained gap:" in r.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["who-holds", "Presdent of Tajikstan"],
         "Error: unknown office 'Presdent of Tajikstan'; did you mean: 'President of Tajikistan', "),
        (["who-holds", "President of Tajikistan", "--on", "2020-02-30"], "Error: invalid date '2020-02-30': no such day\n"),
        (["who-holds", "President of Tajikistan", "--on", "yesterday"],
         "Error: invalid date 'yesterday': expected YYYY-MM-DD (or 6 December 2026, 06.12.2026)\n"),
        (["who-holds", "President of Tajikistan", "--on", "2020"],
         "Error: invalid date '2020': expected a full date YYYY-MM-DD\n"),
        (["person", "Berdimuhamedow"],
         "Error: ambiguous person 'Berdimuhamedow': matches 'Gurbanguly Berdimuhamedow', 'Serdar Berdimuhamedow'\n"),
        (["history", "President of Tajikistan", "--format", "xml"],
         "Error: invalid format 'xml': expected table, json or csv\n"),
        (["query", "no-such-query"], "Error: no query named 'no-such-query'"),
    ],
)
def test_read_errors_are_one_line(run, args, message):
    r = run(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(message)
    assert r.stderr.count("\n") == 1


@pytest.mark.parametrize("name", ["Rakhmonov", "Rahmonov", "Rahmon", "Рахмонов", "Emomalii Rahmon", "Эмомалӣ Раҳмон",
                                  "emomali-rahmon", "https://w3id.org/succession-kb/id/person/emomali-rahmon"])
def test_person_resolves_transliterations(run, name):
    r = run("person", name, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["label"] == "Emomali Rahmon"
    assert "President of Tajikistan" in [t["office"] for t in data["tenures"]]
    assert {"relation": "parent of", "relative": "Rustam Emomali"} in [
        {k: x[k] for k in ("relation", "relative")} for x in data["relatives"]]


def test_person_table(run):
    r = run("person", "Rustam Emomali")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "Rustam Emomali"
    for office in ("Mayor of Dushanbe", "Chairman of the Majlisi Milli"):
        assert office in r.stdout
    assert "Child of Emomali Rahmon" in r.stdout


def test_history_turkmenistan_lists_modes(run):
    r = run("history", "President of Turkmenistan", "--format", "json")
    rows = json.loads(r.stdout)
    assert [(x["person"], x["acting"]) for x in rows] == [
        ("Saparmurat Niyazov", False),
        ("Gurbanguly Berdimuhamedow", True),
        ("Gurbanguly Berdimuhamedow", False),
        ("Serdar Berdimuhamedow", False),
    ]
    assert rows[0]["exit_reason"] == "death"
    assert rows[2]["entry_mode"] == "election"
    table = run("history", "President of Turkmenistan").stdout
    assert "Departure from the first in line on 2006-12-21 (Ovezgeldy Atayev expected, Gurbanguly Berdimuhamedow took over)" in table


def test_history_shows_source_disagreements(run):
    r = run("history", "President of Kyrgyzstan")
    assert r.exit_code == 0
    assert "Askar Akayev: end 2005-03-24 used; other sources give" in r.stdout


def test_offices_by_country(run):
    r = run("offices", "--country", "Tajikistan", "--format", "json")
    names = {x["office"] for x in json.loads(r.stdout)}
    assert {"President of Tajikistan", "Chairman of the Majlisi Milli", "Mayor of Dushanbe",
            "Prime Minister of Tajikistan", "Chairman of the Majlisi Namoyandagon"} <= names
    assert all(x["country"] == "Tajikistan" for x in json.loads(r.stdout))


def test_current_holders(run):
    r = run("current", "--country", "Tajikistan", "--on", "2021-01-01", "--format", "json")
    rows = {x["office"]: x["person"] for x in json.loads(r.stdout)}
    assert rows["President of Tajikistan"] == "Emomali Rahmon"
    assert rows["Chairman of the Majlisi Milli"] == "Rustam Emomali"


@pytest.mark.parametrize(
    "office,on,first",
    [
        ("President of Tajikistan", "2020-05-01", ("Chairman of the Majlisi Milli", "Rustam Emomali")),
        ("President of Tajikistan", "2015-05-01", ("Chairman of the Majlisi Milli", "Mahmadsaid Ubaidulloev")),
        ("President of Kazakhstan", "2019-06-01", ("Chairman of the Senate of Kazakhstan", "Dariga Nazarbayeva")),
    ],
)
def test_line_of_succession(run, office, on, first):
    r = run("line-of-succession", office, "--on", on, "--format", "json")
    rows = json.loads(r.stdout)
    assert (rows[0]["order"], rows[0]["office"], rows[0]["person"]) == (1, *first)


def test_queries_lists_every_rq_file(run):
    from conftest import ROOT

    r = run("queries", "--format", "json")
    names = {x["name"] for x in json.loads(r.stdout)}
    assert names == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    assert all(x["description"] for x in json.loads(r.stdout))


def test_query_named_with_params(run):
    r = run("query", "holder-on-date", "--param", "office=Mayor of Dushanbe", "--param", "on=2018-06-01",
            "--format", "json")
    assert r.exit_code == 0, r.output
    assert [x["personLabel"] for x in json.loads(r.stdout)] == ["Rustam Emomali"]


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "queries").glob("*.rq")))
def test_a_query_table_numbers_each_source_address_never_its_characters(run, name):
    """A named query's `sources` cell is one string of addresses: the table numbers each address once
    and lists it under Sources, for every query that has the column."""
    params = {"office": "President of Tajikistan", "on": "2020-06-01", "person": "Rustam Emomali"}
    from succession.queries import get_query

    q = get_query(name)
    args = [f"{p.name}={params[p.name]}" for p in q.params if p.name in params and not p.optional]
    r = run("query", name, *[x for a in args for x in ("--param", a)])
    assert r.exit_code == 0, r.output
    rows = json.loads(run("query", name, *[x for a in args for x in ("--param", a)], "--format", "json").stdout)
    if not rows or "sources" not in rows[0]:
        return
    urls = {u for row in rows for u in (row["sources"] or "").split()}
    listed = [line.split("] ", 1)[1].rsplit(" (", 1)[0] for line in r.stdout.splitlines() if line.startswith("  [")]
    assert set(listed) == urls and len(listed) == len(urls), (name, listed[:3])
    assert all(u.startswith("http") for u in listed)


def test_query_sparql_text_binds_values_literally(run):
    hostile = '"} } SELECT * WHERE { ?s ?p ?o } #'
    q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?name ?s WHERE { ?s rdfs:label ?l . FILTER(STR(?l) = ?name) }")
    r = run("query", "--sparql", q, "--param", f"name={hostile}", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == []
    r = run("query", "--sparql", q, "--param", "name=Rustam Emomali", "--format", "json")
    assert [x["s"] for x in json.loads(r.stdout)] == ["https://w3id.org/succession-kb/id/person/rustam-emomali"]


def test_query_errors(run, tmp_path):
    r = run("query")
    assert (r.exit_code, r.stderr) == (2, "Error: give exactly one of NAME, --file or --sparql\n")
    r = run("query", "--sparql", "SELEKT nothing")
    assert r.exit_code == 2 and r.stderr.startswith("Error: SPARQL syntax error:")
    r = run("query", "holder-on-date", "--param", "office")
    assert r.stderr == "Error: invalid parameter 'office': expected NAME=VALUE\n"
    r = run("query", "holder-on-date", "--param", "office=Mayor of Dushanbe", "--param", "bogus=1")
    assert r.stderr == "Error: query holder-on-date has no parameter 'bogus' (parameters: office, on)\n"
    r = run("query", "--file", tmp_path / "missing.rq")
    assert r.exit_code == 2 and r.stderr.startswith("Error: cannot read ")


def test_family_successions_find_the_berdimuhamedows(run):
    r = run("query", "family-successions", "--format", "json")
    rows = json.loads(r.stdout)
    assert ("Gurbanguly Berdimuhamedow", "Serdar Berdimuhamedow", "President of Turkmenistan") in {
        (x["predecessorLabel"], x["successorLabel"], x["officeLabel"]) for x in rows}


def test_kb_option_and_missing_folder(run, tmp_path):
    r = run("who-holds", "President of Tajikistan", kb=tmp_path / "nope")
    assert r.exit_code == 2
    assert r.stderr == f"Error: knowledge base folder not found: {tmp_path / 'nope'}\n"


def test_a_holder_contradicted_by_a_page_is_not_certain_from_that_day():
    """Every attestation of someone else inside a recorded single-seat tenure: on the page's day and after
    it, the recorded holder is shown as not certain (by who-holds and by current); the day before, the
    page says nothing against the holder."""
    import datetime as dt

    from succession.api import Succession
    from succession.dates import PDate

    s = Succession()
    checked = 0
    for a in s.attestations():
        if not s._single_seat(a["office"]):
            continue
        if len(a["date"]) != 10:
            continue
        on = s.who_holds(a["office"], a["date"]).records
        others = [r for r in on if r["person_iri"] != a["person_iri"]]
        # a page of the hand-over day may still show the outgoing holder: no doubt on the new one's first day
        first_day = [r for r in others if str(r["start"]) == a["date"]]
        assert not any(r["tenure_iri"] in s._contradicted(PDate(a["date"]), first_day, s._seat_attestations(a["office"]))
                       for r in first_day), (a, first_day)
        others = [r for r in others if str(r["start"]) != a["date"]]
        if not others:
            continue
        assert all(r["certain"] is False for r in others), (a, others)
        before = (dt.date.fromisoformat(a["date"]) - dt.timedelta(days=1)).isoformat()
        earlier = [x for x in s.attestations(a["office"]) if x["person_iri"] != a["person_iri"] and x["date"] <= before]
        for r in s.who_holds(a["office"], before).records:
            if r["tenure_iri"] in {x["tenure_iri"] for x in others} and not earlier and PDate(str(r["start"])).hi < before:
                assert r["certain"] is True or len(str(r["start"])) < 10 or (r["end"] and len(str(r["end"])) < 10)
        checked += 1
    assert checked >= 1
    rows = s.current(all_kinds=True).records
    disagree = [r for r in rows if (r["attested"] or "").startswith("sources disagree")]
    assert all(r["certain"] is False for r in disagree)  # none today: the only ones were pages of a hand-over day


def test_a_holder_seen_in_the_year_a_tenure_ended_is_named_after_it():
    """Kholiqzoda left the National Bank of Tajikistan in 2024 (the year only) and a page shows Tolibzoda in
    office on 2024-01-30: the days after the end name Tolibzoda as attested, since the year-only end may
    fall on 2024-01-01; before the end nobody else is named."""
    from succession.api import Succession

    s = Succession()
    office = "Chairman of the National Bank of Tajikistan"
    for on in ("2025-06-01", "2026-01-01"):
        notes = s.who_holds(office, on).notes
        assert any(n.startswith("Attested: Firdavs Tolibzoda was in office on 2024-01-30") for n in notes), notes
    row = next(r for r in s.current(all_kinds=True).records if r["office"] == office)
    assert row["person"] is None and row["attested"].startswith("Firdavs Tolibzoda in office on 2024-03-07")
    assert [r["person"] for r in s.who_holds(office, "2023-06-01").records] == ["Hokim Kholiqzoda"]


def test_source_kinds_of_some_pages_equal_the_whole_table():
    """The kinds printed under a table are read for its pages only (bound, never pasted): the same answer
    as the whole table for those pages; a page not recorded, or text that is not a URL, has no kind."""
    import random

    from succession.api import Succession

    s = Succession()
    every = s.source_kinds()
    urls = random.Random(7).sample(sorted(every), 60)
    hostile = ['x" } ; DROP ALL ; #', "https://example.org/not-recorded", ""]
    assert s.source_kinds(urls + hostile) == {u: every[u] for u in urls}
    assert set(every.values()) <= {"official", "news", "encyclopedia", "dataset", "copy"}


def test_current_says_how_many_more_offices_all_kinds_lists():
    from succession.api import Succession

    s = Succession()
    for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        main, every = s.current(country), s.current(country, all_kinds=True)
        more = len(every.records) - len(main.records)
        assert more > 0 and f"{more} more office(s) (security chiefs" in " ".join(main.notes)
        assert not any("more office(s)" in n for n in every.notes)


def test_history_says_a_source_agrees_once_a_correction_took_its_date(run, kb_copy):
    """Correcting a date to the value an alternative source gave leaves that source agreeing with the
    record; history must not say "1992-12-02 used; other sources give 1992-12-02"."""
    office = "Minister of Foreign Affairs of Tajikistan"
    before = run("history", office, kb=kb_copy).stdout
    alt = before.split("Rashid Alimov: start 1992 used; other sources give ", 1)[1].split()[0]
    r = run("correct", "Rashid Alimov", office, "--set", f"start={alt}",
            "--reason", "test", "--source", "https://example.org/test", kb=kb_copy)
    assert r.exit_code == 0, r.stdout
    after = run("history", office, kb=kb_copy).stdout
    assert f"Rashid Alimov: start {alt}, as another source also gives" in after
    assert f"start {alt} used; other sources give {alt}" not in after
