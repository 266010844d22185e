"""Writing outputs the user asked for (exports, pictures, the report) without harming anything else.

Only regular files are replaced, never a device, a folder, a fifo or a symlink; a new file is written
next to its target under a unique temporary name, fsynced and renamed into place, so a crash leaves
the old file or the new one. A report folder is replaced only when it is empty or carries the report's
own marker file: a folder of the user's is never emptied.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import EnvironmentFault, InputError, describe_os_error

REPORT_MARKER = ".succession-report"

# folders no output may be written into: the knowledge base a command opened (an export over
# persons.ttl would replace data behind the journal's back; `protect` is called when a session opens)
_PROTECTED: set[Path] = set()


def protect(folder: str | Path) -> None:
    """Refuse every output inside ``folder`` (and below it) from now on in this process."""
    try:
        _PROTECTED.add(Path(folder).resolve())
    except OSError:
        pass


def _inside_protected(path: Path) -> Path | None:
    try:
        where = path.parent.resolve() / path.name
    except OSError:
        return None
    for folder in _PROTECTED:
        if where == folder or folder in where.parents:
            return folder
    return None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _lstat(path: Path) -> os.stat_result | None:
    """The path's own status (a link is not followed), or None when nothing is there."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise describe_os_error(exc, "cannot check") from None


def check_output(path: Path) -> None:
    """An output the user asked for (an export, a picture): never inside the knowledge base folder."""
    folder = _inside_protected(Path(path))
    if folder is not None:
        raise InputError(f"refusing to write {path}: it is inside the knowledge base folder {folder}; "
                         "write outputs elsewhere (edits change the knowledge base)")
    check_target(path)


def check_target(path: Path) -> None:
    """Refuse a target that is not a plain file we may replace."""
    st = _lstat(path)
    if st is None:
        return
    if stat.S_ISLNK(st.st_mode):
        raise InputError(f"refusing to write through a symbolic link: {path}")
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"refusing to replace {path}: not a regular file")


def write_text(path: str | Path, text: str | bytes, *, output: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically (parents created), refusing anything but a regular file;
    an ``output`` the user asked for is also refused inside the knowledge base folder."""
    path = Path(path)
    check_output(path) if output else check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise describe_os_error(exc, "cannot write") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fchmod(fh.fileno(), 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it 0600)
            os.fsync(fh.fileno())
        check_target(path)  # nothing swapped in a link or a device meanwhile
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise describe_os_error(exc, "cannot write") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a value starting with =, +, -, @, a tab or a carriage return
    would run as a formula (CSV injection), so it gets a leading apostrophe, as OWASP recommends."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def check_report_folder(out: Path) -> None:
    """A report goes into a missing folder, an empty one, or one a previous report wrote (never into the
    knowledge base)."""
    folder = _inside_protected(Path(out))
    if folder is not None:
        raise InputError(f"refusing to write the report into {out}: it is inside the knowledge base folder "
                         f"{folder}")
    st = _lstat(out)
    if st is None:
        return
    if stat.S_ISLNK(st.st_mode):
        raise InputError(f"refusing to write the report through a symbolic link: {out}")
    if not stat.S_ISDIR(st.st_mode):
        raise InputError(f"{out} exists and is not a folder")
    try:
        entries = os.listdir(out)
    except OSError as exc:
        raise describe_os_error(exc, "cannot read") from None
    if entries and REPORT_MARKER not in entries:
        raise InputError(f"{out} is not empty and was not written by `succession report`; "
                         "give an empty or new folder")


__all__ = ["write_text", "check_target", "check_output", "check_report_folder", "protect", "REPORT_MARKER", "EnvironmentFault"]
