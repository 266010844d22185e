"""A sample of well-known facts from each of the five republics, asked through the CLI."""

from __future__ import annotations

import json
import re

import pytest


def holders(run, office, on):
    r = run("who-holds", office, "--on", on, "--format", "json")
    assert r.exit_code == 0, r.output
    return [x["person"] for x in json.loads(r.stdout)]


@pytest.mark.parametrize("office,on,expected", [
    # Kazakhstan
    ("President of Kazakhstan", "2010-01-01", ["Nursultan Nazarbayev"]),
    ("President of Kazakhstan", "2019-04-01", ["Kassym-Jomart Tokayev"]),
    ("Chairman of the Senate of Kazakhstan", "2019-06-01", ["Dariga Nazarbayeva"]),
    # Kyrgyzstan
    ("President of Kyrgyzstan", "2000-01-01", ["Askar Akayev"]),
    ("President of Kyrgyzstan", "2008-01-01", ["Kurmanbek Bakiyev"]),
    ("President of Kyrgyzstan", "2014-01-01", ["Almazbek Atambayev"]),
    ("President of Kyrgyzstan", "2020-12-01", ["Talant Mamytov"]),
    ("President of Kyrgyzstan", "2022-01-01", ["Sadyr Japarov"]),
    # Tajikistan
    ("President of Tajikistan", "2010-01-01", ["Emomali Rahmon"]),
    ("Prime Minister of Tajikistan", "2020-01-01", ["Qohir Rasulzoda"]),
    # Turkmenistan
    ("President of Turkmenistan", "2000-01-01", ["Saparmurat Niyazov"]),
    ("President of Turkmenistan", "2007-01-01", ["Gurbanguly Berdimuhamedow"]),
    ("President of Turkmenistan", "2023-01-01", ["Serdar Berdimuhamedow"]),
    # Uzbekistan
    ("President of Uzbekistan", "2010-01-01", ["Islam Karimov"]),
    ("President of Uzbekistan", "2016-10-01", ["Shavkat Mirziyoyev"]),
    ("Prime Minister of Uzbekistan", "2010-01-01", ["Shavkat Mirziyoyev"]),
])
def test_who_held(run, office, on, expected):
    assert holders(run, office, on) == expected


def test_acting_presidents_and_how_they_ended(run):
    kg = json.loads(run("history", "President of Kyrgyzstan", "--format", "json").stdout)
    akayev = next(x for x in kg if x["person"] == "Askar Akayev")
    assert (akayev["end"], akayev["exit_reason"]) == ("2005-03-24", "ouster")
    assert {x["person"] for x in kg if x["acting"]} >= {"Roza Otunbayeva", "Talant Mamytov", "Sadyr Japarov"}
    uz = json.loads(run("history", "President of Uzbekistan", "--format", "json").stdout)
    karimov = next(x for x in uz if x["person"] == "Islam Karimov")
    assert (karimov["end"], karimov["exit_reason"]) == ("2016-09-02", "death")
    assert ("Shavkat Mirziyoyev", "2016-09-08", True) in [(x["person"], x["start"], x["acting"]) for x in uz]
    kz = json.loads(run("history", "President of Kazakhstan", "--format", "json").stdout)
    assert [x["person"] for x in kz] == ["Nursultan Nazarbayev", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"]
    assert kz[0]["exit_reason"] == "resignation"


def test_departures_from_the_rule_are_shown(run):
    uz = run("history", "President of Uzbekistan").stdout
    assert "Rule not followed on 2016-09-08 (Nigmatilla Yuldashev expected, Shavkat Mirziyoyev took over)" in uz


@pytest.mark.parametrize("name,label", [("Nazarbaev", "Nursultan Nazarbayev"), ("Назарбаев", "Nursultan Nazarbayev"),
                                        ("Tokaev", "Kassym-Jomart Tokayev"), ("Zhaparov", "Sadyr Japarov"),
                                        ("Mirziyoev", "Shavkat Mirziyoyev"), ("Niyazov", "Saparmurat Niyazov"),
                                        ("Akaev", "Askar Akayev")])
def test_people_resolve_by_usual_transliterations(run, name, label):
    r = run("person", name, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["label"] == label


def test_no_unexplained_gap_since_1991_and_every_fact_sourced(run):
    r = run("coverage", "--strict")
    assert r.exit_code == 0, r.stdout[-2000:]
    assert "Unexplained gaps since 1991-01-01: 0" in r.stdout
    assert "Unsourced facts: 0" in r.stdout


def test_coverage_reports_copy_only_facts_and_qid_shares(run):
    out = run("coverage").stdout
    line = next(x for x in out.splitlines() if "Facts sourced only by copies of Wikipedia" in x)
    assert int(line.rsplit(":", 1)[1]) > 0  # the first release still leans on mirrors: it is shown, not hidden
    qids = next(x for x in out.splitlines() if x.strip().startswith("Wikidata QIDs:"))
    # the shares count what kb/ records: every head of state's office has a QID, most persons not yet
    persons = re.search(r"persons (\d+)/(\d+)", qids)
    assert persons and 0 < int(persons.group(1)) < int(persons.group(2))
    assert "offices: head of state 5/5" in qids


def test_copy_detection():
    from succession.coverage import is_copy

    assert is_copy("https://wikiwand.com/en/articles/Tokayev", None, None)
    assert is_copy("https://example.org/x", "Prime Minister (copy of https://en.wikipedia.org/wiki/X)", None)
    assert not is_copy("https://en.wikipedia.org/wiki/Qadriddin_Aslonov", "Qadriddin Aslonov", "Wikipedia")
    assert not is_copy("https://www.rferl.org/a/1.html", "x", "RFE/RL")
