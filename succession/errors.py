"""One error tree. The CLI turns any SuccessionError into a one-line message and an exit code."""

from __future__ import annotations


class SuccessionError(Exception):
    """Root of every error the library raises on purpose."""

    exit_code = 1


class InputError(SuccessionError):
    """A value given by the user is malformed or impossible (a date, an IRI, a mode)."""

    exit_code = 2


class NotFoundError(SuccessionError):
    """A person, office, query or country that does not exist; the message names candidates."""

    exit_code = 2


class AmbiguousError(SuccessionError):
    """A name that matches more than one node; the message names the candidates (``candidates``: their IRIs)."""

    exit_code = 2

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class KBLoadError(SuccessionError):
    """The knowledge base cannot be read: missing folder, Turtle syntax error (file and line)."""

    exit_code = 2


class PendingTransactionError(KBLoadError):
    """An interrupted edit cannot be completed or its commit record is invalid: nothing more is done
    until the cause is fixed (the message says how)."""


class ValidationError(SuccessionError):
    """An edit would leave the knowledge base invalid; nothing was written."""

    exit_code = 1

    def __init__(self, message: str, violations: list[str] | None = None) -> None:
        super().__init__(message)
        self.violations = violations or []


class ConflictError(SuccessionError):
    """An edit contradicts what the knowledge base already records (e.g. a later tenure exists)."""

    exit_code = 1


class EndpointError(SuccessionError):
    """A SPARQL server is down, too slow, refused the request or answered garbage."""

    exit_code = 3


class ServerChangedError(SuccessionError):
    """A server edit whose preconditions no longer held when the server applied it (another editor
    got there first): nothing was written; checking it again against the new state decides."""

    exit_code = 5


class EnvironmentFault(SuccessionError):
    """The machine refused: disk full, permission denied, read-only file system, a folder missing, a
    device where a file was expected. Not a bug and not bad data: the message says which path and why."""

    exit_code = 4


def describe_os_error(exc: OSError, action: str = "") -> EnvironmentFault:
    """One line for an OSError: what was being done, to which path, and the system's reason."""
    import errno

    reasons = {errno.ENOSPC: "no space left on device", errno.EACCES: "permission denied",
               errno.EPERM: "operation not permitted", errno.EROFS: "read-only file system",
               errno.ENOENT: "no such file or folder", errno.ENOTDIR: "not a folder",
               errno.EISDIR: "is a folder", errno.EDQUOT: "disk quota exceeded", errno.EIO: "input/output error"}
    reason = reasons.get(exc.errno or -1, exc.strerror or str(exc))
    where = exc.filename or ""
    what = f"{action} " if action else ""
    return EnvironmentFault(f"{what}{where}: {reason}".strip().lstrip(":").strip() if where else f"{what}failed: {reason}")
