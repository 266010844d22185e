"""The same scenarios on the embedded knowledge base and on a real Oxigraph SPARQL server
(started here on 127.0.0.1), plus push/pull and the failure modes of a server."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

SRC = "https://example.org/report"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the oxigraph server (pip install oxigraph) is required for these tests")
    return found


class Server:
    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> Server:
        self.proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(self.location), "--bind",
                                      f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.query + "?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def count(self) -> int:
        req = urllib.request.Request(self.query, data=b"query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        data = json.loads(urllib.request.urlopen(req, timeout=10).read())
        return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("oxigraph")).start()
    yield s
    s.stop()


@pytest.fixture(params=["embedded", "server"])
def backend(request, run, kb_copy, server):
    """A function running a CLI command against kb_copy, or against the server loaded with it."""
    if request.param == "embedded":
        return lambda *args: run(*args, kb=kb_copy)
    r = run("push", "--to", server.query, "--replace", kb=kb_copy)
    assert r.exit_code == 0, r.output
    return lambda *args: run("--endpoint", server.query, *args)


def js(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_who_holds(backend):
    assert [x["person"] for x in js(backend("who-holds", "Chairman of the Majlisi Milli", "--on", "2015-06-01",
                                            "--format", "json"))] == ["Mahmadsaid Ubaidulloev"]
    assert [x["person"] for x in js(backend("who-holds", "Mayor of Dushanbe", "--on", "2018-06-01",
                                            "--format", "json"))] == ["Rustam Emomali"]


def test_history_person_line(backend):
    rows = js(backend("history", "President of Turkmenistan", "--format", "json"))
    assert [(x["person"], x["acting"]) for x in rows] == [
        ("Saparmurat Niyazov", False), ("Gurbanguly Berdimuhamedow", True), ("Gurbanguly Berdimuhamedow", False),
        ("Serdar Berdimuhamedow", False)]
    person = js(backend("person", "Rakhmonov", "--format", "json"))
    assert person["label"] == "Emomali Rahmon" and "President of Tajikistan" in [t["office"] for t in person["tenures"]]
    line = js(backend("line-of-succession", "President of Tajikistan", "--on", "2020-05-01", "--format", "json"))
    assert line[0]["person"] == "Rustam Emomali"


@pytest.mark.slow  # ~21 s for both backends; tests/test_servers.py runs the same scenario on Oxigraph, Virtuoso and the embedded store
def test_edits_and_validation(backend):
    r = backend("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-01", "--source", SRC)
    assert r.exit_code == 0, r.output
    assert [x["person"] for x in js(backend("who-holds", "Mayor of Dushanbe", "--on", "2026-11-05",
                                            "--format", "json"))] == ["Ozoda Rahmon"]
    assert backend("relate", "Ozoda Rahmon", "sibling-of", "Rustam Emomali", "--source", SRC).exit_code == 0
    assert "sibling of" in [x["relation"] for x in js(backend("person", "Ozoda Rahmon", "--format", "json"))["relatives"]]
    assert backend("end-tenure", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-20", "--reason",
                   "resignation", "--source", SRC).exit_code == 0
    assert js(backend("who-holds", "Mayor of Dushanbe", "--on", "2026-11-25", "--format", "json")) == []
    r = backend("validate")
    assert r.exit_code == 0, r.output


def test_refused_edit_changes_nothing(backend):
    before = js(backend("history", "Chairman of the Majlisi Milli", "--format", "json"))
    r = backend("appoint", "Ozoda Rahmon", "Chairman of the Majlisi Milli", "--date", "2010-01-01", "--source", SRC)
    assert r.exit_code == 1 and r.stderr.startswith("Error: Chairman of the Majlisi Milli already has a later tenure")
    r = backend("relate", "Emomali Rahmon", "child-of", "Rustam Emomali", "--source", SRC)
    assert r.exit_code == 1 and r.stderr.startswith("Error: refused, nothing written: kinship-cycle-violation")
    assert js(backend("history", "Chairman of the Majlisi Milli", "--format", "json")) == before


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_pull_round_trips(run, kb_copy, server, tmp_path):
    assert run("push", "--to", server.query, "--replace", kb=kb_copy).exit_code == 0
    target = tmp_path / "pulled"
    r = run("pull", "--from", server.query, kb=target)
    assert r.exit_code == 0, r.output
    for name in ("tenures.ttl", "persons.ttl", "events.ttl", "offices.ttl", "sources.ttl"):
        assert (target / name).read_bytes() == (kb_copy / name).read_bytes(), name


def test_server_down_is_a_clear_error(run):
    url = f"http://127.0.0.1:{free_port()}/query"
    r = run("--endpoint", url, "who-holds", "Mayor of Dushanbe")
    assert r.exit_code == 3
    assert r.stderr.startswith(f"Error: SPARQL endpoint {url} is unreachable: ")
    r = run("push", "--to", url)
    assert r.exit_code == 3 and r.stderr == f"Error: SPARQL endpoint {url} is unreachable: [Errno 111] Connection refused\n"


def test_garbage_answer_is_a_clear_error(run):
    class Garbage(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b"<html>not json</html>")

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Garbage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
        r = run("--endpoint", url, "who-holds", "Mayor of Dushanbe")
        assert r.exit_code == 3
        assert r.stderr.startswith(f"Error: SPARQL endpoint {url} ")
        assert r.stderr.count("\n") == 1
    finally:
        httpd.shutdown()


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_push_interrupted_then_rerun_completes_without_duplicates(kb_copy, tmp_path):
    from conftest import ROOT

    srv = Server(tmp_path / "db").start()
    try:
        # INSERT DATA in small batches: slow enough to be stopped half-way (the Graph Store Protocol may not be)
        env = {**os.environ, "SUCCESSION_STORE_ENDPOINT": "none"}
        push = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "push", "--to", srv.query, "--batch", "50",
                                 "--kb", str(kb_copy)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        time.sleep(1.0)
        srv.stop()
        out, err = push.communicate(timeout=120)
        assert push.returncode == 3, (out, err)
        assert err.startswith("Error: SPARQL endpoint http://127.0.0.1:") and err.count("\n") == 1
        srv.start()
        partial = srv.count()
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "push", "--to", srv.query, "--kb", str(kb_copy)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        total = int(done.stdout.split()[1])
        assert partial < total == srv.count()
    finally:
        srv.stop()


def test_serve_starts_a_local_endpoint(kb_copy):
    from conftest import ROOT

    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--port", str(port), "--kb", str(kb_copy)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query"
        body = urllib.parse.urlencode({"query": "PREFIX sk: <https://w3id.org/succession-kb/ontology#> "
                                                "SELECT (COUNT(*) AS ?n) WHERE { ?t a sk:Tenure }"}).encode()
        for _ in range(200):
            try:
                req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
                data = json.loads(urllib.request.urlopen(req, timeout=2).read())
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("succession serve did not answer")
        assert int(data["results"]["bindings"][0]["n"]["value"]) == (kb_copy / "tenures.ttl").read_text().count("a sk:Tenure ;")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
