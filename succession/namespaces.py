"""The project namespace, declared once. Ontology, shapes, queries and data use these strings."""

from __future__ import annotations

BASE = "https://w3id.org/succession-kb/"
SK = BASE + "ontology#"
MODE = BASE + "ontology/mode#"
EXIT = BASE + "ontology/exit#"
KIND = BASE + "ontology/kind#"
KIN = BASE + "ontology/kin#"
STAGE = BASE + "ontology/stage#"
EDITION_KIND = BASE + "ontology/edition#"
ELECTION_KIND = BASE + "ontology/election#"
ID = BASE + "id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES: dict[str, str] = {
    "sk": SK,
    "mode": MODE,
    "exit": EXIT,
    "kind": KIND,
    "kin": KIN,
    "stage": STAGE,
    "edkind": EDITION_KIND,
    "elkind": ELECTION_KIND,
    "id": ID,
    "person": ID + "person/",
    "office": ID + "office/",
    "body": ID + "body/",
    "place": ID + "place/",
    "tenure": ID + "tenure/",
    "event": ID + "event/",
    "relation": ID + "relation/",
    "rule": ID + "rule/",
    "edition": ID + "edition/",
    "election": ID + "election/",
    "termrule": ID + "termrule/",
    "source": ID + "source/",
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "org": ORG,
    "prov": PROV,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "owl": OWL,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every project prefix, for queries built in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str | None:
    """``iri`` as prefix:local with the project's prefixes (the longest namespace that fits), or None."""
    for prefix, base in _LONGEST_FIRST:
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return None
