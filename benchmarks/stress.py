"""`make stress`: faults and hostile input against the real CLI, bounded in time, counts printed.

1. kills: `appoint`, `correct` and `add-tenure` processes SIGKILLed at random moments; after each, the
   knowledge base is exactly as before or exactly as after that edit (record times aside), validates,
   and never holds a half-written transaction;
2. editors: 2, 4 and 8 processes appointing at once, for several rounds: every edit lands (nothing lost),
   the chain stays valid;
3. servers: an Oxigraph server SIGKILLed during `push --replace` and during an `appoint --endpoint`; restarted,
   it holds exactly the state before or after, never a part;
4. hostile input: every text argument of every edit command fed quotes, braces, triple quotes, line
   breaks, RTL and zero-width characters, emoji, 100 kB strings, SPARQL and Turtle keywords: either a
   one-line refusal (exit 2) with byte-identical files, or the literal text stored and `validate` passing;
   never exit 70.

Usage: python benchmarks/stress.py [--kills N] [--rounds N] [--server-rounds N] [--seconds S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]
SRC = "https://www.rferl.org/a/stress-test/1.html"


def run(args, kb: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + [str(a) for a in args] + ["--kb", str(kb)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


CORRECTION = re.compile(r"id/correction/[0-9a-f]{16}")


def state(kb: Path) -> dict[str, frozenset]:
    """Each file's triples, with record times and the correction ids derived from them blanked (they
    differ between two runs of one edit)."""
    import pyoxigraph as ox

    out = {}
    for p in sorted(kb.glob("*.ttl")):
        lines = set()
        for t in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE):
            text = CORRECTION.sub("id/correction/X", str(t))
            lines.add(re.sub(r'"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"', '"T"', text))
        out[p.name] = frozenset(lines)
    return out


def fresh(tmp: Path, name: str) -> Path:
    kb = tmp / name
    shutil.copytree(ROOT / "kb", kb, ignore=shutil.ignore_patterns(".lock", ".txn", ".cache"))
    return kb


def edits(i: int) -> list[list[str]]:
    day = f"2026-11-{1 + i % 28:02d}"
    return [
        ["appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", day, "--source", SRC],
        ["correct", "Rustam Emomali", "Chairman of the Majlisi Milli", "--set", f"start=2020-04-{10 + i % 7}",
         "--source", SRC],
        ["add-tenure", "Ozoda Rahmon", "Chairman of the Majlisi Milli", "--start", f"{1990 + i % 5}",
         "--end", f"{1990 + i % 5}-06", "--source", SRC],
    ]


def kills(tmp: Path, n: int, deadline: float) -> tuple[int, int]:
    rng = random.Random(20261201)
    done = held = 0
    kb = fresh(tmp, "kills")
    for i in range(n):
        if time.time() > deadline:
            break
        args = edits(i)[i % 3]
        before = state(kb)
        # the expected after-state, computed on a copy by running the edit to completion
        probe = tmp / "probe"
        shutil.rmtree(probe, ignore_errors=True)
        shutil.copytree(kb, probe, ignore=shutil.ignore_patterns(".lock", ".txn", ".cache"))
        complete = run(args, probe)
        after = state(probe) if complete.returncode == 0 else before
        p = subprocess.Popen(CLI + args + ["--kb", str(kb)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             cwd=ROOT)
        time.sleep(rng.uniform(0.05, 1.6))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        v = run(["validate"], kb)  # any command recovers a committed edit first
        now = state(kb)
        done += 1
        ok = v.returncode == 0 and now in (before, after) and not (kb / ".txn").exists()
        held += ok
        if not ok:
            print(f"  kill {i}: {' '.join(args[:3])}: validate={v.returncode} before={now == before} "
                  f"after={now == after} {v.stdout[-300:]}", file=sys.stderr)
    return done, held


def editors(tmp: Path, rounds: int, deadline: float) -> list[tuple[int, int, bool]]:
    out = []
    for width in (2, 4, 8):
        for r in range(rounds):
            if time.time() > deadline:
                return out
            kb = fresh(tmp, f"ed-{width}-{r}")
            offices = ["Mayor of Dushanbe", "Prime Minister of Tajikistan", "Mayor of Bishkek", "Akim of Almaty",
                       "Hokim of Tashkent", "Prime Minister of Kyrgyzstan", "Prime Minister of Uzbekistan",
                       "Prime Minister of Kazakhstan"][:width]
            procs = [subprocess.Popen(CLI + ["appoint", "Ozoda Rahmon", o, "--date", f"2026-11-{20 + r:02d}",
                                             "--source", SRC, "--kb", str(kb)], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, cwd=ROOT) for o in offices]
            codes = [p.wait(timeout=600) for p in procs]
            holders = 0
            for o in offices:
                rows = json.loads(run(["who-holds", o, "--on", f"2026-11-{20 + r:02d}", "--format", "json"], kb).stdout)
                holders += any(x["person"] == "Ozoda Rahmon" for x in rows)
            valid = run(["validate"], kb).returncode == 0
            out.append((width, holders, valid and all(c == 0 for c in codes) and holders == width))
    return out


HOSTILE = ['"', "'", '"""', "'''", "{", "}", "\\", "<http://x>", "} ; DROP ALL ; {", "DELETE WHERE { ?s ?p ?o }",
           "@prefix x: <http://x/> .", "\n", "a\rb", "\u202eevil\u202c", "zero\u200bwidth", "😀🇰🇿", "Рахмон",
           "ن", "x" * 100_000, "  ", "%s%n", "$(reboot)", "`id`", "\x00", "\t", "-x", "null", "true"]
TEXT_ARGS = {
    "add-person": lambda t: ["add-person", f"Probe {t}", "--alias", t, "--source", SRC],
    "add-office": lambda t: ["add-office", f"Office {t}", "--kind", "other", "--country", "Tajikistan",
                             "--alias", t, "--source", SRC],
    "appoint": lambda t: ["appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-30", "--legal-basis", t,
                          "--source", SRC],
    "add-claim": lambda t: ["add-claim", "Ozoda Rahmon", "President of Tajikistan", "--statement", t,
                            "--claimant", t, "--date", "2026-11", "--stage", "rumoured", "--confidence", "0.5",
                            "--source", SRC],
    "correct": lambda t: ["correct", "Rustam Emomali", "Mayor of Dushanbe", "--set", f"legal-basis={t}",
                          "--reason", t, "--source", SRC],
    "add-gap": lambda t: ["add-gap", "Mayor of Dushanbe", "--from", "1990", "--to", "1991", "--reason", t,
                          "--source", SRC],
    "source-title": lambda t: ["cite", "https://w3id.org/succession-kb/id/office/mayor-of-dushanbe", "--source",
                               "https://example.org/hostile", "--source-title", t, "--publisher", t],
    "source-url": lambda t: ["cite", "https://w3id.org/succession-kb/id/office/mayor-of-dushanbe", "--source",
                             f"https://example.org/{t}"],
    "add-tenure": lambda t: ["add-tenure", "Ozoda Rahmon", "Mayor of Dushanbe", "--start", "1980", "--end", "1981",
                             "--legal-basis", t, "--source", SRC],
    "attest": lambda t: ["attest", "Chairman of the National Bank of Tajikistan", "--holder", "Ozoda Rahmon",
                         "--on", "2025-06-01", "--note", t, "--source", SRC],
}


def hostile(tmp: Path, deadline: float) -> tuple[int, int, int]:
    cases = stored = refused = 0
    kb = fresh(tmp, "hostile")
    base = fresh(tmp, "hostile-base")  # the shipped state, valid: each stored case is validated against it
    # every command meets the first texts before any meets the last: a short budget still covers them all
    for text in HOSTILE:
        for name, build in TEXT_ARGS.items():
            if time.time() > deadline:
                return cases, stored, refused
            before = {p.name: p.read_bytes() for p in sorted(kb.glob("*"))  if p.is_file() and p.name != ".lock"}
            try:
                r = run(build(text), kb)
            except ValueError:  # the OS itself refuses an argument with a NUL byte: nothing ran
                cases += 1
                refused += 1
                continue
            cases += 1
            if r.returncode == 70 or "Traceback" in r.stderr:
                print(f"  {name} {text[:20]!r}: exit {r.returncode} {r.stderr[:200]}", file=sys.stderr)
                continue
            now = {p.name: p.read_bytes() for p in sorted(kb.glob("*")) if p.is_file() and p.name != ".lock"}
            if r.returncode == 0:
                # the shapes on what changed since the shipped state, every check on the whole (`validate --since`)
                if run(["validate", "--since", str(base)], kb).returncode == 0:
                    stored += 1
                else:
                    print(f"  {name} {text[:20]!r}: stored but validate fails", file=sys.stderr)
            elif r.returncode in (1, 2) and now == before and r.stderr.count("\n") == 1:
                refused += 1
            else:
                print(f"  {name} {text[:20]!r}: exit {r.returncode}, files changed={now != before}", file=sys.stderr)
    return cases, stored, refused


class OxServer:
    """`oxigraph serve` (PyPI's oxigraph) on 127.0.0.1 over a data folder that outlives a SIGKILL."""

    def __init__(self, location: Path) -> None:
        import socket

        self.location = location
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> OxServer:
        import urllib.request

        binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        self.proc = subprocess.Popen([binary, "serve", "--location", str(self.location), "--bind",
                                      f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(400):
            try:
                urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start")

    def kill(self) -> None:
        if self.proc:
            self.proc.kill()
            self.proc.wait(timeout=30)
            self.proc = None

    def state(self) -> frozenset:
        """Every triple of the default graph, record times and correction ids blanked (as ``state``)."""
        import urllib.parse
        import urllib.request

        import pyoxigraph as ox

        def ask(query: str, accept: str) -> bytes:
            req = urllib.request.Request(self.url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": accept,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
            return urllib.request.urlopen(req, timeout=120).read()

        body = ask("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples")
        lines = {re.sub(r'"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"', '"T"', CORRECTION.sub("id/correction/X", str(t)))
                 for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
        return frozenset(lines)

    def graphs(self) -> set[str]:
        """The named graphs on the server (a killed push leaves its staging graph; the next push drops it)."""
        import urllib.parse
        import urllib.request

        req = urllib.request.Request(self.url, data=urllib.parse.urlencode(
            {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode(),
            headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        rows = json.loads(urllib.request.urlopen(req, timeout=120).read())["results"]["bindings"]
        return {r["g"]["value"] for r in rows}


def servers(tmp: Path, rounds: int, deadline: float) -> list[tuple[str, int, int]]:
    """A SPARQL server SIGKILLed at a random moment of `push --replace` and of an `appoint --endpoint`;
    restarted on its data, it holds exactly the state before or the state after (the push publishes its
    staging graph with one update; an edit is one update), never a part, and no exit is 70."""
    rng = random.Random(20261202)
    out = []
    base = fresh(tmp, "srv-a")
    newer = fresh(tmp, "srv-b")
    assert run(["appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-30", "--source", SRC],
               newer).returncode == 0
    # the two states a push of `newer` over `base` may leave, and the state after the edit below
    ref = OxServer(tmp / "srv-ref").start()
    try:
        url = ref.url
        assert run(["push", "--to", url], base).returncode == 0
        before = ref.state()
        assert run(["push", "--replace", "--to", url], newer).returncode == 0
        after_push = ref.state()
        assert run(["push", "--replace", "--to", url], base).returncode == 0
        edit = ["appoint", "Qohir Rasulzoda", "Mayor of Dushanbe", "--date", "2026-12-01", "--source", SRC]
        t0 = time.time()
        assert subprocess.run(CLI + ["--endpoint", url] + edit, capture_output=True, cwd=ROOT).returncode == 0
        edit_seconds = time.time() - t0
        after_edit = ref.state()
        t0 = time.time()
        assert run(["push", "--replace", "--to", url], newer).returncode == 0
        push_seconds = time.time() - t0
    finally:
        ref.kill()
    for what, seconds, after in (("push", push_seconds, after_push), ("edit", edit_seconds, after_edit)):
        held = n = 0
        for r in range(rounds):
            if time.time() > deadline:
                break
            srv = OxServer(tmp / f"srv-{what}-{r}").start()
            try:
                assert run(["push", "--to", srv.url], base).returncode == 0
                argv = (CLI + ["push", "--replace", "--to", srv.url, "--kb", str(newer)] if what == "push"
                        else CLI + ["--endpoint", srv.url] + edit)
                proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
                time.sleep(rng.uniform(0.05, max(0.1, seconds)))
                srv.kill()
                code = proc.wait(timeout=300)
                err = (proc.stderr.read() if proc.stderr else "").strip().splitlines()
                srv.start()
                got = srv.state()
                n += 1
                ok = got in (before, after) and code != 70
                leftover = srv.graphs()
                ok = ok and all(g.startswith("urn:succession-kb:staging:") for g in leftover)
                if what == "push" and leftover:  # the next push publishes and drops what the killed one left
                    ok = ok and run(["push", "--replace", "--to", srv.url], newer).returncode == 0
                    ok = ok and not srv.graphs() and srv.state() == after
                held += ok
                if not ok:
                    print(f"  {what} round {r}: exit {code} ({err[-1][:200] if err else ''}); "
                          f"{len(got - before)} triples more than before, {len(before - got)} fewer",
                          file=sys.stderr)
            finally:
                srv.kill()
        out.append((what, n, held))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="succession-kb stress suite")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--server-rounds", type=int, default=6, help="server kills per scenario (push, edit)")
    ap.add_argument("--seconds", type=float, default=1500, help="stop starting new cases after this long")
    args = ap.parse_args()
    t0 = time.time()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="succession-stress-") as t:
        tmp = Path(t)
        # each part has its share of the time, so that a slow machine still runs all three
        n, ok = kills(tmp, args.kills, t0 + 0.55 * args.seconds)
        deadline = t0 + 0.75 * args.seconds
        print(f"kills: {n} SIGKILLs of appoint/correct/add-tenure, {ok} held (before or after, valid)")
        failed += n - ok
        for width, holders, ok in editors(tmp, args.rounds, deadline):
            print(f"editors: {width} at once: {holders}/{width} appointments landed, {'held' if ok else 'FAILED'}")
            failed += not ok
        for what, n, ok in servers(tmp, args.server_rounds, t0 + 0.85 * args.seconds):
            print(f"servers: {n} SIGKILLs of an Oxigraph server during {what}, {ok} held (before or after)")
            failed += n - ok
        cases, stored, refused = hostile(tmp, t0 + args.seconds)
        print(f"hostile input: {cases} cases: {stored} stored literally and valid, {refused} refused cleanly, "
              f"{cases - stored - refused} failed")
        failed += cases - stored - refused
    print(f"{'held' if not failed else 'FAILED'}: {failed} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
