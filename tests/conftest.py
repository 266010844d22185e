"""Shared fixtures: the real knowledge base, copies of it, and a CLI runner."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cli  # noqa: E402

KB = ROOT / "kb"


class Run:
    """Invoke the CLI in-process, like a user would from the shell."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, kb: Path | None = None):
        argv = [str(a) for a in args]
        if kb is not None:
            argv += ["--kb", str(kb)]
        return self.runner.invoke(cli.app, argv)


@pytest.fixture(scope="session")
def run() -> Run:
    return Run()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge base that a test may edit."""
    dest = tmp_path / "kb"
    shutil.copytree(KB, dest, ignore=shutil.ignore_patterns(".lock", ".txn", ".cache"))
    return dest


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file's bytes, to prove that a refused edit changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and p.name != ".lock"}


def write_kb(directory: Path, turtle: str, name: str = "data.ttl") -> Path:
    """A tiny knowledge base folder with the given Turtle (prefixes added)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(PREFIXES + turtle, encoding="utf-8")
    return directory


PREFIXES = """\
@prefix sk: <https://w3id.org/succession-kb/ontology#> .
@prefix mode: <https://w3id.org/succession-kb/ontology/mode#> .
@prefix exit: <https://w3id.org/succession-kb/ontology/exit#> .
@prefix kind: <https://w3id.org/succession-kb/ontology/kind#> .
@prefix kin: <https://w3id.org/succession-kb/ontology/kin#> .
@prefix id: <https://w3id.org/succession-kb/id/> .
@prefix place: <https://w3id.org/succession-kb/id/place/> .
@prefix person: <https://w3id.org/succession-kb/id/person/> .
@prefix office: <https://w3id.org/succession-kb/id/office/> .
@prefix source: <https://w3id.org/succession-kb/id/source/> .
@prefix t: <https://w3id.org/succession-kb/id/tenure/> .
@prefix e: <https://w3id.org/succession-kb/id/event/> .
@prefix r: <https://w3id.org/succession-kb/id/relation/> .
@prefix rule: <https://w3id.org/succession-kb/id/rule/> .
@prefix ed: <https://w3id.org/succession-kb/id/edition/> .
@prefix edkind: <https://w3id.org/succession-kb/ontology/edition#> .
@prefix elkind: <https://w3id.org/succession-kb/ontology/election#> .
@prefix el: <https://w3id.org/succession-kb/id/election/> .
@prefix tr: <https://w3id.org/succession-kb/id/termrule/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
"""

# A minimal valid world: one country, one single-seat office, two persons, one source.
BASE = """
place:x a sk:Country ; rdfs:label "Xland"@en ; sk:country place:x .
source:s a sk:Source ; schema:url "https://example.org/s"^^xsd:anyURI ; sk:sourceKind "news" .
office:p a sk:Office ; rdfs:label "President of Xland"@en ; sk:officeKind kind:head-of-state ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
office:c a sk:Office ; rdfs:label "Chair of the Xland Senate"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
person:a a sk:Person ; rdfs:label "Alpha Ant"@en ; prov:wasDerivedFrom source:s .
person:b a sk:Person ; rdfs:label "Beta Bee"@en ; prov:wasDerivedFrom source:s .
"""


# real SPARQL servers, one of each per test session (tests/servers.py)
from servers import oxigraph_server, virtuoso_server  # noqa: E402,F401
