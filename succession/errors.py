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
    """A name that matches more than one node; the message names the candidates."""

    exit_code = 2


class KBLoadError(SuccessionError):
    """The knowledge base cannot be read: missing folder, Turtle syntax error (file and line)."""

    exit_code = 2


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
