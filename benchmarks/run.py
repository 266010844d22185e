"""Benchmark: whole-process wall time and peak memory of the CLI against two baselines doing the same
work in the same run — a minimal pyoxigraph script and a minimal plain-rdflib script (load the
Turtle, answer "who held office X on date D").

Usage: python benchmarks/run.py [--sizes 10000,100000,1000000] [--record]
Prints a table of medians and ratios (ours / baseline) and says plainly which targets are missed.
--record also writes benchmarks/RESULTS.md. Synthetic knowledge bases are generated once into
benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
PY = sys.executable

BASELINE_OX = r"""
import sys, glob, pyoxigraph as ox
kb, office, on, query = sys.argv[1:5]
store = ox.Store()
for p in sorted(glob.glob(kb + "/*.ttl")):
    store.load(path=p, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:f:" + p))
text = open(query).read()
subs = {ox.Variable("office"): ox.NamedNode(office),
        ox.Variable("on"): ox.Literal(on, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))}
rows = list(store.query(text, substitutions=subs, use_default_graph_as_union=True))
print(len(rows))
"""

BASELINE_RDFLIB = r"""
import sys, glob, rdflib
kb, office, on, query = sys.argv[1:5]
g = rdflib.Graph()
for p in sorted(glob.glob(kb + "/*.ttl")):
    g.parse(p, format="turtle")
text = open(query).read()
rows = list(g.query(text, initBindings={"office": rdflib.URIRef(office),
                                         "on": rdflib.Literal(on, datatype=rdflib.XSD.date)}))
print(len(rows))
"""


def measure(argv: list[str], env: dict | None = None, timeout: float = 600) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return float("inf"), usage.ru_maxrss / 1024, -9
        time.sleep(0.002)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def median_of(argv, repeats, env=None, timeout=600):
    runs = [measure(argv, env, timeout) for _ in range(repeats)]
    codes = {r[2] for r in runs}
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), codes


def kb_for(size: int) -> Path:
    out = DATA / f"kb-{size}"
    if not out.is_dir():
        print(f"generating a {size:,}-triple knowledge base ...", file=sys.stderr, flush=True)
        tmp = DATA / f"tmp-{size}"
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run([PY, str(ROOT / "benchmarks" / "generate.py"), str(size), str(tmp)], check=True)
        tmp.rename(out)
    return out


def run_case(name: str, kb: Path, office: str, office_label: str, person: str, on: str, repeats: int,
             rdflib_repeats: int, appoint: bool, rows: list[dict]) -> None:
    cli = [PY, str(ROOT / "cli.py")]
    query = str(ROOT / "queries" / "holder-on-date.rq")
    env = {**os.environ, "SUCCESSION_KB": str(kb)}
    ox_t, ox_m, _ = median_of([PY, "-c", BASELINE_OX, str(kb), office, on, query], repeats)
    rl_t, rl_m, _ = (median_of([PY, "-c", BASELINE_RDFLIB, str(kb), office, on, query], rdflib_repeats, timeout=900)
                     if rdflib_repeats else (float("nan"), float("nan"), set()))
    rows.append(dict(kb=name, command="baseline: pyoxigraph script", t=ox_t, mem=ox_m, ox=1.0, rl=ox_t / rl_t))
    rows.append(dict(kb=name, command="baseline: rdflib script", t=rl_t, mem=rl_m, ox=rl_t / ox_t, rl=1.0))
    # the first call may build the on-disk index; report it, then the repeated (warm) calls
    cold = measure(cli + ["who-holds", office_label, "--on", on, "--format", "json"], env)
    rows.append(dict(kb=name, command="who-holds (first call)", t=cold[0], mem=cold[1], ox=cold[0] / ox_t,
                     rl=cold[0] / rl_t))
    commands = {
        "who-holds": ["who-holds", office_label, "--on", on, "--format", "json"],
        "history": ["history", office_label, "--format", "json"],
        "person": ["person", person, "--format", "json"],
        "line-of-succession": ["line-of-succession", office_label, "--on", on, "--format", "json"],
    }
    for cmd, args in commands.items():
        t, mem, codes = median_of(cli + args, repeats, env)
        rows.append(dict(kb=name, command=cmd + ("" if codes == {0} else f" (exit {codes})"), t=t, mem=mem,
                         ox=t / ox_t, rl=t / rl_t))
    if appoint:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "kb"
            shutil.copytree(kb, copy, ignore=shutil.ignore_patterns(".cache", ".lock"))
            e2 = {**os.environ, "SUCCESSION_KB": str(copy)}
            base = ["appoint", person, office_label, "--source", "https://example.org/bench"]
            for cmd, extra in (("appoint --dry-run", ["--date", "2199-01-01", "--dry-run"]),
                               ("appoint", ["--date", "2199-01-02"])):
                t, mem, code = measure(cli + base + extra, e2, timeout=300)
                rows.append(dict(kb=name, command=cmd + ("" if code == 0 else f" (exit {code})"), t=t, mem=mem,
                                 ox=t / ox_t, rl=t / rl_t))


def table(rows: list[dict]) -> str:
    lines = ["| knowledge base | command | median wall (s) | peak RSS (MiB) | / pyoxigraph | / rdflib |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['kb']} | {r['command']} | {r['t']:.3f} | {r['mem']:.0f} | {r['ox']:.2f}x | "
                     f"{r['rl']:.3f}x |")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    out = []

    def get(kb, cmd):
        return next((r for r in rows if r["kb"] == kb and r["command"] == cmd), None)

    r = get("shipped kb/", "who-holds")
    if r:
        out.append(f"who-holds on shipped kb/: {r['ox']:.2f}x the pyoxigraph script (target <= 1.5x): "
                   + ("met" if r["ox"] <= 1.5 else "MISSED"))
    r = get("1,000,000", "who-holds")
    if r:
        limit = max(1.5 * (r["t"] / r["ox"]), 0.5)
        out.append(f"repeated who-holds on 1M: {r['t']:.2f} s (target <= {limit:.2f} s): "
                   + ("met" if r["t"] <= limit else "MISSED"))
        out.append(f"repeated who-holds on 1M vs rdflib: {1 / r['rl']:.0f}x faster (target >= 20x): "
                   + ("met" if 1 / r["rl"] >= 20 else "MISSED"))
        worst = max(x["mem"] for x in rows if x["kb"] == "1,000,000" and not x["command"].startswith(("baseline",
                                                                                                    "appoint")))
        out.append(f"peak memory of read commands on 1M: {worst:.0f} MiB (target < 1024): "
                   + ("met" if worst < 1024 else "MISSED"))
    a = get("1,000,000", "appoint")
    if a:
        out.append(f"appoint on 1M: {a['t']:.1f} s (target <= 3 s, validation included): "
                   + ("met" if a["t"] <= 3 else "MISSED"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--record", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args()
    rows: list[dict] = []
    started = time.time()
    run_case("shipped kb/", ROOT / "kb", "https://w3id.org/succession-kb/id/office/chairman-of-the-majlisi-milli",
             "Chairman of the Majlisi Milli", "Rustam Emomali", "2015-06-01", 7, 3, True, rows)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        kb = kb_for(size)
        big = size >= 1_000_000
        run_case(f"{size:,}", kb, "https://w3id.org/succession-kb/id/office/office-3", "Office 3", "Person 5",
                 "1990-01-01", 3 if big else 5, 1 if big else 3, True, rows)
        print(f"... {size:,} done after {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    text = table(rows)
    print(text)
    for v in verdicts(rows):
        print(v)
    if args.record:
        versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pyoxigraph", "rdflib", "pyshacl", "typer"))
        (ROOT / "benchmarks" / "RESULTS.md").write_text(
            f"# Benchmark results\n\nRecorded {dt.date.today()} on {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; {versions}. Whole-process wall time (median) and peak RSS; "
            f"ratios are ours / baseline in the same run.\n\nReproduce: `make bench` (or "
            f"`.venv/bin/python benchmarks/run.py --record`).\n\n{text}\n\n"
            + "\n".join(f"- {v}" for v in verdicts(rows)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
