"""import-wikidata against a real SPARQL server loaded with a fixture shaped like Wikidata."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import KB
from test_remote import Server

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata-p39.ttl"


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("wikidata")).start()
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    body = "INSERT DATA {\n" + "\n".join(f"{q.triple} ." for q in store) + "\n}"
    req = urllib.request.Request(srv.query.replace("/query", "/update"),
                                 data=urllib.parse.urlencode({"update": body}).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(req, timeout=10).read()
    yield srv
    srv.stop()


def test_report_before_writing(run, kb_copy, wikidata):
    from conftest import snapshot

    before = snapshot(kb_copy)
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q900001", "--from", wikidata.query,
            kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "Chairman of the Majlisi Milli vs Wikidata Q900001: 1 new, 1 conflicting, 1 missing from Wikidata, 0 the same",
        "  new: Testa Holder (Q900102) 1995 to 1999 [new person]",
        "  conflict: Rustam Emomali from 2020-04-17: start: ours 2020-04-17, Wikidata 2020-04-16",
        "  missing from Wikidata: Mahmadsaid Ubaidulloev from 2000-04-17",
    ]
    assert snapshot(kb_copy) == before


def test_apply_writes_new_facts_validated(run, kb_copy, wikidata):
    from conftest import snapshot

    # Wikidata's holder from 1995 is before the chamber existed (2000): listed, not written
    before = snapshot(kb_copy)
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q900001", "--from", wikidata.query,
            "--apply", kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert "  not written: Testa Holder (Q900102): begins 1995, before the office was established on 2000" in r.stdout
    assert r.stdout.splitlines()[-1] == "Nothing written: no new tenure."
    assert snapshot(kb_copy) == before
    # once the office's own date is corrected (say a source shows it existed from 1995), the holder is written
    assert run("correct-office", "Chairman of the Majlisi Milli", "--set", "established=1995", "--source",
               "https://example.org/majlisi-milli-1995", kb=kb_copy).exit_code == 0
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q900001", "--from", wikidata.query,
            "--apply", kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "Applied: 1 new tenure(s) written."
    rows = json.loads(run("history", "Chairman of the Majlisi Milli", "--format", "json", kb=kb_copy).stdout)
    assert [(x["person"], x["start"], x["end"]) for x in rows][:2] == [
        ("Testa Holder", "1995", "1999"), ("Mahmadsaid Ubaidulloev", "2000-04-17", "2020-04-17")]
    assert rows[1]["predecessor"] == "Testa Holder"
    person = json.loads(run("person", "Q900102", "--format", "json", kb=kb_copy).stdout)
    assert person["label"] == "Testa Holder" and person["wikidata"] == "Q900102"
    assert run("validate", "--since", str(KB), kb=kb_copy).exit_code == 0
    again = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q900001", "--from",
                wikidata.query, kb=kb_copy)
    assert "0 new, 1 conflicting, 1 missing from Wikidata, 1 the same" in again.stdout


def test_bad_position_and_unreachable_service(run, kb_copy):
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "123", kb=kb_copy)
    assert (r.exit_code, r.stderr) == (2, "Error: invalid Wikidata position '123': expected a QID such as Q123\n")
    from test_remote import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q1", "--from", url, kb=kb_copy)
    assert r.exit_code == 3 and r.stderr.startswith(f"Error: SPARQL endpoint {url} is unreachable")


MAYOR = ("import-wikidata", "Mayor of Dushanbe", "--position", "Q900002")


@pytest.fixture
def with_qids(run, kb_copy):
    """Our side knows two QIDs (as the power-vertical work records them), set through the CLI."""
    for person, qid in (("M. Ikromov", "Q900206"), ("Yuri Ponosov", "Q900203")):
        r = run("correct", person, "--set", f"wikidata={qid}", "--source", "https://example.org/qids", kb=kb_copy)
        assert r.exit_code == 0, r.output
    return kb_copy


def test_dump_shaped_statements(run, with_qids, wikidata):
    """Best rank only; unknown value and no value apart from open; dates at the coarser precision;
    one statement to one tenure; labels in every language we store; predecessor conflicts by QID."""
    r = run(*MAYOR, "--from", wikidata.query, kb=with_qids)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "Mayor of Dushanbe vs Wikidata Q900002: 1 new, 2 conflicting, 1 missing from Wikidata, 4 the same",
        "  new: Тестов Тест (Q900207) 1980 to 1986 [new person]",
        "  conflict: Jamoliddin Mansurov from 1992: end: ours 1994, Wikidata no value; "
        "predecessor: ours Mirzotemur Mirzoev, Wikidata M. Ikromov",
        "  conflict: Rustam Emomali from 2017-04-04: end: ours open, Wikidata unknown (ended, date unknown)",
        "  missing from Wikidata: Mirzotemur Mirzoev from 1992",
    ]


def test_predecessor_conflict_needs_our_qids_or_names(run, kb_copy, wikidata):
    """Without QIDs the replaced holder is still found by its label."""
    r = run(*MAYOR, "--from", wikidata.query, kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert "predecessor: ours Mirzotemur Mirzoev, Wikidata M. Ikromov" in r.stdout


def test_dry_run_with_a_new_person_then_apply(run, kb_copy, wikidata):
    from conftest import snapshot

    before = snapshot(kb_copy)
    r = run(*MAYOR, "--from", wikidata.query, "--apply", "--dry-run", kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "Dry run: nothing written."
    assert snapshot(kb_copy) == before
    r = run(*MAYOR, "--from", wikidata.query, "--apply", kb=kb_copy)
    assert r.exit_code == 0, r.output
    person = json.loads(run("person", "Q900207", "--format", "json", kb=kb_copy).stdout)
    assert person["label"] == "Тестов Тест" and person["wikidata"] == "Q900207"
    assert sorted(person["names"]) == ["Тестов Тест (ru)", "Тестов Тест (tg)"]
    assert [(t["start"], t["end"]) for t in person["tenures"]] == [("1980", "1986")]
    hist = json.loads(run("history", "Mayor of Dushanbe", "--format", "json", kb=kb_copy).stdout)
    assert "Deprecated Person" not in {x["person"] for x in hist}


@pytest.mark.parametrize("qid, message", [
    ("Q900009", "Error: Wikidata Q900009 has no \"position held\" (P39) statements at "),
    ("Q900999", "Error: Wikidata has no item Q900999 at "),
])
def test_unknown_or_empty_position_is_an_error(run, kb_copy, wikidata, qid, message):
    from conftest import snapshot

    before = snapshot(kb_copy)
    r = run("import-wikidata", "Mayor of Dushanbe", "--position", qid, "--from", wikidata.query, "--apply", kb=kb_copy)
    assert r.exit_code == 2 and r.stderr.startswith(message) and r.stderr.count("\n") == 1, r.output
    assert snapshot(kb_copy) == before


def test_empty_endpoint_is_an_error(run, kb_copy, tmp_path):
    srv = Server(tmp_path / "empty").start()
    try:
        r = run("import-wikidata", "Mayor of Dushanbe", "--position", "Q900002", "--from", srv.query, kb=kb_copy)
        assert r.exit_code == 2 and r.stderr == f"Error: Wikidata has no item Q900002 at {srv.query}\n"
    finally:
        srv.stop()
