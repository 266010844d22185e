"""Elections, term rules and the outlook view: edits (validated, atomic, strict), the shipped data, and
every outlook section checked against the answer of the command it is built from."""

from __future__ import annotations

import json

import pytest
from conftest import snapshot

from succession.api import Succession
from succession.outlook import COUNTRIES, outlook

SRC = "https://example.org/election-report"


@pytest.fixture(scope="module")
def s() -> Succession:
    return Succession()


def cli_json(run, *args):
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# ------------------------------------------------------------------ edits


def test_add_election_dry_run_then_write_then_result_update(run, kb_copy):
    before = snapshot(kb_copy)
    r = run("add-election", "President of Tajikistan", "--date", "2027-11", "--kind", "regular", "--scheduled",
            "--source", SRC, "--dry-run", kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert "Would record election President of Tajikistan election, 2027-11" in r.stdout
    assert snapshot(kb_copy) == before
    r = run("add-election", "President of Tajikistan", "--date", "2027-11", "--kind", "regular", "--scheduled",
            "--source", SRC, kb=kb_copy)
    assert r.exit_code == 0 and "Wrote elections.ttl" in r.stdout, r.output
    # a share is stored in its canonical form, so re-recording "79.20" finds the stored "79.2"
    again = run("add-election", "President of Kyrgyzstan", "--date", "2021-01-10", "--kind", "early", "--winner",
                "Sadyr Japarov", "--share", "79.20", "--source", SRC, kb=kb_copy)
    assert again.exit_code == 0 and "No change" in again.stdout, again.output
    # the vote is held: the result is added and the old "scheduled" value kept as a correction
    r = run("add-election", "President of Tajikistan", "--date", "2027-11", "--kind", "regular",
            "--winner", "Rustam Emomali", "--share", "90.1", "--source", SRC, kb=kb_copy)
    assert r.exit_code == 1 and "winner Rustam Emomali has no tenure" in r.stderr  # the check refuses it
    e = [x for x in cli_json(run, "elections", "--country", "Tajikistan", "--kb", str(kb_copy))["elections"]
         if x["date"] == "2027-11"]
    assert e[0]["scheduled"] is True and e[0]["winner"] is None


@pytest.mark.parametrize("args, message", [
    (("President of Tajikistan", "--date", "2027", "--kind", "regular", "--scheduled", "--winner", "Emomali Rahmon"),
     "a scheduled election has no result yet"),
    (("President of Tajikistan", "--date", "2027", "--kind", "snap"), "invalid election kind 'snap'"),
    (("President of Tajikistan", "--date", "2027", "--kind", "regular", "--share", "101"), "invalid share '101'"),
    (("--date", "2027", "--kind", "regular"), "a regular election needs the office it fills"),
    (("President of Tajikistan", "--date", "2027", "--kind", "regular", "--winner", "Rahmonov Junior"),
     "unknown person"),
    (("President of Tajikistan", "--date", "2027-13-01", "--kind", "regular"), "election date"),
])
def test_add_election_refusals_write_nothing(run, kb_copy, args, message):
    before = snapshot(kb_copy)
    r = run("add-election", *args, "--source", SRC, kb=kb_copy)
    assert r.exit_code != 0
    assert message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert snapshot(kb_copy) == before


def test_add_election_needs_a_source(run, kb_copy):
    r = run("add-election", "President of Tajikistan", "--date", "2027", "--kind", "regular", "--scheduled", kb=kb_copy)
    assert r.exit_code == 2 and "a source is required" in r.stderr


def test_add_term_rule_and_its_checks(run, kb_copy):
    before = snapshot(kb_copy)
    r = run("add-term-rule", "President of Tajikistan", "--years", "5", "--limit", "two", "--edition",
            "Constitution of Tajikistan (1994)", "--from", "1994-11-06", "--source", SRC, kb=kb_copy)
    assert r.exit_code == 2 and "invalid term limit 'two'" in r.stderr
    # overlaps the 1999 rule recorded for the same office and scope: refused by the check
    r = run("add-term-rule", "President of Tajikistan", "--years", "5", "--limit", "2", "--edition",
            "Amendment of the Constitution of Tajikistan (1999)", "--from", "2000-01-01", "--source", SRC, kb=kb_copy)
    assert r.exit_code == 1 and "term-rule-overlap-violation" in r.stderr, r.stderr
    assert snapshot(kb_copy) == before
    r = run("add-term-rule", "President of Tajikistan", "--years", "5", "--limit", "2", "--edition",
            "Constitution of Tajikistan (1994)", "--from", "1994-11-06", "--until", "1999-09-26", "--source", SRC,
            kb=kb_copy)
    assert r.exit_code == 0 and "Wrote rules.ttl" in r.stdout, r.output
    rules = cli_json(run, "elections", "--country", "Tajikistan", "--kb", str(kb_copy))["term_rules"]
    assert [(x["in_force_from"], x["term_years"], x["limit"]) for x in rules][0] == ("1994-11-06", 5, 2)


def test_apply_batch_rows(run, kb_copy, tmp_path):
    batch = tmp_path / "b.yaml"
    batch.write_text(f"""
- command: add-election
  office: President of Turkmenistan
  date: 2029
  kind: regular
  scheduled: true
  source: {SRC}
- command: add-term-rule
  office: President of Turkmenistan
  years: 7
  limit: none
  edition: Constitution of Turkmenistan (2016)
  from: 2016-09-14
  source: {SRC}
- command: add-election
  office: President of Turkmenistan
  date: 2030
  kind: sometime
  source: {SRC}
""", encoding="utf-8")
    before = snapshot(kb_copy)
    r = run("apply", str(batch), kb=kb_copy)
    assert r.exit_code == 2 and r.stderr.startswith("Error: row 3: invalid election kind 'sometime'")
    assert snapshot(kb_copy) == before
    batch.write_text(batch.read_text().rsplit("- command: add-election", 1)[0], encoding="utf-8")
    r = run("apply", str(batch), kb=kb_copy)
    assert r.exit_code == 0, r.output
    o = outlook(Succession(kb_copy), "Turkmenistan", "2026-12-01")
    assert o["term"]["next_election"]["date"] == "2029" and o["term"]["no_limit"]


# ------------------------------------------------------------------ the done-when cases


def test_tajikistan_2026(run, s):
    o = outlook(s, "Tajikistan", "2026-12-01")
    inc = o["incumbent"]
    assert inc["person"] == "Emomali Rahmon" and inc["age"]["years"] == 74
    assert inc["in_office_since"] == "1994-11-16" and inc["years_in_office"] == 32.0
    assert o["term"]["no_limit"] and o["term"]["rule"]["applies_to"] == "Emomali Rahmon"
    assert o["term"]["last_election_won"]["date"] == "2020-10-11" and o["term"]["term_due_to_end"] == "2027"
    first = o["line"][0]
    assert (first["order"], first["person"], first["relative_of_incumbent"], first["kinship"]) == \
        (1, "Rustam Emomali", True, "child")
    assert {"Rustam Emomali", "Ozoda Rahmon"} <= {r["relative"] for r in o["relatives_in_office"]}
    assert all(c["person"] == "Rustam Emomali" for c in o["claims"]) and o["claims"]
    assert [(t["date"], t["kind"]) for t in o["transfers"]] == \
        [("1991-12-02", "hand-over"), ("1992-09-07", "vacancy"), ("1992-11-19", "vacancy")]
    for section in ("line", "relatives_in_office", "claims", "transfers"):
        assert all(row["sources"] for row in o[section]), section
    md = run("outlook", "Tajikistan", "--on", "2026-12-01", "--format", "md")
    assert md.stdout.startswith("# Outlook for Tajikistan on 2026-12-01") and "## Sources" in md.stdout
    assert "| 1 | Chairman of the Majlisi Milli | Rustam Emomali | child |" in md.stdout


def test_kazakhstan_reflects_the_2026_constitution(s):
    o = outlook(s, "Kazakhstan", "2026-12-01")
    assert o["term"]["rule"]["edition"] == "Constitution of Kazakhstan (2026)"
    assert (o["term"]["rule"]["term_years"], o["term"]["rule"]["limit"]) == (7, 1)
    assert o["term"]["term_due_to_end"] == "2029"
    assert [r["office"] for r in o["line"]][:2] == ["Vice President of Kazakhstan",
                                                    "Chairman of the Kurultai of Kazakhstan"]
    assert {r["edition"] for r in o["line"]} == {"Constitution of Kazakhstan (2026)"}


def test_kyrgyzstan_next_election(s):
    o = outlook(s, "Kyrgyzstan", "2026-12-01")
    nxt = o["term"]["next_election"]
    assert (nxt["date"], nxt["kind"], nxt["scheduled"], nxt["winner"]) == ("2027-01-24", "regular", True, None)
    assert "https://qazinform.com/news/kyrgyz-presidential-election-set-for-early-2027-3be192" in nxt["sources"]
    assert o["term"]["rule"]["applies_to"] == "Sadyr Japarov" and o["term"]["rule"]["term_years"] == 6


@pytest.mark.parametrize("country, day, incumbent, edition, first", [
    ("Kazakhstan", "2019-03-01", "Nursultan Nazarbayev", "Amendment of the Constitution of Kazakhstan (2007)",
     "Chairman of the Senate of Kazakhstan"),
    ("Uzbekistan", "2016-08-01", "Islam Karimov", "Amendment of the Constitution of Uzbekistan (December 2011)",
     "Chairman of the Senate of Uzbekistan"),
    ("Turkmenistan", "2006-12-01", "Saparmurat Niyazov",
     "Constitutional law of Turkmenistan on Niyazov's term (1999)", "Chairman of the Mejlis of Turkmenistan"),
])
def test_past_dates_answer_from_the_data_then(s, country, day, incumbent, edition, first):
    o = outlook(s, country, day)
    assert o["incumbent"]["person"] == incumbent
    assert o["term"]["rule"]["edition"] == edition
    assert o["line"][0]["office"] == first
    assert all(t["date"] <= day for t in o["transfers"])
    nxt = o["term"]["next_election"]
    assert nxt and nxt["date"] > day and not o["term"]["next_election_known_then"]


# ------------------------------------------------------------------ no second source of truth


def test_sections_equal_the_underlying_commands(run, s):
    day = "2026-12-01"
    o = outlook(s, "Tajikistan", day)
    assert json.loads(json.dumps(o)) == o  # what `outlook --format json` prints (checked in test_all...)
    holders = cli_json(run, "who-holds", o["office"], "--on", day)
    assert o["incumbent"]["person"] == holders[-1]["person"] and o["incumbent"]["sources"] == holders[-1]["sources"]
    line = cli_json(run, "line-of-succession", o["office"], "--on", day)
    assert [(r["order"], r["office"], r["person"], r["edition"], r["sources"]) for r in o["line"]] == \
        [(r["order"], r["office"], r["person"], r["edition"], r["sources"]) for r in line]
    family = cli_json(run, "dynasty", "--country", "Tajikistan")
    expected = [r for r in family["in_office"] if r["head_of_state"] == "Emomali Rahmon"
                and r["start"] <= day and (r["end"] is None or day < r["end"])]
    assert [{k: v for k, v in r.items() if k != "sources"} for r in o["relatives_in_office"]] == expected
    claims = cli_json(run, "claims")
    assert o["claims"] == [c for c in claims if c["office"] == "President of Tajikistan"]
    deps = cli_json(run, "departures", "--country", "Tajikistan")
    vacancies = [t for t in o["transfers"] if t["kind"] == "vacancy"]
    fields = ("date", "outgoing", "incoming", "exit_reason", "mode", "followed", "expected")
    assert [tuple(t[f] for f in fields) for t in vacancies] == \
        [tuple(d[f] for f in fields) for d in deps][-len(vacancies):]
    assert all(set(d["sources"]) <= set(t["sources"]) for t, d in zip(vacancies, deps[-len(vacancies):], strict=True))
    hist = cli_json(run, "history", "President of Tajikistan")
    handovers = [(b["start"], a["person"], b["person"]) for a, b in zip(hist, hist[1:], strict=False)
                 if a["person"] != b["person"] and a["exit_reason"] not in ("death", "resignation", "removal", "ouster")]
    assert [(t["date"], t["outgoing"], t["incoming"]) for t in o["transfers"] if t["kind"] == "hand-over"] == \
        [h for h in handovers if h[0] >= o["transfers"][0]["date"]]
    # the appointments of the last twelve months are `history` rows of the watched offices
    o2020 = outlook(s, "Tajikistan", "2020-12-01")
    chair = [h for h in cli_json(run, "history", "Chairman of the Majlisi Milli") if "2019-12-02" <= h["start"] <= day]
    rows = [c for c in o2020["changes"]["rows"] if c["office"] == "Chairman of the Majlisi Milli"]
    assert [(c["date"], c["person"], c["sources"]) for c in rows] == \
        [(h["start"], h["person"], h["sources"]) for h in chair if h["start"] <= "2020-12-01"]
    assert rows[0]["person"] == "Rustam Emomali" and rows[0]["relative_of_incumbent"]
    el = cli_json(run, "elections", "--country", "Tajikistan")
    assert o["term"]["last_election_won"] == [e for e in el["elections"] if e["winner"] == "Emomali Rahmon"][-1]
    assert o["term"]["rule"]["rule_iri"] in {r["rule_iri"] for r in el["term_rules"]}


def test_all_is_one_row_per_republic(run, s):
    rows = cli_json(run, "outlook", "--all", "--on", "2026-12-01")
    table = run("outlook", "Kyrgyzstan", "--on", "2026-12-01")
    assert table.exit_code == 0 and "2027-01-24 (regular, scheduled)" in table.stdout
    assert [r["country"] for r in rows] == list(COUNTRIES)
    by = {r["country"]: r for r in rows}
    assert by["Tajikistan"]["relative_in_line"] is True and by["Tajikistan"]["incumbent"] == "Emomali Rahmon"
    assert by["Kyrgyzstan"]["next_election"] == "2027-01-24 (regular, scheduled)"
    assert by["Tajikistan"]["next_election"] == "term due to end 2027; no limit"
    assert by["Kazakhstan"]["next_election"] == "term due to end 2029"
    assert by["Turkmenistan"]["last_transfer"] == \
        "2022-03-19 Gurbanguly Berdimuhamedow -> Serdar Berdimuhamedow (regular hand-over, child)"
    for r in rows:  # the same answer as each country's own outlook
        o = outlook(s, r["country"], "2026-12-01")
        assert r["incumbent"] == o["incumbent"]["person"] and r["years"] == o["incumbent"]["years_in_office"]
    bad = run("outlook", "Tajikistan", "--all")
    assert bad.exit_code == 2 and "give a COUNTRY or --all" in bad.stderr
    bad = run("outlook", "Tajikistan", "--format", "csv")
    assert bad.exit_code == 2 and "expected table, json or md" in bad.stderr


SWEEP_DAYS = ("1991-12-25", "1995-01-01", "1999-12-31", "2005-03-24", "2006-12-21", "2010-04-07", "2016-09-05",
              "2019-03-20", "2022-03-19", "2026-12-01")


@pytest.mark.parametrize("country", COUNTRIES)
def test_sweep_dates_consistent(s, country):
    for day in SWEEP_DAYS:
        o = outlook(s, country, day)
        inc = o["incumbent"]
        holders = s.who_holds(o["office"], day).records
        assert (inc["person"] if inc else None) == (holders[-1]["person"] if holders else None)
        if inc:
            assert inc["in_office_since"] <= day and inc["years_in_office"] >= 0
        orders = [r["order"] for r in o["line"]]
        assert orders == sorted(set(orders))
        assert all(t["date"] <= day for t in o["transfers"]) and len(o["transfers"]) <= 3
        assert [t["date"] for t in o["transfers"]] == sorted(t["date"] for t in o["transfers"])
        assert all(o["changes"]["from"] < c["date"][:10] <= day for c in o["changes"]["rows"]) or \
            all(len(c["date"]) < 10 for c in o["changes"]["rows"])
        rule = o["term"]["rule"]
        if rule:
            assert rule["in_force_from"] <= day and (rule["in_force_until"] is None or day < rule["in_force_until"])
        nxt = o["term"]["next_election"]
        assert nxt is None or nxt["date"] > day


def test_outlook_lists_who_left_the_line_and_a_new_first_in_line(s):
    """Kazakhstan, 2026: the constitution of 1 July abolished the Senate and the Mazhilis; their chairs
    left office with nobody taking over, and the Vice President became first in line. A year's changes
    say all three, dated."""
    o = outlook(s, "Kazakhstan", "2026-12-01")
    rows = {(c["office"], c["change"].split(" (")[0]): c for c in o["changes"]["rows"]}
    senate = rows[("Chairman of the Senate of Kazakhstan", "left office")]
    assert (senate["date"], senate["person"]) == ("2026-07-01", "Maulen Ashimbayev")
    assert "office abolished" in senate["change"]
    first = [c for c in o["changes"]["rows"] if c["why_watched"] == "first in line"]
    assert len(first) == 1 and first[0]["office"] == "Vice President of Kazakhstan" and first[0]["date"] == "2026-07-01"
    assert "instead of Chairman of the Senate of Kazakhstan" in first[0]["change"]
    # a year before the change, nothing of the kind
    assert not [c for c in outlook(s, "Kazakhstan", "2025-06-01")["changes"]["rows"] if c["why_watched"] == "first in line"]


@pytest.mark.parametrize("country", COUNTRIES)
def test_nobody_recorded_is_never_printed_as_vacant(run, country):
    """The record knows who held an office, not that nobody did: the printed outlook says "no holder
    recorded" for every order of the line with no holder, and never "vacant"."""
    o = json.loads(run("outlook", country, "--format", "json").stdout)
    text = run("outlook", country).stdout
    empty = [r for r in o["line"] if r["person"] is None]
    for r in empty:
        line = next(x for x in text.splitlines() if x.startswith(f"{r['order']} ") and r["office"] in x)
        assert "no holder recorded" in line
    assert " vacant " not in text.replace("(vacant,", "")
    if country == "Kazakhstan":
        assert [r["office"] for r in empty] == ["Vice President of Kazakhstan", "Chairman of the Kurultai of Kazakhstan"]
