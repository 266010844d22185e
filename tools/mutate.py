"""Mutation testing for the modules and queries the domain lives on (`make mutate`).

Each mutant is one small change that a real bug could make: a flipped comparison (`<` for `<=`,
`>=` for `>`), `and` for `or`, a dropped `not`, a number off by one, `True` for `False`, a removed
`raise` or call statement in Python; in SPARQL a flipped comparison, `||` for `&&`, `EXISTS` for
`NOT EXISTS`, a dropped `!`, and the imprecise-date bound `"~"` emptied. A mutant is *killed* when
the tests that exercise its file fail with it in place (a mutant that runs past the time limit counts
as killed, as in mutmut: a hang is a failure). The score is killed / all mutants tried; nothing is
marked "equivalent" by hand, so the score is a lower bound.

Why not mutmut itself: mutmut 3 selects tests per mutated *function* by running the whole suite once
under its trampoline and then runs every covering test for each survivor; functions such as
`parse_date` are covered by nearly every test, so one survivor costs the whole 3-minute suite, and
it cannot mutate `.rq` files at all. This runner mutates both, orders each file's tests fast-first,
stops at the first failure, runs mutants in parallel in private copies of the repository, and samples
a fixed number of mutants per target with a fixed seed so a run is reproducible and bounded.

    python tools/mutate.py                      # the default sample, prints the score per target
    python tools/mutate.py --sample 0           # every mutant (hours on two cores)
    python tools/mutate.py --targets dates --list
    python tools/mutate.py --json v.json; (add tests); python tools/mutate.py --recheck v.json --json v2.json
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Target -> (files mutated, the tests run against them: fast, specific sweeps first, then the fast
# files of the suite; pytest's -x stops at the first failure, so a killed mutant costs seconds).
_RULES_WORLD = ["tests/test_succession_rules.py", "-k", "not every_month and not real_kb and not replays"]
TARGETS: dict[str, tuple[list[str], list[str]]] = {
    "dates": (["succession/dates.py"], ["tests/test_units.py", "tests/test_queries.py"]),
    "resolve": (["succession/resolve.py"], ["tests/test_units.py", "tests/test_cli_read.py"]),
    "edit": (["succession/edit.py"], ["tests/test_units.py", "tests/test_newsroom.py", *_RULES_WORLD]),
    "kb": (["succession/kb.py"], ["tests/test_units.py", "tests/test_cache.py", "tests/test_hostile.py", "-k",
                                  "commit or marker or deleted or unlisted or adds_a_file or index or hand_edit or "
                                  "full_disk or cache or units or batch_on_the_index",
                                  "tests/test_writer_and_incremental.py"]),
    "validate": (["succession/validate.py"], ["tests/test_units.py", "tests/test_validate.py"]),
    "coverage": (["succession/coverage.py"], ["tests/test_units.py", "tests/test_facts.py"]),
    "queries": (sorted(str(p.relative_to(ROOT)) for p in (ROOT / "queries").rglob("*.rq")),
                ["tests/test_units.py", "tests/test_queries.py", "tests/test_validate.py", "tests/test_cli_read.py"]),
}

_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    what: str
    index: int  # the n-th mutation site of this kind in the file (for Python) / char offset (for SPARQL)

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"


# -- Python -------------------------------------------------------------------------------------------

def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                ids.add(id(first))
    return ids


def _sites(tree: ast.AST):
    """Every mutation site in walk order: (node, kind, detail, line)."""
    skip = _docstring_nodes(tree)
    annotations = set()
    for node in ast.walk(tree):
        for ann in _annotations(node):
            for sub in ast.walk(ann):
                annotations.add(id(sub))
    for node in ast.walk(tree):
        if id(node) in annotations:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _FLIP:
                    yield node, "compare", i, node.lineno, f"{type(op).__name__} -> {_FLIP[type(op)].__name__}"
        elif isinstance(node, ast.BoolOp):
            yield node, "boolop", 0, node.lineno, f"{type(node.op).__name__} -> {'Or' if isinstance(node.op, ast.And) else 'And'}"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not", 0, node.lineno, "drop `not`"
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield node, "bool", 0, node.lineno, f"{node.value} -> {not node.value}"
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield node, "int", 0, node.lineno, f"{node.value} -> {node.value + 1}"
        elif isinstance(node, ast.Raise) and id(node) not in skip:
            yield node, "raise", 0, node.lineno, "drop `raise`"
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and id(node) not in skip:
            yield node, "call", 0, node.lineno, "drop call statement"
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            yield node, "return", 0, node.lineno, "return None"


def _annotations(node: ast.AST):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args
        for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if a is not None and a.annotation is not None:
                yield a.annotation
        if node.returns is not None:
            yield node.returns
    elif isinstance(node, ast.AnnAssign):
        yield node.annotation


def python_mutants(path: str) -> list[Mutant]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return [Mutant(path, line, what, n) for n, (_node, _kind, _i, line, what) in enumerate(_sites(tree))]


def python_apply(source: str, mutant: Mutant) -> str:
    tree = ast.parse(source)
    for n, (node, kind, i, _line, _what) in enumerate(_sites(tree)):
        if n != mutant.index:
            continue
        if kind == "compare":
            node.ops[i] = _FLIP[type(node.ops[i])]()
        elif kind == "boolop":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif kind == "not":
            _replace(tree, node, node.operand)
        elif kind == "bool":
            node.value = not node.value
        elif kind == "int":
            node.value = node.value + 1
        elif kind in ("raise", "call"):
            _replace(tree, node, ast.Pass())
        elif kind == "return":
            node.value = ast.Constant(None)
        return ast.unparse(ast.fix_missing_locations(tree))
    raise ValueError(f"no site {mutant.index} in {mutant.file}")


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list):
                for k, item in enumerate(value):
                    if item is old:
                        value[k] = new
                        return
    raise ValueError("node not found")


# -- SPARQL -------------------------------------------------------------------------------------------

_RQ_RULES = [
    (re.compile(r"(?<=\s)<=(?=\s)"), "<", "<= -> <"),
    (re.compile(r"(?<=\s)>=(?=\s)"), ">", ">= -> >"),
    (re.compile(r"(?<=\s)<(?=\s)"), "<=", "< -> <="),
    (re.compile(r"(?<=\s)>(?=\s)"), ">=", "> -> >="),
    (re.compile(r"(?<=\s)!=(?=\s)"), "=", "!= -> ="),
    (re.compile(r"(?<=\s)=(?=\s)"), "!=", "= -> !="),
    (re.compile(r"&&"), "||", "&& -> ||"),
    (re.compile(r"\|\|"), "&&", "|| -> &&"),
    (re.compile(r"\bNOT EXISTS\b"), "EXISTS", "NOT EXISTS -> EXISTS"),
    (re.compile(r"!(?=[A-Za-z(?])"), "", "drop `!`"),
    (re.compile(r'"~"'), '""', 'imprecise bound "~" -> ""'),
]


def _rq_sites(text: str):
    code = _mask_comments_and_iris(text)
    for pattern, repl, what in _RQ_RULES:
        for m in pattern.finditer(code):
            yield m.start(), m.end(), repl, what


def _mask_comments_and_iris(text: str) -> str:
    """Blank out comments and <IRIs> (same length) so that operators are found only in code."""
    out = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), text)
    return re.sub(r"<[^\s<>]*>", lambda m: " " * len(m.group()), out)


def rq_mutants(path: str) -> list[Mutant]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return [Mutant(path, text.count("\n", 0, start) + 1, what, start) for start, _e, _r, what in _rq_sites(text)]


def rq_apply(text: str, mutant: Mutant) -> str:
    for start, end, repl, what in _rq_sites(text):
        if start == mutant.index and what == mutant.what:
            return text[:start] + repl + text[end:]
    raise ValueError(f"no site at {mutant.index} in {mutant.file}")


def mutants_of(path: str) -> list[Mutant]:
    return rq_mutants(path) if path.endswith(".rq") else python_mutants(path)


def apply(text: str, mutant: Mutant) -> str:
    return rq_apply(text, mutant) if mutant.file.endswith(".rq") else python_apply(text, mutant)


# -- running -------------------------------------------------------------------------------------------

def _copy_repo(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for raw in files:
        if not raw:
            continue
        rel = raw.decode()
        src = ROOT / rel
        if not src.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    # tests added but not yet committed run too
    for extra in (ROOT / "tests").glob("*.py"):
        shutil.copy2(extra, dest / "tests" / extra.name)


def run_mutant(workdir: Path, mutant: Mutant, tests: list[str], timeout: float) -> tuple[str, float, str]:
    target = workdir / mutant.file
    original = target.read_text(encoding="utf-8")
    target.write_text(apply(original, mutant), encoding="utf-8")
    cache = workdir / "kb" / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(workdir), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
           "-o", "addopts=", "--no-header", "-W", "ignore", *tests]
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout)
        verdict = "survived" if proc.returncode == 0 else "killed"
        failed = next((ln for ln in proc.stdout.splitlines() if ln.startswith("FAILED") or ln.startswith("ERROR")), "")
        if proc.returncode not in (0, 1):
            failed = failed or f"pytest exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        verdict, failed = "timeout", ""
    finally:
        target.write_text(original, encoding="utf-8")
    return verdict, time.monotonic() - t0, failed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    ap.add_argument("--sample", type=int, default=25, help="mutants per target (0 = all)")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds per mutant before it counts as killed")
    ap.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    ap.add_argument("--json", type=Path, help="write every verdict to this file")
    ap.add_argument("--recheck", type=Path, help="the --json file of an earlier run of the same sample: run only its "
                                                 "survivors again (after new tests), keep its other verdicts")
    args = ap.parse_args(argv)

    chosen: list[tuple[str, Mutant]] = []
    for name in args.targets.split(","):
        files, _tests = TARGETS[name]
        every = [m for f in files for m in mutants_of(f)]
        rng = random.Random(f"{args.seed}:{name}")
        picked = every if args.sample == 0 else rng.sample(every, min(args.sample, len(every)))
        print(f"{name}: {len(every)} mutants, trying {len(picked)}")
        chosen += [(name, m) for m in sorted(picked, key=lambda m: (m.file, m.line, m.index))]
    earlier: list[dict] = []
    if args.recheck:
        try:
            earlier = json.loads(args.recheck.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: cannot read {args.recheck}: {exc}", file=sys.stderr)
            return 2
        wanted = set(args.targets.split(","))
        earlier = [r for r in earlier if r.get("target") in wanted]
        names = {m.name for _, m in chosen}
        stale = [r["mutant"] for r in earlier if r["mutant"] not in names]
        if stale or len(earlier) != len(chosen):
            print(f"error: {args.recheck} is not a run of this sample (the files, seed or size changed; "
                  f"e.g. {(stale or ['a different count'])[0]}): run the whole sample", file=sys.stderr)
            return 2
        again = {r["mutant"] for r in earlier if r["verdict"] == "survived"}
        earlier = [r for r in earlier if r["mutant"] not in again]
        chosen = [(name, m) for name, m in chosen if m.name in again]
        print(f"rechecking {len(chosen)} survivor(s) of {args.recheck}; keeping {len(earlier)} earlier verdict(s)")
    if args.list:
        for name, m in chosen:
            print(f"  [{name}] {m.name}")
        return 0

    base = Path(tempfile.mkdtemp(prefix="mutate-"))
    workdirs = []
    for j in range(args.jobs):
        wd = base / f"w{j}"
        _copy_repo(wd)
        workdirs.append(wd)
    free = list(workdirs)
    results: list[dict] = list(earlier)
    t_start = time.monotonic()

    def job(item):
        name, m = item
        wd = free.pop()
        try:
            verdict, secs, failed = run_mutant(wd, m, TARGETS[name][1], args.timeout)
        finally:
            free.append(wd)
        row = {"target": name, "mutant": m.name, "verdict": verdict, "seconds": round(secs, 1), "killed_by": failed}
        results.append(row)
        mark = {"killed": "killed  ", "timeout": "timeout ", "survived": "SURVIVED"}[verdict]
        print(f"{mark} {secs:6.1f}s [{name}] {m.name}" + (f"  <- {failed[:90]}" if failed else ""), flush=True)
        return row

    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(job, chosen))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print(f"\n== mutation score (seed {args.seed}, {time.monotonic() - t_start:.0f} s)")
    total_k = total = 0
    for name in args.targets.split(","):
        rows = [r for r in results if r["target"] == name]
        k = sum(r["verdict"] != "survived" for r in rows)
        total_k += k
        total += len(rows)
        if rows:
            print(f"  {name:9s} {k:3d}/{len(rows):3d} killed  {100 * k / len(rows):5.1f}%")
    score = 100 * total_k / total if total else 0.0
    print(f"  {'all':9s} {total_k:3d}/{total:3d} killed  {score:5.1f}%")
    survivors = [r["mutant"] for r in results if r["verdict"] == "survived"]
    if survivors:
        print("survivors:\n  " + "\n  ".join(sorted(survivors)))
    if args.json:
        args.json.write_text(json.dumps(sorted(results, key=lambda r: r["mutant"]), indent=1) + "\n", encoding="utf-8")
    return 0 if score >= 80.0 else 1


if __name__ == "__main__":
    sys.exit(main())
