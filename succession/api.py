"""The library's front door: one object per knowledge base, one method per question.

``cli.py`` calls these methods and renders what they return; scripts and notebooks can do the same.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .dates import PDate, chronological, parse_date, today
from .engine import LocalEngine, Result, plain
from .errors import AmbiguousError, InputError, NotFoundError, SuccessionError
from .kb import KnowledgeBase
from .namespaces import sparql_prefixes
from .queries import NamedQuery, bind_params, get_query, list_queries, literal_date
from .resolve import Resolver

# The offices `current` lists by default: who rules, who is first in line, who runs the capital.
MAIN_KINDS = ("head of state", "head of government", "chamber chair", "mayor")


def _shown(value: Any) -> Any:
    """A corrected value as written: booleans as true/false (a recorded false is a value, not none)."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def split_sources(value: Any) -> list[str]:
    return sorted(set(str(value).split())) if value else []


@dataclass
class Answer:
    """What a question returns: a title for humans and records for every output format."""

    title: str
    records: list[dict[str, Any]]
    columns: list[str]
    notes: list[str] = field(default_factory=list)
    blank: dict[str, str] = field(default_factory=dict)  # what a table shows for an empty cell of a column


STAGING_PREFIX = "urn:succession-kb:staging:"  # graphs a push loads before one update publishes them


class Succession:
    """A knowledge base and everything one can ask of it."""

    def __init__(self, kb_dir: str | Path | None = None, as_recorded: str | None = None,
                 endpoint: str | None = None, update_endpoint: str | None = None, graph: str | None = None) -> None:
        if as_recorded:
            as_recorded = _recorded_cutoff(as_recorded)
            if as_recorded[:10] > today().text:
                raise InputError(f"--as-recorded {as_recorded} is after today ({today()}): the record as it will "
                                 "be is not known; leave the option out for the record as it is now")
        if endpoint:
            from .remote import Endpoint, RemoteEngine

            if as_recorded:
                raise InputError("--as-recorded works on the embedded knowledge base, not on a SPARQL server")
            self.engine = RemoteEngine(Endpoint(endpoint, update_endpoint, graph))
            self.kb = self.engine.kb
        else:
            self.kb = KnowledgeBase(kb_dir, as_recorded=as_recorded)
            self.engine = LocalEngine(self.kb)
        self.resolver = Resolver(self.engine)
        if as_recorded and not endpoint:
            self._past_view(kb_dir, as_recorded)

    # ------------------------------------------------------------------ generic queries

    def queries(self) -> list[NamedQuery]:
        return list_queries()

    def run_named(self, name: str, params: dict[str, str] | None = None) -> Result:
        q = get_query(name)
        return self.engine.select(q.text, bind_params(q, params or {}, self.resolver))

    def run_sparql(self, text: str, params: dict[str, str] | None = None, allow_service: bool = False) -> Result:
        """Run ad-hoc SPARQL; ``params`` are bound as plain string literals or typed by a prefix:
        ``date:2020-01-01``, ``iri:https://...``, ``office:NAME``, ``person:NAME``, ``country:NAME``.
        A SERVICE clause is refused unless ``allow_service``."""
        from .queries import refuse_service, to_term

        refuse_service(text, allow_service)

        bindings = {}
        for k, v in (params or {}).items():
            kind, _, rest = v.partition(":")
            if kind in ("date", "office", "person", "country", "iri", "integer") and rest:
                bindings[k] = to_term(kind, rest, self.resolver, k)
            else:
                bindings[k] = ox.Literal(v)
        return self.engine.select(text, bindings)

    # ------------------------------------------------------------------ questions

    def office_label(self, iri: str) -> str:
        return self.resolver.label("office", iri)

    def who_holds(self, office: str, on: str | None = None) -> Answer:
        day = parse_date(on, "date", day_only=True) if on else today()
        office_iri = self._office(office, day.text)
        q = get_query("holder-on-date")
        res = self.engine.select(q.text, {"office": ox.NamedNode(office_iri), "on": literal_date(day.text)})
        records = []
        for r in res.records():
            records.append({
                "person": r["personLabel"], "person_iri": r["person"], "office": r["officeLabel"],
                "office_iri": r["office"], "start": r["start"], "end": r["end"], "acting": bool(r["acting"]),
                "certain": bool(r["certain"]), "entry_mode": r["entryMode"], "tenure_iri": r["tenure"],
                "sources": split_sources(r["sources"]),
            })
        label = self.office_label(office_iri)
        notes = []
        if day.lo > today().lo:  # the record knows the present, not the future: nothing is certain then
            for r in records:
                r["certain"] = False
            notes.append(f"{day} is after today ({today()}): shown is who holds the office by the record now, "
                         f"if still in office then; whether they will be on {day} is not known.")
        if not records:
            notes.append(f"No recorded holder of {label} on {day}.")
            notes += [f"Explained gap: {g['reason']} ({g['start']} to {g['end'] or 'open'})"
                      for g in self.gaps(office_iri) if _covers(g["start"], g["end"], day)]
            abolition = self._abolition_note(office_iri, day) + self._establishment_note(office_iri, day)
            notes += abolition
            attested = self._attested_near(office_iri, day)
            notes += attested
            if len(notes) == 1 + len(attested):  # neither a recorded gap nor an abolition explains it
                notes += self._unrecorded_note(office_iri, day, attested=bool(attested))
            contradicted: dict[str, str] = {}
        else:
            atts = self._seat_attestations(office_iri)  # one read for both uses
            notes += self._attested_against(day, records, atts)
            notes += self._attested_at_imprecise_bounds(day, records, atts)
            contradicted = self._contradicted(day, records, atts)
        for r in records:
            if r["tenure_iri"] in contradicted:
                r["certain"] = False
                notes.append(f"{r['person']}: not certain on {day}, since a page shows someone else in this single "
                             f"seat on {contradicted[r['tenure_iri']]}, on or before {day}.")
            elif not r["certain"] and day.lo <= today().lo:
                notes.append(f"{r['person']}: dates known only to the month or year; may not cover {day}.")
        return Answer(f"{label} on {day}", records,
                      ["person", "start", "end", "acting", "certain", "sources"], notes)

    def _unrecorded_note(self, office_iri: str, day: PDate, attested: bool = False) -> list[str]:
        """An office with nobody recorded on ``day`` and no reason given: the knowledge base is incomplete
        there (an unexplained gap), which is not the same as a vacancy; name the neighbours it does know."""
        rows = self.run_query_iri("succession-chain", office=office_iri).records()
        before = [r for r in rows if r["end"] and PDate(str(r["end"])).lo <= day.lo]
        after = [r for r in rows if PDate(str(r["start"])).lo > day.lo]
        if not before and not after:  # nobody recorded at all: "No recorded holder" says it
            return []
        parts = []
        if before:
            last = max(before, key=lambda r: PDate(str(r["end"])).lo)
            parts.append(f"the last recorded holder, {last['personLabel']}, left on {last['end']}")
        if after:
            nxt = min(after, key=lambda r: PDate(str(r["start"])).lo)
            parts.append(f"the next recorded holder, {nxt['personLabel']}, from {nxt['start']}")
        when = "in between" if before and after else ("since" if before else "before")
        if self._post_only(office_iri):
            return ["Not tracked: " + "; ".join(parts) + f". This post is recorded only for its holders' careers, "
                    f"so whoever held it {when} is not recorded (the office is not known to be vacant)."]
        if attested:
            return ["No dated tenure: " + "; ".join(parts) + f". The tenure of whoever held it {when} is not dated "
                    "(the holder a page attests is above; the office is not known to be vacant)."]
        return ["Unexplained gap: " + "; ".join(parts) + f". Whoever held it {when} is not recorded "
                "(the record is incomplete here; the office is not known to be vacant)."]

    _ATTESTATIONS = """
SELECT ?a ?office ?person ?personLabel ?date (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {
  ?a a sk:Attestation ; sk:office ?office ; sk:holder ?person ; sk:date ?date .
  ?person rdfs:label ?personLabel .
  OPTIONAL { ?a prov:wasDerivedFrom/schema:url ?url }
} GROUP BY ?a ?office ?person ?personLabel ?date ORDER BY ?date ?personLabel"""

    def attestations(self, office_iri: str | None = None) -> list[dict[str, Any]]:
        """Holders shown in office on a day by a page, with no dated tenure recorded (`attest`), by date."""
        bindings = {"office": ox.NamedNode(office_iri)} if office_iri else None
        return [{"office": r["office"], "person": r["personLabel"], "person_iri": r["person"], "date": str(r["date"]),
                 "sources": split_sources(r["sources"])}
                for r in self.engine.select(sparql_prefixes() + self._ATTESTATIONS, bindings).records()]

    @staticmethod
    def _hole(rows: list[dict], day: PDate) -> tuple[str, str]:
        """The stretch around ``day`` in which no recorded tenure of ``rows`` (succession-chain records) is
        known to hold the office: from the earliest day the last tenure before it may have ended (an end
        known only to the year opens the stretch on that year's first day) to the next recorded start."""
        lo = max((PDate(str(r["end"])).lo for r in rows if r["end"] and PDate(str(r["end"])).lo <= day.lo), default="")
        hi = min((PDate(str(r["start"])).lo for r in rows if PDate(str(r["start"])).lo > day.lo), default="9999")
        return lo, hi

    def _attested_near(self, office_iri: str, day: PDate) -> list[str]:
        """Where nobody is recorded on ``day``: the holders pages show in office in the same stretch without a
        recorded tenure, and what that says (and does not say) about ``day``."""
        atts = self.attestations(office_iri)
        if not atts:
            return []
        rows = self.run_query_iri("succession-chain", office=office_iri).records()
        lo, hi = self._hole(rows, day)
        notes = []
        near = [a for a in atts if lo <= a["date"] < hi]
        if len({a["person_iri"] for a in near}) > 1:  # several people seen in the seat: the page nearest the day first
            before = [a for a in near if a["date"] <= day.lo]
            last = max(before, key=lambda a: a["date"]) if before else min(near, key=lambda a: a["date"])
            src = last["sources"][0] if last["sources"] else "a source"
            side = "on or before" if before else "after"
            notes.append(f"Nearest page {side} {day}: {last['person']} was in office on {last['date']} ({src}); "
                         "all pages below.")
        for a in near:
            src = a["sources"][0] if a["sources"] else "a source"
            if a["date"] == day.text:
                notes.append(f"Attested: {a['person']} was in office on {day} ({src}); the tenure's start and end "
                             "are not recorded.")
            else:
                notes.append(f"Attested: {a['person']} was in office on {a['date']} ({src}); the tenure's start and "
                             f"end are not recorded, so whether {a['person']} held it on {day} is not known.")
        return notes

    def _seat_attestations(self, office_iri: str) -> list[dict]:
        """The attestations of a single-seat office (none for a multi-seat one)."""
        atts = self.attestations(office_iri)
        return atts if atts and self._single_seat(office_iri) else []

    def _attested_against(self, day: PDate, records: list[dict], atts: list[dict]) -> list[str]:
        """Pages (``atts``, a single seat's attestations) that show someone else in the seat during the
        recorded tenure that covers ``day``."""
        if not atts:
            return []
        notes = []
        for r in records:
            for a in self._others_inside(atts, r):
                src = a["sources"][0] if a["sources"] else "a source"
                notes.append(f"Sources disagree: a page shows {a['person']} in office on {a['date']} ({src}), "
                             f"inside {r['person']}'s recorded tenure ({r['start']} to {r['end'] or 'open'}); "
                             f"{r['person']}'s end may be missing.")
        return notes

    @staticmethod
    def _attested_at_imprecise_bounds(day: PDate, records: list[dict], atts: list[dict]) -> list[str]:
        """Where a tenure's start or end is known only to the month or year and ``day`` falls in that month or
        year: pages (a single seat's attestations) showing someone else in the seat in the same stretch say
        on which side of the hand-over ``day`` lies."""
        notes = []
        for r in records:
            if r["certain"]:
                continue
            start = PDate(str(r["start"]))
            end = PDate(str(r["end"])) if r.get("end") else None
            for a in atts:
                if a["person_iri"] == r["person_iri"]:
                    continue
                src = a["sources"][0] if a["sources"] else "a source"
                shown = f"a page shows {a['person']} in this seat on {a['date']} ({src})"
                if start.lo <= day.lo <= start.hi and start.lo <= a["date"] <= start.hi:
                    if a["date"] >= day.lo:
                        notes.append(f"{r['person']}: probably not yet in office on {day}: {shown}, within "
                                     f"{r['person']}'s start, known only as {start}.")
                    else:
                        notes.append(f"{r['person']}: began after {a['date']}: {shown}, within {r['person']}'s "
                                     f"start, known only as {start}.")
                if end is not None and end.lo <= day.lo <= end.hi and end.lo <= a["date"] <= end.hi:
                    if a["date"] <= day.lo:
                        notes.append(f"{r['person']}: probably no longer in office on {day}: {shown}, within "
                                     f"{r['person']}'s end, known only as {end}.")
                    else:
                        notes.append(f"{r['person']}: left before {a['date']}: {shown}, within {r['person']}'s "
                                     f"end, known only as {end}.")
        return notes

    def _contradicted(self, day: PDate, records: list[dict], atts: list[dict]) -> dict[str, str]:
        """The tenures of ``records`` that a page (``atts``, a single seat's attestations) contradicts by
        ``day``: someone else shown in the seat on a day inside the tenure, on or before ``day`` (tenure ->
        the latest such day)."""
        out = {}
        for r in records:
            other = self._others_inside(atts, r, upto=day.text)
            if other:
                out[r["tenure_iri"]] = max(a["date"] for a in other)
        return out

    @staticmethod
    def _others_inside(atts: list[dict], tenure: dict, upto: str | None = None) -> list[dict]:
        """The attestations of someone other than ``tenure``'s holder on a day inside it (up to ``upto``). The
        hand-over day belongs to both holders (a page of that day may still show the outgoing one), so only
        the days after the start count, as the end day does not."""
        start = PDate(str(tenure["start"]))
        end = PDate(str(tenure["end"])) if tenure.get("end") else None
        return [a for a in atts if a["person_iri"] != tenure["person_iri"] and start.hi < a["date"]
                and (end is None or a["date"] < end.lo) and (upto is None or a["date"] <= upto)]

    def _single_seat(self, office_iri: str) -> bool:
        text = sparql_prefixes() + "SELECT ?n WHERE { ?office sk:seats ?n }"
        return all(int(str(r["n"])) == 1 for r in self.engine.select(text, {"office": ox.NamedNode(office_iri)}).records())

    def _post_only(self, office_iri: str) -> bool:
        """Whether the office is a post recorded only for its holders' careers (its other holders not tracked)."""
        text = sparql_prefixes() + "SELECT ?p WHERE { ?office sk:postOnly ?p }"
        return any(str(r["p"]).lower() in ("true", "1") for r in self.engine.select(text, {"office": ox.NamedNode(office_iri)}).records())

    def _establishment_note(self, office_iri: str, day: PDate) -> list[str]:
        """Where an office did not exist yet on ``day``: when it was established and what it replaced."""
        text = sparql_prefixes() + """
SELECT ?est ?prevLabel WHERE { ?office sk:established ?est .
  OPTIONAL { { ?office sk:replaces ?prev } UNION { ?prev sk:replacedBy ?office } ?prev rdfs:label ?prevLabel } }"""
        for r in self.engine.select(text, {"office": ox.NamedNode(office_iri)}).records():
            est = PDate(str(r["est"]))
            starts = self.engine.select(sparql_prefixes() + "SELECT ?start WHERE { ?t a sk:Tenure ; sk:office ?office ; "
                                        "sk:start ?start }", {"office": ox.NamedNode(office_iri)}).records()
            if any(PDate(str(x["start"])).last_day() < est.first_day() for x in starts):
                return []  # its recorded holders go back further: the date is of the post's present form
            if day.last_day() < est.first_day():
                return [f"The office did not exist yet: it was established on {est}"
                        + (f", replacing {r['prevLabel']} (succession who-holds \"{r['prevLabel']}\" --on {day})"
                           if r.get("prevLabel") else "") + "."]
        return []

    def _abolition_note(self, office_iri: str, day: PDate) -> list[str]:
        """Where an office no longer existed on ``day``: when it was abolished, what replaced it and who
        held the replacements that day (the post a reader asking about it most likely means)."""
        text = sparql_prefixes() + """
SELECT ?abolished ?next ?nextLabel WHERE { ?office sk:abolished ?abolished .
  OPTIONAL { { ?office sk:replacedBy ?next } UNION { ?next sk:replaces ?office } ?next rdfs:label ?nextLabel } }
ORDER BY ?nextLabel"""
        rows = self.engine.select(text, {"office": ox.NamedNode(office_iri)}).records()
        if not rows:
            return []
        gone = PDate(str(rows[0]["abolished"]))
        if gone.lo > day.lo:
            return []
        when = f"on {gone}" if gone.precision == "day" else f"in {gone}"
        nexts = {str(r["next"]): str(r["nextLabel"]) for r in rows if r.get("next")}
        if not nexts:
            return [f"The office was abolished {when}."]
        q = get_query("holder-on-date")
        parts = []
        for iri, label in nexts.items():
            held = [str(h["personLabel"]) for h in self.engine.select(
                q.text, {"office": ox.NamedNode(iri), "on": literal_date(day.text)}).records()]
            parts.append(f"{label}" + (f" (held by {', '.join(held)} on {day})" if held else ""))
        ask = " or ".join(f'succession who-holds "{label}"' for label in nexts.values())
        return [f"The office was abolished {when}; it was replaced by {' and '.join(parts)}: {ask}."]

    def history(self, office: str) -> Answer:
        office_iri = self._office(office)
        res = self.run_query_iri("succession-chain", office=office_iri)
        names = self.labels(r["predecessor"] for r in res.records())
        records = [{
            "person": r["personLabel"], "person_iri": r["person"], "start": r["start"], "end": r["end"],
            "acting": bool(r["acting"]), "entry_mode": r["entryMode"], "exit_reason": r["exitReason"],
            "legal_basis": r["legalBasis"], "predecessor": names.get(r["predecessor"]), "tenure_iri": r["tenure"],
            "predecessor_iri": r["predecessor"], "predecessor_tenure": r["predTenure"],
            "sources": split_sources(r["sources"]),
        } for r in res.records()]
        records.sort(key=lambda r: (chronological(str(r["start"]), str(r["end"]) if r["end"] else None), r["acting"] is False))
        notes = []
        if self._post_only(office_iri):
            notes.append("This post is recorded only for its holders' careers: its other holders are not tracked.")
        for g in self.gaps(office_iri):
            notes.append(f"Gap {g['start']} to {g['end'] or 'open'}: {g['reason']}")
        for d in self.departures(office_iri):
            who = f" ({d['expected']} expected, {d['actual']} took over)" if d["expected"] or d["actual"] else ""
            notes.append(f"Departure from the first in line on {d['date']}{who}: {d['comment']}")
        for a in self._alternative_dates_of(records):
            # a corrected date may now be the one an alternative gave: then that source agrees
            said = (f"{a['property']} {a['used']}, as another source also gives" if str(a["used"]) == str(a["date"])
                    else f"{a['property']} {a['used']} used; other sources give {a['date']}")
            notes.append(f"{a['person']}: {said}" + (f" ({a['comment']})" if a["comment"] else ""))
        notes += self._correction_notes(records, office_iri, lambda r: r["person"])
        return Answer(f"Succession of {self.office_label(office_iri)}", records,
                      ["person", "start", "end", "acting", "entry_mode", "exit_reason", "legal_basis", "sources"], notes)

    def person(self, name: str) -> Answer:
        person_iri = self.resolver.resolve("person", name)
        info = self.person_info(person_iri)
        res = self.run_query_iri("person-profile", person=person_iri)
        names = self.labels([r["predecessor"] for r in res.records()] + [r["successor"] for r in res.records()])
        records = [{
            "office": r["officeLabel"], "office_iri": r["office"], "start": r["start"], "end": r["end"],
            "acting": bool(r["acting"]), "entry_mode": r["entryMode"], "exit_reason": r["exitReason"],
            "predecessor": names.get(r["predecessor"]), "successor": names.get(r["successor"]), "tenure_iri": r["tenure"],
            "sources": split_sources(r["sources"]),
        } for r in res.records()]
        rel = self.run_query_iri("person-relatives", person=person_iri)
        relatives = sorted(({"relation": r["relation"], "relative": r["relativeLabel"], "relative_iri": r["relative"],
                             "sources": split_sources(r["sources"])} for r in rel.records()),
                           key=lambda x: (str(x["relation"]), str(x["relative"]), str(x["relative_iri"])))
        notes = []
        if info.get("aliases"):
            notes.append("Also known as: " + ", ".join(info["aliases"]))
        life = " ".join(x for x in (f"born {info['born']}" if info.get("born") else "",
                                    f"died {info['died']}" if info.get("died") else "") if x)
        if life:
            notes.append(life.capitalize() + ".")
        if info.get("wikidata"):
            notes.append(f"Wikidata: {info['wikidata']}")
        for r in relatives:
            notes.append(f"{r['relation'].capitalize()} {r['relative']}")
        notes += self._correction_notes(records, person_iri, lambda r: r["office"])
        ans = Answer(info["label"], records, ["office", "start", "end", "acting", "predecessor", "successor", "sources"],
                     notes)
        ans.person = {**info, "iri": person_iri, "relatives": relatives}  # type: ignore[attr-defined]
        return ans

    def labels(self, iris) -> dict[str, str]:
        """English labels of the given nodes, in one query (the IRIs come from the store and are
        written by the RDF library, never from user text)."""
        wanted = sorted({i for i in iris if i})
        if not wanted:
            return {}
        values = " ".join(str(ox.NamedNode(i)) for i in wanted)
        rows = self.engine.select(sparql_prefixes() + f"SELECT ?n ?l WHERE {{ VALUES ?n {{ {values} }} ?n rdfs:label ?l }}").rows
        return {r["n"].value: r["l"].value for r in rows}

    def person_info(self, person_iri: str) -> dict[str, Any]:
        text = sparql_prefixes() + """
SELECT ?person ?p ?o WHERE { ?person ?p ?o . FILTER(?p IN (rdfs:label, skos:altLabel, sk:name, sk:birthDate,
  sk:deathDate, sk:wikidata)) }"""
        return _person_info(person_iri, self.engine.select(text, {"person": ox.NamedNode(person_iri)}).rows)

    def offices(self, country: str | None = None) -> Answer:
        params = {"country": self.resolver.resolve("country", country)} if country else {}
        res = self.run_query_iri("offices", **params)
        records = [{"office": r["officeLabel"], "office_iri": r["office"], "kind": r["kind"],
                    "jurisdiction": r["jurisdictionLabel"], "body": r["bodyLabel"], "country": r["countryLabel"],
                    "tenures": r["tenures"]} for r in res.records()]
        # one order on every store (Virtuoso collates language-tagged labels its own way)
        records.sort(key=lambda x: (str(x["country"] or ""), str(x["kind"] or ""), str(x["office"])))
        title = "Offices" + (f" of {self.resolver.label('country', params['country'])}" if country else "")
        return Answer(title, records, ["office", "kind", "jurisdiction", "body", "tenures"])

    def current(self, country: str | None = None, on: str | None = None, all_kinds: bool = False) -> Answer:
        day = parse_date(on, "date", day_only=True) if on else today()
        bindings: dict[str, Any] = {"on": literal_date(day.text)}
        if country:
            bindings["country"] = ox.NamedNode(self.resolver.resolve("country", country))
        res = self.engine.select(get_query("current-holders").text, bindings)
        verified = self.verifications_by_office()
        year_ago = _dt.date.fromisoformat(today().text) - _dt.timedelta(days=365)
        records = []
        others = 0
        for r in res.records():
            if not (all_kinds or r["kind"] in MAIN_KINDS):
                others += 1
                continue
            # a check counts for this holder only: made during this tenure and naming this holder (a check
            # of the previous holder says nothing about a new one); with nobody recorded, a check of a vacancy
            since = PDate(str(r["start"])).lo if r["start"] is not None else ""
            last = max((d for d, who in verified.get(r["office"], [])
                        if (r["person"] in who if r["person"] is not None else not who) and d >= since), default=None)
            stale = last is None or _dt.date.fromisoformat(last) < year_ago
            records.append({"country": r["countryLabel"], "office": r["officeLabel"], "office_iri": r["office"],
                            "kind": r["kind"], "person": r["personLabel"], "person_iri": r["person"],
                            "start": r["start"], "acting": bool(r["acting"]) if r["acting"] is not None else None,
                            "certain": bool(r["certain"]), "last_verified": last, "stale": stale,
                            "verified": (last or "never") + (" (over a year ago)" if last and stale else "")})
        # one order on every store (servers break ties and collate language-tagged labels their own way)
        records.sort(key=lambda x: (str(x["country"]), str(x["kind"]), str(x["office"]), str(x["start"] or ""),
                                    str(x["person"] or "")))
        atts: dict[str, list[dict]] = {}
        for a in self.attestations():
            atts.setdefault(a["office"], []).append(a)
        for rec in records:
            rec["attested"] = None
            if rec["person"] is None and rec["office_iri"] in atts:
                rows = self.run_query_iri("succession-chain", office=rec["office_iri"]).records()
                lo, hi = self._hole(rows, day)
                seen = [a for a in atts[rec["office_iri"]] if lo <= a["date"] < hi and a["date"] <= day.text]
                if seen:
                    last = max(seen, key=lambda a: a["date"])
                    rec["attested"] = f"{last['person']} in office on {last['date']} (tenure not dated)"
            elif rec["person"] is not None and rec["office_iri"] in atts and self._single_seat(rec["office_iri"]):
                # a page shows someone else in this single seat after the recorded holder took it: disagreement
                other = self._others_inside(atts[rec["office_iri"]], rec, upto=day.text)
                if other:
                    last = max(other, key=lambda a: a["date"])
                    rec["attested"] = f"sources disagree: {last['person']} in office on {last['date']}"
                    rec["certain"] = False  # contradicted on or before the day: the recorded end may be missing
        notes = []
        n_attested = sum(1 for r in records if r["attested"])
        if n_attested:
            notes.append(f"{n_attested} office(s) show a holder a page attests: where no tenure is dated, or where the "
                         "page names someone other than the recorded holder (`who-holds OFFICE` gives the source).")
        n_stale = sum(1 for r in records if r["stale"])
        if n_stale:
            notes.append(f"{n_stale} office(s) not verified against a source within a year of today "
                         "(`succession verify OFFICE --source URL` records a check).")
        if others:
            notes.append(f"{others} more office(s) (security chiefs, ministers, governors, relatives' posts, ...) "
                         "are listed with --all-kinds.")
        columns = ["country", "office", "person", "start", "acting", "verified"]
        if n_attested:
            columns.insert(3, "attested")
        return Answer(f"Officeholders on {day}", records, columns, notes, blank={"person": "no recorded holder"})

    def verifications_by_office(self) -> dict[str, list[tuple[str, frozenset]]]:
        """Every verification of each office: (date, the holders it names; none for a vacancy)."""
        text = sparql_prefixes() + """
SELECT ?v ?office ?d ?holder WHERE { ?v a sk:Verification ; sk:office ?office ; sk:date ?d .
  OPTIONAL { ?v sk:holder ?holder } }"""
        by_check: dict[str, tuple[str, str, set]] = {}
        for r in self.engine.select(text).records():
            office, day, who = by_check.setdefault(r["v"], (r["office"], str(r["d"]), set()))
            if r["holder"] is not None:
                who.add(r["holder"])
        out: dict[str, list[tuple[str, frozenset]]] = {}
        for office, day, who in by_check.values():
            out.setdefault(office, []).append((day, frozenset(who)))
        return out

    def line_of_succession(self, office: str, on: str | None = None) -> Answer:
        """Who would act if ``office`` fell vacant on ``on``: one row per order of the rules in force that
        day, with the holder of the acting office then ("vacant" when it has none; every holder of a
        multi-seat office, with who designates among them) and the legal edition in force."""
        day = parse_date(on, "date", day_only=True) if on else today()
        office_iri, taken_as = self._office_or_head_of_state(office, day.text)
        # Two steps, same answer as the named query acting-successor: the rules in force, then the
        # holder of each acting office through holder-on-date (Oxigraph plans the one-query form
        # badly at a million triples: 1.2 s against a few milliseconds).
        rules = self.engine.select(get_query("rules-in-force").text,
                                   {"office": ox.NamedNode(office_iri), "on": literal_date(day.text)}).records()
        holder_q = get_query("holder-on-date").text
        label = self.office_label(office_iri)
        notes: list[str] = [taken_as] if taken_as else []
        by_order: dict[int, list[dict[str, Any]]] = {}
        for r in rules:
            by_order.setdefault(r["order"], []).append(r)
        records = []
        for order in sorted(by_order):
            candidates = sorted(by_order[order], key=lambda r: str(r["from"] or r["inForceBy"] or ""))
            r = candidates[-1]  # `validate` refuses two rules of one order in force at once; if the data has them, the newest wins
            if len(candidates) > 1:
                notes.append(f"Order {order}: {len(candidates)} rules in force at once (run `succession validate`); "
                             f"showing the newest, {r['rule']}.")
            holders = self.engine.select(holder_q, {"office": ox.NamedNode(r["actingOffice"]),
                                                    "on": literal_date(day.text)}).records()
            holders.sort(key=lambda h: (h["personLabel"] or ""))
            multi = (r["seats"] or 1) > 1
            persons = [{"name": h["personLabel"], "iri": h["person"], "certain": bool(h["certain"])} for h in holders]
            person = "; ".join(p["name"] for p in persons) if persons else None
            if not persons:
                notes.append(f"Order {order}: no holder of {r['actingOfficeLabel']} is recorded on {day} (vacant, or a "
                             f"holder not recorded: `succession who-holds` says which).")
            elif any(not p["certain"] for p in persons):
                notes.append(f"Order {order}: the holder's dates are known only to the month or year; may not cover {day}.")
            if multi and r["designation"]:
                notes.append(f"Order {order}: {r['actingOfficeLabel']} has several holders; {r['designation']}.")
            if r["comment"]:
                notes.append(f"Order {order} ({r['actingOfficeLabel']}): {r['comment']}")
            start = r["from"] or r["inForceBy"]
            if not r["from"] and r["inForceBy"]:
                notes.append(f"Order {order}: first day in force unknown; in force by {r['inForceBy']}.")
            records.append({
                "order": order, "office": r["actingOfficeLabel"], "office_iri": r["actingOffice"],
                "person": person, "person_iri": persons[0]["iri"] if len(persons) == 1 else None,
                "persons": persons, "vacant": not persons, "multi_seat": multi, "designation": r["designation"],
                "legal_basis": r["legalBasis"], "edition": r["editionLabel"], "edition_iri": r["edition"],
                "article": r["article"], "in_force_from": start, "in_force_until": r["until"],
                "rule_iri": r["rule"], "sources": split_sources(r["sources"]),
            })
        if not records:
            notes.append(f"No succession rule for {label} is recorded as in force on {day}.")
            notes += self._rules_known_later(office_iri, day)
        return Answer(f"If the office of {label} fell vacant on {day}", records,
                      ["order", "office", "person", "edition", "article", "sources"], notes,
                      blank={"person": "no holder recorded"})

    _KNOWN_LATER = """
SELECT ?order ?actingLabel ?editionLabel ?ef ?b WHERE {
  ?rule a sk:SuccessionRule ; sk:vacantOffice ?office ; sk:order ?order ; sk:actingOffice/rdfs:label ?actingLabel ;
        sk:edition ?e ; sk:inForceBy ?b .
  FILTER NOT EXISTS { ?rule sk:inForceFrom ?rf }
  ?e rdfs:label ?editionLabel ; sk:inForceFrom ?ef . OPTIONAL { ?e sk:inForceUntil ?eu }
  FILTER(STR(?ef) <= STR(?day) && (!BOUND(?eu) || STR(?day) < STR(?eu)) && STR(?day) < STR(?b))
} ORDER BY ?order"""

    def _rules_known_later(self, office_iri: str, day: PDate) -> list[str]:
        """Where no rule is in force on ``day``: rules of the edition in force that day that are recorded only
        as in force by a later date (their first day unknown), so the reader knows the gap is in the record."""
        rows = self.engine.select(sparql_prefixes() + self._KNOWN_LATER,
                                  {"office": ox.NamedNode(office_iri), "day": literal_date(day.text)}).records()
        return [f"Order {r['order']} ({r['actingLabel']}) of {r['editionLabel']}, in force since {r['ef']}, is "
                f"recorded as in force by {r['b']}; whether it already applied on {day} is not recorded."
                for r in rows]

    def _office_or_head_of_state(self, text: str, day: str) -> tuple[str, str | None]:
        """The office ``text`` names or, when it names a country exactly ("Kazakhstan", an alias of the
        country), that country's head-of-state office on ``day``: the vacancy a user asking for a
        country's line of succession means. The second value says which office was taken."""
        from .outlook import head_of_state

        country_iri = self.resolver.exactly("country", text)
        if country_iri is not None:
            country = self.resolver.label("country", country_iri)
            hs = head_of_state(self, country, day)
            if hs is not None:
                return hs["office_iri"], f"{text.strip()!r} is a country: showing its head of state, {hs['office']}."
        return self._office(text, day), None

    def _office(self, text: str, day: str | None = None) -> str:
        """The office ``text`` names, read loosely and, where several fit, the one that existed on ``day``;
        a person's name gets a hint to ask about the person instead."""
        try:
            return self.resolver.resolve("office", text, on=day)
        except NotFoundError as err:
            hint = self._person_hint(text, day)
            if hint:
                raise NotFoundError(f"{err}; {hint}") from None
            raise

    def _person_hint(self, text: str, day: str | None) -> str | None:
        """'Rahmon' asked as an office: name the person and the offices they held on the day."""
        try:
            person = self.resolver.resolve("person", text)
        except AmbiguousError as err:  # "Berdimuhamedow": father and son
            names = [self.resolver.label("person", iri) for iri in err.candidates]
            if not names:
                return None
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            return f"{text.strip()!r} names people: {shown} (succession person with the full name)"
        except SuccessionError:
            return None
        name = self.resolver.label("person", person)
        on = day or today().text
        held = [r for r in self.engine.select(sparql_prefixes() + """
SELECT ?label ?start ?end WHERE { ?t a sk:Tenure ; sk:holder ?p ; sk:office ?o ; sk:start ?start .
  OPTIONAL { ?t sk:end ?end } ?o rdfs:label ?label }""", {"p": ox.NamedNode(person)}).records()
                if PDate(str(r["start"])).lo <= on and (not r["end"] or on < PDate(str(r["end"])).hi)]
        offices = ", ".join(sorted({str(r["label"]) for r in held}))
        return (f"{text.strip()!r} is a person, {name}" + (f", holding {offices} on {on}" if offices else "")
                + f" (succession person {name!r})")

    def transfers(self, country: str | None = None, office: str | None = None) -> Answer:
        """Every vacancy of a head of state: who the rules named, who took over, regular or irregular."""
        from .transfers import transfers

        label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        office_iri = self.resolver.resolve("office", office) if office else None
        records = transfers(self.engine.select, label, office_iri)
        for r in records:
            r["rule_followed"] = {True: "yes", False: "no", None: "no rule"}[r["followed"]]
            if r["followed"] and r.get("followed_order") and r["expected_order"] and r["followed_order"] > r["expected_order"]:
                r["rule_followed"] = f"yes, by order {r['followed_order']} (the first in line did not act)"
        notes = [f"{r['date']} {r['office']}: {r['comment']}" for r in records if r["comment"]]
        notes += [f"{r['date']} {r['office']}: the rules compared are those in force until that day (they ceased "
                  "with the vacancy); their holders are read on the eve." for r in records if r.get("rules_ceased_that_day")]
        where = f" in {label}" if label else ""
        return Answer(f"Vacancies of the head of state{where}: what the rules said and what happened", records,
                      ["date", "office", "outgoing", "exit_reason", "incoming", "mode", "expected", "rule_followed",
                       "sources"], notes)

    def log(self, since: str | None = None, limit: int = 20) -> Answer:
        """The edits recorded since a date, newest first, each with the facts it added, closed or
        corrected and its sources (read from the record times the edits left on their nodes)."""
        from .editlog import edit_log

        if limit < 1:
            raise InputError("--limit must be at least 1")
        cutoff = _recorded_cutoff(since, "--since").replace("T23:59:59Z", "") if since else "0000"
        records = edit_log(self.engine.select, cutoff, limit)
        if hasattr(self.kb, "dir"):  # the journal knows each edit's command exactly, and edits no node shows
            records = self._with_journal(records, cutoff, limit)
        notes = []
        for r in records:
            notes.append(f"{r['id']} {r['edit']}: " + "; ".join(r["summary"])
                         + (f"; and {r['more']} more" if r["more"] else "")
                         + (f" (undone by edit {r['undone_by']})" if r.get("undone_by") else ""))
        return Answer("Edits recorded" + (f" since {since}" if since else ""), records,
                      ["id", "recorded", "edit", "facts", "source_count"], notes)

    def _with_journal(self, records: list[dict], cutoff: str, limit: int) -> list[dict]:
        """The log read from the data, completed from the edit journal: each edit's exact command, the
        edits that left no node of their own (only citations, say) and those an undo took back, so that
        `log` lists every edit `undo` knows, newest first."""
        from .journal import edit_id, headlines

        until = getattr(self.kb, "as_recorded", None)
        heads = [h for h in headlines(self.kb.dir) if h["recorded"] >= cutoff and (not until or h["recorded"] <= until)]
        undone: dict[str, str] = {}
        for h in heads:
            if h["undoes"]:
                undone[edit_id(h["undoes"])] = h["id"]
        by_id = {r["id"]: r for r in records}
        for h in heads:
            r = by_id.get(h["id"])
            if r is None:
                urls = sorted({row["u"] for iri in h["cites"] for row in self.engine.select(
                    sparql_prefixes() + "SELECT ?u WHERE { ?s schema:url ?u }", {"s": ox.NamedNode(iri)}).records()})
                lines = [line for line in h["summary"] if line.strip()]
                r = by_id[h["id"]] = {"id": h["id"], "recorded": h["recorded"], "edit": h["command"],
                                      "facts": len(lines), "summary": lines[:8], "more": max(0, len(lines) - 8),
                                      "sources": urls, "source_count": len(urls)}
            r["edit"] = h["command"]
        for r in by_id.values():
            r["undone_by"] = undone.get(r["id"])
        return sorted(by_id.values(), key=lambda r: r["recorded"], reverse=True)[:limit]

    # ------------------------------------------------------------------ corrections, the past, changes

    def corrections(self, abouts) -> dict[str, list[dict[str, Any]]]:
        """The corrections recorded about the given nodes: property, old and new value, when, why and
        the correcting source (kb/corrections.ttl), oldest first, by node."""
        wanted = sorted({a for a in abouts if a})
        if not wanted:
            return {}
        values = " ".join(str(ox.NamedNode(i)) for i in wanted)
        rows = self.engine.select(sparql_prefixes() + f"""
SELECT ?c ?about ?property ?old ?new ?at ?reason ?url WHERE {{
  VALUES ?about {{ {values} }}
  ?c a sk:Correction ; sk:about ?about ; sk:property ?property ; sk:recordedAt ?at .
  OPTIONAL {{ ?c sk:oldValue ?old }} OPTIONAL {{ ?c sk:newValue ?new }} OPTIONAL {{ ?c rdfs:comment ?reason }}
  OPTIONAL {{ ?c prov:wasDerivedFrom/schema:url ?url }}
}}""").records()
        found: dict[str, dict[str, Any]] = {}
        for r in sorted(rows, key=lambda r: (r["at"], r["c"])):
            c = found.setdefault(r["c"], {
                "about": r["about"], "property": str(r["property"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                "old": _shown(r["old"]), "new": _shown(r["new"]), "recorded": r["at"], "reason": r["reason"], "sources": []})
            if r["url"] and r["url"] not in c["sources"]:
                c["sources"].append(r["url"])
        out: dict[str, list[dict[str, Any]]] = {}
        for c in found.values():
            out.setdefault(c.pop("about"), []).append(c)
        return out

    def _correction_notes(self, records: list[dict[str, Any]], node: str, who) -> list[str]:
        """Each record gains its tenure's corrections; the notes say them in words."""
        found = self.corrections([r["tenure_iri"] for r in records] + [node])
        for cs in found.values():  # a controlled value in words ("governor"), not the ontology's IRI
            for c in cs:
                for k in ("old", "new"):
                    if isinstance(c[k], str) and c[k].startswith("https://w3id.org/succession-kb/ontology/"):
                        c[k] = c[k].rsplit("#", 1)[-1].replace("-", " ")
        notes = []
        for r in records:
            r["corrections"] = found.get(r["tenure_iri"], [])
            for c in r["corrections"]:
                if c["property"] == "comment":  # a note reworded, not a fact: its old wording stays in `log`
                    continue
                if c["property"] == "legalBasis" and not c["old"]:
                    continue  # a legal basis recorded later, not a corrected one: the table shows it, `log` keeps when
                notes.append(f"Corrected {who(r)} ({r['start']}) {c['property']}: {c['old'] or '(none)'} -> "
                             f"{c['new'] or '(removed)'}, recorded {c['recorded']}"
                             + (f" ({c['reason']})" if c["reason"] else "")
                             + (f"; source {' '.join(c['sources'])}" if c["sources"] else ""))
        for c in found.get(node, []):
            if c["property"] == "comment":
                continue
            notes.append(f"Corrected {c['property']}: {c['old'] or '(none)'} -> {c['new'] or '(removed)'}, recorded "
                         f"{c['recorded']}" + (f" ({c['reason']})" if c["reason"] else "")
                         + (f"; source {' '.join(c['sources'])}" if c["sources"] else ""))
        return notes

    def _past_view(self, kb_dir, when: str) -> None:
        """--as-recorded: names recorded only later still resolve (the answer is then empty, with a
        note), and a date before the first record answers from an empty knowledge base, with a note,
        instead of "unknown office"."""
        import functools

        from .errors import NotFoundError

        present = Resolver(LocalEngine(KnowledgeBase(kb_dir)))
        past = self.resolver
        notes: list[str] = []

        class PastResolver(Resolver):
            def resolve_entry(self, kind: str, text: str, on: str | None = None):
                try:
                    return Resolver.resolve_entry(self, kind, text, on=on)
                except NotFoundError:
                    entry = present.resolve_entry(kind, text, on=on)
                    note = f"{entry.label} had not been recorded by {when}."
                    if note not in notes:
                        notes.append(note)
                    return entry

            def label(self, kind: str, iri: str) -> str:
                text = Resolver.label(self, kind, iri)
                return present.label(kind, iri) if text == iri else text

        self.resolver = PastResolver(past.engine)

        def empty_note() -> list[str]:
            first = min((q.object.value for q in present.engine.kb.store().quads_for_pattern(
                None, ox.NamedNode("https://w3id.org/succession-kb/ontology#recordedAt"), None)), default=None)
            cutoff = when if "T" in when else when + "T23:59:59Z"
            if first is None or cutoff >= first:
                return []
            return [f"Nothing had been recorded by {when}: this answer is from an empty knowledge base "
                    f"(the first record is from {first})."]

        def with_notes(fn):
            @functools.wraps(fn)
            def wrapper(*args, **kwargs):
                answer = fn(*args, **kwargs)
                for a in answer.values() if isinstance(answer, dict) else [answer]:
                    if isinstance(a, Answer):
                        a.notes += [n for n in empty_note() + notes if n not in a.notes]
                return answer
            return wrapper

        for name in ("who_holds", "history", "person", "offices", "current", "line_of_succession", "transfers",
                     "dynasty", "claims", "search", "stats", "coverage"):
            setattr(self, name, with_notes(getattr(self, name)))

    @staticmethod
    def diff(old: str, new: str, repo: str | Path | None = None) -> Answer:
        """The semantic change list between two knowledge-base folders or git revisions of kb/."""
        from .diff import counts, diff_graphs, load_side

        records = diff_graphs(load_side(old, Path(repo) if repo else None),
                              load_side(new, Path(repo) if repo else None))
        return Answer(f"Changes from {old} to {new}", records, ["change", "what", "sources"],
                      [f"{len(records)} change(s): {counts(records)}."] if records else ["No semantic change."])

    def changes(self, since: str) -> Answer:
        """What was recorded on or after ``since``: the knowledge base as it was just before that day
        compared with now. Exact when every edit since then is in the journal (each is reversed in
        turn); otherwise the record times rebuild the earlier state (as ``--as-recorded`` does)."""
        from .diff import counts, data_triples, diff_graphs
        from .journal import entries
        from .kb import rewind

        day = parse_date(since, "--since date", day_only=True)
        start = f"{day.text}T00:00:00Z"
        store = self.kb.store()
        now = data_triples(store)
        later = [e for e in entries(self.kb.dir) if e.recorded >= start] if hasattr(self.kb, "dir") else []
        times = {q.object.value for q in store.quads_for_pattern(
            None, ox.NamedNode("https://w3id.org/succession-kb/ontology#recordedAt"), None) if q.object.value >= start}
        if times <= {e.recorded for e in later}:
            old = set(now)
            for e in reversed(later):
                old = (old - e.added) | e.removed
            how = "reversing each journalled edit since then"
        else:
            before = (_dt.date.fromisoformat(day.text) - _dt.timedelta(days=1)).isoformat() + "T23:59:59Z"
            old = data_triples(rewind(store, before))
            how = "from record times, as --as-recorded does (some edits since then have no journal entry)"
        records = diff_graphs(old, now)
        notes = [f"{len(records)} change(s): {counts(records)}." if records else "No semantic change.",
                 f"Earlier state rebuilt by {how}."]
        return Answer(f"Changes recorded since {day.text}", records, ["change", "what", "sources"], notes)

    # ------------------------------------------------------------------ office annotations

    def run_query_iri(self, name: str, **iris: str) -> Result:
        q = get_query(name)
        return self.engine.select(q.text, {k: ox.NamedNode(v) for k, v in iris.items()})

    def gaps(self, office_iri: str) -> list[dict[str, Any]]:
        return [{"start": r["start"], "end": r["end"], "reason": r["reason"], "sources": split_sources(r["sources"])}
                for r in self.run_query_iri("office-gaps", office=office_iri).records()]

    def departures(self, office_iri: str) -> list[dict[str, Any]]:
        return [{"date": r["date"], "expected": r["expectedLabel"], "actual": r["actualLabel"],
                 "comment": " ".join(sorted(str(r["comment"]).split("\n"))) if r["comment"] else r["comment"],
                 "sources": split_sources(r["sources"])}
                for r in self.run_query_iri("rule-departures", office=office_iri).records()]

    def _alternative_dates_of(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The alternative dates of the given history rows: looked up from the tenures (index look-ups),
        with the dates in use taken from the rows themselves."""
        by_iri = {r["tenure_iri"]: r for r in records}
        if not by_iri:
            return []
        values = " ".join(str(ox.NamedNode(t)) for t in sorted(by_iri))
        text = sparql_prefixes() + f"""
SELECT ?tenure ?prop ?date ?comment (GROUP_CONCAT(DISTINCT STR(?url); separator=" ") AS ?sources) WHERE {{
  VALUES ?tenure {{ {values} }}
  ?alt sk:about ?tenure ; a sk:AlternativeDate ; sk:property ?prop ; sk:date ?date .
  OPTIONAL {{ ?alt rdfs:comment ?comment }}
  OPTIONAL {{ ?alt prov:wasDerivedFrom/schema:url ?url }}
}} GROUP BY ?tenure ?prop ?date ?comment"""
        out = []
        for r in self.engine.select(text).records():
            row = by_iri[r["tenure"]]
            prop = r["prop"].rsplit("#", 1)[-1]
            out.append({"person": row["person"], "property": prop, "used": row.get(prop), "date": r["date"],
                        "comment": r["comment"], "sources": split_sources(r["sources"])})
        return sorted(out, key=lambda a: (str(a["used"]), a["person"], a["date"]))

    # ------------------------------------------------------------------ family, claims, names, statistics

    def dynasty(self, country: str | None = None, on: str | None = None) -> dict[str, Answer]:
        """The three family tables; with ``on`` (a day, or "today"), only what held that day."""
        from .dynasty import dynasty

        label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        day = parse_date(on, "date", day_only=True).text if on else None
        d = dynasty(lambda text: self.engine.select(text), label, day)
        where = f" in {label}" if label else ""
        where += f" on {day}" if day else ""
        return {
            "hereditary": Answer(f"Successions inside a family{where} (hereditary: Brownlee 2007, head of state "
                                 "succeeded by a blood relative or spouse)", d["hereditary"],
                                 ["office", "date", "predecessor", "successor", "kinship", "hereditary_head_of_state"]),
            "first_in_line": Answer(f"Relatives of the sitting (or the previous) head of state in the first-in-line office{where}",
                                    d["first_in_line"], ["head_of_state", "relative_of", "relative", "kinship", "office", "from",
                                                        "to"]),
            "in_office": Answer(f"Relatives of heads of state holding office during their rule{where}", d["in_office"],
                                ["head_of_state", "relative", "kinship", "via", "office", "start", "end"]),
        }

    def claims(self, person: str | None = None) -> Answer:
        params = {"person": self.resolver.resolve("person", person)} if person else {}
        res = self.run_query_iri("claims", **params)
        records = [{"person": r["personLabel"], "person_iri": r["person"], "office": r["officeLabel"], "statement": r["statement"],
                    "claimant": r["claimant"], "date": r["date"], "stage": r["stage"],
                    "confidence": r["confidence"], "settled_by": r["settledBy"], "settled_on": r["settledStart"],
                    "claim_iri": r["claim"], "sources": split_sources(r["sources"])} for r in res.records()]
        return Answer("Claims (reported expectations, not facts)", records,
                      ["person", "office", "claimant", "date", "stage", "confidence", "settled_on", "sources"],
                      [f"{r['person']}: \"{r['statement']}\"" for r in records])

    def search(self, text: str, limit: int = 10) -> Answer:
        from .search import search

        hits = search(self.resolver, text, limit)
        offices = self._senior_office()
        records = [{"person": h.label, "person_iri": h.iri, "matched": h.matched, "score": h.score,
                    "office": offices.get(h.iri)} for h in hits]
        return Answer(f"People matching {text!r}", records, ["person", "matched", "score", "office"])

    def _senior_office(self) -> dict[str, str]:
        rank = {"head of state": 3, "head of government": 2, "chamber chair": 1}
        text = sparql_prefixes() + """
SELECT ?p ?label ?kind ?start WHERE { ?t a sk:Tenure ; sk:holder ?p ; sk:start ?start ;
  sk:office ?o . ?o rdfs:label ?label ; sk:officeKind/skos:prefLabel ?kind }"""
        best: dict[str, tuple] = {}
        for r in self.engine.select(text).rows:
            k = (rank.get(r["kind"].value, 0), r["start"].value)
            if r["p"].value not in best or k > best[r["p"].value][0]:
                best[r["p"].value] = (k, r["label"].value)
        return {p: v[1] for p, v in best.items()}

    def stats(self, country: str | None = None, all_kinds: bool = False) -> Answer:
        from .stats import tenure_stats

        label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        records = tenure_stats(self.engine.select, label, all_kinds)
        return Answer("Tenure statistics" + (f" in {label}" if label else ""), records,
                      ["country", "office", "tenures", "acting", "median_years", "longest", "longest_years",
                       "exits"])

    # ------------------------------------------------------------------ coverage

    def coverage(self, country: str | None = None, since: str | None = None, kinds: list[str] | None = None) -> Answer:
        """Coverage of every office kind, or of ``kinds`` (labels such as "governor" or "head-of-state";
        "main" stands for heads of state and government and chamber chairs), from ``since`` or, with none,
        from each kind's promised start (1991-01-01; governors 2000-01-01)."""
        from .coverage import DEFAULT_SINCE, KIND_SINCE, MAIN_KINDS, coverage, office_kinds, unsourced

        country_label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        start = parse_date(since, "since date") if since is not None else None
        wanted: tuple[str, ...] | None = None
        if kinds:
            def norm(k: str) -> str:
                return " ".join(k.replace("-", " ").replace("_", " ").lower().split())

            known = {norm(k): k for k in office_kinds(self.engine.select)}
            chosen: list[str] = []
            for k in kinds:
                if norm(k) == "main":
                    chosen += MAIN_KINDS
                elif norm(k) in known:
                    chosen.append(known[norm(k)])
                else:
                    raise InputError(f"unknown office kind {k!r}: expected main or one of {', '.join(sorted(known.values()))}")
            wanted = tuple(dict.fromkeys(chosen))
        covs = coverage(self.engine.select, since=start, country=country_label, kinds=wanted)
        records = [{"country": c.country, "office": c.label, "office_iri": c.office, "kind": c.kind,
                    "since": c.since, "tenures": c.tenures, "first": c.first, "last": c.last,
                    "gaps": (f"{len(c.unexplained)} not tracked / {len(c.gaps)}" if c.post_only
                             else f"{len(c.unexplained)} unexplained / {len(c.gaps)}"),
                    "tracked": not c.post_only,
                    "gap_list": [{"from": g.start, "to": g.end, "explanation": g.explanation, "attested": g.attested}
                                 for g in c.gaps]}
                   for c in covs]
        notes = []
        for c in covs:
            for g in c.gaps:
                what = (f"explained: {g.explanation}" if g.explained
                        else "post only: its other holders are not tracked" if c.post_only else "UNEXPLAINED")
                if g.attested:
                    what += "; in office, tenure not dated: " + ", ".join(g.attested)
                notes.append(f"{c.label}: no known holder {g.start} to {g.end} ({what})")
        missing = unsourced(self.engine.select)
        # the sections below count the whole knowledge base, whatever the country or kinds asked for
        whole = " (whole knowledge base)" if country_label or kinds else ""
        notes.append(f"Unsourced facts{whole}: {len(missing)}")
        from .coverage import copy_only_facts, qid_shares, source_kind_counts

        copies = copy_only_facts(self.engine.select)
        notes.append(f"Sources by kind{whole}: " + ", ".join(f"{k} {n}" for k, n in source_kind_counts(self.engine.select)))
        notes.append(f"Facts sourced only by copies of Wikipedia (mirrors, proxies){whole}: {len(copies)}")
        notes += [f"  {c}" for c in copies[:20]] + ([f"  ... and {len(copies) - 20} more"] if len(copies) > 20 else [])
        notes.append(f"Wikidata QIDs{whole}: " + "; ".join(f"{w} {n}/{a}" for w, n, a in qid_shares(self.engine.select)))
        notes += [f"  {m}" for m in missing]
        total = sum(len(c.missing) for c in covs)
        posts = [c for c in covs if c.post_only]
        if posts:
            notes.append(f"Posts recorded only for their holders' careers (other holders not tracked, gaps not counted): "
                         f"{len(posts)} offices, {sum(len(c.unexplained) for c in posts)} gaps")
        floors = sorted((k, d) for k, d in KIND_SINCE.items() if any(c.kind == k for c in covs))
        period = (str(start) if start is not None else
                  DEFAULT_SINCE + (" (" + ", ".join(f"{k}s since {d}" for k, d in floors) + ")" if floors else ""))
        notes.append(f"Unexplained gaps since {period}: {total}")
        ans = Answer(f"Coverage since {period}" + (f" in {country_label}" if country_label else ""), records,
                     ["country", "office", "kind", "tenures", "first", "last", "gaps"], notes)
        ans.unexplained = total  # type: ignore[attr-defined]
        ans.unsourced = len(missing)  # type: ignore[attr-defined]
        return ans

    # ------------------------------------------------------------------ publishing: bulk answers (one query each)

    def rules(self, office: str | None = None) -> Answer:
        """Every succession rule of an office (or of all offices) over time, oldest first."""
        params = {"office": self.resolver.resolve("office", office)} if office else {}
        res = self.run_query_iri("succession-rules", **params)
        records = [{"office_iri": r["office"], "order": r["order"], "office": r["actingOfficeLabel"],
                    "office_acting_iri": r["actingOffice"], "from": r["from"], "in_force_by": r["inForceBy"],
                    "until": r["until"], "edition": r["editionLabel"], "article": r["article"],
                    "designation": r["designation"], "rule_iri": r["rule"], "sources": split_sources(r["sources"])}
                   for r in res.records()]
        return Answer("Succession rules over time", records,
                      ["order", "office", "from", "in_force_by", "until", "edition", "article", "sources"])

    def people(self) -> dict[str, dict[str, Any]]:
        """``person_info`` of every person, from one query."""
        text = sparql_prefixes() + """
SELECT ?person ?p ?o WHERE { ?person a sk:Person ; ?p ?o . FILTER(?p IN (rdfs:label, skos:altLabel, sk:name,
  sk:birthDate, sk:deathDate, sk:wikidata)) }"""
        by: dict[str, list] = {}
        for row in self.engine.select(text).rows:
            by.setdefault(row["person"].value, []).append(row)
        return {iri: _person_info(iri, rows) for iri, rows in by.items()}

    def sources_info(self) -> dict[str, dict[str, Any]]:
        """Title, publisher and date of every cited page, by URL."""
        text = sparql_prefixes() + """
SELECT ?url ?title ?publisher ?issued ?kind ?original WHERE { ?s a sk:Source ; schema:url ?url .
  OPTIONAL { ?s dcterms:title ?title } OPTIONAL { ?s dcterms:publisher ?publisher } OPTIONAL { ?s dcterms:issued ?issued }
  OPTIONAL { ?s sk:sourceKind ?kind } OPTIONAL { ?s sk:copyOf ?original } }"""
        return {r["url"]: {"title": r["title"], "publisher": r["publisher"], "issued": r["issued"], "kind": r["kind"],
                           "copy_of": r["original"]}
                for r in self.engine.select(text).records()}

    def source_kinds(self, urls: list[str] | None = None) -> dict[str, str]:
        """The recorded kind (official, news, encyclopedia, dataset, copy) of every cited page, by URL; with
        ``urls``, of those pages only (one indexed look-up each, the URL bound, not pasted)."""
        text = sparql_prefixes() + "SELECT ?url ?kind WHERE { ?s a sk:Source ; schema:url ?url ; sk:sourceKind ?kind }"
        if urls is None:
            return {r["url"]: r["kind"] for r in self.engine.select(text).records()}
        any_uri = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
        out: dict[str, str] = {}
        for url in dict.fromkeys(urls):
            for r in self.engine.select(text, {"url": ox.Literal(url, datatype=any_uri)}).records():
                out[url] = r["kind"]
        return out

    def data_as_of(self) -> str:
        """The day of the newest recorded fact or verification."""
        from .pictures import data_as_of

        return data_as_of(self.engine.select)

    # ------------------------------------------------------------------ elections, terms, outlook

    def elections(self, country: str | None = None) -> Answer:
        """Every recorded election and referendum (of one country), oldest first, with its sources."""
        from .elections import elections

        label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        records = elections(self.engine.select, label)
        return Answer("Elections and referendums" + (f" in {label}" if label else ""), records,
                      ["date", "country", "office", "kind", "scheduled", "winner", "share", "sources"],
                      [f"{r['date']} {r['label']}: {r['comment']}" for r in records if r["comment"]])

    def term_rules(self, country: str | None = None) -> Answer:
        """Every recorded term rule (of one country's offices): term length, limit, edition, period."""
        from .elections import term_rules

        label = self.resolver.label("country", self.resolver.resolve("country", country)) if country else None
        offices = {o["office_iri"] for o in self.offices(label).records} if label else None
        records = [r for r in term_rules(self.engine.select) if offices is None or r["office_iri"] in offices]
        for r in records:
            r["limit_text"] = "no limit" if r["no_limit"] else str(r["limit"])
        return Answer("Term rules" + (f" in {label}" if label else ""), records,
                      ["office", "term_years", "limit_text", "applies_to", "edition", "in_force_from",
                       "in_force_until", "sources"],
                      [f"{r['office']} from {r['in_force_from']}: {r['comment']}" for r in records if r["comment"]])

    def outlook(self, country: str, on: str | None = None) -> dict[str, Any]:
        """When and how the next transfer of power can come in COUNTRY (see succession/outlook.py)."""
        from .outlook import outlook

        return outlook(self, country, on)

    def overview(self, on: str | None = None) -> Answer:
        """The five republics side by side: one row per country (``outlook --all``; the report can call it)."""
        from .outlook import overview

        day = parse_date(on, "date", day_only=True).text if on else today().text
        return Answer(f"Outlook of the five republics on {day}", overview(self, day),
                      ["country", "incumbent", "age", "years", "next_election", "first_in_line", "relative_in_line",
                       "last_transfer", "sources"])

    # ------------------------------------------------------------------ validation

    def validate(self, since: str | None = None, repo: str | Path | None = None, engine: str = "builtin") -> list:
        """Shapes and checks over the whole knowledge base; with ``since`` (a knowledge-base folder or a git
        revision known to be valid), the shapes only over what changed since then (the changed nodes and
        the nodes that point at them, as an edit is validated) and every check over the whole. ``engine``:
        "builtin" (succession/shacl.py) or "pyshacl" (the reference implementation)."""
        from .validate import validate_changed, validate_store

        if engine not in ("builtin", "pyshacl"):
            raise InputError(f"unknown SHACL engine {engine!r}: expected builtin or pyshacl")
        if since is None:
            return validate_store(self.kb.store(), engine)
        from .diff import _git, load_side
        from .kb import ONTOLOGY_DIR

        baseline = load_side(since, Path(repo) if repo else None)
        if not Path(since).is_dir():  # a revision: if the ontology or the shapes changed since, all is checked
            rev = since.partition(":")[0]
            root = Path(_git(ONTOLOGY_DIR.parent, "rev-parse", "--show-toplevel").decode().strip())
            if _git(root, "diff", "--name-only", rev, "--", str(ONTOLOGY_DIR.relative_to(root))).strip():
                return validate_store(self.kb.store(), engine)
        return validate_changed(self.kb.store(), baseline, engine)

    # ------------------------------------------------------------------ sharing with a SPARQL server

    def push(self, endpoint: str, update_endpoint: str | None = None, graph: str | None = None,
             batch: int = 2000, replace: bool = False, progress=None) -> int:
        """Load the ontology and every kb/ file into a SPARQL server, in batches: through the Graph
        Store Protocol (one POST of N-Triples per batch) where the server offers it, else INSERT
        DATA; a batch the server refuses is split in halves.

        The batches go into a staging graph that one update then adds (or, with --replace, moves) into
        the target graph, so a push that dies half-way (the server or this process killed) leaves the
        target exactly as it was; the next push drops what a killed one staged (one staging graph per
        target, named after it, so it is found without listing the server's graphs). Virtuoso is loaded
        directly (re-running after a failure completes the load without duplicates): its planner
        mis-plans queries over triples moved by ADD (a `who-holds` with FROM took over 20 s)."""
        import hashlib

        from .errors import EndpointError
        from .kb import content_quads
        from .remote import Endpoint

        if batch < 1:
            raise InputError("--batch must be at least 1")
        target = Endpoint(endpoint, update_endpoint, graph)
        triples = sorted({q.triple for q in content_quads(self.kb.store())}, key=str)
        staging: str | None = None
        if "virtuoso" not in target.server_software().lower():
            staging = STAGING_PREFIX + hashlib.sha256((graph or "default").encode()).hexdigest()[:16]
            target.update(f"DROP SILENT GRAPH <{staging}>")
            ep = Endpoint(endpoint, update_endpoint, staging)
        else:
            ep = target
            if replace:
                target.update(f"CLEAR SILENT GRAPH <{graph}>" if graph else "CLEAR SILENT DEFAULT")
        candidates = ep.store_urls()
        store: str | None = None

        def send(part: list) -> None:
            nonlocal store, candidates
            if store is not None and ep.post_turtle(store, part):
                return
            while store is None and candidates:
                url = candidates.pop(0)
                t = part[0]
                # a Graph Store endpoint proves itself: the triple it was sent is then there
                if ep.post_turtle(url, part, proven=False) and ep.ask(f"ASK WHERE {{ {t.subject} {t.predicate} {t.object} }}"):
                    store = url
                    return
            try:
                ep.insert(part)
            except EndpointError:
                if len(part) == 1:
                    raise
                half = len(part) // 2
                send(part[:half])
                send(part[half:])

        try:
            for i in range(0, len(triples), batch):
                send(triples[i:i + batch])
                if progress:
                    progress(min(i + batch, len(triples)), len(triples))
            if staging:
                into = f"GRAPH <{graph}>" if graph else "DEFAULT"
                target.update(f"MOVE GRAPH <{staging}> TO {into}" if replace
                              else f"ADD GRAPH <{staging}> TO {into} ; DROP SILENT GRAPH <{staging}>")
        except BaseException:
            if staging:
                try:
                    target.update(f"DROP SILENT GRAPH <{staging}>")
                except Exception:  # the server is gone: the next push drops it
                    pass
            raise
        return len(triples)

    def pull(self, endpoint: str, graph: str | None = None) -> list[str]:
        """Write a server's graph back into kb/ files (sorted, atomic), so git and the server agree."""
        from .layout import partition
        from .remote import Endpoint, RemoteKB
        from .terms import serialize_turtle

        data = RemoteKB(Endpoint(endpoint, None, graph)).data_triples()
        if not data:
            raise InputError(f"the SPARQL server at {endpoint} has no data to pull")
        files = partition(data)
        if not self.kb.dir.is_dir():
            self.kb.dir.mkdir(parents=True)
        with self.kb.writing():
            before = {p.name for p in self.kb.turtle_files()}
            contents = {name: serialize_turtle(ts) for name, ts in files.items()}
            for gone in before - set(contents):
                contents[gone] = ""  # the server has nothing of that kind any more
            self.kb.write_files(contents)
        return sorted(contents)





def _person_info(person_iri: str, rows) -> dict[str, Any]:
    info: dict[str, Any] = {"label": person_iri, "aliases": [], "names": []}
    for row in rows:
        p, o = row["p"].value, row["o"]
        local = p.rsplit("#", 1)[-1]
        if local == "label":
            info["label"] = o.value
        elif local == "altLabel":
            info["aliases"].append(o.value)
        elif local == "name":
            info["names"].append(f"{o.value} ({o.language})" if o.language else o.value)
        elif local in ("birthDate", "deathDate"):
            info["born" if local == "birthDate" else "died"] = o.value
        elif local == "wikidata":
            info["wikidata"] = o.value
    info["aliases"] = sorted(info["aliases"]) + sorted(info["names"])
    info["names"] = sorted(info["names"])
    # keys in one order whatever order the engine returned the rows in (JSON output is compared across servers)
    order = ["label", "born", "died", "wikidata", "aliases", "names"]
    return {k: info[k] for k in order if k in info} | {k: v for k, v in info.items() if k not in order}


def _recorded_cutoff(value: str, option: str = "--as-recorded") -> str:
    """An --as-recorded (or log's --since) value: a date (end of that day, UTC) or a date-time."""
    import re as _re

    text = value.strip()
    if _re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z?", text):
        return text if text.endswith("Z") else text + "Z"
    return parse_date(text, f"{option} date", day_only=True).text


def _covers(start: str | None, end: str | None, day: PDate) -> bool:
    if start is None:
        return False
    s = PDate(start)
    if s.lo > day.text:
        return False
    if end is None:
        return True
    e = PDate(end)
    return day.text < e.hi


def check_format(fmt: str) -> str:
    if fmt not in ("table", "json", "csv"):
        raise InputError(f"invalid format {fmt!r}: expected table, json or csv")
    return fmt


__all__ = ["Answer", "Succession", "plain", "check_format"]
