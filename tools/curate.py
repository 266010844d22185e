"""Build kb/*.ttl from the researchers' YAML hand-off files in research/.

This is how the initial knowledge base was made; after that, kb/ is the source of truth and changes
go through the edit commands. Usage: python tools/curate.py research/*.yaml --out kb
It refuses (exit 1) if any file cites an unknown source, person or office, or uses an unknown mode.
Predecessor/successor links and succession events are derived from the tenures of each office.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from functools import cmp_to_key
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from succession import model as m  # noqa: E402
from succession.dates import PDate, parse_date  # noqa: E402
from succession.layout import partition  # noqa: E402
from succession.terms import serialize_turtle  # noqa: E402

COUNTRY_OF_FILE = {
    "tajikistan": "Tajikistan",
    "kazakhstan": "Kazakhstan",
    "kyrgyzstan-a": "Kyrgyzstan",
    "kyrgyzstan-b": "Kyrgyzstan",
    "uzbekistan": "Uzbekistan",
    "turkmenistan": "Turkmenistan",
}
# Later hand-offs that fill gaps in the first ones ("<country>-gaps.yaml")
COUNTRY_OF_FILE.update({f"{c.lower()}-gaps": c for c in set(COUNTRY_OF_FILE.values())})
KIND_FIX: dict[str, str] = {}
MODE_FIX: dict[str, str] = {}
# Offices with many seats whose hand-off file left seats empty: Jogorku Kenesh has 90 members since
# the 2021 constitution, the Majlisi Milli 33 (Asia-Plus, cited on the office).
SEATS_FIX = {"member-of-the-jogorku-kenesh": 90, "member-of-the-majlisi-milli": 33}
RECORDED = m.lit("2026-11-28T00:00:00Z", m.XSD + "dateTime")


def d(value) -> PDate | None:
    if value is None or value == "":
        return None
    return parse_date(str(value))


class Curator:
    def __init__(self) -> None:
        self.b = m.Builder()
        self.errors: list[str] = []
        self.persons: dict[str, dict] = {}
        self.offices: dict[str, dict] = {}
        self.tenures: dict[str, dict] = {}
        self.place_done: set[str] = set()
        self.sources_done: set[str] = set()
        self._pending: list[tuple[str, str, str]] = []  # (kind, id, file) references checked at the end

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    def country(self, name: str) -> str:
        iri = m.place_iri(m.slug(name))
        if iri not in self.place_done:
            self.b.place(iri, name, iri, True)
            self.place_done.add(iri)
        return iri

    def place(self, name: str, country_name: str) -> str:
        if m.slug(name) == m.slug(country_name):
            return self.country(country_name)
        c = self.country(country_name)
        iri = m.place_iri(m.slug(name))
        if iri not in self.place_done:
            self.b.place(iri, name, c, False)
            self.place_done.add(iri)
        return iri

    def load(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        country_name = COUNTRY_OF_FILE[path.stem]
        tag = path.stem
        srcs: dict[str, str] = {}
        for s in data.get("sources") or []:
            try:
                published = d(s.get("published"))
            except Exception:
                published = None
            iri = m.source_iri(s["url"].strip())
            if iri in self.sources_done:  # cited by an earlier file: keep that file's title
                srcs[s["id"]] = iri
                continue
            self.sources_done.add(iri)
            srcs[s["id"]] = self.b.source(s["url"].strip(), s.get("title"), s.get("publisher"), published)

        def S(ids, where):
            out = []
            for i in ids or []:
                if i not in srcs:
                    self.err(f"{tag}: {where}: unknown source {i}")
                else:
                    out.append(srcs[i])
            if not out:
                self.err(f"{tag}: {where}: no source")
            return out

        for p in data.get("persons") or []:
            iri = m.person_iri(p["id"])
            if p["id"] in self.persons:
                # defined by an earlier file: add what this file knows, keep the first label
                first = self.persons[p["id"]]
                if p.get("label") and p["label"] != first["label"]:
                    self.b.add(iri, m.SKOS + "altLabel", m.lit(p["label"]))
                for a in p.get("aliases") or []:
                    if a and a != first["label"]:
                        self.b.add(iri, m.SKOS + "altLabel", m.lit(a))
                for n in p.get("names") or []:
                    if n.get("text") and n.get("lang"):
                        self.b.add(iri, m.SK + "name", m.lit(n["text"], lang=n["lang"]))
                if p.get("wikidata") and not first.get("wikidata"):
                    self.b.add(iri, m.SK + "wikidata", m.lit(p["wikidata"]))
                    first["wikidata"] = p["wikidata"]
                self.b.sources(iri, S(p.get("sources"), f"person {p['id']}"))
                continue
            names = [(n["text"], n["lang"]) for n in p.get("names") or [] if n.get("text") and n.get("lang")]
            self.b.person(iri, p["label"], aliases=[a for a in p.get("aliases") or [] if a],
                          names=names, born=self._date(p.get("born"), tag, p["id"]),
                          died=self._date(p.get("died"), tag, p["id"]),
                          wikidata=p.get("wikidata"), sources=S(p.get("sources"), f"person {p['id']}"),
                          recorded=RECORDED)
            self.persons[p["id"]] = p

        for o in data.get("offices") or []:
            iri = m.office_iri(o["id"])
            if o["id"] in self.offices:
                # defined by an earlier file too: keep its label, add this file's names and sources
                first = self.offices[o["id"]]
                extra = [o["label"], *(o.get("aliases") or [])]
                for a in extra:
                    if a != first["label"]:
                        self.b.add(iri, m.SKOS + "altLabel", m.lit(a))
                self.b.sources(iri, S(o.get("sources"), f"office {o['id']}"))
                continue
            if o["id"] in SEATS_FIX:
                o["seats"] = SEATS_FIX[o["id"]]
            body = None
            if o.get("body"):
                bo = o["body"]
                body = m.body_iri(bo["id"])
                self.b.body(body, bo["label"], self.country(country_name), bo.get("aliases") or [])
            kind = KIND_FIX.get(o["kind"], o["kind"])
            if kind not in m.OFFICE_KINDS:
                self.err(f"{tag}: office {o['id']}: unknown kind {kind}")
            self.b.office(iri, o["label"], kind=kind, jurisdiction=self.place(o["jurisdiction"], country_name),
                          body=body, seats=int(o.get("seats") or 1), aliases=o.get("aliases") or [],
                          established=self._date(o.get("established"), tag, o["id"]),
                          abolished=self._date(o.get("abolished"), tag, o["id"]),
                          sources=S(o.get("sources"), f"office {o['id']}"), recorded=RECORDED)
            self.offices[o["id"]] = o

        for t in data.get("tenures") or []:
            where = f"tenure {t.get('person')} / {t.get('office')} / {t.get('start')}"
            start = self._date(t.get("start"), tag, where)
            if start is None:
                self.err(f"{tag}: {where}: no start date; skipped")
                continue
            person = m.person_iri(t["person"])
            office = m.office_iri(t["office"])
            acting = bool(t.get("acting"))
            iri = m.tenure_iri(office, person, start, acting)
            mode = MODE_FIX.get(t.get("start_mode"), t.get("start_mode"))
            if mode and mode not in m.ENTRY_MODES:
                self.err(f"{tag}: {where}: unknown start_mode {mode}")
            reason = t.get("end_reason")
            if reason and reason not in m.EXIT_REASONS:
                self.err(f"{tag}: {where}: unknown end_reason {reason}")
            end = self._date(t.get("end"), tag, where)
            if end is None and reason:
                self.err(f"{tag}: {where}: end_reason without end; reason dropped")
                reason = None
            sources = S(t.get("sources"), where)
            note = (t.get("notes") or "").strip() or None
            if iri in self.tenures:
                self.err(f"{tag}: {where}: duplicate tenure {iri}")
            self.tenures[iri] = dict(person=person, office=office, start=start, end=end, acting=acting,
                                     mode=mode, reason=reason, legal=t.get("legal_basis"), sources=sources,
                                     tag=tag, pid=t["person"], oid=t["office"])
            self.b.tenure(iri, person=person, office=office, start=start, end=end, acting=acting,
                          entry_mode=mode, exit_reason=reason, legal_basis=t.get("legal_basis") or None,
                          note=note, sources=sources, recorded=RECORDED)
            for alt in t.get("alt_dates") or []:
                ad = self._date(alt.get("date"), tag, where + " alt")
                if ad is None or alt.get("field") not in ("start", "end"):
                    self.err(f"{tag}: {where}: bad alt date {alt}")
                    continue
                self.b.alt_date(iri, alt["field"], ad, alt.get("note"), S(alt.get("sources"), where + " alt"))

        for r in data.get("relations") or []:
            kind = r["kind"]
            a, bb = r["from"], r["to"]
            if kind == "parent-of":
                kind, a, bb = "child-of", bb, a
            if kind not in m.KINSHIPS:
                self.err(f"{tag}: relation {r}: unknown kind")
                continue
            if kind in m.SYMMETRIC_KINSHIPS and bb < a:
                a, bb = bb, a
            pa, pb = m.person_iri(a), m.person_iri(bb)
            self.b.relation(m.relation_iri(pa, kind, pb), person=pa, kinship=kind, relative=pb,
                            sources=S(r.get("sources"), f"relation {a} {kind} {bb}"), recorded=RECORDED)
            self._need_person(a, tag)
            self._need_person(bb, tag)

        for r in data.get("rules") or []:
            if not r.get("acting_office"):
                self.err(f"{tag}: rule for {r.get('vacant_office')} from {r.get('from')} has no acting office; "
                         "kept out (see notes)")
                continue
            vacant, acting_office = m.office_iri(r["vacant_office"]), m.office_iri(r["acting_office"])
            start = self._date(r.get("from"), tag, "rule")
            order = int(r.get("order") or 1)
            iri = m.rule_iri(vacant, order, acting_office, start)
            self.b.rule(iri, vacant=vacant, acting_office=acting_office, order=order, start=start,
                        end=self._date(r.get("to"), tag, "rule"), legal_basis=r.get("legal_basis") or "unstated",
                        note=(r.get("notes") or "").strip() or None,
                        sources=S(r.get("sources"), f"rule {r['vacant_office']}"), recorded=RECORDED)
            self._need_office(r["vacant_office"], tag)
            self._need_office(r["acting_office"], tag)

        for x in data.get("departures") or []:
            office = m.office_iri(x["office"])
            date = self._date(x.get("date"), tag, "departure")
            self.b.departure(m.departure_iri(office, date), office=office, date=date,
                             expected_office=m.office_iri(x["expected_office"]) if x.get("expected_office") else None,
                             expected_person=m.person_iri(x["expected_person"]) if x.get("expected_person") else None,
                             actual_person=m.person_iri(x["actual_person"]) if x.get("actual_person") else None,
                             summary=x.get("summary") or "", sources=S(x.get("sources"), "departure"))
            for k in ("expected_person", "actual_person"):
                if x.get(k):
                    self._need_person(x[k], tag)

        for g in data.get("gaps") or []:
            office = m.office_iri(g["office"])
            start = self._date(g.get("from"), tag, "gap")
            if start is None:
                self.err(f"{tag}: gap without start {g}")
                continue
            self.b.gap(m.gap_iri(office, start), office=office, start=start, end=self._date(g.get("to"), tag, "gap"),
                       reason=g.get("reason") or "", sources=S(g.get("sources"), "gap"))

    def _date(self, value, tag, where) -> PDate | None:
        try:
            return d(value)
        except Exception as exc:
            self.err(f"{tag}: {where}: {exc}")
            return None

    def _need_person(self, pid: str, tag: str) -> None:
        self._pending.append(("person", pid, tag))

    def _need_office(self, oid: str, tag: str) -> None:
        self._pending.append(("office", oid, tag))

    def link(self) -> None:
        """Derive predecessor/successor links and succession events from each office's tenures."""
        by_office: dict[str, list[str]] = defaultdict(list)
        for iri, t in self.tenures.items():
            if t["pid"] not in self.persons:
                self.err(f"{t['tag']}: tenure {iri}: unknown person {t['pid']}")
            if t["oid"] not in self.offices:
                self.err(f"{t['tag']}: tenure {iri}: unknown office {t['oid']}")
            by_office[t["office"]].append(iri)
        for kind, ident, tag in self._pending:
            known = self.persons if kind == "person" else self.offices
            if ident not in known:
                self.err(f"{tag}: unknown {kind} {ident}")
        for office, iris in by_office.items():
            oid = m.local(office, "office")
            if int(self.offices.get(oid, {}).get("seats") or 1) != 1:
                continue
            iris.sort(key=cmp_to_key(lambda a, b: _order(self.tenures[a], self.tenures[b])))
            prev = None
            for iri in iris:
                t = self.tenures[iri]
                outgoing = None
                if prev is not None:
                    p = self.tenures[prev]
                    self.b.link(prev, iri)
                    if p["end"] is not None and p["end"].text == t["start"].text:
                        outgoing = prev
                    elif p["end"] is not None:
                        self.b.event(m.event_iri(office, p["end"], None), office=office, date=p["end"], incoming=None,
                                     outgoing=prev, mode=None, sources=p["sources"], recorded=RECORDED)
                self.b.event(m.event_iri(office, t["start"], t["person"]), office=office, date=t["start"], incoming=iri,
                             outgoing=outgoing, mode=m.mode_iri(t["mode"]) if t["mode"] else None,
                             legal_basis=t["legal"] or None,
                             sources=sorted(set(t["sources"]) | (set(self.tenures[outgoing]["sources"]) if outgoing else set())),
                             recorded=RECORDED)
                prev = iri
            last = self.tenures[prev]
            if last["end"] is not None:
                self.b.event(m.event_iri(office, last["end"], None), office=office, date=last["end"], incoming=None,
                             outgoing=prev, mode=None, sources=last["sources"], recorded=RECORDED)


def _order(a: dict, b: dict) -> int:
    """Chronological order of two tenures of one office, honest about imprecise starts: when one
    start may be the other (1990 vs 1990-04-10), the one that ends first comes first."""
    sa, sb = a["start"], b["start"]
    if sa.hi < sb.lo:
        return -1
    if sb.hi < sa.lo:
        return 1
    ea = a["end"].lo if a["end"] else "9999"
    eb = b["end"].lo if b["end"] else "9999"
    if ea != eb:
        return -1 if ea < eb else 1
    return (sa.lo > sb.lo) - (sa.lo < sb.lo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    c = Curator()
    for f in args.files:
        c.load(f)
    c.link()
    for e in c.errors:
        print("warning:", e, file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, triples in sorted(partition(c.b.triples).items()):
        (args.out / name).write_text(serialize_turtle(triples), encoding="utf-8")
        print(f"{name}: {len(triples)} triples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
