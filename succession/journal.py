"""The edit journal: the exact change set of every edit, so that an edit can be undone exactly.

The knowledge base itself says *which* nodes an edit created (their ``sk:recordedAt``) and what a
correction replaced (``sk:oldValue``), but not everything an edit did to nodes that existed before
it: an appointment closes the incumbent's tenure, links it to its successor and cites its source on
it, and a same-day hand-over merges a vacancy event away. Reversing that from the data alone would be
a guess. So each edit written to a folder also leaves one small JSON file, ``journal/<id>.json`` next
to the Turtle files: its record time, command, summary, and the triples it added and removed, in
N-Triples. One file per edit means two branches that each record a day's news never conflict in git.

The journal is bookkeeping, not data: no query reads it, ``kb/MANIFEST`` does not list it, and a
folder without it is still a valid knowledge base (its edits are just not undoable). The edit id is
the record time without separators (``2026-12-02T01:05:35Z`` -> ``20261202T010535Z``): stable, sortable
and the same one ``log`` shows.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, KBLoadError
from .namespaces import SK

JOURNAL_DIR = "journal"
_ID_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z")
_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
UNDOES = SK + "undoes"


def edit_id(recorded: str) -> str:
    """The id of the edit recorded at ``recorded`` (an xsd:dateTime in UTC)."""
    return recorded.replace("-", "").replace(":", "")


def parse_edit_id(text: str) -> str:
    """An edit id (``20261202T010535Z``) or record time (``2026-12-02T01:05:35Z``) as a record time."""
    value = (text or "").strip()
    m = _ID_RE.fullmatch(value)
    if m:
        y, mo, d, h, mi, s = m.groups()
        return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"
    if _TIME_RE.fullmatch(value):
        return value
    raise InputError(f"invalid edit {text!r}: expected an id as `succession log` shows it, e.g. 20261202T010535Z")


@dataclass
class Entry:
    """One journal file: an edit's record time, command, summary and exact change set."""

    recorded: str
    command: str
    summary: list[str] = field(default_factory=list)
    added: set[ox.Triple] = field(default_factory=set)
    removed: set[ox.Triple] = field(default_factory=set)

    @property
    def id(self) -> str:
        return edit_id(self.recorded)

    @property
    def undoes(self) -> str | None:
        """The record time of the edit this one undid, if it is an undo."""
        for t in self.added:
            if t.predicate.value == UNDOES:
                return t.object.value
        return None


def _lines(triples: set[ox.Triple]) -> list[str]:
    return sorted(f"{t} ." for t in triples)


def _triples(lines: list[str], path: Path) -> set[ox.Triple]:
    try:
        return {q.triple for q in ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)}
    except (SyntaxError, ValueError) as exc:
        raise KBLoadError(f"{path}: damaged journal entry: {exc}") from None


def entry_path(kb_dir: Path, recorded: str) -> Path:
    return Path(kb_dir) / JOURNAL_DIR / f"{edit_id(recorded)}.json"


STAGED_RE = re.compile(r"journal\.([0-9]{8}T[0-9]{6}Z)\.json")


def staged_entry(kb_dir: Path, entry: Entry) -> tuple[str, str]:
    """The journal file of ``entry`` as an edit's transaction stages it: its staged name
    (``journal.<id>.json``, moved to ``journal/<id>.json`` when the edit commits, in the same step as
    the Turtle files, so that no edit is ever written without its journal entry) and its text."""
    journal_folder(kb_dir)
    return f"{JOURNAL_DIR}.{entry.id}.json", entry_text(kb_dir, entry)


def journal_folder(kb_dir: Path) -> Path:
    """The journal folder, created if missing; OSError if it is not a real folder this process can
    write (a file, a link, read-only): an entry staged for it could not move into place, and a commit
    must never stop half-way on that, so the edit goes through without one and says so."""
    folder = Path(kb_dir) / JOURNAL_DIR
    if folder.is_symlink():
        raise OSError(f"{folder} is a link, not a folder")
    folder.mkdir(exist_ok=True)
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise OSError(f"{folder} is not a folder this process can write")
    return folder


def entry_text(kb_dir: Path, entry: Entry) -> str:
    """The JSON text of ``entry``'s journal file, extending the file of an earlier edit of the same second."""
    path = entry_path(kb_dir, entry.recorded)
    if path.exists():
        old = read_entry(path)
        entry = Entry(entry.recorded, old.command if old.command == entry.command else "batch or curation",
                      old.summary + entry.summary, (old.added - entry.removed) | entry.added,
                      (old.removed - entry.added) | entry.removed)
    data = {"recorded": entry.recorded, "command": entry.command, "summary": entry.summary,
            "added": _lines(entry.added), "removed": _lines(entry.removed)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_entry(kb_dir: Path, entry: Entry) -> Path:
    """Write (or, for a second edit in the same second, extend) the journal file of ``entry`` on its own
    (edits stage theirs in their transaction: ``staged_entry``)."""
    from .safeio import write_text

    path = entry_path(kb_dir, entry.recorded)
    write_text(path, entry_text(kb_dir, entry))
    return path


def read_entry(path: Path) -> Entry:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Entry(str(data["recorded"]), str(data["command"]), [str(s) for s in data.get("summary", [])],
                     _triples(list(data.get("added", [])), path), _triples(list(data.get("removed", [])), path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KBLoadError(f"{path}: damaged journal entry: {exc}") from None


def entries(kb_dir: Path) -> list[Entry]:
    """Every journal entry of the folder, oldest first."""
    folder = Path(kb_dir) / JOURNAL_DIR
    if not folder.is_dir():
        return []
    return sorted((read_entry(p) for p in folder.glob("*.json") if _ID_RE.fullmatch(p.stem)),
                  key=lambda e: e.recorded)


def commands(kb_dir: Path) -> dict[str, str]:
    """Edit id -> command, reading only the JSON (no triple is parsed): what ``log`` needs."""
    folder = Path(kb_dir) / JOURNAL_DIR
    out: dict[str, str] = {}
    if folder.is_dir():
        for p in folder.glob("*.json"):
            if _ID_RE.fullmatch(p.stem):
                try:
                    out[p.stem] = str(json.loads(p.read_text(encoding="utf-8"))["command"])
                except (OSError, ValueError, KeyError, TypeError):
                    continue  # the log still shows the edit, named from its facts
    return out


def headlines(kb_dir: Path) -> list[dict]:
    """Every readable journal entry as ``log`` shows it (record time, id, command, summary, the edit it
    undoes, the source nodes it cites), read as JSON with only the few lines needed matched, oldest first.
    An edit that left no node of its own (one that only cites sources, say) is known only here."""
    folder = Path(kb_dir) / JOURNAL_DIR
    out: list[dict] = []
    if not folder.is_dir():
        return out
    for p in folder.glob("*.json"):
        if not _ID_RE.fullmatch(p.stem):
            continue
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            added = [str(x) for x in data.get("added", [])]
            item = {"recorded": str(data["recorded"]), "id": p.stem, "command": str(data["command"]),
                    "summary": [str(x) for x in data.get("summary", [])]}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # undo names a damaged entry itself; the log shows the rest
        if edit_id(item["recorded"]) != item["id"]:
            continue
        undoes = [m.group(1) for line in added if (m := _UNDOES_RE.search(line))]
        item["undoes"] = undoes[0] if undoes else None
        item["cites"] = sorted({m.group(1) for line in added if (m := _CITES_RE.search(line))})
        out.append(item)
    return sorted(out, key=lambda e: e["recorded"])


_UNDOES_RE = re.compile(r'<' + re.escape(SK) + r'undoes> "([^"]+)"')
_CITES_RE = re.compile(r'<http://www\.w3\.org/ns/prov#wasDerivedFrom> <([^>]+)>')


def last_time(kb_dir: Path) -> str | None:
    """The newest record time in the journal (file names only; nothing is parsed)."""
    folder = Path(kb_dir) / JOURNAL_DIR
    if not folder.is_dir():
        return None
    ids = sorted(p.stem for p in folder.glob("*.json") if _ID_RE.fullmatch(p.stem))
    return parse_edit_id(ids[-1]) if ids else None
