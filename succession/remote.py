"""A shared SPARQL 1.1 server as the knowledge base (Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune).

Reads go through SPARQLWrapper with the same query texts and the same VALUES binding as the
embedded store. An edit is computed exactly as locally — on a snapshot of the server's graph, so the
same checks and shapes decide — and then sent as ONE SPARQL Update request (DELETE/INSERT ...
WHERE) that carries the edit's preconditions: the server applies it only if the values the edit
changes, and the set of tenures of each office it touches, are still what the check saw; a marker
triple written by the same request tells whether it was applied. Otherwise nothing is written and
the edit is refused (ServerChangedError): run it again.

Push uses the SPARQL 1.1 Graph Store Protocol (Turtle, one POST per batch) where the server offers
it, else INSERT DATA; a batch the server refuses is split in halves (Virtuoso limits request sizes).

Authentication: HTTP basic from $SUCCESSION_ENDPOINT_USER / $SUCCESSION_ENDPOINT_PASSWORD, or a
bearer token from $SUCCESSION_ENDPOINT_TOKEN. Secrets are never printed: errors show the URL only.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import urllib.error
from collections.abc import Iterator

import pyoxigraph as ox

from .engine import Result
from .errors import EndpointError, InputError, ServerChangedError
from .kb import ONTOLOGY_DIR, ONTOLOGY_GRAPH, file_graph
from .queries import bind_values

TIMEOUT = float(os.environ.get("SUCCESSION_ENDPOINT_TIMEOUT", "30"))
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
# a graph name is an IRI (urn:..., http://..., tag:...), not necessarily a URL
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
MARKER = "urn:succession-kb:edit-applied"
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
        if binding["datatype"] == XSD_BOOLEAN:  # Virtuoso answers 0/1; the canonical form is false/true
            value = {"0": "false", "1": "true"}.get(value, value)
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class Endpoint:
    """One SPARQL server: query URL, update URL, optional graph, credentials from the environment."""

    def __init__(self, query_url: str, update_url: str | None = None, graph: str | None = None) -> None:
        self.query_url = _check_url(query_url)
        self.update_url = _check_url(update_url, "update endpoint") if update_url else _guess_update(query_url)
        if graph and not _IRI.match(graph):
            raise InputError(f"invalid graph IRI {graph!r}: expected an absolute IRI such as urn:x:kb or http://...")
        self.graph = graph or None

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
            first = _server_message(exc)
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
        except http.client.HTTPException as exc:  # the server died mid-answer (IncompleteRead, BadStatusLine)
            raise EndpointError(f"SPARQL endpoint {url} broke off its answer: {type(exc).__name__}") from None
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            raise EndpointError(f"SPARQL endpoint {url} answered something that is not SPARQL JSON results: "
                                f"{type(exc).__name__}") from None

    _is_virtuoso: bool | None = None

    def select(self, text: str, bindings: dict | None = None) -> Result:
        text = bind_values(text, dict(bindings or {}))
        # whole-line comments are documentation; some clients' query-type sniffing trips over them
        text = "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))
        if self.graph:
            text = _from_graph(text, self.graph)
        if bindings and self.virtuoso():
            # the bound values come first in the query (bind_values); Virtuoso's planner may still start from
            # the whole graph (a `who-holds` took over 120 s after four triples were added to the ontology):
            # this pragma makes it join in the written order, from the bound values (0.15 s)
            text = 'DEFINE sql:select-option "order"\n' + text
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
        """Every triple of the graph (a snapshot). Servers cap result sizes (Virtuoso: 10,000 rows by
        default, and it refuses to sort past the cap), so a short answer is read again in parts:
        predicates packed into groups that fit under the cap (index look-ups), and a predicate too
        big for one answer split by the MD5 of its subjects."""
        rows = self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
        count = self._count("?s ?p ?o")
        if len(rows) < count:
            cap = max(len(rows), 1)
            sizes = sorted(((r["p"], int(r["n"].value)) for r in self.select(
                "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p").rows), key=lambda x: (-x[1], str(x[0])))
            rows, group, room = [], [], cap
            for p, n in sizes + [(None, 0)]:
                if group and (p is None or n > room):
                    values = " ".join(str(x) for x in group)
                    rows.extend(self.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}").rows)
                    group, room = [], cap
                if p is None:
                    break
                if n > cap:
                    rows.extend(dict(r, p=p) for r in self._split(p, ""))
                    continue
                group.append(p)
                room -= n
        return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows if r["p"].value != MARKER]

    def _count(self, where: str) -> int:
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0]["n"].value)

    def _split(self, p, prefix: str) -> list[dict]:
        """The triples of one predicate whose subject's MD5 starts with ``prefix`` (blank subjects
        under the empty prefix), split further while an answer comes back short."""
        if prefix:
            where = f'?s {p} ?o FILTER(!isBlank(?s) && STRSTARTS(MD5(STR(?s)), "{prefix}"))'
            rows = self.select(f"SELECT ?s ?o WHERE {{ {where} }}").rows
            if len(rows) >= self._count(where) or len(prefix) >= 8:
                return rows
            return [r for d in "0123456789abcdef" for r in self._split(p, prefix + d)]
        blank = self.select(f"SELECT ?s ?o WHERE {{ ?s {p} ?o FILTER(isBlank(?s)) }}").rows
        return blank + [r for d in "0123456789abcdef" for r in self._split(p, d)]

    def insert(self, triples: list[ox.Triple]) -> None:
        self.update(_data_update("INSERT", triples, self.graph))

    def ask(self, text: str) -> bool:
        rows = self.select(text).rows
        return bool(rows) and rows[0]["result"].value == "true"

    def virtuoso(self) -> bool:
        """Whether the server is Virtuoso (asked once per endpoint)."""
        if self._is_virtuoso is None:
            self._is_virtuoso = "virtuoso" in self.server_software().lower()
        return self._is_virtuoso

    def server_software(self) -> str:
        """The server's HTTP Server header (e.g. "Virtuoso/07.20.3238 (Linux) ..."), "" when it sends none."""
        import urllib.request

        req = urllib.request.Request(self.query_url + "?query=ASK%7B%7D",
                                     headers={"Accept": "application/sparql-results+json", **self._auth_headers()})
        with self._errors(self.query_url):
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                resp.read()
                return resp.headers.get("Server", "") or ""

    def store_urls(self) -> list[str]:
        """Graph Store Protocol endpoints that may sit next to the query URL (Oxigraph /store,
        Virtuoso /sparql-graph-crud, Fuseki /data); $SUCCESSION_STORE_ENDPOINT names one ("none":
        never use the protocol)."""
        explicit = os.environ.get("SUCCESSION_STORE_ENDPOINT")
        if explicit:
            return [] if explicit == "none" else [_check_url(explicit, "graph store endpoint")]
        if self.query_url.endswith("/query"):
            base = self.query_url[: -len("/query")]
            return [base + "/store", base + "/data"]
        if self.query_url.endswith("/sparql"):
            base = self.query_url[: -len("/sparql")]
            return [base + "/sparql-graph-crud", base + "/data"]
        return []

    def post_turtle(self, url: str, triples: list[ox.Triple], proven: bool = True) -> bool:
        """POST N-Triples (Turtle's subset) to a Graph Store Protocol endpoint; False if the server
        does not offer the protocol there (so the caller falls back to INSERT DATA). Until ``url``
        has proven itself, any HTTP error means "not here" (Virtuoso answers 500 for the default
        graph, whose refusal INSERT DATA then reports in the server's own words)."""
        import urllib.parse
        import urllib.request

        target = url + ("?" + urllib.parse.urlencode({"graph": self.graph}) if self.graph else "?default")
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
        req = urllib.request.Request(target, data=body, method="POST",
                                     headers={"Content-Type": "application/n-triples"})
        for name, value in self._auth_headers().items():
            req.add_header(name, value)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                resp.read()
                return 200 <= resp.status < 300
        except urllib.error.HTTPError as exc:
            if not proven or exc.code in (404, 405, 406, 415, 501):
                return False
            raise EndpointError(f"SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise EndpointError(f"SPARQL endpoint {url} is unreachable: {getattr(exc, 'reason', exc)}") from None
        except http.client.HTTPException as exc:  # the server died mid-answer
            raise EndpointError(f"SPARQL endpoint {url} broke off its answer: {type(exc).__name__}") from None

    def _auth_headers(self) -> dict[str, str]:
        import base64

        user, password = os.environ.get("SUCCESSION_ENDPOINT_USER"), os.environ.get("SUCCESSION_ENDPOINT_PASSWORD")
        token = os.environ.get("SUCCESSION_ENDPOINT_TOKEN")
        if user and password:
            return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
        if token:
            return {"Authorization": f"Bearer {token}"}
        return {}


def _server_message(exc) -> str:
    """The server's own first line (e.g. Virtuoso's "SP031: ... No plain default graph"), else
    SPARQLWrapper's summary."""
    text = str(exc).strip()
    if "Response:" in text:
        body = text.split("Response:", 1)[1].strip()
        if body.startswith(("b'", 'b"')):
            body = body[2:]
        body = body.replace("\\n", "\n").strip()
        line = next((x.strip() for x in body.splitlines() if x.strip()), "")
        if line:
            return f"{type(exc).__name__}: {line}"
    return text.splitlines()[0] if text else type(exc).__name__


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


SK_OFFICE = "https://w3id.org/succession-kb/ontology#office"
SK_TENURE = "https://w3id.org/succession-kb/ontology#Tenure"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _guards(snapshot: ox.Store, graph_of_snapshot, removed: list, added: list, after: bool) -> list[str]:
    """The WHERE patterns and filters that say "the state around this edit is what the check saw"
    (``after``: ... plus the edit itself, and nothing else)."""
    where: list[str] = [] if after else [f"{t.subject} {t.predicate} {t.object} ." for t in removed]
    filters: list[str] = []
    touched = sorted({(t.subject, t.predicate) for t in removed + added}, key=str)
    for i, (s, p) in enumerate(touched):
        seen = [q.object for q in snapshot.quads_for_pattern(s, p, None, graph_of_snapshot)]
        if after:
            seen = [o for o in seen if ox.Triple(s, p, o) not in removed]
            seen += [t.object for t in added if (t.subject, t.predicate) == (s, p)]
        where.extend(f"{s} {p} {o} ." for o in seen if after or ox.Triple(s, p, o) not in removed)
        allowed = f" FILTER(?v{i} NOT IN ({', '.join(str(o) for o in seen)}))" if seen else ""
        filters.append(f"FILTER NOT EXISTS {{ {s} {p} ?v{i} .{allowed} }}")
    offices = sorted({t.object for t in added if t.predicate.value == SK_OFFICE}, key=str)
    for j, office in enumerate(offices):
        known = {q.subject for q in snapshot.quads_for_pattern(None, ox.NamedNode(SK_OFFICE), office, graph_of_snapshot)
                 if next(iter(snapshot.quads_for_pattern(q.subject, ox.NamedNode(RDF_TYPE), ox.NamedNode(SK_TENURE),
                                                         graph_of_snapshot)), None)}
        if after:
            known |= {t.subject for t in added if t.predicate.value == SK_OFFICE and t.object == office}
        listed = sorted(known, key=str)
        allowed = f" FILTER(?t{j} NOT IN ({', '.join(str(t) for t in listed)}))" if listed else ""
        filters.append(f"FILTER NOT EXISTS {{ ?t{j} a <{SK_TENURE}> ; <{SK_OFFICE}> {office} .{allowed} }}")
    return where + filters


def guarded_update(snapshot: ox.Store, graph_of_snapshot, removed, added, graph: str | None, marker: str) -> str:
    """One DELETE/INSERT ... WHERE for a whole edit, applied only if the state it was checked against
    still holds on the server:

    - every triple it removes is still there;
    - every (subject, property) it changes still has exactly the values the check saw (so two edits
      closing the same open tenure, or linking the same predecessor, cannot both apply);
    - every office that gains a tenure or an event still has exactly the tenures the check saw (no
      later or overlapping tenure slipped in).

    The same request inserts ``marker``, so an ASK afterwards tells whether it was applied."""
    removed, added = sorted(removed, key=str), sorted(added, key=str)
    if any(isinstance(x, ox.BlankNode) for t in removed + added for x in (t.subject, t.object)):
        raise InputError("an edit on a server cannot involve blank nodes")
    delete = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in removed)
    insert = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in added)
    insert += f'\n<{marker}> <{MARKER}> "1" .'
    with_ = f"WITH <{graph}>\n" if graph else ""
    return (f"{with_}DELETE {{\n{delete}\n}}\nINSERT {{\n{insert}\n}}\nWHERE {{\n"
            + "\n".join(_guards(snapshot, graph_of_snapshot, removed, added, after=False)) + "\n}")


def settled_query(snapshot: ox.Store, graph_of_snapshot, removed, added) -> str:
    """ASK: is the state around the edit now exactly the checked state plus this edit? Some servers
    (Oxigraph) run simultaneous updates on snapshots without detecting conflicts, so two guarded
    edits sent at the same instant can both apply; each then sees the other's triples here."""
    removed, added = sorted(removed, key=str), sorted(added, key=str)
    return "ASK WHERE {\n" + "\n".join(_guards(snapshot, graph_of_snapshot, removed, added, after=True)) + "\n}"


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
        """Send the edit with its preconditions; refuse it if the server changed since the check."""
        import uuid

        marker = f"urn:uuid:{uuid.uuid4()}"
        snapshot = self.store()
        self.endpoint.update(guarded_update(snapshot, file_graph(REMOTE_FILE), removed, added, self.endpoint.graph,
                                            marker))
        self._store = None
        node = f"<{marker}> <{MARKER}> \"1\""
        applied = self.endpoint.ask(f"ASK WHERE {{ {node} }}")
        if not applied:
            raise ServerChangedError("the server changed since this edit was checked; run it again")
        graph = self.endpoint.graph
        settled = self.endpoint.ask(settled_query(snapshot, file_graph(REMOTE_FILE), removed, added))
        if not settled:  # another edit applied at the same instant: take ours back (safe: never both)
            self.endpoint.update(change_update(set(added), set(removed), graph))
        self.endpoint.update(_data_update("DELETE", [ox.Triple(ox.NamedNode(marker), ox.NamedNode(MARKER),
                                                               ox.Literal("1"))], graph))
        if not settled:
            raise ServerChangedError("the server changed since this edit was checked; run it again")


class RemoteEngine:
    """The engine interface over a SPARQL server."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.kb = RemoteKB(endpoint)

    def select(self, text: str, bindings: dict | None = None) -> Result:
        return self.endpoint.select(text, bindings)
