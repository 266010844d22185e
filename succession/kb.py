"""The knowledge base on disk: a folder of Turtle files, loaded into an in-memory Oxigraph store.

Why Oxigraph: it parses Turtle ~10x and answers SPARQL ~100x faster than rdflib's engine
(shared/PERF-NOTES.md). rdflib stays the serialiser because its Turtle output is sorted and stable
across round trips, which keeps git diffs small.

Each Turtle file is loaded into its own named graph so that an edit knows which file a triple
lives in; queries see the union of all graphs plus the ontology.

Writing is transactional across files: new contents go to ``.txn/`` first, a ``COMMIT`` marker is
renamed into place atomically, then the files are renamed over the old ones and ``.txn/`` is
removed. A process killed at any point leaves either the old files (no marker yet: the half-written
``.txn/`` is discarded) or a marker that the next process rolls forward. An exclusive ``flock`` on
``.lock`` serialises writers; readers take a shared lock so they never see a half-renamed set.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import KBLoadError, PendingTransactionError, describe_os_error

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DEFAULT_KB_DIR = PROJECT_ROOT / "kb"
QUERIES_DIR = PROJECT_ROOT / "queries"

ONTOLOGY_GRAPH = ox.NamedNode("urn:succession-kb:graph:ontology")
FILE_GRAPH_PREFIX = "urn:succession-kb:file:"
_SENTINEL = ox.NamedNode("urn:succession-kb:cache-key")

# A file an edit may write: a Turtle file or the manifest, a plain name inside the folder.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.ttl|MANIFEST")
MANIFEST_NAME = "MANIFEST"
LOCK_NAME = ".lock"
TXN_NAME = ".txn"
COMMIT_NAME = "COMMIT"
CACHE_NAME = ".cache"
CACHE_FORMAT = b"succession-kb index v2 (default graph)\0"  # part of the key: a new layout never reads an old index
# Below this many bytes of Turtle, parsing into memory (~30 ms) is as fast as opening a disk index.
CACHE_MIN_BYTES = 256 * 1024


def content_quads(store: ox.Store, *, ontology: bool = True):
    """The quads of the knowledge base (and of the ontology), never the cache's bookkeeping. Works on
    both kinds of store: one named graph per file (edits) or everything in the default graph (reads)."""
    if any(getattr(g, "value", "").startswith(FILE_GRAPH_PREFIX) for g in store.named_graphs()):
        for q in store:
            g = getattr(q.graph_name, "value", "")
            if g.startswith(FILE_GRAPH_PREFIX) or (ontology and q.graph_name == ONTOLOGY_GRAPH):
                yield q
        return
    skip = set() if ontology else _ontology_triples()
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if q.triple not in skip:
            yield q


def _ontology_triples() -> set:
    s = ox.Store()
    s.load(path=str(ONTOLOGY_DIR / "succession.ttl"), format=ox.RdfFormat.TURTLE)
    return {q.triple for q in s}


def file_graph(name: str) -> ox.NamedNode:
    return ox.NamedNode(FILE_GRAPH_PREFIX + name)


def graph_file(graph: ox.NamedNode | ox.DefaultGraph) -> str | None:
    value = getattr(graph, "value", "")
    return value[len(FILE_GRAPH_PREFIX) :] if value.startswith(FILE_GRAPH_PREFIX) else None


def _fault(point: str) -> None:
    """Fault injection for the crash tests: SUCCESSION_FAULT=<point> makes this process kill -9
    itself there, exactly as an outside SIGKILL would."""
    if os.environ.get("SUCCESSION_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class KnowledgeBase:
    """A knowledge-base folder: its files, its lock, its transactions, and a loaded store."""

    def __init__(self, directory: str | Path | None = None, as_recorded: str | None = None) -> None:
        self.dir = Path(directory) if directory is not None else DEFAULT_KB_DIR
        self.as_recorded = as_recorded
        self._store: ox.Store | None = None
        self._writing = False
        self._working = False  # an edit reading the flat index (see `writing(working=True)`)
        self._index_key: str | None = None  # the index the loaded store is, when it is one

    # ------------------------------------------------------------------ files and locks

    def turtle_files(self) -> list[Path]:
        """The Turtle files of the folder; where a MANIFEST lists them, a missing or an unlisted file is
        an error for every command (a deleted relations.ttl must not pass as "no relations")."""
        if not self.dir.is_dir():
            raise KBLoadError(f"knowledge base folder not found: {self.dir}")
        found = sorted(p for p in self.dir.glob("*.ttl") if not p.name.startswith("."))
        manifest = self.dir / MANIFEST_NAME
        if not found and not manifest.exists():
            self.check_folder()
        if manifest.exists():
            try:
                listed = {x.strip() for x in manifest.read_text(encoding="utf-8").splitlines()
                          if x.strip() and not x.startswith("#")}
            except (OSError, UnicodeDecodeError) as exc:
                raise KBLoadError(f"{manifest}: cannot read: {exc}") from None
            names = {p.name for p in found}
            missing, extra = sorted(listed - names), sorted(names - listed)
            if missing:
                raise KBLoadError(f"knowledge base file missing: {self.dir / missing[0]} (listed in {manifest}); "
                                  "restore it (git checkout) before using the knowledge base")
            if extra:
                raise KBLoadError(f"{self.dir / extra[0]} is not listed in {manifest}; add its name there if it "
                                  "belongs to the knowledge base, or move it away")
        return found

    def check_folder(self) -> None:
        """A folder of something else (/etc, a home folder) is never taken for a knowledge base: an edit
        would create files in it, a read would answer from nothing. An empty folder is a new, empty one."""
        if not self.dir.is_dir():
            raise KBLoadError(f"knowledge base folder not found: {self.dir}")
        try:
            names = [p.name for p in self.dir.iterdir()]
        except OSError as exc:
            raise KBLoadError(f"cannot read the knowledge base folder {self.dir}: {exc.strerror}") from None
        if any(n.endswith(".ttl") and not n.startswith(".") for n in names) or MANIFEST_NAME in names:
            return
        others = sorted(n for n in names if not n.startswith(".")  # the edit journal is the folder's own
                        and not (n == "journal" and (self.dir / n).is_dir() and not (self.dir / n).is_symlink()))
        if others:
            raise KBLoadError(f"not a knowledge base: {self.dir} holds no .ttl file but other files "
                              f"({others[0]}{', ...' if len(others) > 1 else ''}); give the kb/ folder, a copy "
                              "of it, or an empty folder to start one")

    @contextlib.contextmanager
    def lock(self, exclusive: bool) -> Iterator[None]:
        """Hold the folder lock; a read-only folder is read without one (nobody can write it)."""
        self.check_folder()  # before the lock file is created in it
        try:
            fd = os.open(self.dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            if exclusive:
                raise KBLoadError(f"cannot lock the knowledge base for writing: {self.dir}") from None
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def writing(self, working: bool = False) -> Iterator[None]:
        """Hold the exclusive lock for a read-modify-write; the store is re-read inside it, so an
        edit made by another process while we waited is never lost. ``working``: the edit reads the
        flat on-disk index (as reads do) instead of parsing every file into one graph per file, and
        commits with ``commit_edit``, which splices the files and advances the index by the change."""
        if self._writing:
            yield
            return
        if not self.dir.is_dir():
            raise KBLoadError(f"knowledge base folder not found: {self.dir}")
        with self.lock(exclusive=True):
            self._writing = True
            self._working = working
            try:
                self.recover()
                self._store = None
                yield
            finally:
                self._writing = False
                self._working = False
                self._store = None  # the next read loads the read layout again
                self._index_key = None

    def recover(self) -> None:
        """Finish or discard an interrupted write. Caller holds the exclusive lock."""
        txn = self.dir / TXN_NAME
        if not txn.exists():
            return
        marker = txn / COMMIT_NAME
        if marker.exists():
            names = self._marker_names(marker)
            try:
                folders = {self.dir}
                for name in names:
                    staged = txn / name
                    if staged.exists():
                        try:
                            target = self._committed_path(name)
                        except OSError:  # the journal folder became unusable after the check: the edit
                            continue     # lands without its entry rather than never (edits check first)
                        os.replace(staged, target)
                        folders.add(target.parent)
                        _fault("renaming")
                for folder in sorted(folders, reverse=True):  # the journal folder before the one holding it
                    _fsync_dir(folder)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise PendingTransactionError(
                    f"an edit was committed but could not be completed ({reason}: {exc.filename or self.dir}); "
                    f"fix that and run any command to finish it, or remove {txn} to discard the edit") from None
        shutil.rmtree(txn, ignore_errors=True)

    def _committed_path(self, name: str) -> Path:
        """Where a staged file goes: a Turtle file or the manifest into the folder, an edit's journal
        entry (``journal.<id>.json``) into ``journal/<id>.json``."""
        from .journal import STAGED_RE, journal_folder

        m = STAGED_RE.fullmatch(name)
        if m is None:
            return self.dir / name
        return journal_folder(self.dir) / f"{m.group(1)}.json"

    def _marker_names(self, marker: Path) -> list[str]:
        """The files a commit marker names: plain file names of this folder, nothing else. A marker
        that is not that (damaged, or crafted to move files out of the folder) is never acted on."""
        try:
            names = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            names = None
        from .journal import STAGED_RE

        if not isinstance(names, list) or not all(isinstance(n, str) and (_SAFE_NAME.fullmatch(n) or STAGED_RE.fullmatch(n))
                                                  for n in names):
            raise PendingTransactionError(
                f"the knowledge base has an unfinished edit whose commit record {marker} is damaged or invalid; "
                f"nothing was changed; inspect and remove {marker.parent} to discard it")
        return names

    def write_files(self, contents: dict[str, str], journal: tuple[str, str] | None = None) -> None:
        """Replace several files as one atomic step, with the edit's journal entry (``journal``: its
        staged name and text) in the same step. Caller holds the exclusive lock."""
        from .journal import STAGED_RE

        txn = self.dir / TXN_NAME
        shutil.rmtree(txn, ignore_errors=True)
        try:
            txn.mkdir()
        except OSError as exc:
            raise describe_os_error(exc, "nothing written; cannot stage the edit") from None
        contents = dict(contents)
        if (self.dir / MANIFEST_NAME).exists() or not any(self.dir.glob("*.ttl")) or MANIFEST_NAME in contents:
            names = {p.name for p in self.turtle_files()} | {n for n in contents if n != MANIFEST_NAME}
            contents[MANIFEST_NAME] = manifest_text(names)
        for name in contents:
            if not _SAFE_NAME.fullmatch(name):
                raise KBLoadError(f"refusing to write outside the knowledge base: {name!r}")
        if journal is not None:
            if not STAGED_RE.fullmatch(journal[0]):
                raise KBLoadError(f"refusing to write outside the knowledge base: {journal[0]!r}")
            contents[journal[0]] = journal[1]
        try:
            for name, text in sorted(contents.items()):
                with open(txn / name, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
                    fh.flush()
                    os.fsync(fh.fileno())
            tmp_marker = txn / (COMMIT_NAME + ".tmp")
            with open(tmp_marker, "w", encoding="utf-8") as fh:
                json.dump(sorted(contents), fh)
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(txn)
        except OSError as exc:  # before the commit point: the old files stand, the staging goes
            shutil.rmtree(txn, ignore_errors=True)
            raise describe_os_error(exc, "nothing written; cannot stage the edit") from None
        _fault("staged")
        os.replace(tmp_marker, txn / COMMIT_NAME)
        _fsync_dir(txn)
        _fault("committed")
        self.recover()
        self._store = None

    def commit_edit(self, contents: dict[str, str], removed, added, journal: tuple[str, str] | None = None) -> None:
        """Write an edit's files atomically (``write_files``), then bring the on-disk index the edit
        read from up to date by applying the same change to it, so the next command neither parses
        nor re-indexes the knowledge base. Caller holds the exclusive lock (``writing(working=True)``).
        The index stays an optimisation: if advancing it fails, it is dropped and rebuilt on demand."""
        old_key = self._index_key
        self.write_files(contents, journal)
        if old_key is not None:
            self._advance_index(old_key, removed, added)

    @property
    def index_key(self) -> str | None:
        """The key of the on-disk index the loaded store is, or None when it is parsed in memory."""
        return self._index_key

    def use_store(self, store: ox.Store) -> None:
        """Let an edit read from ``store`` (a batch's working checkpoint) until told otherwise."""
        self._store = store

    def checkpoint_index(self) -> Path:
        """A private writable copy of the loaded on-disk index (RocksDB hard-links its files, so this
        costs milliseconds at any size); the caller removes it. Caller holds the exclusive lock."""
        if self._index_key is None or self._store is None:
            raise KBLoadError("no on-disk index to copy")
        import uuid

        target = self.dir / CACHE_NAME / f"batch-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        try:
            self._store.backup(str(target))
        except (OSError, RuntimeError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise describe_os_error(exc if isinstance(exc, OSError) else OSError(str(exc)),
                                    "nothing written; cannot stage the batch") from None
        return target

    def _advance_index(self, old_key: str, removed, added) -> None:
        root = self.dir / CACHE_NAME
        old = root / old_key
        try:
            new_key = self.content_key(self.turtle_files())
            index = ox.Store(str(old))
            for t in removed:
                index.remove(ox.Quad(t.subject, t.predicate, t.object))
            index.extend(ox.Quad(t.subject, t.predicate, t.object) for t in added)
            index.remove(ox.Quad(_SENTINEL, _SENTINEL, ox.Literal(old_key), _SENTINEL))
            index.add(ox.Quad(_SENTINEL, _SENTINEL, ox.Literal(new_key), _SENTINEL))
            index.flush()
            del index
            target = root / new_key
            os.rename(old, target)
            fp_tmp = root / f".{new_key}.fp.{os.getpid()}"
            fp_tmp.write_text(_fingerprint(target), encoding="utf-8")
            os.replace(fp_tmp, root / (new_key + ".fp"))
            (root / (old_key + ".fp")).unlink(missing_ok=True)
        except (OSError, RuntimeError, ValueError, KBLoadError):
            shutil.rmtree(old, ignore_errors=True)
            (root / (old_key + ".fp")).unlink(missing_ok=True)

    # ------------------------------------------------------------------ loading

    def store(self) -> ox.Store:
        """The loaded store (ontology graph + one named graph per Turtle file), cached per object."""
        if self._store is None:
            self._store = self._load()
            if self.as_recorded:
                self._store = rewind(self._store, self.as_recorded)
        return self._store

    def reload(self) -> ox.Store:
        self._store = None
        return self.store()

    def _load(self) -> ox.Store:
        if not self.dir.is_dir():
            raise KBLoadError(f"knowledge base folder not found: {self.dir}")
        if self._writing:
            return self._read_all(flat=self._working)
        if (self.dir / TXN_NAME).exists():
            with self.lock(exclusive=True):
                self.recover()
        with self.lock(exclusive=False):
            return self._read_all(flat=True)

    @property
    def flat(self) -> bool:
        """Reads (and single edits) load everything into the default graph (Oxigraph answers 5-7x
        faster there than over a union of named graphs); batches keep one named graph per file."""
        return not self._writing or self._working

    def _read_all(self, flat: bool) -> ox.Store:
        self._index_key = None
        if flat:
            cached = self._cached_store()
            if cached is not None:
                return cached
        store = ox.Store()
        _load_file(store, ONTOLOGY_DIR / "succession.ttl", None if flat else ONTOLOGY_GRAPH)
        for path in self.turtle_files():
            _load_file(store, path, None if flat else file_graph(path.name))
        return store

    # ------------------------------------------------------------------ on-disk index

    def _cache_mode(self) -> str:
        return os.environ.get("SUCCESSION_CACHE", "auto")

    def content_key(self, files: list[Path]) -> str:
        """A digest of the ontology's and every Turtle file's name, inode, size, mtime and ctime: any
        write to a file changes its ctime (even a hand edit whose mtime is restored with `touch -r`),
        so the index is never stale, and no byte of the files is read on a warm call."""
        h = hashlib.blake2b(digest_size=16)
        h.update(CACHE_FORMAT)
        for path in [ONTOLOGY_DIR / "succession.ttl", *files]:
            st = path.stat()
            h.update(f"{path.name}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0".encode())
        return h.hexdigest()

    def _cached_store(self) -> ox.Store | None:
        """An Oxigraph on-disk index of the files, opened read-only; built when missing, rebuilt
        when the files changed or the index is damaged. None when caching does not pay or is off."""
        mode = self._cache_mode()
        if mode == "off":
            return None
        files = self.turtle_files()
        if mode == "auto" and sum(p.stat().st_size for p in files) < CACHE_MIN_BYTES:
            return None
        key = self.content_key(files)
        root = self.dir / CACHE_NAME
        target = root / key
        if target.is_dir():
            try:
                if _fingerprint(target) == (root / (key + ".fp")).read_text(encoding="utf-8"):
                    opened = ox.Store.read_only(str(target))
                    if ox.Quad(_SENTINEL, _SENTINEL, ox.Literal(key), _SENTINEL) in opened:
                        self._index_key = key
                        return opened
            except (OSError, RuntimeError, ValueError):  # RocksDB reports corruption as RuntimeError
                pass
            # damaged, foreign or written to since it was built: never trusted, rebuilt below
            shutil.rmtree(target, ignore_errors=True)
            (root / (key + ".fp")).unlink(missing_ok=True)
        try:
            root.mkdir(exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix="build-", dir=root))
        except OSError:
            return None  # read-only folder: parse into memory instead
        try:
            builder = ox.Store(str(tmp))
            _load_file(builder, ONTOLOGY_DIR / "succession.ttl", None, bulk=True)
            for path in files:
                _load_file(builder, path, None, bulk=True)
            builder.add(ox.Quad(_SENTINEL, _SENTINEL, ox.Literal(key), _SENTINEL))
            builder.flush()
            del builder
            fp = _fingerprint(tmp)
            try:
                os.rename(tmp, target)
                fp_tmp = root / f".{key}.fp.{os.getpid()}"
                fp_tmp.write_text(fp, encoding="utf-8")
                os.replace(fp_tmp, root / (key + ".fp"))
            except OSError:  # another process finished first: use theirs
                shutil.rmtree(tmp, ignore_errors=True)
            for old in root.iterdir():
                if old.name not in (key, key + ".fp") and not old.name.startswith(("build-", ".")):
                    if old.is_dir():
                        shutil.rmtree(old, ignore_errors=True)
                    else:
                        old.unlink(missing_ok=True)
            opened = ox.Store.read_only(str(target))
            self._index_key = key
            return opened
        except KBLoadError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        except (OSError, RuntimeError):
            # the index is an optimisation: a full disk or a broken build never stops a read,
            # which then parses the Turtle into memory
            shutil.rmtree(tmp, ignore_errors=True)
            return None

    def drop_cache(self) -> None:
        """Forget the on-disk index (it failed mid-query); the next read rebuilds it."""
        self._store = None
        shutil.rmtree(self.dir / CACHE_NAME, ignore_errors=True)

    def parse_files(self) -> dict[str, set[ox.Triple]]:
        """Each Turtle file's own triples, parsed (for a rewrite that must know where triples live)."""
        out = {}
        for path in self.turtle_files():
            try:
                out[path.name] = {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
            except SyntaxError as exc:
                raise KBLoadError(f"{path}: Turtle syntax error: {str(exc).splitlines()[0] if str(exc) else ''}") from None
        return out

    def file_triples(self) -> dict[str, set[ox.Triple]]:
        """Triples of each Turtle file of the loaded store, by file name."""
        store = self.store()
        out: dict[str, set[ox.Triple]] = {p.name: set() for p in self.turtle_files()}
        for quad in store:
            name = graph_file(quad.graph_name)
            if name is not None:
                out.setdefault(name, set()).add(quad.triple)
        return out


def manifest_text(names) -> str:
    return ("# The Turtle files of this knowledge base, one a line; every command checks that exactly these exist.\n"
            + "".join(f"{n}\n" for n in sorted(names)))


def _fingerprint(index: Path) -> str:
    """Names, sizes and modification times of an index's files: anything that writes to it changes
    them, so an index altered after it was built is not trusted."""
    parts = []
    for p in sorted(index.rglob("*")):
        if p.is_file() and p.name != "LOCK":
            st = p.stat()
            parts.append(f"{p.relative_to(index)}\0{st.st_size}\0{st.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _load_file(store: ox.Store, path: Path, graph: ox.NamedNode | None, bulk: bool = False) -> None:
    target = graph if graph is not None else ox.DefaultGraph()
    try:
        if bulk:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=target)
        else:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=target)
    except SyntaxError as exc:
        msg = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise KBLoadError(f"{path}: Turtle syntax error: {msg}") from None
    except (OSError, ValueError) as exc:
        raise KBLoadError(f"{path}: cannot read: {exc}") from None


_SK = "https://w3id.org/succession-kb/ontology#"


def rewind(store: ox.Store, when: str) -> ox.Store:
    """The knowledge base as it was recorded at ``when`` (an ISO date or date-time, UTC).

    Nodes recorded later (``sk:recordedAt``) are dropped with every link to them; a tenure closed by a
    later succession event gets its end and exit reason back off; a later correction is undone
    (its ``sk:oldValue`` restored). Curated nodes carry the time the curation was recorded.
    """
    recorded = ox.NamedNode(_SK + "recordedAt")
    cutoff = when if "T" in when else when + "T23:59:59Z"
    first = min((q.object.value for q in store.quads_for_pattern(None, recorded, None)), default=None)
    if first is not None and cutoff < first:  # before the first record: nothing was known yet
        out = ox.Store()
        ontology = _ontology_triples()
        out.extend(q for q in store if q.graph_name == ONTOLOGY_GRAPH or q.triple in ontology)
        return out
    later: set = set()
    for q in store.quads_for_pattern(None, recorded, None):
        if q.object.value > cutoff:
            later.add(q.subject)
    out = ox.Store()
    drop: set = set()
    corrections = []
    for node in later:
        types = {q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(RDF_TYPE), None)}
        if _SK + "SuccessionEvent" in types:
            date = next((q.object for q in store.quads_for_pattern(node, ox.NamedNode(_SK + "date"), None)), None)
            for q in store.quads_for_pattern(node, ox.NamedNode(_SK + "outgoing"), None):
                old = q.object
                if old in later:
                    continue
                for prop in ("end", "exitReason"):
                    for e in store.quads_for_pattern(old, ox.NamedNode(_SK + prop), None):
                        if prop == "exitReason" or (date is not None and e.object.value == date.value):
                            drop.add(e.triple)
        if _SK + "Correction" in types:
            corrections.append(node)
    restore = []
    for node in corrections:
        about, prop, new, old = (_one(store, node, p) for p in ("about", "property", "newValue", "oldValue"))
        if about is None or prop is None or new is None:
            continue
        for q in store.quads_for_pattern(about, prop, None):
            if q.object.value == new.value:
                drop.add(q.triple)
        if old is not None:
            restore.append(ox.Quad(about, prop, old))
    out.extend(q for q in store if q.subject not in later and q.object not in later and q.triple not in drop)
    out.extend(restore)
    return out


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _one(store: ox.Store, node, prop: str):
    return next((q.object for q in store.quads_for_pattern(node, ox.NamedNode(_SK + prop), None)), None)
