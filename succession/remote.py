"""A shared SPARQL 1.1 server as the knowledge base (Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune).

Reads go through SPARQLWrapper with the same query texts and the same VALUES binding as the
embedded store. An edit is computed exactly as locally — on a snapshot of the server's graph, so the
same checks and shapes decide — and then sent as ONE SPARQL Update request (DELETE DATA; INSERT
DATA), which a SPARQL 1.1 server applies entirely or not at all.

Authentication: HTTP basic from $SUCCESSION_ENDPOINT_USER / $SUCCESSION_ENDPOINT_PASSWORD, or a
bearer token from $SUCCESSION_ENDPOINT_TOKEN. Secrets are never printed: errors show the URL only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import urllib.error
from collections.abc import Iterator

import pyoxigraph as ox

from .engine import Result
from .errors import EndpointError, InputError
from .kb import ONTOLOGY_DIR, ONTOLOGY_GRAPH, file_graph
from .queries import bind_values

TIMEOUT = float(os.environ.get("SUCCESSION_ENDPOINT_TIMEOUT", "30"))
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
REMOTE_FILE = "remote.ttl"


def _check_url(url: str, what: str = "endpoint") -> str:
    if not _URL.match(url or ""):
        raise InputError(f"invalid {what} URL {url!r}: expected http(s)://...")
    return url


def _term(binding: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class Endpoint:
    """One SPARQL server: query URL, update URL, optional graph, credentials from the environment."""

    def __init__(self, query_url: str, update_url: str | None = None, graph: str | None = None) -> None:
        self.query_url = _check_url(query_url)
        self.update_url = _check_url(update_url, "update endpoint") if update_url else _guess_update(query_url)
        self.graph = _check_url(graph, "graph") if graph else None

    def _wrapper(self, url: str):
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        w = SPARQLWrapper(url)
        w.setTimeout(int(TIMEOUT))
        w.setMethod(POST)
        w.setReturnFormat(JSON)
        user, password = os.environ.get("SUCCESSION_ENDPOINT_USER"), os.environ.get("SUCCESSION_ENDPOINT_PASSWORD")
        token = os.environ.get("SUCCESSION_ENDPOINT_TOKEN")
        if user and password:
            w.setCredentials(user, password)
        elif token:
            w.addCustomHttpHeader("Authorization", f"Bearer {token}")
        return w

    @contextlib.contextmanager
    def _errors(self, url: str) -> Iterator[None]:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            yield
        except SPARQLWrapperException as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EndpointError(f"SPARQL endpoint {url} refused the request: {first[:200]}") from None
        except urllib.error.HTTPError as exc:
            raise EndpointError(f"SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise EndpointError(f"SPARQL endpoint {url} did not answer within {TIMEOUT:g} s") from None
        except urllib.error.URLError as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise EndpointError(f"SPARQL endpoint {url} did not answer within {TIMEOUT:g} s") from None
            raise EndpointError(f"SPARQL endpoint {url} is unreachable: {reason}") from None
        except (ConnectionError, OSError) as exc:
            raise EndpointError(f"SPARQL endpoint {url} is unreachable: {exc}") from None
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            raise EndpointError(f"SPARQL endpoint {url} answered something that is not SPARQL JSON results: "
                                f"{type(exc).__name__}") from None

    def select(self, text: str, bindings: dict | None = None) -> Result:
        text = bind_values(text, dict(bindings or {}))
        # whole-line comments are documentation; some clients' query-type sniffing trips over them
        text = "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))
        if self.graph:
            text = _from_graph(text, self.graph)
        w = self._wrapper(self.query_url)
        w.setQuery(text)
        with self._errors(self.query_url):
            data = w.queryAndConvert()
            if not isinstance(data, dict):
                raise ValueError("not JSON")
            if "boolean" in data:
                b = ox.Literal("true" if data["boolean"] else "false",
                               datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
                return Result(["result"], [{"result": b}])
            columns = list(data["head"]["vars"])
            rows = [{c: _term(row[c]) if c in row else None for c in columns} for row in data["results"]["bindings"]]
        return Result(columns, rows)

    def update(self, text: str) -> None:
        w = self._wrapper(self.update_url)
        w.setQuery(text)
        with self._errors(self.update_url):
            w.query()

    def triples(self) -> list[ox.Triple]:
        """Every triple of the graph (a snapshot)."""
        res = self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        return [ox.Triple(r["s"], r["p"], r["o"]) for r in res.rows]

    def insert(self, triples: list[ox.Triple]) -> None:
        self.update(_data_update("INSERT", triples, self.graph))


def _guess_update(query_url: str) -> str:
    """Oxigraph and Fuseki serve updates next to queries (/query -> /update, /sparql -> /update)."""
    for tail in ("/query", "/sparql"):
        if query_url.endswith(tail):
            return query_url[: -len(tail)] + "/update"
    return query_url


def _from_graph(text: str, graph: str) -> str:
    """Scope a query to one named graph with FROM, placed before the WHERE group."""
    m = re.search(r"(?i)\bWHERE\s*\{", text)
    if not m:
        return text
    return text[: m.start()] + f"FROM <{graph}>\n" + text[m.start():]


def _data_update(verb: str, triples, graph: str | None) -> str:
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    if graph:
        body = f"GRAPH <{graph}> {{\n{body}\n}}"
    return f"{verb} DATA {{\n{body}\n}}"


def change_update(removed, added, graph: str | None) -> str:
    """One SPARQL Update request for a whole edit: applied entirely or not at all."""
    parts = []
    if removed:
        parts.append(_data_update("DELETE", sorted(removed, key=str), graph))
    if added:
        parts.append(_data_update("INSERT", sorted(added, key=str), graph))
    return " ;\n".join(parts)


class RemoteKB:
    """The knowledge-base interface of the edit commands, backed by a SPARQL server."""

    as_recorded = None

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.dir = endpoint.query_url
        self._store: ox.Store | None = None

    def store(self) -> ox.Store:
        if self._store is None:
            store = ox.Store()
            store.load(path=str(ONTOLOGY_DIR / "succession.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
            graph = file_graph(REMOTE_FILE)
            ontology = {q.triple for q in store}
            # the server holds the ontology too (queries need its labels); keep it apart from the data
            store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in self.endpoint.triples()
                         if t not in ontology)
            self._store = store
        return self._store

    def reload(self) -> ox.Store:
        self._store = None
        return self.store()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        self._store = None  # a fresh snapshot for every edit
        yield

    def data_triples(self) -> set[ox.Triple]:
        graph = file_graph(REMOTE_FILE)
        return {q.triple for q in self.store().quads_for_pattern(None, None, None, graph)}

    def apply_changes(self, removed, added) -> None:
        self.endpoint.update(change_update(removed, added, self.endpoint.graph))
        self._store = None


class RemoteEngine:
    """The engine interface over a SPARQL server."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.kb = RemoteKB(endpoint)

    def select(self, text: str, bindings: dict | None = None) -> Result:
        return self.endpoint.select(text, bindings)
