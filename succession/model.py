"""Deterministic IRIs and the triples of each kind of node.

IRIs are built from readable slugs (``id/person/rustam-emomali``,
``id/tenure/chairman-of-the-majlisi-milli/rustam-emomali/2020-04-17``), so recording the same fact
twice finds the node that exists instead of minting a duplicate. Every builder here is used both by
the edit commands and by the curation scripts that produced ``kb/``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable

import pyoxigraph as ox

from .dates import PDate
from .names import fold
from .namespaces import (
    DCTERMS,
    EDITION_KIND,
    EXIT,
    ID,
    KIN,
    KIND,
    MODE,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SK,
    SKOS,
    STAGE,
    XSD,
)

Triple = ox.Triple

ENTRY_MODES = ("election", "appointment", "parliamentary-vote", "constitutional-succession", "acting-by-rule",
               "hereditary", "coup", "ouster", "popular-uprising", "other")
EXIT_REASONS = ("term-end", "resignation", "death", "removal", "ouster", "office-abolished", "succeeded",
                "appointed-elsewhere", "other")
OFFICE_KINDS = ("head-of-state", "head-of-government", "chamber-chair", "deputy-head-of-government", "minister",
                "security-chief", "prosecutor", "administration-head", "security-council", "central-bank", "governor",
                "mayor", "deputy-chair", "agency-head", "other")
EDITION_KINDS = ("constitution", "amendment", "constitutional-law")
# child-of is the stored direction of parent/child; parent-of is turned round when recorded.
KINSHIPS = ("child-of", "parent-of", "spouse-of", "sibling-of", "in-law-of", "grandchild-of", "nephew-or-niece-of")
SYMMETRIC_KINSHIPS = ("spouse-of", "sibling-of", "in-law-of")
CLAIM_STAGES = ("rumoured", "announced", "decreed", "in-office")


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=N(datatype))
    return ox.Literal(value)


def date_lit(d: PDate) -> ox.Literal:
    return lit(d.text, d.datatype)


def now_literal(now: _dt.datetime | None = None) -> ox.Literal:
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return lit(now.replace(microsecond=0).isoformat().replace("+00:00", "Z"), XSD + "dateTime")


def slug(text: str) -> str:
    """A readable, IRI-safe slug; text with no Latin/Cyrillic letters gets a stable hash instead."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80].strip("-")
    return s or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def person_iri(s: str) -> str:
    return f"{ID}person/{s}"


def office_iri(s: str) -> str:
    return f"{ID}office/{s}"


def body_iri(s: str) -> str:
    return f"{ID}body/{s}"


def place_iri(s: str) -> str:
    return f"{ID}place/{s}"


def local(iri: str, kind: str) -> str:
    """The slug of an IRI minted by this module (``local(person_iri('x'), 'person') == 'x'``)."""
    prefix = f"{ID}{kind}/"
    return iri[len(prefix):] if iri.startswith(prefix) else slug(iri)


def tenure_iri(office: str, person: str, start: PDate, acting: bool) -> str:
    return f"{ID}tenure/{local(office, 'office')}/{local(person, 'person')}/{start.text}{'-acting' if acting else ''}"


def event_iri(office: str, date: PDate, incoming_person: str | None) -> str:
    """One event per office, date and incoming holder ('vacancy' when nobody comes in)."""
    who = local(incoming_person, "person") if incoming_person else "vacancy"
    return f"{ID}event/{local(office, 'office')}/{date.text}/{who}"


def relation_iri(person: str, kinship: str, relative: str) -> str:
    return f"{ID}relation/{local(person, 'person')}/{kinship}/{local(relative, 'person')}"


def rule_iri(vacant: str, order: int, acting_office: str, start: PDate | None) -> str:
    when = start.text if start else "undated"
    return f"{ID}rule/{local(vacant, 'office')}/{order}/{local(acting_office, 'office')}/{when}"


def edition_iri(title: str) -> str:
    return f"{ID}edition/{slug(title)}"


def verification_iri(office: str, date: PDate) -> str:
    return f"{ID}verification/{local(office, 'office')}/{date.text}"


def attestation_iri(office: str, person: str, date: PDate) -> str:
    return f"{ID}attestation/{local(office, 'office')}/{local(person, 'person')}/{date.text}"


def former_name_iri(about: str, until: PDate) -> str:
    return f"{about}/name/{until.text}"


def edition_kind_iri(name: str) -> str:
    return EDITION_KIND + name


def source_iri(url: str) -> str:
    return f"{ID}source/{hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]}"


def altdate_iri(about: str, prop: str, date: PDate) -> str:
    return f"{about}/alt/{prop}/{date.text}"


def gap_iri(office: str, start: PDate) -> str:
    return f"{ID}gap/{local(office, 'office')}/{start.text}"


def departure_iri(office: str, date: PDate) -> str:
    return f"{ID}departure/{local(office, 'office')}/{date.text}"


def correction_iri(subject: str, prop: str, new_value: str, recorded: str) -> str:
    h = hashlib.sha1("\x1f".join((subject, prop, new_value, recorded)).encode("utf-8")).hexdigest()[:16]
    return f"{ID}correction/{h}"


def claim_iri(person: str, office: str, date: PDate, claimant: str, statement: str) -> str:
    h = hashlib.sha1("\x1f".join((claimant, statement)).encode("utf-8")).hexdigest()[:10]
    return f"{ID}claim/{local(person, 'person')}/{local(office, 'office')}/{date.text}-{h}"


def stage_iri(name: str) -> str:
    return STAGE + name


def mode_iri(name: str) -> str:
    return MODE + name


def exit_iri(name: str) -> str:
    return EXIT + name


def kind_iri(name: str) -> str:
    return KIND + name


def kin_iri(name: str) -> str:
    return KIN + name


# ---------------------------------------------------------------------------- builders


class Builder:
    """Collects triples; ``add`` skips None objects so optional fields stay optional."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str | None) -> None:
        if o is None:
            return
        obj = N(o) if isinstance(o, str) else o
        self.triples.add(Triple(N(s), N(p), obj))

    def sources(self, s: str, sources: Iterable[str]) -> None:
        for src in sources:
            self.add(s, PROV + "wasDerivedFrom", src)

    def source(self, url: str, title: str | None = None, publisher: str | None = None,
               published: PDate | None = None) -> str:
        iri = source_iri(url)
        self.add(iri, RDF + "type", SK + "Source")
        self.add(iri, SCHEMA + "url", lit(url, XSD + "anyURI"))
        if title:
            self.add(iri, DCTERMS + "title", lit(title))
        if publisher:
            self.add(iri, DCTERMS + "publisher", lit(publisher))
        if published:
            self.add(iri, DCTERMS + "issued", date_lit(published))
        self.source_kind(iri, url, title, publisher)
        return iri

    def source_kind(self, iri: str, url: str, title: str | None, publisher: str | None) -> None:
        """The kind of page a source is (official, news, encyclopedia, dataset, copy) and, for a copy
        whose title names it, the original's address."""
        from .sources import classify, original_of

        kind = classify(url, title, publisher)
        self.add(iri, SK + "sourceKind", lit(kind))
        original = original_of(title) if kind == "copy" else None
        if original:
            self.add(iri, SK + "copyOf", lit(original, XSD + "anyURI"))

    def place(self, iri: str, label: str, country: str, is_country: bool, city: bool = True) -> None:
        """A country, a city, or (``city=False``) another place such as a region."""
        self.add(iri, RDF + "type", SK + ("Country" if is_country else "City" if city else "Place"))
        self.add(iri, RDFS + "label", lit(label, lang="en"))
        self.add(iri, SK + "country", country)

    def body(self, iri: str, label: str, country: str | None, aliases: Iterable[str] = ()) -> None:
        self.add(iri, RDF + "type", SK + "Body")
        self.add(iri, RDFS + "label", lit(label, lang="en"))
        self.add(iri, SK + "country", country)
        for a in aliases:
            self.add(iri, SKOS + "altLabel", lit(a))

    def person(self, iri: str, label: str, *, aliases: Iterable[str] = (), names: Iterable[tuple[str, str]] = (),
               born: PDate | None = None, died: PDate | None = None, wikidata: str | None = None,
               sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "Person")
        self.add(iri, RDFS + "label", lit(label, lang="en"))
        for a in aliases:
            if a and a != label:
                self.add(iri, SKOS + "altLabel", lit(a))
        for text, lang in names:
            self.add(iri, SK + "name", lit(text, lang=lang))
        self.add(iri, SK + "birthDate", date_lit(born) if born else None)
        self.add(iri, SK + "deathDate", date_lit(died) if died else None)
        self.add(iri, SK + "wikidata", lit(wikidata) if wikidata else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def office(self, iri: str, label: str, *, kind: str, jurisdiction: str, body: str | None = None,
               seats: int = 1, aliases: Iterable[str] = (), established: PDate | None = None,
               abolished: PDate | None = None, wikidata: str | None = None, sources: Iterable[str] = (),
               recorded: ox.Literal | None = None, post_only: bool = False) -> None:
        self.add(iri, RDF + "type", SK + "Office")
        self.add(iri, RDFS + "label", lit(label, lang="en"))
        for a in aliases:
            if a and a != label:
                self.add(iri, SKOS + "altLabel", lit(a))
        self.add(iri, SK + "officeKind", kind_iri(kind))
        self.add(iri, SK + "jurisdiction", jurisdiction)
        self.add(iri, ORG + "postIn", body)
        self.add(iri, SK + "seats", lit(str(seats), XSD + "integer"))
        self.add(iri, SK + "established", date_lit(established) if established else None)
        self.add(iri, SK + "abolished", date_lit(abolished) if abolished else None)
        self.add(iri, SK + "wikidata", lit(wikidata) if wikidata else None)
        self.add(iri, SK + "postOnly", lit("true", XSD + "boolean") if post_only else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def tenure(self, iri: str, *, person: str, office: str, start: PDate, end: PDate | None = None,
               acting: bool = False, entry_mode: str | None = None, exit_reason: str | None = None,
               legal_basis: str | None = None, note: str | None = None, sources: Iterable[str] = (),
               recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "Tenure")
        self.add(iri, SK + "holder", person)
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "start", date_lit(start))
        self.add(iri, SK + "end", date_lit(end) if end else None)
        self.add(iri, SK + "acting", lit("true" if acting else "false", XSD + "boolean"))
        self.add(iri, SK + "entryMode", mode_iri(entry_mode) if entry_mode else None)
        self.add(iri, SK + "exitReason", exit_iri(exit_reason) if exit_reason else None)
        self.add(iri, SK + "legalBasis", lit(legal_basis) if legal_basis else None)
        self.add(iri, RDFS + "comment", lit(note) if note else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def link(self, predecessor: str, successor: str) -> None:
        self.add(successor, SK + "predecessor", predecessor)
        self.add(predecessor, SK + "successor", successor)

    def event(self, iri: str, *, office: str, date: PDate, incoming: str | None, outgoing: str | None,
              mode: str | None = None, legal_basis: str | None = None, sources: Iterable[str] = (),
              recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "SuccessionEvent")
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "date", date_lit(date))
        self.add(iri, SK + "incoming", incoming)
        self.add(iri, SK + "outgoing", outgoing)
        self.add(iri, SK + "mode", mode)
        self.add(iri, SK + "legalBasis", lit(legal_basis) if legal_basis else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def relation(self, iri: str, *, person: str, kinship: str, relative: str, sources: Iterable[str] = (),
                 recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "FamilyRelation")
        self.add(iri, SK + "person", person)
        self.add(iri, SK + "kinship", kin_iri(kinship))
        self.add(iri, SK + "relative", relative)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def rule(self, iri: str, *, vacant: str, acting_office: str, order: int, start: PDate | None,
             end: PDate | None, legal_basis: str, note: str | None = None, sources: Iterable[str] = (),
             recorded: ox.Literal | None = None, edition: str | None = None, article: str | None = None,
             in_force_by: PDate | None = None, designation: str | None = None) -> None:
        self.add(iri, SK + "edition", edition)
        self.add(iri, SK + "article", lit(article) if article else None)
        self.add(iri, SK + "inForceBy", date_lit(in_force_by) if in_force_by else None)
        self.add(iri, SK + "designation", lit(designation) if designation else None)
        self.add(iri, RDF + "type", SK + "SuccessionRule")
        self.add(iri, SK + "vacantOffice", vacant)
        self.add(iri, SK + "actingOffice", acting_office)
        self.add(iri, SK + "order", lit(str(order), XSD + "integer"))
        self.add(iri, SK + "inForceFrom", date_lit(start) if start else None)
        self.add(iri, SK + "inForceUntil", date_lit(end) if end else None)
        self.add(iri, SK + "legalBasis", lit(legal_basis))
        self.add(iri, RDFS + "comment", lit(note) if note else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def edition(self, iri: str, *, title: str, country: str, kind: str, adopted: PDate | None,
                in_force: PDate, until: PDate | None = None, replaces: str | None = None,
                aliases: Iterable[str] = (), sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "LegalEdition")
        self.add(iri, RDFS + "label", lit(title, lang="en"))
        for a in aliases:
            if a and a != title:
                self.add(iri, SKOS + "altLabel", lit(a))
        self.add(iri, SK + "country", country)
        self.add(iri, SK + "editionKind", edition_kind_iri(kind))
        self.add(iri, SK + "adopted", date_lit(adopted) if adopted else None)
        self.add(iri, SK + "inForceFrom", date_lit(in_force))
        self.add(iri, SK + "inForceUntil", date_lit(until) if until else None)
        self.add(iri, SK + "replaces", replaces)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def verification(self, iri: str, *, office: str, date: PDate, holders: Iterable[str], note: str | None,
                     sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "Verification")
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "date", date_lit(date))
        for h in holders:
            self.add(iri, SK + "holder", h)
        self.add(iri, RDFS + "comment", lit(note) if note else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def attestation(self, iri: str, *, office: str, holder: str, date: PDate, note: str | None,
                    sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "Attestation")
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "holder", holder)
        self.add(iri, SK + "date", date_lit(date))
        self.add(iri, RDFS + "comment", lit(note) if note else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def former_name(self, iri: str, *, about: str, label: str, until: PDate, since: PDate | None = None,
                    sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "FormerName")
        self.add(iri, SK + "about", about)
        self.add(iri, RDFS + "label", lit(label, lang="en"))
        self.add(iri, SK + "until", date_lit(until))
        self.add(iri, SK + "from", date_lit(since) if since else None)
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def departure(self, iri: str, *, office: str, date: PDate, expected_office: str | None,
                  expected_person: str | None, actual_person: str | None, summary: str,
                  sources: Iterable[str] = ()) -> None:
        self.add(iri, RDF + "type", SK + "RuleDeparture")
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "date", date_lit(date))
        self.add(iri, SK + "expectedOffice", expected_office)
        self.add(iri, SK + "expectedPerson", expected_person)
        self.add(iri, SK + "actualPerson", actual_person)
        self.add(iri, RDFS + "comment", lit(summary))
        self.sources(iri, sources)

    def gap(self, iri: str, *, office: str, start: PDate, end: PDate | None, reason: str,
            sources: Iterable[str] = ()) -> None:
        self.add(iri, RDF + "type", SK + "OfficeGap")
        self.add(iri, SK + "office", office)
        self.add(iri, SK + "start", date_lit(start))
        self.add(iri, SK + "end", date_lit(end) if end else None)
        self.add(iri, SK + "reason", lit(reason))
        self.sources(iri, sources)

    def claim(self, iri: str, *, person: str, office: str, statement: str, claimant: str, date: PDate,
              stage: str, confidence: str, sources: Iterable[str] = (), recorded: ox.Literal | None = None) -> None:
        self.add(iri, RDF + "type", SK + "Claim")
        self.add(iri, SK + "person", person)
        self.add(iri, SK + "expectedOffice", office)
        self.add(iri, RDFS + "comment", lit(statement))
        self.add(iri, SK + "claimant", lit(claimant))
        self.add(iri, SK + "date", date_lit(date))
        self.add(iri, SK + "stage", stage_iri(stage))
        self.add(iri, SK + "confidence", lit(confidence, XSD + "decimal"))
        self.add(iri, SK + "recordedAt", recorded)
        self.sources(iri, sources)

    def alt_date(self, about: str, prop: str, date: PDate, note: str | None, sources: Iterable[str]) -> str:
        iri = altdate_iri(about, prop, date)
        self.add(iri, RDF + "type", SK + "AlternativeDate")
        self.add(iri, SK + "about", about)
        self.add(iri, SK + "property", SK + prop)
        self.add(iri, SK + "date", date_lit(date))
        self.add(iri, RDFS + "comment", lit(note) if note else None)
        self.sources(iri, sources)
        return iri
