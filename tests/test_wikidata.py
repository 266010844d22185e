"""import-wikidata against a real SPARQL server loaded with a fixture shaped like Wikidata."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
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
        "  conflict: Rustam Emomali: start: ours 2020-04-17, Wikidata 2020-04-16",
        "  missing from Wikidata: Mahmadsaid Ubaidulloev from 2000-04-17",
    ]
    assert snapshot(kb_copy) == before


def test_apply_writes_new_facts_validated(run, kb_copy, wikidata):
    r = run("import-wikidata", "Chairman of the Majlisi Milli", "--position", "Q900001", "--from", wikidata.query,
            "--apply", kb=kb_copy)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "Applied."
    rows = json.loads(run("history", "Chairman of the Majlisi Milli", "--format", "json", kb=kb_copy).stdout)
    assert [(x["person"], x["start"], x["end"]) for x in rows][:2] == [
        ("Testa Holder", "1995", "1999"), ("Mahmadsaid Ubaidulloev", "2000-04-17", "2020-04-17")]
    assert rows[1]["predecessor"] == "Testa Holder"
    person = json.loads(run("person", "Q900102", "--format", "json", kb=kb_copy).stdout)
    assert person["label"] == "Testa Holder" and person["wikidata"] == "Q900102"
    assert run("validate", kb=kb_copy).exit_code == 0
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
