"""`make stress`: faults and hostile input against the real CLI, bounded in time, counts printed.

1. kills: `appoint`, `correct` and `add-tenure` processes SIGKILLed at random moments; after each, the
   knowledge base is exactly as before or exactly as after that edit (record times aside), validates,
   and never holds a half-written transaction;
2. editors: 2, 4 and 8 processes appointing at once, for several rounds: every edit lands (nothing lost),
   the chain stays valid;
3. hostile input: every text argument of every edit command fed quotes, braces, triple quotes, line
   breaks, RTL and zero-width characters, emoji, 100 kB strings, SPARQL and Turtle keywords: either a
   one-line refusal (exit 2) with byte-identical files, or the literal text stored and `validate` passing;
   never exit 70.

Usage: python benchmarks/stress.py [--kills N] [--rounds N] [--seconds S]
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
}


def hostile(tmp: Path, deadline: float) -> tuple[int, int, int]:
    cases = stored = refused = 0
    kb = fresh(tmp, "hostile")
    for name, build in TEXT_ARGS.items():
        for text in HOSTILE:
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
                if run(["validate"], kb).returncode == 0:
                    stored += 1
                else:
                    print(f"  {name} {text[:20]!r}: stored but validate fails", file=sys.stderr)
            elif r.returncode in (1, 2) and now == before and r.stderr.count("\n") == 1:
                refused += 1
            else:
                print(f"  {name} {text[:20]!r}: exit {r.returncode}, files changed={now != before}", file=sys.stderr)
    return cases, stored, refused


def main() -> int:
    ap = argparse.ArgumentParser(description="succession-kb stress suite")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
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
        cases, stored, refused = hostile(tmp, t0 + args.seconds)
        print(f"hostile input: {cases} cases: {stored} stored literally and valid, {refused} refused cleanly, "
              f"{cases - stored - refused} failed")
        failed += cases - stored - refused
    print(f"{'held' if not failed else 'FAILED'}: {failed} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
