"""The line of succession over legal editions: one row per order on every date, the edition in force,
vacant and multi-seat acting offices, derived departures, and the edit commands that record a
constitutional change (validated, atomic, idempotent, --dry-run)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from conftest import BASE, KB, snapshot, write_kb

from succession.api import Succession

SRC = "https://astanatimes.com/2026/02/draft-constitution-sets-july-1-entry-into-force-if-approved/"
TODAY = dt.date.today()


def months(start: dt.date, end: dt.date):
    d = start
    while d <= end:
        yield d
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


@pytest.fixture(scope="module")
def session() -> Succession:
    return Succession()


@pytest.fixture(scope="module")
def ruled_offices(session) -> list[str]:
    rows = session.run_sparql("PREFIX sk: <https://w3id.org/succession-kb/ontology#> "
                              "SELECT DISTINCT ?o WHERE { ?r a sk:SuccessionRule ; sk:vacantOffice ?o }").records()
    return sorted(r["o"] for r in rows)


@pytest.fixture(scope="module")
def editions(session) -> dict[str, tuple[str, str | None]]:
    rows = session.run_sparql("PREFIX sk: <https://w3id.org/succession-kb/ontology#> SELECT ?e ?f ?u WHERE { "
                              "?e a sk:LegalEdition ; sk:inForceFrom ?f OPTIONAL { ?e sk:inForceUntil ?u } }").records()
    return {r["e"]: (r["f"], r["u"]) for r in rows}


@pytest.mark.slow  # 12 s; tests/test_units.py sweeps the rules-in-force boundaries fast, `make slow` runs this
def test_every_month_since_1991_one_row_per_order_and_the_edition_in_force(session, ruled_offices, editions):
    """The first day of every month from 1991-01 to today, for every office that has rules."""
    checked = 0
    for office in ruled_offices:
        for day in months(dt.date(1991, 1, 1), TODAY):
            ans = session.line_of_succession(office, day.isoformat())
            orders = [r["order"] for r in ans.records]
            assert len(orders) == len(set(orders)), (office, day, orders)
            assert not any("rules in force at once" in n for n in ans.notes), (office, day, ans.notes)
            for r in ans.records:
                assert r["vacant"] == (r["person"] is None), (office, day, r)
                assert r["edition_iri"] in editions, (office, day, r)
                start, until = editions[r["edition_iri"]]
                d = day.isoformat()
                assert start[:len(d)] <= d, (office, day, r["edition"], start)
                assert until is None or d < (until if len(until) == 10 else until + "~"), (office, day, r["edition"])
                assert r["legal_basis"].startswith(r["edition"]), r
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize("on,expected", [
    ("2026-06-01", [(1, "Chairman of the Senate of Kazakhstan", "Maulen Ashimbayev", "Constitution of Kazakhstan (1995)"),
                    (2, "Chairman of the Mazhilis", "Yerlan Koshanov", "Constitution of Kazakhstan (1995)"),
                    (3, "Prime Minister of Kazakhstan", "Olzhas Bektenov", "Constitution of Kazakhstan (1995)")]),
    ("2026-06-30", [(1, "Chairman of the Senate of Kazakhstan", "Maulen Ashimbayev", "Constitution of Kazakhstan (1995)"),
                    (2, "Chairman of the Mazhilis", "Yerlan Koshanov", "Constitution of Kazakhstan (1995)"),
                    (3, "Prime Minister of Kazakhstan", "Olzhas Bektenov", "Constitution of Kazakhstan (1995)")]),
    # the new constitution's first day: the old order has ended that day, the new one applies
    ("2026-07-01", [(1, "Vice President of Kazakhstan", None, "Constitution of Kazakhstan (2026)"),
                    (2, "Chairman of the Kurultai of Kazakhstan", None, "Constitution of Kazakhstan (2026)"),
                    (3, "Prime Minister of Kazakhstan", "Olzhas Bektenov", "Constitution of Kazakhstan (2026)")]),
    ("2026-12-01", [(1, "Vice President of Kazakhstan", None, "Constitution of Kazakhstan (2026)"),
                    (2, "Chairman of the Kurultai of Kazakhstan", None, "Constitution of Kazakhstan (2026)"),
                    (3, "Prime Minister of Kazakhstan", "Olzhas Bektenov", "Constitution of Kazakhstan (2026)")]),
    # the Senate first met on 1996-01-30: before that the 1995 text could name only the prime minister
    ("1995-12-01", [(3, "Prime Minister of Kazakhstan", "Akezhan Kazhegeldin", "Constitution of Kazakhstan (1995)")]),
    ("1996-01-30", [(1, "Chairman of the Senate of Kazakhstan", "Omirbek Baigeldi", "Constitution of Kazakhstan (1995)"),
                    (2, "Chairman of the Mazhilis", "Marat Ospanov", "Constitution of Kazakhstan (1995)"),
                    (3, "Prime Minister of Kazakhstan", "Akezhan Kazhegeldin", "Constitution of Kazakhstan (1995)")]),
])
def test_kazakhstan_before_and_after_the_2026_constitution(run, on, expected):
    rows = json.loads(run("line-of-succession", "President of Kazakhstan", "--on", on, "--format", "json").stdout)
    assert [(r["order"], r["office"], r["person"], r["edition"]) for r in rows] == expected
    assert all(r["vacant"] == (r["person"] is None) for r in rows)


def test_an_acting_office_with_nobody_recorded_is_printed_as_such(run):
    r = run("line-of-succession", "President of Kazakhstan", "--on", "2026-12-01")
    line = next(x for x in r.stdout.splitlines() if x.startswith("1 "))
    # nobody recorded is not the same as known to be vacant: the table says what the record knows
    assert "Vice President of Kazakhstan" in line and "no holder recorded" in line
    assert "Order 1: no holder of Vice President of Kazakhstan is recorded on 2026-12-01 (vacant, or" in r.stdout


def test_kyrgyzstan_today_has_one_order_one_row(run):
    rows = json.loads(run("line-of-succession", "President of Kyrgyzstan", "--format", "json").stdout)
    assert [(r["order"], r["office"], r["edition"], r["article"]) for r in rows] == [
        (1, "Chairman (Toraga) of the Jogorku Kenesh", "Constitution of Kyrgyzstan (2021)", "Article 74")]
    assert rows[0]["person"]


@pytest.mark.parametrize("on,rows", [
    ("2020-10-14", [(1, "Chairman (Toraga) of the Jogorku Kenesh", "Constitution of Kyrgyzstan (2010)"),
                    (2, "Prime Minister of Kyrgyzstan", "Constitution of Kyrgyzstan (2010)")]),
    ("2021-05-04", [(1, "Chairman (Toraga) of the Jogorku Kenesh", "Constitution of Kyrgyzstan (2010)"),
                    (2, "Prime Minister of Kyrgyzstan", "Constitution of Kyrgyzstan (2010)")]),
    ("2021-05-05", [(1, "Chairman (Toraga) of the Jogorku Kenesh", "Constitution of Kyrgyzstan (2021)")]),
    ("2005-03-01", [(1, "Prime Minister of Kyrgyzstan", "Constitution of Kyrgyzstan (2003 edition)"),
                    (2, "Chairman (Toraga) of the Jogorku Kenesh", "Constitution of Kyrgyzstan (2003 edition)")]),
])
def test_kyrgyzstan_editions_on_their_boundaries(run, on, rows):
    got = json.loads(run("line-of-succession", "President of Kyrgyzstan", "--on", on, "--format", "json").stdout)
    assert [(r["order"], r["office"], r["edition"]) for r in got] == rows


def test_kyrgyz_rule_known_only_by_a_date_says_so(run):
    # the 2003-edition rule is known from March 2005 reports: before its in-force-by bound it is not shown
    before = json.loads(run("line-of-succession", "President of Kyrgyzstan", "--on", "2005-02-28", "--format", "json").stdout)
    assert before == []
    r = run("line-of-succession", "President of Kyrgyzstan", "--on", "2005-03-01")
    assert "first day in force unknown; in force by 2005-03" in r.stdout


def test_turkmenistan_today_names_the_rule_in_force(run):
    rows = json.loads(run("line-of-succession", "President of Turkmenistan", "--format", "json").stdout)
    assert [(r["order"], r["office"], r["edition"]) for r in rows] == [
        (1, "Chairman of the Mejlis of Turkmenistan", "Amendment of the Constitution of Turkmenistan (2023)")]
    assert rows[0]["person"]


def test_multi_seat_acting_office_lists_every_holder_and_who_designates(run):
    rows = json.loads(run("line-of-succession", "President of Turkmenistan", "--on", "2007-01-01", "--format", "json").stdout)
    assert len(rows) == 1 and rows[0]["multi_seat"] and not rows[0]["vacant"]
    assert "Gurbanguly Berdimuhamedow" in [p["name"] for p in rows[0]["persons"]]
    assert rows[0]["person"] == "; ".join(p["name"] for p in rows[0]["persons"])
    later = json.loads(run("line-of-succession", "President of Turkmenistan", "--on", "2010-01-01", "--format", "json").stdout)
    assert later[0]["designation"].startswith("the State Security Council")
    r = run("line-of-succession", "President of Turkmenistan", "--on", "2010-01-01")
    assert "has several holders; the State Security Council decides" in r.stdout


@pytest.mark.parametrize("office,on,edition", [
    ("President of Tajikistan", "2015-06-01", "Amendment of the Constitution of Tajikistan (1999)"),
    ("President of Uzbekistan", "2023-04-30", "Amendment of the Constitution of Uzbekistan (April 2011)"),
    ("President of Uzbekistan", "2023-05-01", "Constitution of Uzbekistan (2023)"),
    ("President of Uzbekistan", "2026-12-01", "Constitution of Uzbekistan (2023)"),
])
def test_legal_basis_is_the_edition_in_force_that_day(run, office, on, edition):
    rows = json.loads(run("line-of-succession", office, "--on", on, "--format", "json").stdout)
    assert rows and all(r["edition"] == edition for r in rows)


def test_json_rows_carry_the_documented_fields(run):
    rows = json.loads(run("line-of-succession", "President of Tajikistan", "--format", "json").stdout)
    for key in ("order", "office", "person", "vacant", "legal_basis", "edition", "in_force_from", "in_force_until",
                "sources"):
        assert key in rows[0]
    assert rows[0]["person"] == "Rustam Emomali" and rows[0]["sources"]


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_removing_a_superseded_rules_end_fails_validation_naming_both(run, kb_copy):
    text = (kb_copy / "rules.ttl").read_text(encoding="utf-8")
    old = "rule/president-of-kazakhstan/1/chairman-of-the-senate-of-kazakhstan/1995-09-05>"
    start = text.index(old)
    block_end = text.index("\n.\n", start)
    block = text[start:block_end]
    cut = "\n".join(x for x in block.split("\n") if "sk:inForceUntil" not in x)
    (kb_copy / "rules.ttl").write_text(text[:start] + cut + text[block_end:], encoding="utf-8")
    r = run("validate", kb=kb_copy)
    assert r.exit_code == 1
    msg = next(x for x in r.stdout.splitlines() if "rule-order-overlap-violation" in x)
    assert "chairman-of-the-senate-of-kazakhstan/1995-09-05" in msg and "vice-president-of-kazakhstan/2026-07-01" in msg


def test_history_prints_each_departure_once(run):
    out = run("history", "President of Kyrgyzstan").stdout
    assert out.count("Departure from the first in line on 2020-10-15") == 1


def test_departures_across_countries(run):
    rows = json.loads(run("departures", "--format", "json").stdout)
    by = {(r["office"], r["date"]): r for r in rows}
    kz = by[("President of Kazakhstan", "2019-03-20")]
    assert (kz["expected"], kz["incoming"], kz["followed"], kz["mode"]) == (
        "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", True, "regular")
    uz = by[("President of Uzbekistan", "2016-09-08")]
    assert uz["followed"] is False and uz["departure_recorded"] and uz["expected"] == "Nigmatilla Yuldashev"
    kg = [r for r in rows if r["office"] == "President of Kyrgyzstan" and r["date"] == "2020-10-15"]
    assert len(kg) == 1 and kg[0]["followed"] is True  # order 2 (the prime minister) acted
    assert kg[0]["followed_order"] == 2 and kg[0]["rule_followed"].startswith("yes, by order 2")
    # one who left the acting office with the presidency is never his own expected successor
    tj = by[("President of Tajikistan", "1991-09-23")]
    assert (tj["outgoing"], tj["expected"], tj["incoming"], tj["followed"]) == (
        "Qadriddin Aslonov", "Rahmon Nabiyev", "Rahmon Nabiyev", True)
    kg2010 = by[("President of Kyrgyzstan", "2010-04-07")]
    assert kg2010["mode"] == "irregular"
    # the 2007 edition's order ceased the day Bakiyev was ousted: it, not "no rule", is what was not followed
    assert (kg2010["expected"], kg2010["incoming"], kg2010["followed"], kg2010["rules_ceased_that_day"]) == (
        "Zaynidin Kurmanov", "Roza Otunbayeva", False, True)
    # an office abolished with its rule, nobody taking it over, still has no rule to compare with
    tj1992 = by[("President of Tajikistan", "1992-11-19")]
    assert tj1992["rule_followed"] == "no rule" and tj1992["rules_ceased_that_day"] is False
    assert sum(r["rules_ceased_that_day"] for r in rows if "rules_ceased_that_day" in r) == 1
    only = json.loads(run("departures", "--country", "Uzbekistan", "--format", "json").stdout)
    assert {r["country"] for r in only} == {"Uzbekistan"}


def test_current_shows_last_verified_and_flags_stale(run):
    rows = json.loads(run("current", "--format", "json").stdout)
    assert rows and all("last_verified" in r and "stale" in r for r in rows)
    assert all(r["stale"] == (r["last_verified"] is None or r["last_verified"] < (TODAY - dt.timedelta(days=365)).isoformat())
               for r in rows)
    table = run("current", "--country", "Tajikistan").stdout
    assert "verified" in table.splitlines()[1]


# ---------------------------------------------------------------- edit commands on a tiny world

WORLD = BASE + """
ed:old a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:country place:x ;
    sk:editionKind edkind:constitution ; sk:inForceFrom "2000-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .
rule:1 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:old ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "Constitution of Xland (2000)" ; prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2001-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""


@pytest.fixture
def world(tmp_path):
    return write_kb(tmp_path / "kb", WORLD)


def test_a_constitutional_change_from_the_cli(run, world):
    steps = [
        ("add-edition", "Constitution of Xland (2026)", "--country", "Xland", "--kind", "constitution",
         "--adopted", "2026-03-15", "--in-force", "2026-07-01", "--replaces", "Constitution of Xland (2000)"),
        ("add-office", "Speaker of the Xland Kurultai", "--kind", "chamber-chair", "--country", "Xland",
         "--established", "2026-07-01", "--replaces", "Chair of the Xland Senate"),
        ("abolish-office", "Chair of the Xland Senate", "--date", "2026-07-01",
         "--replaced-by", "Speaker of the Xland Kurultai"),
        ("add-rule", "President of Xland", "Speaker of the Xland Kurultai", "--order", "1",
         "--edition", "Constitution of Xland (2026)", "--from", "2026-07-01", "--article", "Article 9"),
    ]
    for step in steps:
        r = run(*step, "--source", SRC, kb=world)
        assert r.exit_code == 0, (step, r.output)
    before = json.loads(run("line-of-succession", "President of Xland", "--on", "2026-06-30", "--format", "json",
                            kb=world).stdout)
    after = json.loads(run("line-of-succession", "President of Xland", "--on", "2026-07-01", "--format", "json",
                           kb=world).stdout)
    assert [(r["office"], r["person"], r["edition"]) for r in before] == [
        ("Chair of the Xland Senate", "Beta Bee", "Constitution of Xland (2000)")]
    assert [(r["office"], r["person"], r["vacant"], r["edition"], r["article"]) for r in after] == [
        ("Speaker of the Xland Kurultai", None, True, "Constitution of Xland (2026)", "Article 9")]
    hist = json.loads(run("history", "Chair of the Xland Senate", "--format", "json", kb=world).stdout)
    assert [(h["person"], h["end"], h["exit_reason"]) for h in hist] == [("Beta Bee", "2026-07-01", "office abolished")]
    assert run("validate", kb=world).exit_code == 0
    # every step again: nothing changes
    files = snapshot(world)
    for step in steps:
        r = run(*step, "--source", SRC, kb=world)
        assert r.exit_code == 0, (step, r.output)
    assert snapshot(world) == files


def test_a_rule_overlapping_one_in_force_is_refused_and_nothing_written(run, world):
    files = snapshot(world)
    r = run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1",
            "--edition", "Constitution of Xland (2000)", "--from", "2010-01-01", "--source", SRC, kb=world)
    assert r.exit_code == 1 and "rule-order-overlap-violation" in r.stderr
    assert snapshot(world) == files


@pytest.mark.parametrize("args,code,message", [
    (["add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "2", "--edition",
      "Constitution of Xland (2000)"], 2, "a rule needs --from DATE, or --in-force-by DATE"),
    (["add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "0", "--edition",
      "Constitution of Xland (2000)", "--from", "2001"], 2, "invalid order 0"),
    (["add-rule", "President of Xland", "President of Xland", "--order", "2", "--edition",
      "Constitution of Xland (2000)", "--from", "2001"], 2, "cannot be its own acting office"),
    (["add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "2", "--edition",
      "Constitution of Xland (1999)", "--from", "2001"], 2, "unknown edition"),
    (["add-edition", "X", "--country", "Xland", "--kind", "decree", "--in-force", "2001"], 2, "invalid edition kind"),
    (["add-edition", "X", "--country", "Xland", "--kind", "amendment", "--in-force", "2001", "--adopted", "2002"], 2,
     "is before adoption"),
    (["abolish-office", "Chair of the Xland Senate", "--date", "2000-06-01"], 1, "starts 2001-01-01, not before"),
    (["restore-office", "Chair of the Xland Senate", "--date", "2030-01-01"], 1, "is not recorded as abolished"),
    (["verify", "Chair of the Xland Senate", "--on", "2026-11-30", "--holder", "Alpha Ant"], 1,
     "is recorded as held by Beta Bee"),
    (["verify", "Chair of the Xland Senate", "--on", "2026-11"], 2, "expected a full date"),
    (["end-rules", "Constitution of Xland (2000)", "--on", "1999-01-01"], 1, "not before 1999-01-01"),
])
def test_constitutional_edits_refuse_bad_input(run, world, args, code, message):
    files = snapshot(world)
    r = run(*args, "--source", SRC, kb=world)
    assert r.exit_code == code, r.output
    assert message in r.stderr and r.stderr.count("\n") == 1
    assert snapshot(world) == files


def test_dry_run_says_would_record_and_writes_nothing(run, world):
    files = snapshot(world)
    r = run("add-edition", "Amendment of Xland (2010)", "--country", "Xland", "--kind", "amendment",
            "--in-force", "2010-05-01", "--source", SRC, "--dry-run", kb=world)
    assert r.exit_code == 0 and r.stdout.startswith("Would record edition") and "nothing written" in r.stdout
    assert snapshot(world) == files


def test_rename_keeps_the_old_name_as_a_dated_alias(run, world):
    r = run("rename", "Chair of the Xland Senate", "Speaker of the Xland Senate", "--kind", "office",
            "--date", "2015-01-01", "--source", SRC, kb=world)
    assert r.exit_code == 0, r.output
    assert run("who-holds", "Chair of the Xland Senate", "--on", "2020-01-01", kb=world).exit_code == 0
    rows = json.loads(run("who-holds", "Speaker of the Xland Senate", "--on", "2020-01-01", "--format", "json",
                          kb=world).stdout)
    assert rows[0]["office"] == "Speaker of the Xland Senate"
    assert run("validate", kb=world).exit_code == 0


def test_verify_records_a_check_shown_by_current(run, world):
    r = run("verify", "Chair of the Xland Senate", "--on", TODAY.isoformat(), "--holder", "Beta Bee", "--source", SRC,
            kb=world)
    assert r.exit_code == 0, r.output
    rows = json.loads(run("current", "--format", "json", kb=world).stdout)
    senate = next(x for x in rows if x["office"] == "Chair of the Xland Senate")
    assert senate["last_verified"] == TODAY.isoformat() and senate["stale"] is False


def test_real_kb_edits_for_2026_are_recorded_and_valid(run):
    r = run("history", "Chairman of the Senate of Kazakhstan", "--format", "json")
    last = json.loads(r.stdout)[-1]
    assert (last["end"], last["exit_reason"]) == ("2026-07-01", "office abolished")
    offices = json.loads(run("current", "--country", "Kazakhstan", "--format", "json").stdout)
    names = {o["office"] for o in offices}
    assert "Chairman of the Senate of Kazakhstan" not in names and "Chairman of the Kurultai of Kazakhstan" in names


def test_kb_copy_replays_the_recorded_constitution_script_without_change(tmp_path):
    """The script in research/records that recorded Kazakhstan 2026 is idempotent on the result."""
    import subprocess
    import sys

    from conftest import ROOT

    kb = tmp_path / "kb"
    shutil.copytree(KB, kb, ignore=shutil.ignore_patterns(".lock", ".txn", ".cache"))
    before = snapshot(kb)
    script = (ROOT / "research" / "records" / "2026-12-01-kazakhstan-constitution.sh").read_text(encoding="utf-8")
    script = script.replace("S=.venv/bin/succession", f"S='{sys.executable} {ROOT / 'cli.py'}'")
    env = {"SUCCESSION_KB": str(kb), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    after = snapshot(kb)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed <= {"sources.ttl"}, changed  # at most a source's details filled in, never a fact


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_removing_a_recorded_departure_fails_validation(run, kb_copy):
    text = (kb_copy / "rules.ttl").read_text(encoding="utf-8")
    start = text.index("<https://w3id.org/succession-kb/id/departure/president-of-uzbekistan/2016-09-08>")
    end = text.index("\n.\n", start) + 3
    (kb_copy / "rules.ttl").write_text(text[:start] + text[end:], encoding="utf-8")
    r = run("validate", kb=kb_copy)
    assert r.exit_code == 1
    assert any("undeclared-departure-violation" in x and "Shavkat Mirziyoyev" in x for x in r.stdout.splitlines())


def test_log_lists_edits_newest_first_with_their_facts(run, world):
    assert run("add-person", "Gamma Gnu", "--source", SRC, kb=world).exit_code == 0
    # no sleep: each edit's record time is later than every recorded one, even within one second
    assert run("appoint", "Gamma Gnu", "Chair of the Xland Senate", "--date", "2026-11-30", "--source", SRC,
               kb=world).exit_code == 0
    rows = json.loads(run("log", "--format", "json", kb=world).stdout)
    assert [r["edit"] for r in rows[:2]] == ["appoint", "add-person"]  # the journal names the command
    assert "tenure: Gamma Gnu as Chair of the Xland Senate from 2026-11-30" in rows[0]["summary"]
    assert "closed: Beta Bee's tenure as Chair of the Xland Senate" in rows[0]["summary"]
    assert rows[0]["sources"] == [SRC]
    assert json.loads(run("log", "--since", "2199-01-01", "--format", "json", kb=world).stdout) == []
    assert len(json.loads(run("log", "--limit", "1", "--format", "json", kb=world).stdout)) == 1


def test_verify_counts_a_holder_from_the_first_day_of_the_tenure_and_not_before(run, world):
    """A check dated on the tenure's first day names its holder (the start is inclusive); the day before,
    the record has nobody, and the check is refused."""
    r = run("verify", "Chair of the Xland Senate", "--on", "2001-01-01", "--holder", "Beta Bee", "--source", SRC,
            kb=world)
    assert r.exit_code == 0, r.output
    r = run("verify", "Chair of the Xland Senate", "--on", "2000-12-31", "--holder", "Beta Bee", "--source", SRC,
            kb=world)
    assert r.exit_code != 0 and "held by nobody" in r.stderr and len(r.stderr.splitlines()) == 1, r.output


def test_a_rules_edition_cannot_be_cleared(run, world):
    rule = "https://w3id.org/succession-kb/id/rule/1"
    before = snapshot(world)
    for field in ("edition", "legal-basis"):
        r = run("amend-rule", rule, "--set", f"{field}=", "--source", SRC, kb=world)
        assert r.exit_code == 2 and f"a rule's {field} cannot be removed" in r.stderr, r.output
    assert snapshot(world) == before


def test_edits_refuse_a_view_of_the_past(world):
    from succession.edit import Editor, SourceInfo
    from succession.errors import InputError

    editor = Editor(Succession(world, as_recorded="2020-01-01"))
    with pytest.raises(InputError, match="read-only view of the past"):
        editor.end_tenure("Beta Bee", "Chair of the Xland Senate", date="2026-01-01", reason="resignation",
                          source=SourceInfo(SRC))


@pytest.mark.parametrize("country", ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"])
def test_a_country_names_its_head_of_state_on_every_edition_boundary(session, editions, country):
    """`line-of-succession Kazakhstan` is the line of the country's head-of-state office on that day, on
    the first day of every edition in force and the day before it, and says which office it took."""
    hs_office = {"Kazakhstan": "President of Kazakhstan", "Kyrgyzstan": "President of Kyrgyzstan",
                 "Tajikistan": "President of Tajikistan", "Turkmenistan": "President of Turkmenistan",
                 "Uzbekistan": "President of Uzbekistan"}[country]
    days = {TODAY.isoformat()}
    for edition, (start, _) in editions.items():
        if len(start) == 10 and start >= "1992" and country.lower()[:5] in edition.rsplit("/", 1)[-1]:
            first = dt.date.fromisoformat(start)
            days |= {first.isoformat(), (first - dt.timedelta(days=1)).isoformat()}
    for day in sorted(days):
        by_country = session.line_of_succession(country, day)
        by_office = session.line_of_succession(hs_office, day)
        assert by_country.records == by_office.records, (country, day)
        assert by_country.title == by_office.title
        assert f"showing its head of state, {hs_office}" in by_country.notes[0]
        assert not any("showing its head of state" in n for n in by_office.notes)
    assert len(days) >= 3  # today and at least one edition's first day and eve


def test_an_office_name_is_never_taken_for_a_country(session):
    answer = session.line_of_succession("Prime Minister of Kazakhstan", "2020-01-01")
    assert answer.title == "If the office of Prime Minister of Kazakhstan fell vacant on 2020-01-01"


def test_a_rule_known_only_later_is_named_where_no_rule_is_in_force(session, editions):
    """Between the 2007 Kyrgyz edition's first day and the day its rules are first read in force, the
    answer says so instead of only "no rule": each such order, its edition and the later date."""
    for on in ("2007-10-24", "2008-06-01", "2009-12-31"):
        notes = session.line_of_succession("President of Kyrgyzstan", on).notes
        assert any(n.startswith("Order 1 (Chairman (Toraga) of the Jogorku Kenesh) of Constitution of Kyrgyzstan "
                                "(2007 edition), in force since 2007-10-24, is recorded as in force by 2010-01") for n in notes)
    for on in ("2007-10-23", "2010-01-15"):  # before the edition; once the rule is read in force
        assert not any("is recorded as in force by" in n for n in session.line_of_succession(
            "President of Kyrgyzstan", on).notes)


@pytest.mark.parametrize("acting_country,edition_country,message", [
    ("Yland", "Xland", "Speaker of the Yland Kurultai (Yland) cannot act for President of Xland (Xland)"),
    ("Xland", "Yland", "Constitution of Yland (2001) is Yland's; it cannot rule on President of Xland (Xland)"),
])
def test_a_rule_never_crosses_a_border(run, world, acting_country, edition_country, message):
    """The speaker of another republic does not act as this one's president, and another republic's
    constitution does not say who does: both are refused, nothing written."""
    world = write_kb(world.parent / "kb2", WORLD + 'place:y a sk:Country ; rdfs:label "Yland"@en ; sk:country place:y .\n')
    for step in (("add-office", f"Speaker of the {acting_country} Kurultai", "--kind", "chamber-chair", "--country",
                  acting_country),
                 ("add-edition", f"Constitution of {edition_country} (2001)", "--country", edition_country, "--kind",
                  "constitution", "--in-force", "2001-01-01")):
        r = run(*step, "--source", SRC, kb=world)
        assert r.exit_code == 0 or "Already" in r.output, (step, r.output)
    files = snapshot(world)
    r = run("add-rule", "President of Xland", f"Speaker of the {acting_country} Kurultai", "--order", "3",
            "--edition", f"Constitution of {edition_country} (2001)", "--from", "2002-01-01", "--source", SRC, kb=world)
    assert r.exit_code == 2 and message in r.stderr and r.stderr.count("\n") == 1, r.output
    assert snapshot(world) == files
