"""Benchmark: every command as a whole process, against fair floors measured in the same run.

Usage: python benchmarks/run.py [--quick] [--sizes shipped,100000,1000000] [--record]

Floors (see ../shared/PERF-NOTES.md and benchmarks/RESULTS.md):
- read floor: a script that opens a persistent pyoxigraph store read-only (``Store.read_only``), holding the
  knowledge base in the default graph, finds the office by its label and runs our own
  queries/holder-on-date.rq bound the same way. "floor + typer" is the same script with a bare
  ``import typer`` first: typer is required, so its import is part of the limit for this CLI.
- edit floor: parse every Turtle file of the knowledge base with pyoxigraph, add the edit's triples and
  rewrite the touched file (tenures.ttl) atomically; no validation, no lock, no journal.
- rdflib: parse every Turtle file with plain rdflib and run the same query (the engine the project is
  required to work with; shown for scale).

Every figure is the median of N whole-process runs: CPU seconds (user + system, the fair measure on a shared
machine), wall seconds and peak RSS. Each ratio compares CPU medians of the same run. Targets are checked
and printed ("met" / "MISSED"); --record writes benchmarks/RESULTS.md (keeping its hand-written analysis).
Synthetic knowledge bases are generated into benchmarks/data/ (git-ignored) on first use.
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
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PY = sys.executable
GENERATOR_VERSION = 3  # bump when generate.py changes: old synthetic data is regenerated
ANALYSIS_MARK = "<!-- analysis: kept by run.py --record -->"

BUILD_FLOOR = r"""
import sys, glob, pyoxigraph as ox
kb, out = sys.argv[1:3]
store = ox.Store(out)
for p in sorted(glob.glob(kb + "/*.ttl")):
    store.bulk_load(path=p, format=ox.RdfFormat.TURTLE)
store.flush()
"""

READ_FLOOR = r"""
import sys
if sys.argv[1] == "typer":
    import typer  # noqa: F401
import pyoxigraph as ox
store_dir, label, on, query = sys.argv[2:6]
store = ox.Store.read_only(store_dir)
office = next(iter(store.query(
    "SELECT ?o ?l WHERE { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
    substitutions={ox.Variable("l"): ox.Literal(label, language="en")})))["o"]
on = ox.Literal(on, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
# bound by a VALUES clause at the start of the WHERE group, as the CLI binds: Oxigraph's `substitutions` are
# applied after evaluation, 0.3 s instead of 1 ms for this query at 1M triples
text = open(query).read().replace("WHERE {", f"WHERE {{ VALUES (?office ?on) {{ ({office} {on}) }}", 1)
rows = list(store.query(text))
print(len(rows))
"""

RDFLIB = r"""
import sys, glob, rdflib
kb, label, on, query = sys.argv[1:5]
g = rdflib.Graph()
for p in sorted(glob.glob(kb + "/*.ttl")):
    g.parse(p, format="turtle")
office = next(iter(g.subjects(rdflib.RDFS.label, rdflib.Literal(label, lang="en"))))
rows = list(g.query(open(query).read(), initBindings={"office": office,
                                                      "on": rdflib.Literal(on, datatype=rdflib.XSD.date)}))
print(len(rows))
"""

EDIT_FLOOR = r"""
import os, sys, glob, pyoxigraph as ox
kb, = sys.argv[1:2]
graphs = {}
for p in sorted(glob.glob(kb + "/*.ttl")):
    graphs[p] = list(ox.parse(path=p, format=ox.RdfFormat.TURTLE))
target = os.path.join(kb, "tenures.ttl")
t = ox.NamedNode("https://w3id.org/succession-kb/id/tenure/bench/floor")
sk = "https://w3id.org/succession-kb/ontology#"
graphs[target] += [ox.Triple(t, ox.NamedNode(sk + p), ox.Literal(v)) for p, v in
                   (("start", "2026-05-01"), ("acting", "false"), ("recordedAt", "2026-05-01T00:00:00Z"))]
tmp = target + ".tmp"
with open(tmp, "wb") as fh:
    fh.write(ox.serialize(sorted(graphs[target], key=str), format=ox.RdfFormat.TURTLE))
    fh.flush()
    os.fsync(fh.fileno())
os.replace(tmp, target)
"""


# ---------------------------------------------------------------------------------------------- measuring

def measure(argv: list[str], env: dict | None = None, timeout: float = 900) -> dict:
    """One child process: wall seconds, CPU seconds (user + system), peak RSS in MiB, exit code."""
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
            return dict(wall=float("inf"), cpu=float("inf"), mem=usage.ru_maxrss / 1024, code=-9, err="timeout")
        time.sleep(0.002)
    err = proc.stderr.read().decode(errors="replace").strip().splitlines() if proc.stderr else []
    return dict(wall=time.perf_counter() - start, cpu=usage.ru_utime + usage.ru_stime, mem=usage.ru_maxrss / 1024,
                code=os.waitstatus_to_exitcode(status), err=err[-1] if err else "")


def median_of(make_argv, repeats: int, env: dict | None = None, timeout: float = 900, ok=(0,)) -> dict:
    """Medians over ``repeats`` runs; ``make_argv(i)`` gives the i-th command line (edits vary their date)."""
    runs = [measure(make_argv(i), env, timeout) for i in range(repeats)]
    bad = [r for r in runs if r["code"] not in ok]
    return dict(wall=statistics.median(r["wall"] for r in runs), cpu=statistics.median(r["cpu"] for r in runs),
                mem=max(r["mem"] for r in runs), n=repeats,
                failed=f"exit {bad[0]['code']}: {bad[0]['err'][:120]}" if bad else "")


# ---------------------------------------------------------------------------------------------- the cases

class Case:
    def __init__(self, name: str, kb: Path, office: str, person: str, other: str, on: str, query: str) -> None:
        self.name, self.kb, self.office, self.person, self.other, self.on = name, kb, office, person, other, on
        self.query = query


def synthetic(size: int) -> Path:
    out = DATA / f"kb-{size}-v{GENERATOR_VERSION}"
    if not out.is_dir():
        print(f"generating a {size:,}-triple knowledge base (once) ...", file=sys.stderr, flush=True)
        tmp = DATA / f"tmp-{size}"
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run([PY, str(ROOT / "benchmarks" / "generate.py"), str(size), str(tmp)], check=True)
        tmp.rename(out)
    return out


def case_for(size: str) -> Case:
    query = str(ROOT / "queries" / "holder-on-date.rq")
    if size == "shipped":
        return Case("shipped kb/", ROOT / "kb", "Chairman of the Majlisi Milli", "Rustam Emomali",
                    "Mahmadsaid Ubaidulloev", "2015-06-01", query)
    n = int(size)
    return Case(f"{n:,}", synthetic(n), "Office 3", "Person 5", "Person 6", "1990-01-01", query)


def batch_file(path: Path, case: Case, first: str, second: str, rows: int = 50) -> None:
    """50 appointments to one office on successive days, alternating two people (each closes the last)."""
    lines = []
    for i in range(rows):
        who = first if i % 2 == 0 else second
        lines += ["- command: appoint", f"  person: {who!r}", f"  office: {case.office!r}",
                  f"  date: '2026-03-{i % 28 + 1:02d}'" if i < 28 else f"  date: '2026-04-{i - 27:02d}'",
                  "  source: https://example.org/bench/batch"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_case(case: Case, repeats: int, args, rows: list[dict], tmp: Path) -> None:
    big = case.name == "1,000,000"
    tag = case.name.replace(",", "").replace(" kb/", "")
    console = Path(PY).parent / "succession"  # the installed command users run (its modules are byte-compiled)
    cli = [str(console)] if console.exists() else [PY, str(ROOT / "cli.py")]
    work = tmp / f"kb-{tag}"
    shutil.copytree(case.kb, work, ignore=shutil.ignore_patterns(".cache", ".lock", ".txn", "journal"))
    env = {**os.environ, "SUCCESSION_KB": str(work)}
    floor_dir = tmp / f"floor-{tag}"
    subprocess.run([PY, "-c", BUILD_FLOOR, str(work), str(floor_dir)], check=True)

    def add(command: str, r: dict, floor: str | None) -> None:
        rows.append(dict(kb=case.name, command=command, floor=floor, **r))

    add("floor: read (pyoxigraph read-only)", median_of(
        lambda i: [PY, "-c", READ_FLOOR, "-", str(floor_dir), case.office, case.on, case.query], repeats), None)
    add("floor: read + import typer", median_of(
        lambda i: [PY, "-c", READ_FLOOR, "typer", str(floor_dir), case.office, case.on, case.query], repeats), None)
    if not (args.quick and case.name != "shipped kb/"):
        add("rdflib: parse + query", median_of(
            lambda i: [PY, "-c", RDFLIB, str(work), case.office, case.on, case.query], 1 if big else 3,
            timeout=1800), None)
    # the first command builds the on-disk index: reported, then the warm calls the users repeat
    add("who-holds (first call, builds the index)", median_of(
        lambda i: cli + ["who-holds", case.office, "--on", case.on, "--format", "json"], 1, env),
        "floor: read + import typer")
    if case.name != "shipped kb/":  # two people who do not hold the office now take turns in the edits
        import json

        now = subprocess.run(cli + ["who-holds", case.office, "--format", "json"], env=env, capture_output=True,
                             text=True).stdout
        holders = {h.get("person") for h in json.loads(now or "[]")} if now.strip().startswith("[") else set()
        case.person, case.other = [p for p in ("Person 5", "Person 6", "Person 7", "Person 8")
                                   if p not in holders][:2]
    reads = {
        "who-holds": ["who-holds", case.office, "--on", case.on, "--format", "json"],
        "history": ["history", case.office, "--format", "json"],
        "person": ["person", case.person, "--format", "json"],
        "line-of-succession": ["line-of-succession", case.office, "--on", case.on, "--format", "json"],
        "search": ["search", case.person.split()[-1] if case.name == "shipped kb/" else case.person],
    }
    for name, argv in reads.items():
        add(name, median_of(lambda i, a=argv: cli + a, repeats, env), "floor: read + import typer")
    add("export --format ttl", median_of(
        lambda i: cli + ["export", "--format", "ttl", "--out", str(tmp / f"export-{i}.ttl")],
        2 if big else repeats, env), "floor: read + import typer")
    if not big and not (args.quick and case.name != "shipped kb/"):
        add("validate", median_of(lambda i: cli + ["validate"], 1 if case.name != "shipped kb/" else 3, env,
                                  timeout=1800), "floor: read + import typer")
    if case.name == "shipped kb/":
        add("report", median_of(lambda i: cli + ["report", "--out", str(tmp / f"report-{i}")],
                                1 if args.quick else 3, env), "export --format ttl")
    # edits, on the working copy (its index is warm from the reads above)
    edit_copy = tmp / f"edit-floor-{tag}"
    add("floor: edit (parse all + rewrite one file)", median_of(
        lambda i: (shutil.rmtree(edit_copy, ignore_errors=True), shutil.copytree(work, edit_copy,
                   ignore=shutil.ignore_patterns(".cache", ".lock", "journal")),
                   [PY, "-c", EDIT_FLOOR, str(edit_copy)])[-1], repeats), None)
    appoint = ["appoint", case.other, case.office, "--source", "https://example.org/bench"]
    add("appoint --dry-run", median_of(lambda i: cli + appoint + ["--date", f"2026-01-{i + 1:02d}", "--dry-run"],
                                       repeats, env), "floor: edit (parse all + rewrite one file)")
    # real appointments alternate two people so that each one closes the last
    add("appoint", median_of(lambda i: cli + ["appoint", case.other if i % 2 == 0 else case.person, case.office,
                                              "--source", "https://example.org/bench",
                                              "--date", f"2026-02-{i + 1:02d}"], repeats, env),
        "floor: edit (parse all + rewrite one file)")
    batch = tmp / f"batch-{tag}.yaml"
    last = case.other if repeats % 2 == 1 else case.person  # who holds the office after the appoints
    batch_file(batch, case, case.person if last == case.other else case.other, last)
    add("apply (50-edit batch)", median_of(lambda i: cli + ["apply", str(batch)], 1, env), "appoint")


# ---------------------------------------------------------------------------------------------- reporting

def table(rows: list[dict]) -> str:
    lines = ["| knowledge base | command | runs | CPU s (median) | wall s (median) | peak RSS MiB | CPU / its floor |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = ""
        if r["floor"]:
            f = find(rows, r["kb"], r["floor"])
            ratio = f"{r['cpu'] / f['cpu']:.2f}x {short(r['floor'])}" if f and f["cpu"] else ""
        what = r["command"] + (f" (FAILED: {r['failed']})" if r["failed"] else "")
        lines.append(f"| {r['kb']} | {what} | {r['n']} | {r['cpu']:.3f} | {r['wall']:.3f} | {r['mem']:.0f} | {ratio} |")
    return "\n".join(lines)


def short(floor: str) -> str:
    return {"floor: read + import typer": "read floor+typer", "floor: edit (parse all + rewrite one file)":
            "edit floor", "export --format ttl": "export", "appoint": "one appoint"}.get(floor, floor)


def find(rows: list[dict], kb: str, command: str) -> dict | None:
    return next((r for r in rows if r["kb"] == kb and r["command"] == command), None)


def verdicts(rows: list[dict]) -> list[str]:
    out: list[str] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    kbs = list(dict.fromkeys(r["kb"] for r in rows))
    for kb in kbs:
        floor = find(rows, kb, "floor: read + import typer")
        if not floor:
            continue
        for cmd in ("who-holds", "history", "person", "line-of-succession"):
            r = find(rows, kb, cmd)
            if r:
                cpu, mem = r["cpu"] / floor["cpu"], r["mem"] / floor["mem"]
                out.append(f"{kb}: {cmd} CPU {cpu:.2f}x the read floor + typer (target <= 1.25x): {verdict(cpu <= 1.25)};"
                           f" peak memory {mem:.2f}x (target <= 1.5x): {verdict(mem <= 1.5)}")
    small, large = find(rows, "shipped kb/", "appoint"), find(rows, "1,000,000", "appoint")
    if small and large:
        x = large["cpu"] / small["cpu"]
        out.append(f"appoint at 1M: {x:.2f}x appoint at the shipped size (target <= 3x): {verdict(x <= 3)}; "
                   f"peak {large['mem']:.0f} MiB (target < 1536): {verdict(large['mem'] < 1536)}")
    one, batch = find(rows, "100,000", "appoint"), find(rows, "100,000", "apply (50-edit batch)")
    if one and batch:
        x = batch["cpu"] / one["cpu"]
        out.append(f"50-edit batch at 100k: {x:.2f}x one appoint (target <= 5x): {verdict(x <= 5)}")
    v, floor = find(rows, "shipped kb/", "validate"), find(rows, "shipped kb/", "floor: read + import typer")
    if v and floor:
        x = v["cpu"] / floor["cpu"]
        out.append(f"validate on the shipped kb: {x:.1f}x the read floor + typer (target <= 10x): {verdict(x <= 10)}")
    rep, exp = find(rows, "shipped kb/", "report"), find(rows, "shipped kb/", "export --format ttl")
    if rep and exp:
        x = rep["cpu"] / exp["cpu"]
        out.append(f"report on the shipped kb: {x:.1f}x export --format ttl (target <= 10x): {verdict(x <= 10)}")
    failed = [f"{r['kb']} {r['command']}: {r['failed']}" for r in rows if r["failed"]]
    out += [f"FAILED: {f}" for f in failed]
    return out


def record(text: str, lines: list[str], seconds: float, args) -> None:
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pyoxigraph", "rdflib", "pyshacl", "typer"))
    try:
        cpu = next(x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                   if x.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    analysis = old.split(ANALYSIS_MARK, 1)[1] if ANALYSIS_MARK in old else "\n"
    RESULTS.write_text(
        f"# Benchmark results\n\nRecorded {dt.date.today()} by `make bench{' -- --quick' if args.quick else ''}` "
        f"in {seconds:.0f} s on {platform.machine()}, {os.cpu_count()} cores ({cpu}), Linux "
        f"{platform.release()}, Python {platform.python_version()}; {versions}. Floors and method: the "
        f"docstring of benchmarks/run.py. CPU and wall are medians of whole-process runs; ratios compare CPU "
        f"medians of the same run.\n\n{text}\n\n## Targets\n\n" + "\n".join(f"- {x}" for x in lines)
        + f"\n\n{ANALYSIS_MARK}{analysis}", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=None, help="comma-separated: shipped and/or triple counts "
                                                   "(default shipped,100000,1000000; --quick: shipped,100000)")
    ap.add_argument("--quick", action="store_true", help="fewer sizes and runs (for CI), about 2 minutes")
    ap.add_argument("--record", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args()
    sizes = (args.sizes or ("shipped,100000" if args.quick else "shipped,100000,1000000")).split(",")
    # byte-compile the project as an installed package is (pip compiles what it installs; an editable
    # install does not, and PYTHONDONTWRITEBYTECODE, set on some machines, stops Python doing it on import):
    # otherwise every CLI run pays ~30 ms compiling cli.py and the library, which no floor pays
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "succession"), str(ROOT / "cli.py")], check=True)
    rows: list[dict] = []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="succession-bench-") as tmp:
        for size in sizes:
            case = case_for(size.strip())
            repeats = 3 if args.quick or case.name == "1,000,000" else 5
            run_case(case, repeats, args, rows, Path(tmp))
            print(f"... {case.name} done after {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    text = table(rows)
    lines = verdicts(rows)
    print(text)
    print()
    for x in lines:
        print(x)
    if args.record:
        record(text, lines, time.time() - started, args)
    return 1 if any(x.startswith("FAILED") for x in lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
