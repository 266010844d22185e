"""Synthetic knowledge bases shaped like kb/: countries, offices, persons, chains of tenures with
dates, predecessor/successor links, succession events, family relations, rules and sources.

Usage: python benchmarks/generate.py SIZE OUT_DIR   (SIZE: approximate number of triples)
The output uses the same IRIs, classes and file layout as kb/, so every command runs on it.
"""

from __future__ import annotations

import datetime as _dt
import random
import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from succession import model as m  # noqa: E402
from succession.dates import PDate  # noqa: E402
from succession.layout import partition  # noqa: E402

TRIPLES_PER_TENURE = 25  # tenure + event + its share of persons, sources, offices, relations


def generate(size: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    b = m.Builder()
    recorded = m.lit("2026-01-01T00:00:00Z", m.XSD + "dateTime")
    n_tenures = max(50, size // TRIPLES_PER_TENURE)
    n_offices = max(5, n_tenures // 40)
    n_countries = max(1, n_offices // 50)
    sources = [b.source(f"https://example.org/source/{i}", f"Source {i}", "Example Wire", PDate("2020-01-01"))
               for i in range(max(10, n_tenures // 4))]
    countries = []
    for c in range(n_countries):
        iri = m.place_iri(f"country-{c}")
        b.place(iri, f"Country {c}", iri, True)
        countries.append(iri)
    offices = []
    for o in range(n_offices):
        iri = m.office_iri(f"office-{o}")
        kind = ("head-of-state", "chamber-chair", "head-of-government", "mayor")[o % 4]
        b.office(iri, f"Office {o}", kind=kind, jurisdiction=countries[o % n_countries], seats=1,
                 aliases=[f"Post number {o}"], sources=[rng.choice(sources)], recorded=recorded)
        offices.append(iri)
    persons = []
    for p in range(n_tenures // 2):
        iri = m.person_iri(f"person-{p}")
        b.person(iri, f"Person {p}", aliases=[f"P. {p}", f"Persona {p}"], born=PDate(f"{1850 + p % 50}"),
                 sources=[rng.choice(sources)], recorded=recorded)
        persons.append(iri)
    per_office = n_tenures // n_offices
    # every tenure lies between 1900 and 2020, whatever the size (edits refuse dates after today, and the
    # benchmark appoints in 2026 after the last holder): the span is shared out, each tenure 0.5-1.5x the mean
    first_day, last_day = _dt.date(1900, 1, 1), _dt.date(2020, 12, 31)
    mean = max(2, int((last_day - first_day).days / (per_office * 1.25 + 2)))
    for office in offices:
        prev = None
        day = first_day + _dt.timedelta(days=rng.randint(0, mean // 2))
        for _ in range(per_office):
            start = prev[1] if prev else PDate(day.isoformat())
            day = _dt.date.fromisoformat(start.text) + _dt.timedelta(days=rng.randint(max(1, mean // 2), mean * 3 // 2))
            end = PDate(min(day, last_day).isoformat())
            holder = rng.choice(persons)
            t = m.tenure_iri(office, holder, start, False)
            last = _ == per_office - 1 or day >= last_day
            b.tenure(t, person=holder, office=office, start=start, end=None if last else end, acting=False,
                     entry_mode="appointment", exit_reason=None if last else "succeeded",
                     sources=[rng.choice(sources)], recorded=recorded)
            b.event(m.event_iri(office, start, holder), office=office, date=start, incoming=t,
                    outgoing=prev[0] if prev else None, mode=m.mode_iri("appointment"),
                    sources=[rng.choice(sources)], recorded=recorded)
            if prev:
                b.link(prev[0], t)
            prev = (t, end)
            if last:
                break
    for _r in range(len(persons) // 4):
        a, z = rng.sample(persons, 2)
        b.relation(m.relation_iri(a, "child-of", z), person=a, kinship="child-of", relative=z,
                   sources=[rng.choice(sources)], recorded=recorded)
    editions = []
    for c, country in enumerate(countries):  # every rule belongs to one legal edition, as in kb/
        e = m.edition_iri(f"Constitution of Country {c} (1950)")
        b.edition(e, title=f"Constitution of Country {c} (1950)", country=country, kind="constitution",
                  adopted=PDate("1950"), in_force=PDate("1950"), sources=[sources[0]], recorded=recorded)
        editions.append(e)
    for o in range(0, n_offices - 1, 4):
        b.rule(m.rule_iri(offices[o], 1, offices[o + 1], PDate("1950")), vacant=offices[o], acting_office=offices[o + 1],
               order=1, start=PDate("1950"), end=None, legal_basis="Constitution, art. 1", sources=[sources[0]],
               recorded=recorded, edition=editions[o % n_countries], article="1")
    out.mkdir(parents=True, exist_ok=True)
    for name, triples in partition(b.triples).items():
        # benchmark data need not be sorted for git; pyoxigraph writes 1M triples in about a second
        (out / name).write_bytes(ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE,
                                              prefixes={"sk": m.SK, "xsd": m.XSD}))


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
