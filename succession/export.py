"""Exports of the whole graph: Turtle, N-Triples, TriG, JSON-LD, CSV tables and Popolo JSON.

Every format is deterministic (sorted), so two exports of the same knowledge base are identical.
RDF formats carry the knowledge base (not the ontology); CSV and Popolo are flat views for
spreadsheets and civic-tech tools.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .kb import content_quads, graph_file
from .namespaces import PREFIXES, RDF, XSD, sparql_prefixes
from .safeio import csv_safe
from .turtle import serialize

FORMATS = ("ttl", "nt", "trig", "jsonld", "csv", "popolo")


def data_quads(store: ox.Store) -> list[ox.Quad]:
    return list(content_quads(store, ontology=False))


def to_ttl(store: ox.Store) -> str:
    return serialize(q.triple for q in data_quads(store))


def to_nt(store: ox.Store) -> str:
    return "".join(sorted({f"{q.triple} .\n" for q in data_quads(store)}))


def to_trig(store: ox.Store) -> str:
    """One named graph per kb/ file, so a round trip keeps the file layout."""
    from .kb import FILE_GRAPH_PREFIX
    from .layout import partition

    by_graph = {FILE_GRAPH_PREFIX + name: list(ts) for name, ts in partition(q.triple for q in data_quads(store)).items()}
    heads, bodies = set(), []
    for graph in sorted(by_graph):
        text = serialize(by_graph[graph])
        head, _, body = text.partition("\n\n")
        heads.update(line for line in head.splitlines() if line)
        bodies.append(f"<{graph}> {{\n{body.rstrip()}\n}}\n")
    return "\n".join(sorted(heads)) + "\n\n" + "\n".join(bodies)


def _jsonld_value(term, compact) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    dt = term.datatype.value if term.datatype is not None else XSD + "string"
    if dt == XSD + "string":
        return {"@value": term.value}
    return {"@value": term.value, "@type": compact(dt)}


def to_jsonld(store: ox.Store) -> str:
    """Flattened JSON-LD: one node object per subject, sorted, with the project prefixes as context."""
    by_len = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

    def compact(iri: str) -> str:
        for prefix, ns in by_len:
            if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns):]:
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    nodes: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for q in data_quads(store):
        node = nodes[q.subject.value]
        if q.predicate.value == RDF + "type" and isinstance(q.object, ox.NamedNode):
            node["@type"].append(compact(q.object.value))
        else:
            node[compact(q.predicate.value)].append(_jsonld_value(q.object, compact))
    graph = []
    for sid in sorted(nodes):
        props = nodes[sid]
        obj = {"@id": compact(sid)}
        for key in sorted(props):
            values = props[key]
            obj[key] = sorted(values) if key == "@type" else sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
        graph.append(obj)
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


TABLES = {
    "persons": ("""SELECT ?id ?name ?born ?died ?wikidata (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases)
WHERE { ?id a sk:Person ; rdfs:label ?name . OPTIONAL { ?id sk:birthDate ?born } OPTIONAL { ?id sk:deathDate ?died }
  OPTIONAL { ?id sk:wikidata ?wikidata } OPTIONAL { ?id skos:altLabel|sk:name ?alias } }
GROUP BY ?id ?name ?born ?died ?wikidata ORDER BY ?id""",
                ["id", "name", "born", "died", "wikidata", "aliases"]),
    "offices": ("""SELECT ?id ?name ?kind ?jurisdiction ?country ?body ?seats ?wikidata WHERE {
  ?id a sk:Office ; rdfs:label ?name ; sk:officeKind/skos:prefLabel ?kind ; sk:seats ?seats ;
      sk:jurisdiction ?j . ?j rdfs:label ?jurisdiction ; sk:country/rdfs:label ?country .
  OPTIONAL { ?id org:postIn/rdfs:label ?body } OPTIONAL { ?id sk:wikidata ?wikidata } } ORDER BY ?id""",
                ["id", "name", "kind", "jurisdiction", "country", "body", "seats", "wikidata"]),
    "tenures": ("""SELECT ?id ?person ?person_name ?person_wikidata ?office ?office_name ?start ?end ?acting ?entry_mode
  ?exit_reason ?predecessor ?predecessor_name ?legal_basis (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?id a sk:Tenure ; sk:holder ?person ; sk:office ?office ; sk:start ?start ; sk:acting ?acting .
  ?person rdfs:label ?person_name . ?office rdfs:label ?office_name .
  OPTIONAL { ?id sk:end ?end } OPTIONAL { ?id sk:entryMode/skos:prefLabel ?entry_mode }
  OPTIONAL { ?id sk:exitReason/skos:prefLabel ?exit_reason }
  OPTIONAL { ?id sk:predecessor ?predecessor . ?predecessor sk:holder/rdfs:label ?predecessor_name }
  OPTIONAL { ?person sk:wikidata ?person_wikidata }
  OPTIONAL { ?id sk:legalBasis ?legal_basis } OPTIONAL { ?id prov:wasDerivedFrom/schema:url ?url } }
GROUP BY ?id ?person ?person_name ?person_wikidata ?office ?office_name ?start ?end ?acting ?entry_mode ?exit_reason
  ?predecessor ?predecessor_name ?legal_basis
ORDER BY ?id""",
                ["id", "person", "person_name", "person_wikidata", "office", "office_name", "start", "end", "acting",
                 "entry_mode", "exit_reason", "predecessor", "predecessor_name", "legal_basis", "sources"]),
    "relations": ("""SELECT ?id ?person ?person_name ?kinship ?relative ?relative_name
  (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?id a sk:FamilyRelation ; sk:person ?person ; sk:kinship/skos:prefLabel ?kinship ; sk:relative ?relative .
  ?person rdfs:label ?person_name . ?relative rdfs:label ?relative_name .
  OPTIONAL { ?id prov:wasDerivedFrom/schema:url ?url } }
GROUP BY ?id ?person ?person_name ?kinship ?relative ?relative_name ORDER BY ?id""",
                  ["id", "person", "person_name", "kinship", "relative", "relative_name", "sources"]),
    "rules": ("""SELECT ?id ?vacant_office ?vacant_office_name ?order ?acting_office ?acting_office_name ?in_force_from
  ?in_force_by ?in_force_until ?edition ?edition_name ?article ?designation ?legal_basis
  (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?id a sk:SuccessionRule ; sk:vacantOffice ?vacant_office ; sk:actingOffice ?acting_office ; sk:order ?order .
  ?vacant_office rdfs:label ?vacant_office_name . ?acting_office rdfs:label ?acting_office_name .
  OPTIONAL { ?id sk:inForceFrom ?in_force_from } OPTIONAL { ?id sk:inForceBy ?in_force_by }
  OPTIONAL { ?id sk:inForceUntil ?in_force_until }
  OPTIONAL { ?id sk:edition ?edition . ?edition rdfs:label ?edition_name }
  OPTIONAL { ?id sk:article ?article } OPTIONAL { ?id sk:designation ?designation }
  OPTIONAL { ?id sk:legalBasis ?legal_basis } OPTIONAL { ?id prov:wasDerivedFrom/schema:url ?url } }
GROUP BY ?id ?vacant_office ?vacant_office_name ?order ?acting_office ?acting_office_name ?in_force_from ?in_force_by
  ?in_force_until ?edition ?edition_name ?article ?designation ?legal_basis ORDER BY ?id""",
              ["id", "vacant_office", "vacant_office_name", "order", "acting_office", "acting_office_name",
               "in_force_from", "in_force_by", "in_force_until", "edition", "edition_name", "article", "designation",
               "legal_basis", "sources"]),
    "events": ("""SELECT ?id ?office ?date ?incoming ?outgoing ?mode ?legal_basis WHERE {
  ?id a sk:SuccessionEvent ; sk:office ?office ; sk:date ?date .
  OPTIONAL { ?id sk:incoming ?incoming } OPTIONAL { ?id sk:outgoing ?outgoing }
  OPTIONAL { ?id sk:mode/skos:prefLabel ?mode } OPTIONAL { ?id sk:legalBasis ?legal_basis } } ORDER BY ?id""",
               ["id", "office", "date", "incoming", "outgoing", "mode", "legal_basis"]),
}


def tables(select) -> dict[str, str]:
    """CSV text of each flat table."""
    out = {}
    for name, (query, columns) in TABLES.items():
        rows = select(sparql_prefixes() + query).rows
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else csv_safe(r[c].value) for c in columns])
        out[f"{name}.csv"] = buf.getvalue()
    return out


def to_popolo(select) -> str:
    """Popolo JSON (persons, organizations, posts, memberships), http://www.popoloproject.com/, with three
    extensions Popolo has no class for: each membership's predecessor (id and name), ``relationships``
    (family ties, Popolo's proposed Relationship shape) and ``succession_rules`` (who acts, with periods)."""
    pre = sparql_prefixes()
    persons = []
    for r in select(pre + TABLES["persons"][0]).rows:
        p = {"id": r["id"].value, "name": r["name"].value}
        if r["born"] is not None:
            p["birth_date"] = r["born"].value
        if r["died"] is not None:
            p["death_date"] = r["died"].value
        if r["aliases"] is not None and r["aliases"].value:
            p["other_names"] = [{"name": a} for a in sorted(set(r["aliases"].value.split(" | ")))]
        if r["wikidata"] is not None:
            p["identifiers"] = [{"scheme": "wikidata", "identifier": r["wikidata"].value}]
        persons.append(p)
    orgs: dict[str, dict] = {}
    posts = []
    for r in select(pre + """SELECT ?post ?label ?org ?orgLabel ?place ?placeLabel ?wikidata WHERE {
  ?post a sk:Office ; rdfs:label ?label ; sk:jurisdiction ?place . ?place rdfs:label ?placeLabel .
  OPTIONAL { ?post sk:wikidata ?wikidata }
  OPTIONAL { ?post org:postIn ?org . ?org rdfs:label ?orgLabel } } ORDER BY ?post""").rows:
        org_id = r["org"].value if r["org"] is not None else r["place"].value
        org_name = r["orgLabel"].value if r["orgLabel"] is not None else r["placeLabel"].value
        orgs.setdefault(org_id, {"id": org_id, "name": org_name})
        post = {"id": r["post"].value, "label": r["label"].value, "organization_id": org_id}
        if r["wikidata"] is not None:
            post["identifiers"] = [{"scheme": "wikidata", "identifier": r["wikidata"].value}]
        posts.append(post)
    org_of_post = {p["id"]: p["organization_id"] for p in posts}
    memberships = []
    for r in select(pre + TABLES["tenures"][0]).rows:
        m = {"id": r["id"].value, "person_id": r["person"].value, "post_id": r["office"].value,
             "organization_id": org_of_post.get(r["office"].value), "role": r["office_name"].value,
             "start_date": r["start"].value}
        if r["end"] is not None:
            m["end_date"] = r["end"].value
        if r["predecessor"] is not None:  # extensions: the tenure before this one, and whose it was
            m["predecessor_membership_id"] = r["predecessor"].value
            if r["predecessor_name"] is not None:
                m["predecessor_name"] = r["predecessor_name"].value
        if r["sources"] is not None and r["sources"].value:
            m["sources"] = [{"url": u} for u in sorted(r["sources"].value.split())]
        memberships.append(m)

    def sourced(d: dict, r) -> dict:
        if r["sources"] is not None and r["sources"].value:
            d["sources"] = [{"url": u} for u in sorted(r["sources"].value.split())]
        return d

    relationships = [sourced({"id": r["id"].value, "subject_id": r["person"].value, "subject_name": r["person_name"].value,
                              "relationship_type": r["kinship"].value, "object_id": r["relative"].value,
                              "object_name": r["relative_name"].value}, r)
                     for r in select(pre + TABLES["relations"][0]).rows]
    rules = []
    for r in select(pre + TABLES["rules"][0]).rows:
        rule = {"id": r["id"].value, "vacant_post_id": r["vacant_office"].value,
                "vacant_post_label": r["vacant_office_name"].value, "order": int(r["order"].value),
                "acting_post_id": r["acting_office"].value, "acting_post_label": r["acting_office_name"].value}
        for key, col in (("start_date", "in_force_from"), ("in_force_by", "in_force_by"), ("end_date", "in_force_until"),
                         ("legal_edition_id", "edition"), ("legal_edition", "edition_name"), ("article", "article"),
                         ("designation", "designation"), ("legal_basis", "legal_basis")):
            if r[col] is not None:
                rule[key] = r[col].value
        rules.append(sourced(rule, r))
    doc = {"persons": persons, "organizations": sorted(orgs.values(), key=lambda o: o["id"]), "posts": posts,
           "memberships": memberships, "relationships": relationships, "succession_rules": rules}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def export(session, fmt: str, out: Path | None) -> dict[str, str]:
    """What to write: {file name or '-': text}."""
    if fmt not in FORMATS:
        raise InputError(f"invalid format {fmt!r}: expected one of {', '.join(FORMATS)}")
    store = session.kb.store()
    select = session.engine.select
    if fmt == "csv":
        if out is None:
            raise InputError("--format csv writes several tables: give --out DIR")
        if out.exists() and (out.is_symlink() or not out.is_dir()):
            raise InputError(f"--format csv writes a folder of tables; {out} exists and is not a folder")
        return {str(out / name): text for name, text in tables(select).items()}
    text = {"ttl": to_ttl, "nt": to_nt, "trig": to_trig, "jsonld": to_jsonld}.get(fmt)
    body = text(store) if text else to_popolo(select)
    return {str(out) if out else "-": body}


__all__ = ["FORMATS", "export", "graph_file"]
