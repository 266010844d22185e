"""Who is next and does power stay in the family: line of succession over changing rules, dynasty
signals, claims kept apart from facts, as-recorded views, name search and tenure statistics."""

from __future__ import annotations

import json

import pytest
from conftest import BASE, KB, write_kb

SRC = "https://thediplomat.com/2025/05/why-did-the-mayor-of-dushanbe-meet-with-russian-president-putin/"

RULES = """
office:q a sk:Office ; rdfs:label "Prime Minister of Xland"@en ; sk:officeKind kind:head-of-government ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
person:c a sk:Person ; rdfs:label "Gamma Gnu"@en ; prov:wasDerivedFrom source:s .
person:d a sk:Person ; rdfs:label "Delta Dog"@en ; prov:wasDerivedFrom source:s .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "1995"^^xsd:gYear ; sk:acting false ;
    prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "1999-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
t:c a sk:Tenure ; sk:holder person:c ; sk:office office:q ; sk:start "1999-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
ed:2000 a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:country place:x ;
    sk:editionKind <https://w3id.org/succession-kb/ontology/edition#constitution> ; sk:inForceFrom "2000-01-01"^^xsd:date ;
    sk:inForceUntil "2010-06"^^xsd:gYearMonth ; prov:wasDerivedFrom source:s .
ed:2010 a sk:LegalEdition ; rdfs:label "Constitution of Xland (2010)"@en ; sk:country place:x ;
    sk:editionKind <https://w3id.org/succession-kb/ontology/edition#constitution> ; sk:inForceFrom "2010-06"^^xsd:gYearMonth ;
    sk:replaces ed:2000 ; prov:wasDerivedFrom source:s .
rule:1 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:2000 ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:inForceUntil "2010-06"^^xsd:gYearMonth ;
    sk:legalBasis "Constitution of 2000, art. 1" ; prov:wasDerivedFrom source:s .
rule:2 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:q ; sk:order 1 ; sk:edition ed:2010 ;
    sk:inForceFrom "2010-06"^^xsd:gYearMonth ; sk:legalBasis "Constitution of 2010, art. 2" ; prov:wasDerivedFrom source:s .
rule:3 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 2 ; sk:edition ed:2010 ;
    sk:inForceFrom "2010-06"^^xsd:gYearMonth ; sk:legalBasis "Constitution of 2010, art. 2" ; prov:wasDerivedFrom source:s .
r:1 a sk:FamilyRelation ; sk:person person:c ; sk:kinship kin:spouse-of ; sk:relative person:d ; prov:wasDerivedFrom source:s .
r:2 a sk:FamilyRelation ; sk:person person:d ; sk:kinship kin:child-of ; sk:relative person:a ; prov:wasDerivedFrom source:s .
"""


@pytest.fixture
def tiny(tmp_path):
    return write_kb(tmp_path / "kb", BASE + RULES)


@pytest.mark.parametrize("on,expected", [
    ("1999-06-01", []),
    ("2005-01-01", [(1, "Chair of the Xland Senate", "Beta Bee")]),
    ("2010-07-15", [(1, "Prime Minister of Xland", "Gamma Gnu"), (2, "Chair of the Xland Senate", "Beta Bee")]),
    ("2010-05-31", [(1, "Chair of the Xland Senate", "Beta Bee")]),
])
def test_line_of_succession_follows_rules_in_force(run, tiny, on, expected):
    r = run("line-of-succession", "President of Xland", "--on", on, "--format", "json", kb=tiny)
    assert r.exit_code == 0, r.output
    assert [(x["order"], x["office"], x["person"]) for x in json.loads(r.stdout)] == expected


def test_dynasty_finds_in_law_path(run, tiny):
    r = run("dynasty", "--format", "json", kb=tiny)
    data = json.loads(r.stdout)
    # Gamma is the spouse of Alpha's child Delta: a child-in-law, found through Delta
    assert {(x["relative"], x["kinship"], x["via"], x["office"]) for x in data["in_office"]} == {
        ("Gamma Gnu", "child-in-law", "Delta Dog", "Prime Minister of Xland")}
    assert [(x["relative"], x["kinship"], x["from"]) for x in data["first_in_line"]] == [
        ("Gamma Gnu", "child-in-law", "2010-06")]


def test_dynasty_on_real_data(run):
    data = json.loads(run("dynasty", "--format", "json").stdout)
    hereditary = [x for x in data["hereditary"] if x["hereditary_head_of_state"]]
    assert [(x["office"], x["predecessor"], x["successor"], x["kinship"]) for x in hereditary] == [
        ("President of Turkmenistan", "Gurbanguly Berdimuhamedow", "Serdar Berdimuhamedow", "child")]
    first = {(x["relative"], x["office"]) for x in data["first_in_line"]}
    assert ("Rustam Emomali", "Chairman of the Majlisi Milli") in first
    assert ("Dariga Nazarbayeva", "Chairman of the Senate of Kazakhstan") in first
    rustam = [x for x in data["first_in_line"] if x["relative"] == "Rustam Emomali"]
    assert rustam[0]["from"] == "2020-04-17" and rustam[0]["relative_of"] == "Emomali Rahmon"
    # Tokayev's acting and elected terms back to back: one stretch of Dariga Nazarbayeva in the first-in-line chair
    dariga = [(x["from"], x["to"]) for x in data["first_in_line"] if x["relative"] == "Dariga Nazarbayeva"]
    assert dariga == [("2019-03-20", "2020-05-02")]


@pytest.mark.parametrize("text", ["Рахмонов", "Rakhmonov", "Rahmon", "Emomali Rakhmonov", "Emomalii Rahmon"])
def test_search_ranks_across_scripts(run, text):
    r = run("search", text, "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows[0]["person"] == "Emomali Rahmon"
    assert rows[0]["office"] == "President of Tajikistan"


def test_search_emomalii_finds_the_family(run):
    rows = json.loads(run("search", "Emomalii", "--format", "json").stdout)
    assert {"Emomali Rahmon", "Rustam Emomali"} <= {x["person"] for x in rows[:3]}


def test_stats_counts_kyrgyz_ousters(run):
    rows = json.loads(run("stats", "--country", "Kyrgyzstan", "--format", "json").stdout)
    president = next(x for x in rows if x["office"] == "President of Kyrgyzstan")
    assert president["longest"] == "Askar Akayev"
    assert "ouster 2" in president["exits"]


def test_claim_is_kept_apart_and_settled_by_appointment(run, kb_copy):
    r = run("add-claim", "Ozoda Rahmon", "Mayor of Dushanbe", "--statement", "Expected to run the capital",
            "--claimant", "Test Analyst", "--date", "2026-01", "--confidence", "0.4", "--source", SRC, kb=kb_copy)
    assert r.exit_code == 0, r.output
    # a claim never leaks into facts
    holders = json.loads(run("who-holds", "Mayor of Dushanbe", "--on", "2026-11-27", "--format", "json",
                             kb=kb_copy).stdout)
    assert [x["person"] for x in holders] == ["Rustam Emomali"]
    rows = json.loads(run("claims", "--person", "Ozoda Rahmon", "--format", "json", kb=kb_copy).stdout)
    assert [(x["office"], x["stage"], x["confidence"], x["settled_on"]) for x in rows] == [
        ("Mayor of Dushanbe", "rumoured", "0.4", None)]
    r = run("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-01", "--source", SRC, kb=kb_copy)
    assert "Settles the claim" in r.stdout
    rows = json.loads(run("claims", "--person", "Ozoda Rahmon", "--format", "json", kb=kb_copy).stdout)
    assert rows[0]["settled_on"] == "2026-11-01"
    assert run("validate", "--since", str(KB), kb=kb_copy).exit_code == 0


@pytest.mark.parametrize("args,message", [
    (["--stage", "whispered"], "Error: invalid stage 'whispered': expected one of rumoured, announced, decreed, in-office\n"),
    (["--confidence", "1.5"], "Error: invalid confidence '1.5': expected a number from 0 to 1, e.g. 0.7\n"),
])
def test_bad_claims_are_refused(run, kb_copy, args, message):
    r = run("add-claim", "Ozoda Rahmon", "Mayor of Dushanbe", "--statement", "x", "--claimant", "y",
            "--date", "2026", *args, "--source", SRC, kb=kb_copy)
    assert (r.exit_code, r.stderr) == (2, message)


def test_as_recorded_answers_from_the_past(run, kb_copy):
    assert run("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-01", "--source", SRC,
               kb=kb_copy).exit_code == 0
    assert run("correct", "Rustam Emomali", "Chairman of the Majlisi Milli", "--set", "legal-basis=Vote of members",
               "--source", SRC, kb=kb_copy).exit_code == 0
    now = json.loads(run("who-holds", "Mayor of Dushanbe", "--on", "2026-11-05", "--format", "json",
                         kb=kb_copy).stdout)
    assert [x["person"] for x in now] == ["Ozoda Rahmon"]
    # after the curated knowledge base was recorded (2026-11-28T00:00:00Z), before this test's edits
    yesterday = "2026-11-28T00:00:01Z"
    past = json.loads(run("who-holds", "Mayor of Dushanbe", "--on", "2026-11-05", "--format", "json",
                          "--as-recorded", yesterday, kb=kb_copy).stdout)
    assert [(x["person"], x["end"]) for x in past] == [("Rustam Emomali", None)]
    hist = json.loads(run("history", "Chairman of the Majlisi Milli", "--format", "json", "--as-recorded", yesterday,
                          kb=kb_copy).stdout)
    assert hist[-1]["legal_basis"] != "Vote of members"
    r = run("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-02", "--source", SRC,
            "--as-recorded", yesterday, kb=kb_copy)
    assert r.exit_code == 2


def test_as_recorded_before_the_curation_is_empty(run):
    # issue 14: an empty knowledge base with a note, not "unknown office"
    r = run("who-holds", "President of Tajikistan", "--on", "2020-01-01", "--as-recorded", "2020-01-01")
    assert r.exit_code == 0, r.output
    assert "No recorded holder of President of Tajikistan on 2020-01-01." in r.stdout
    assert "Nothing had been recorded by 2020-01-01: this answer is from an empty knowledge base" in r.stdout


@pytest.mark.parametrize("office,on", [("President of Tajikistan", "2020-05-01"), ("President of Kazakhstan", "2019-06-01"),
                                       ("President of Kyrgyzstan", "2015-01-01"), ("President of Turkmenistan", "2021-06-01"),
                                       ("President of Uzbekistan", "2012-01-01")])
def test_line_of_succession_agrees_with_the_one_query_form(run, office, on):
    fast = json.loads(run("line-of-succession", office, "--on", on, "--format", "json").stdout)
    one = json.loads(run("query", "acting-successor", "--param", f"office={office}", "--param", f"on={on}",
                         "--format", "json").stdout)
    grouped: dict = {}
    for x in one:  # the one-query form gives one row per holder of a multi-seat office
        grouped.setdefault((x["order"], x["actingOfficeLabel"]), []).append(x["personLabel"])
    assert [(x["order"], x["office"], x["person"]) for x in fast] == [
        (k[0], k[1], "; ".join(sorted(p for p in v if p)) or None) for k, v in grouped.items()]
    assert fast, "a rule should be in force"


# ------------------------------------------------------------------ dynasty on a date, multi-seat offices, CSV

SEATS = """
office:m a sk:Office ; rdfs:label "Member of the Xland Senate"@en ; sk:officeKind kind:other ;
    sk:jurisdiction place:x ; sk:seats {seats} ; prov:wasDerivedFrom source:s .
person:d a sk:Person ; rdfs:label "Delta Dog"@en ; prov:wasDerivedFrom source:s .
r:2 a sk:FamilyRelation ; sk:person person:d ; sk:kinship kin:child-of ; sk:relative person:a ; prov:wasDerivedFrom source:s .
t:m1 a sk:Tenure ; sk:holder person:a ; sk:office office:m ; sk:start "2000-01-01"^^xsd:date ;
    sk:end "2005-01-01"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .
t:m2 a sk:Tenure ; sk:holder person:d ; sk:office office:m ; sk:start "2005-01-01"^^xsd:date ; sk:acting false ;
    sk:predecessor t:m1 ; prov:wasDerivedFrom source:s .
"""


@pytest.mark.parametrize("seats,hereditary", [(1, [("Member of the Xland Senate", "Alpha Ant", "Delta Dog")]), (3, [])])
def test_multi_seat_office_is_never_a_family_succession(run, tmp_path, seats, hereditary):
    kb = write_kb(tmp_path / "kb", BASE + SEATS.replace("{seats}", str(seats)))
    r = run("dynasty", "--format", "json", kb=kb)
    assert r.exit_code == 0, r.output
    assert [(x["office"], x["predecessor"], x["successor"]) for x in json.loads(r.stdout)["hereditary"]] == hereditary


def test_dynasty_on_a_date_and_now(run):
    now = json.loads(run("dynasty", "--current", "--format", "json").stdout)
    posts = {(x["relative"], x["office"]) for x in now["in_office"]}
    assert ("Rustam Emomali", "Chairman of the Majlisi Milli") in posts
    assert ("Ozoda Rahmon", "Deputy Minister of Foreign Affairs of Tajikistan") not in posts
    assert all(x["end"] is None for x in now["in_office"])
    assert [x["successor"] for x in now["hereditary"] if x["hereditary_head_of_state"]] == ["Serdar Berdimuhamedow"]
    then = json.loads(run("dynasty", "--on", "2010-06-01", "--format", "json").stdout)
    posts = {(x["relative"], x["office"]) for x in then["in_office"]}
    assert ("Gulnara Karimova", "Ambassador of Uzbekistan to Spain") in posts
    assert ("Rustam Emomali", "Chairman of the Majlisi Milli") not in posts
    assert not [x for x in then["hereditary"] if x["hereditary_head_of_state"]]  # Serdar took over in 2022
    r = run("dynasty", "--on", "2010-06", "--current")
    assert (r.exit_code, r.stderr) == (2, "Error: give --on DATE or --current, not both\n")


def test_dynasty_csv_is_one_table_or_one_file_per_table(run, tmp_path):
    import csv
    import io

    r = run("dynasty", "--format", "csv")
    assert r.exit_code == 2 and r.stderr.startswith("Error: --format csv writes one table: give --table")
    r = run("dynasty", "--format", "csv", "--table", "in-office", "--current")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["head_of_state", "relative", "kinship", "via", "office", "start", "end"]
    assert all(len(row) == len(rows[0]) for row in rows) and len(rows) > 3
    r = run("dynasty", "--format", "csv", "--out", tmp_path / "fam")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "fam").iterdir()) == ["first_in_line.csv", "hereditary.csv", "in_office.csv"]
    first = list(csv.DictReader(open(tmp_path / "fam" / "first_in_line.csv", encoding="utf-8")))
    assert {"head_of_state", "relative", "office"} <= set(first[0])
    r = run("dynasty", "--table", "nope")
    assert (r.exit_code, r.stderr) == (2, "Error: invalid table 'nope': expected hereditary, first-in-line or in-office\n")
