"""Batch files for ``apply``: one edit a row, the same fields as the edit commands.

A batch is YAML (a list of mappings, or a mapping with ``edits:``) or CSV (a header row). Each row
names its ``command`` (``appoint``, ``add-person``, ...) and that command's options, spelled as on
the command line without the dashes (``source``, ``source-title`` or ``source_title``, ``date``, ...).
List-valued options (``alias``, ``native``, ``holder``) take a YAML list, or in CSV several values
separated by ``|``. The whole batch is validated as the knowledge base would be after all of it and
written all or nothing (:meth:`succession.edit.Editor.batch`); an error names the row.
"""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .edit import Editor, EditResult, SourceInfo
from .errors import InputError

MAX_ROWS = 100_000

# command -> (positional fields, list fields, int fields, bool fields)
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "appoint": (("person", "office"), (), (), ("acting",)),
    "end-tenure": (("person", "office"), (), (), ()),
    "add-person": (("name",), ("alias", "native"), (), ()),
    "add-office": (("name",), ("alias",), ("seats",), ("post-only",)),
    "relate": (("person", "relation", "relative"), (), (), ()),
    "add-tenure": (("person", "office"), (), (), ("acting",)),
    "add-claim": (("person", "office"), (), (), ()),
    "correct": (("person",), ("set",), (), ("not-a-hand-over",)),
    "add-edition": (("title",), ("alias",), (), ()),
    "add-rule": (("vacant", "acting"), (), ("order",), ()),
    "end-rules": (("edition",), (), ("order",), ("whole-edition",)),
    "amend-rule": (("rule",), ("set",), (), ()),
    "abolish-office": (("office",), (), (), ()),
    "restore-office": (("office",), (), (), ()),
    "rename": (("target",), (), (), ()),
    "verify": (("office",), ("holder",), (), ("vacant",)),
    "attest": (("office",), (), (), ()),
    "cite": (("target",), (), (), ()),
    "add-alt-date": (("target",), (), (), ()),
    "add-gap": (("office",), (), (), ()),
    "correct-office": (("office",), ("set",), (), ()),
    "merge-person": (("keep", "drop"), (), (), ()),
    "correct-note": (("target",), (), (), ()),
    "add-election": ((), (), (), ("scheduled",)),
    "add-term-rule": (("office",), (), ("years",), ()),
}
SOURCE_FIELDS = ("source", "source-title", "publisher", "published")
MAX_BATCH_BYTES = 64 * 1024 * 1024  # a day's edits are kilobytes; a larger file is a mistake


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a batch file, with field names normalised to the command-line spelling."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a device, a FIFO or a folder: never read without end
            raise InputError(f"batch file is not a regular file: {path}")
        if st.st_size > MAX_BATCH_BYTES:
            raise InputError(f"batch file too large: {path} ({st.st_size} bytes; at most {MAX_BATCH_BYTES})")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"batch file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read batch file {path}: {exc}") from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        rows: list[Any] = [{k: v for k, v in r.items() if k is not None and v not in (None, "")} for r in reader]
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0] if str(exc) else "syntax error"
            raise InputError(f"{path}: not valid YAML: {first}") from None
        if isinstance(data, dict) and "edits" in data:
            data = data["edits"]
        if not isinstance(data, list):
            raise InputError(f"{path}: expected a list of edits (or a mapping with 'edits:')")
        rows = data
    if len(rows) > MAX_ROWS:
        raise InputError(f"{path}: {len(rows)} rows; at most {MAX_ROWS} in one batch")
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise InputError(f"row {i}: expected a mapping of fields, got {type(row).__name__}")
        out.append({str(k).strip().replace("_", "-"): v for k, v in row.items()})
    return out


def _text(row: dict, name: str, i: int) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, bool | dict | list):
        raise InputError(f"row {i}: {name} must be text, not {type(value).__name__}")
    return str(value)


def operation(editor: Editor, row: dict[str, Any], i: int) -> Callable[[], EditResult]:
    """One row as a callable that runs its edit on ``editor``."""
    command = row.get("command")
    if command not in COMMANDS:
        raise InputError(f"row {i}: unknown command {command!r}: expected one of {', '.join(COMMANDS)}")
    positional, lists, ints, bools = COMMANDS[command]
    known = {"command", *positional, *lists, *ints, *bools, *SOURCE_FIELDS, *_OPTIONS.get(command, ())}
    unknown = sorted(set(row) - known)
    if unknown:
        raise InputError(f"row {i}: unknown field(s) for {command}: {', '.join(unknown)}")
    args: dict[str, Any] = {}
    for name in row:
        if name in ("command", *SOURCE_FIELDS):
            continue
        value = row[name]
        if name in lists:
            if isinstance(value, str):
                value = [v.strip() for v in value.split("|") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
                raise InputError(f"row {i}: {name} must be a list of text")
            args[name] = [str(v) for v in value]
        elif name in ints:
            try:
                args[name] = int(str(value))
            except ValueError:
                raise InputError(f"row {i}: {name} must be a whole number, not {value!r}") from None
        elif name in bools:
            if isinstance(value, str):
                if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
                    raise InputError(f"row {i}: {name} must be true or false, not {value!r}")
                value = value.lower() in ("true", "yes", "1")
            if not isinstance(value, bool):
                raise InputError(f"row {i}: {name} must be true or false")
            args[name] = value
        else:
            args[name] = _text(row, name, i)
    for name in positional:
        if command == "rename" and name == "target":
            pass
        if not args.get(name):
            raise InputError(f"row {i}: {command} needs {name}")
    try:
        src = SourceInfo.make(_text(row, "source", i), _text(row, "source-title", i), _text(row, "publisher", i),
                              _text(row, "published", i))
    except InputError as exc:
        raise InputError(f"row {i}: {exc}") from None
    return _BINDERS[command](editor, args, src)


_OPTIONS: dict[str, tuple[str, ...]] = {
    "appoint": ("date", "mode", "legal-basis", "outgoing-reason"),
    "end-tenure": ("date", "reason"),
    "add-person": ("born", "died", "wikidata"),
    "add-office": ("kind", "country", "city", "region", "body", "established", "replaces", "wikidata"),
    "relate": (),
    "add-tenure": ("start", "end", "mode", "exit-reason", "legal-basis"),
    "add-claim": ("statement", "claimant", "date", "stage", "confidence"),
    "correct": ("office", "start", "reason"),
    "add-edition": ("country", "kind", "in-force", "adopted", "until", "replaces"),
    "add-rule": ("order", "edition", "from", "in-force-by", "until", "article", "designation", "note"),
    "end-rules": ("on", "office"),
    "amend-rule": ("reason",),
    "abolish-office": ("date", "replaced-by"),
    "restore-office": ("date", "reason"),
    "rename": ("new-name", "date", "kind", "former", "since"),
    "verify": ("on", "note"),
    "attest": ("holder", "on", "note"),
    "cite": (),
    "add-alt-date": ("field", "date", "note"),
    "add-gap": ("from", "to", "start", "end", "reason"),  # from/to as on the command line; start/end as before
    "correct-office": ("reason",),
    "merge-person": ("reason",),
    "correct-note": ("note", "reason"),
    "add-election": ("office", "date", "kind", "country", "winner", "share", "edition", "title", "note"),
    "add-term-rule": ("limit", "edition", "from", "until", "applies-to", "article", "note"),
}


def _correct(e: Editor, a: dict, src: SourceInfo) -> EditResult:
    sets = a.get("set") or []
    if len(sets) != 1 or "=" not in sets[0]:
        raise InputError("correct takes one set: FIELD=VALUE")
    field, _, value = sets[0].partition("=")
    return e.correct(a["person"], field.strip(), value, office=a.get("office"), start=a.get("start"),
                     reason=a.get("reason"), source=src, alone=bool(a.get("not-a-hand-over")))


def _correct_office(e: Editor, a: dict, src: SourceInfo) -> EditResult:
    sets = a.get("set") or []
    if len(sets) != 1 or "=" not in sets[0]:
        raise InputError("correct-office takes one set: FIELD=VALUE")
    field, _, value = sets[0].partition("=")
    return e.correct_office(a["office"], field.strip(), value, reason=a.get("reason"), source=src)


def _amend(e: Editor, a: dict, src: SourceInfo) -> EditResult:
    fields = {}
    for item in a.get("set") or []:
        k, sep, v = item.partition("=")
        if not sep:
            raise InputError(f"invalid set {item!r}: expected FIELD=VALUE")
        fields[k.strip()] = v
    return e.amend_rule(a["rule"], fields=fields, reason=a.get("reason"), source=src)


_BINDERS: dict[str, Callable[[Editor, dict, SourceInfo], Callable[[], EditResult]]] = {
    "appoint": lambda e, a, s: lambda: e.appoint(a["person"], a["office"], a.get("date") or "", acting=a.get("acting", False),
                                                 mode=a.get("mode"), legal_basis=a.get("legal-basis"),
                                                 outgoing_reason=a.get("outgoing-reason"), source=s),
    "end-tenure": lambda e, a, s: lambda: e.end_tenure(a["person"], a["office"], a.get("date") or "",
                                                       reason=a.get("reason") or "", source=s),
    "add-person": lambda e, a, s: lambda: e.add_person(a["name"], aliases=a.get("alias", []), names=a.get("native", []),
                                                       born=a.get("born"), died=a.get("died"),
                                                       wikidata=a.get("wikidata"), source=s),
    "add-office": lambda e, a, s: lambda: e.add_office(a["name"], kind=a.get("kind") or "", country=a.get("country") or "",
                                                       city=a.get("city"), region=a.get("region"), body=a.get("body"),
                                                       seats=a.get("seats", 1), aliases=a.get("alias", []),
                                                       established=a.get("established"), replaces=a.get("replaces"),
                                                       wikidata=a.get("wikidata"), source=s,
                                                       post_only=a.get("post-only", False)),
    "relate": lambda e, a, s: lambda: e.relate(a["person"], a["relation"], a["relative"], source=s),
    "add-tenure": lambda e, a, s: lambda: e.add_tenure(a["person"], a["office"], a.get("start") or "", a.get("end"),
                                                       acting=a.get("acting", False), mode=a.get("mode"),
                                                       exit_reason=a.get("exit-reason"),
                                                       legal_basis=a.get("legal-basis"), source=s),
    "add-claim": lambda e, a, s: lambda: e.add_claim(a["person"], a["office"], statement=a.get("statement") or "",
                                                     claimant=a.get("claimant") or "", date=a.get("date") or "",
                                                     stage=a.get("stage") or "rumoured",
                                                     confidence=a.get("confidence") or "0.5", source=s),
    "correct": lambda e, a, s: lambda: _correct(e, a, s),
    "merge-person": lambda e, a, s: lambda: e.merge_person(a["keep"], a["drop"], reason=a.get("reason"), source=s),
    "correct-note": lambda e, a, s: lambda: e.correct_note(a["target"], a.get("note") or "", reason=a.get("reason"), source=s),
    "add-edition": lambda e, a, s: lambda: e.add_edition(a["title"], country=a.get("country") or "",
                                                         kind=a.get("kind") or "", in_force=a.get("in-force") or "",
                                                         adopted=a.get("adopted"), until=a.get("until"),
                                                         replaces=a.get("replaces"), aliases=a.get("alias", []), source=s),
    "add-rule": lambda e, a, s: lambda: e.add_rule(a["vacant"], a["acting"], order=a.get("order", 0),
                                                   edition=a.get("edition") or "", start=a.get("from"),
                                                   in_force_by=a.get("in-force-by"), until=a.get("until"),
                                                   article=a.get("article"), designation=a.get("designation"),
                                                   note=a.get("note"), source=s),
    "end-rules": lambda e, a, s: lambda: e.end_rules(a["edition"], on=a.get("on") or "", vacant=a.get("office"),
                                                     order=a.get("order"), whole_edition=a.get("whole-edition", False),
                                                     source=s),
    "amend-rule": lambda e, a, s: lambda: _amend(e, a, s),
    "abolish-office": lambda e, a, s: lambda: e.abolish_office(a["office"], date=a.get("date") or "",
                                                               replaced_by=a.get("replaced-by"), source=s),
    "restore-office": lambda e, a, s: lambda: e.restore_office(a["office"], date=a.get("date") or "",
                                                               reason=a.get("reason"), source=s),
    "rename": lambda e, a, s: lambda: e.rename(a.get("kind") or "place", a["target"], a.get("new-name"),
                                               date=a.get("date") or "", former=a.get("former"), since=a.get("since"),
                                               source=s),
    "verify": lambda e, a, s: lambda: e.verify(a["office"], on=a.get("on") or "today", holders=a.get("holder", []),
                                               vacant=a.get("vacant", False), note=a.get("note"), source=s),
    "attest": lambda e, a, s: lambda: e.attest(a["office"], holder=a.get("holder") or "", on=a.get("on") or "",
                                               note=a.get("note"), source=s),
    "cite": lambda e, a, s: lambda: e.cite(a["target"], source=s),
    "correct-office": lambda e, a, s: lambda: _correct_office(e, a, s),
    "add-gap": lambda e, a, s: lambda: e.add_gap(a["office"], start=a.get("from") or a.get("start") or "",
                                                 end=a.get("to") or a.get("end"),
                                                 reason=a.get("reason") or "", source=s),
    "add-alt-date": lambda e, a, s: lambda: e.add_alt_date(a["target"], field_name=a.get("field") or "",
                                                           date=a.get("date") or "", note=a.get("note"), source=s),
    "add-election": lambda e, a, s: lambda: e.add_election(a.get("office"), date=a.get("date") or "",
                                                           kind=a.get("kind") or "", country=a.get("country"),
                                                           winner=a.get("winner"), share=a.get("share"),
                                                           scheduled=a.get("scheduled", False), edition=a.get("edition"),
                                                           title=a.get("title"), note=a.get("note"), source=s),
    "add-term-rule": lambda e, a, s: lambda: e.add_term_rule(a["office"], years=a.get("years"),
                                                             limit=a.get("limit") or "", edition=a.get("edition") or "",
                                                             start=a.get("from") or "", until=a.get("until"),
                                                             applies_to=a.get("applies-to"), article=a.get("article"),
                                                             note=a.get("note"), source=s),
}


def apply_file(editor: Editor, path: Path, *, dry_run: bool = False) -> tuple[list[EditResult], EditResult]:
    """Read, check and apply a batch file as one all-or-nothing edit."""
    rows = read_rows(path)
    if not rows:
        raise InputError(f"{path}: no edits")
    ops = [operation(editor, row, i) for i, row in enumerate(rows, 1)]
    return editor.batch(ops, dry_run=dry_run)
