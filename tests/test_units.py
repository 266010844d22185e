"""Fast sweeps over the boundaries this domain lives on, each against an oracle written independently
of the code: dates and their precision, who holds an office on every day around each hand-over and
each imprecise end, which rule is in force on its first and last day, strict and loose name
resolution, and appointments on the incumbent's own start day. They run in seconds, so the mutation
runner (`make mutate`, tools/mutate.py) runs them first for every mutant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from conftest import BASE, snapshot, write_kb
from hypothesis import given, settings

from succession import dates
from succession.api import Succession
from succession.dates import PDate, parse_date
from succession.errors import AmbiguousError, InputError, NotFoundError

# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text,datatype,precision,lo,hi,mid", [
    ("2017", dates.YEAR, "year", "2017", "2017~", dt.date(2017, 7, 1)),
    ("2017-03", dates.MONTH, "month", "2017-03", "2017-03~", dt.date(2017, 3, 15)),
    ("2017-03-09", dates.DAY, "day", "2017-03-09", "2017-03-09", dt.date(2017, 3, 9)),
])
def test_precision_table(text, datatype, precision, lo, hi, mid):
    d = parse_date(text)
    assert (d.text, d.datatype, d.precision, d.lo, d.hi, d.midpoint(), str(d)) == (text, datatype, precision, lo, hi,
                                                                                    mid, text)


@pytest.mark.parametrize("text", ["1800", "2200", "1800-01", "2200-12", "2020-02-29", "2000-02-29", "1991-12-31",
                                  "1991-01-01", " 2017-03-09 ", "2017-12", "2017-01"])
def test_real_dates_are_accepted(text):
    assert parse_date(text).text == text.strip()


@pytest.mark.parametrize("text,reason", [
    ("1799", "year out of range"), ("2201", "year out of range"), ("2017-00", "no month"), ("2017-13", "no month"),
    ("2021-02-29", "no such day"), ("1900-02-29", "no such day"), ("2017-04-31", "no such day"), ("2017-01-00", "no such day"),
    ("2017-01-32", "no such day"), ("", "expected"), ("17", "expected"), ("2017-3-9", "expected"), ("03/09/2017", "month-first"), ("9.3.17", "expected"),
    ("٢٠٢٠/٠١/٠١", "expected"), ("١.٣.٢٠١٧", "expected"), ("6 Smarch 2017", "expected"), ("31.04.2017", "no such day"),
    ("30 February 2020", "no such day"), ("6 December 1799", "year out of range"),
    ("٢٠٢٠", "expected"), ("２０２０-０１-０１", "expected"), ("2017-03-09T00:00", "expected"), ("20170", "expected"),
])
def test_impossible_dates_are_refused_with_the_reason(text, reason):
    with pytest.raises(InputError) as e:
        parse_date(text, "start date")
    assert reason in str(e.value) and "start date" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("text,iso", [
    ("2017/03/09", "2017-03-09"), ("2017/3", "2017-03"), ("09.03.2017", "2017-03-09"), ("9.3.2017", "2017-03-09"),
    ("9 March 2017", "2017-03-09"), ("9 Mar 2017", "2017-03-09"), ("9 march, 2017", "2017-03-09"),
    ("March 9, 2017", "2017-03-09"), ("Sept. 9 2017", "2017-09-09"), ("March 2017", "2017-03"), ("Dec 1991", "1991-12"),
    ("29 February 2020", "2020-02-29"),
])
def test_the_unambiguous_usual_ways_of_writing_a_date_are_read_as_iso(text, iso):
    d = parse_date(text)
    assert d.text == iso and str(d) == iso


@pytest.mark.parametrize("text", ["2017", "2017-03"])
def test_day_only_refuses_an_imprecise_date(text):
    with pytest.raises(InputError, match="full date"):
        parse_date(text, day_only=True)
    assert parse_date(text + ("-01-01" if len(text) == 4 else "-01"), day_only=True)


def test_today_is_today():
    assert parse_date("today") == dates.today() == PDate(dt.date.today().isoformat())
    assert parse_date("TODAY").precision == "day"
    assert dates.from_literal("1991-12") == PDate("1991-12")


def _days(d: PDate) -> tuple[dt.date, dt.date]:
    """The first and last day a date may denote (the oracle, by the calendar, not by strings)."""
    t = d.text
    if len(t) == 4:
        return dt.date(int(t), 1, 1), dt.date(int(t), 12, 31)
    if len(t) == 7:
        y, mo = int(t[:4]), int(t[5:])
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return dt.date(y, mo, 1), nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(t)
    return day, day


# ---------------------------------------------------------------- who holds an office on a day

SPANS = [  # (start, end) with every mix of precisions, each on its own office
    ("2000-01-01", "2010-01-01"), ("2000", "2010"), ("2000-03", "2010-06"), ("2000-01-01", "2010"),
    ("2000", "2010-06-15"), ("2000-06", None), ("2000-06-15", None), ("2000", None), ("2005-05-05", "2005-05-06"),
]


def _span_world() -> str:
    out = []
    for i, (s, e) in enumerate(SPANS):
        out.append(f'office:o{i} a sk:Office ; rdfs:label "Office {i} of Xland"@en ; sk:officeKind kind:chamber-chair ; '
                   f'sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .')
        end = f' ; sk:end "{e}"^^{PDate(e).datatype.replace(dates.XSD, "xsd:")}' if e else ""
        out.append(f't:o{i} a sk:Tenure ; sk:holder person:a ; sk:office office:o{i} ; '
                   f'sk:start "{s}"^^{PDate(s).datatype.replace(dates.XSD, "xsd:")}{end} ; sk:acting false ; '
                   f'prov:wasDerivedFrom source:s .')
    return BASE + "\n".join(out) + "\n"


def _probe_days(bounds: list[str | None]) -> list[dt.date]:
    days = set()
    for b in bounds:
        if b is None:
            continue
        first, last = _days(PDate(b))
        for base in (first, last):
            days.update(base + dt.timedelta(days=k) for k in (-1, 0, 1))
    return sorted(days)


@pytest.fixture(scope="module")
def span_session(tmp_path_factory) -> Succession:
    return Succession(write_kb(tmp_path_factory.mktemp("spans") / "kb", _span_world()))


@pytest.mark.parametrize("i", range(len(SPANS)))
def test_holder_on_every_day_around_the_bounds(span_session, i):
    """A tenure covers [start, end). A bound known only to the month or year is its whole period: the
    tenure may cover a day from the first day of its start's period up to the last day of its end's
    period, and certainly covers it after the whole start period and before the end's period begins."""
    s, e = SPANS[i]
    ps, pe = PDate(s), PDate(e) if e else None
    s_first, s_last = _days(ps)
    certain_from = s_last if ps.precision == "day" else s_last + dt.timedelta(days=1)
    if pe is None:
        may_until = certain_until = dt.date(9999, 1, 1)
    else:
        e_first, e_last = _days(pe)
        may_until = e_first if pe.precision == "day" else e_last + dt.timedelta(days=1)
        certain_until = e_first
    for day in _probe_days([s, e]):
        ans = span_session.who_holds(f"https://w3id.org/succession-kb/id/office/o{i}", day.isoformat())
        may = s_first <= day < may_until
        certain = certain_from <= day < certain_until
        got = [(r["person"], r["certain"]) for r in ans.records]
        assert got == ([("Alpha Ant", certain)] if may else []), (s, e, day)
        if may and not certain:
            assert any("may not cover" in n for n in ans.notes)
        if not may:
            assert ans.notes and ans.notes[0].startswith("No recorded holder")


# ---------------------------------------------------------------- which rule is in force on a day

RULE_SPANS = [  # (inForceFrom, inForceBy, inForceUntil)
    ("2000-01-01", None, "2010-01-01"), ("2000-01-01", None, None), (None, "2003-05-01", None),
    ("2000-06", None, "2010"), ("2000", None, "2010-06"), (None, "2003", "2010-06-15"),
]


def _rule_world() -> str:
    out = ['ed:e a sk:LegalEdition ; rdfs:label "Constitution of Xland (1990)"@en ; sk:country place:x ; '
           'sk:editionKind edkind:constitution ; sk:inForceFrom "1990-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .',
           't:c a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "1995-01-01"^^xsd:date ; '
           'sk:acting false ; prov:wasDerivedFrom source:s .']

    def lit(v):
        return f'"{v}"^^{PDate(v).datatype.replace(dates.XSD, "xsd:")}'

    for i, (f, by, u) in enumerate(RULE_SPANS):
        out.append(f'office:v{i} a sk:Office ; rdfs:label "Throne {i} of Xland"@en ; sk:officeKind kind:head-of-state ; '
                   f'sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .')
        parts = [f"rule:r{i} a sk:SuccessionRule ; sk:vacantOffice office:v{i} ; sk:actingOffice office:c ; sk:order 1",
                 "sk:edition ed:e", 'sk:legalBasis "Article 1"', "prov:wasDerivedFrom source:s"]
        if f:
            parts.append(f"sk:inForceFrom {lit(f)}")
        if by:
            parts.append(f"sk:inForceBy {lit(by)}")
        if u:
            parts.append(f"sk:inForceUntil {lit(u)}")
        out.append(" ; ".join(parts) + " .")
    return BASE + "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def rule_session(tmp_path_factory) -> Succession:
    return Succession(write_kb(tmp_path_factory.mktemp("rules") / "kb", _rule_world()))


@pytest.mark.parametrize("i", range(len(RULE_SPANS)))
def test_rule_in_force_on_every_day_around_its_bounds(rule_session, i):
    """In force from the first day its start may denote to the last day of its end's period when that end
    is known only to the month or year (to the day before, when it is a day)."""
    f, by, u = RULE_SPANS[i]
    start = f or by
    s_first = _days(PDate(start))[0]
    if u is None:
        u_last = dt.date(9999, 1, 1)
    else:
        pu = PDate(u)
        u_last = _days(pu)[0] if pu.precision == "day" else _days(pu)[1] + dt.timedelta(days=1)
    for day in _probe_days([start, u]):
        rows = rule_session.line_of_succession(f"https://w3id.org/succession-kb/id/office/v{i}", day.isoformat()).records
        expected = s_first <= day < u_last
        assert [(r["order"], r["person"]) for r in rows] == ([(1, "Beta Bee")] if expected else []), (f, by, u, day)


# ---------------------------------------------------------------- names: loose for reading, strict for edits

NAMES = BASE + """
person:a skos:altLabel "Alfa Antov"@en, "Альфа Антов"@ru ; sk:wikidata "Q101" .
person:rustam-emomali a sk:Person ; rdfs:label "Rustam Emomali"@en ; skos:altLabel "Rustam Rahmon"@en ;
    prov:wasDerivedFrom source:s .
person:ruslan-emomali a sk:Person ; rdfs:label "Ruslan Emomali"@en ; prov:wasDerivedFrom source:s .
person:z1 a sk:Person ; rdfs:label "Zed Karimov"@en ; prov:wasDerivedFrom source:s .
person:z2 a sk:Person ; rdfs:label "Yan Karimov"@en ; prov:wasDerivedFrom source:s .
office:c skos:altLabel "Xland Senate speaker"@en .
office:d a sk:Office ; rdfs:label "First Deputy Chair of the Xland Senate"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
t:z1 a sk:Tenure ; sk:holder person:z1 ; sk:office office:p ; sk:start "2001-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""
ID = "https://w3id.org/succession-kb/id/"


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    return Succession(write_kb(tmp_path_factory.mktemp("names") / "kb", NAMES)).resolver


@pytest.mark.parametrize("text,iri", [
    (ID + "person/a", ID + "person/a"), ("Q101", ID + "person/a"), ("q101", ID + "person/a"), ("a", ID + "person/a"),
    ("Alpha Ant", ID + "person/a"), ("alpha ant", ID + "person/a"), ("Alfa Antov", ID + "person/a"),
    ("Альфа Антов", ID + "person/a"), ("rustam-emomali", ID + "person/rustam-emomali"),
    ("Rustam Rahmon", ID + "person/rustam-emomali"), ("RUSTAM EMOMALI", ID + "person/rustam-emomali"),
])
def test_strict_resolution_accepts_exact_names(names, text, iri):
    assert names.resolve_strict("person", text) == iri
    assert names.resolve("person", text) == iri


@pytest.mark.parametrize("text,loose", [
    ("Rustam Emomalli", ID + "person/rustam-emomali"),  # a typo: phonetic
    ("Karimov", ID + "person/z1"),  # a bare surname: the more senior of two
    ("Emomali Rustam", ID + "person/rustam-emomali"),  # words in another order
])
def test_loose_names_resolve_for_reading_and_are_refused_for_edits(names, text, loose):
    assert names.resolve("person", text) == loose
    with pytest.raises((NotFoundError, AmbiguousError)) as e:
        names.resolve_strict("person", text)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("text,error", [
    ("", NotFoundError), ("Emomali", AmbiguousError), ("-x", NotFoundError), ("Nobody Atall", NotFoundError),
    ("Q999", NotFoundError),
])
def test_reading_refuses_what_it_cannot_pin_down(names, text, error):
    with pytest.raises(error):
        names.resolve("person", text)


def test_the_office_with_the_fewest_extra_words_wins(names):
    assert names.resolve("office", "Xland Senate chair") == ID + "office/c"
    assert names.resolve("office", "xland senate speaker") == ID + "office/c"
    assert names.resolve_strict("office", "Xland Senate Speaker") == ID + "office/c"
    assert names.resolve("office", "Senate chair") == ID + "office/c"
    with pytest.raises(NotFoundError, match="did you mean"):
        names.resolve_strict("office", "Senate chair")


def test_an_unknown_name_suggests_the_closest(names):
    with pytest.raises(NotFoundError, match="Rustam Emomali"):
        names.resolve("person", "Rustam Emomaliyevich Zzz")


# ---------------------------------------------------------------- appointments on the boundary days

APPOINT = BASE + """
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
person:c a sk:Person ; rdfs:label "Gamma Gnu"@en ; prov:wasDerivedFrom source:s .
"""
SRC = "https://example.org/s"


@pytest.fixture
def appoint_kb(tmp_path):
    return write_kb(tmp_path / "kb", APPOINT)


@pytest.mark.parametrize("day,ok", [("1999-12-31", False), ("2000-01-01", False), ("2000-01-02", True),
                                    ("2000", False), ("2000-01", False), ("2000-02", True), ("2001", True)])
def test_appoint_around_the_incumbents_start(run, appoint_kb, day, ok):
    before = snapshot(appoint_kb)
    r = run("appoint", "Beta Bee", "President of Xland", "--date", day, "--source", SRC, kb=appoint_kb)
    if not ok:
        why = {"1999-12-31": "already has a later tenure: Alpha Ant from 2000-01-01",
               "2000-01-01": "Alpha Ant's tenure already starts on 2000-01-01; a second holder from the same day",
               "2000": "starts 2000-01-01, not before 2000;", "2000-01": "starts 2000-01-01, not before 2000-01;"}[day]
        assert r.exit_code == 1 and r.output.count("\n") == 1 and why in r.output, r.output
        assert snapshot(appoint_kb) == before
        return
    assert r.exit_code == 0, r.output
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert [(h["person"], h["start"], h["end"]) for h in hist] == [("Alpha Ant", "2000-01-01", day), ("Beta Bee", day, None)]
    assert run("validate", kb=appoint_kb).exit_code == 0
    # the hand-over day: the new holder holds it, the old one the day before
    first = _days(PDate(day))[0]
    if len(day) == 10:
        on = json.loads(run("who-holds", "President of Xland", "--on", day, "--format", "json", kb=appoint_kb).stdout)
        assert [r["person"] for r in on] == ["Beta Bee"]
        eve = (first - dt.timedelta(days=1)).isoformat()
        on = json.loads(run("who-holds", "President of Xland", "--on", eve, "--format", "json", kb=appoint_kb).stdout)
        assert [r["person"] for r in on] == ["Alpha Ant"]
    # the same appointment again is recorded once
    again = snapshot(appoint_kb)
    assert run("appoint", "Beta Bee", "President of Xland", "--date", day, "--source", SRC, kb=appoint_kb).exit_code == 0
    assert snapshot(appoint_kb) == again
    # a second successor on the same day is refused
    r = run("appoint", "Gamma Gnu", "President of Xland", "--date", day, "--source", SRC, kb=appoint_kb)
    assert r.exit_code != 0 and snapshot(appoint_kb) == again


def test_an_acting_holder_does_not_close_the_tenure_and_ending_it_then_appointing_is_one_event(run, appoint_kb):
    r = run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2005-05-05", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 0, r.output
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2005-05-05", "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 0, r.output
    events = (appoint_kb / "events.ttl").read_text(encoding="utf-8")
    assert events.count("a sk:SuccessionEvent") == 1 and "sk:outgoing" in events and "sk:incoming" in events
    assert run("validate", kb=appoint_kb).exit_code == 0


def test_dates_are_values_hashable_and_ordered():
    assert len({PDate("2017"), PDate("2017"), parse_date("2017")}) == 1
    assert sorted([PDate("2017-03"), PDate("2016"), PDate("2017")]) == [PDate("2016"), PDate("2017"), PDate("2017-03")]
    with pytest.raises(AttributeError):
        PDate("2017").text = "2018"


@pytest.mark.parametrize("kind,text,iri", [
    ("office", "Chair of the Xland Senate", ID + "office/c"), ("office", "xland senate speaker", ID + "office/c"),
    ("person", "Rustam Emomali", ID + "person/rustam-emomali"), ("person", "alpha ant", ID + "person/a"),
    ("country", "Xland", ID + "place/x"),
])
def test_an_exact_name_is_found_without_building_the_name_index(tmp_path, kind, text, iri):
    """The common case (a label or alias, any case) is one indexed query, not a scan of every name."""
    resolver = Succession(write_kb(tmp_path / "kb", NAMES)).resolver
    assert resolver.resolve(kind, text) == iri
    assert resolver._entries is None
    assert resolver.label(kind, iri) == resolver.resolve_entry(kind, iri).label


def test_a_bare_surname_goes_through_the_ranked_index(tmp_path):
    resolver = Succession(write_kb(tmp_path / "kb", NAMES)).resolver
    assert resolver.resolve("person", "Karimov") == ID + "person/z1"
    assert resolver._entries is not None


def test_a_note_is_corrected_with_the_old_one_kept(run, appoint_kb):
    r = run("correct", "Alpha Ant", "President of Xland", "--set", "note=First note (s12).", "--source", SRC,
            kb=appoint_kb)
    assert r.exit_code == 0, r.output
    r = run("correct", "Alpha Ant", "President of Xland", "--set", "note=First note (Example News).", "--reason",
            "editorial", "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 0, r.output
    tenures = (appoint_kb / "tenures.ttl").read_text(encoding="utf-8")
    assert '"First note (Example News)."' in tenures and "(s12)" not in tenures
    assert "(s12)" in (appoint_kb / "corrections.ttl").read_text(encoding="utf-8")
    assert run("validate", kb=appoint_kb).exit_code == 0
    too_long = run("correct", "Alpha Ant", "President of Xland", "--set", "note=" + "x" * 4001, "--source", SRC,
                   kb=appoint_kb)
    assert too_long.exit_code == 2 and "at most 4000" in too_long.output


def test_content_quads_holds_the_ontology_unless_told_and_never_the_index_bookkeeping():
    """`push` and `export` take the knowledge base with its ontology (the default); the cache's key
    record is never part of it; a file graph maps back to its file name and nothing else does."""
    import pyoxigraph as ox
    from conftest import KB

    from succession.kb import KnowledgeBase, content_quads, file_graph, graph_file

    store = KnowledgeBase(KB).store()
    tenure_class = ox.Triple(ox.NamedNode("https://w3id.org/succession-kb/ontology#Tenure"),
                             ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             ox.NamedNode("http://www.w3.org/2002/07/owl#Class"))
    every = {q.triple for q in content_quads(store)}
    data = {q.triple for q in content_quads(store, ontology=False)}
    assert tenure_class in every and tenure_class not in data and data < every
    assert not any("cache-key" in str(t) for t in every)
    assert graph_file(file_graph("tenures.ttl")) == "tenures.ttl"
    assert graph_file(ox.DefaultGraph()) is None and graph_file(ox.NamedNode("urn:x:tenures.ttl")) is None


# ---------------------------------------------------------------- edits: the branches a boundary test misses

@pytest.mark.parametrize("url,error", [(None, "a source is required"), ("", "a source is required"),
                                       ("   ", "a source is required"), ("ftp://example.org/x", "http"),
                                       ("https://example.org/a b", "http"), ("/relative/page", "http")])
def test_a_source_is_required_and_is_an_absolute_http_url(url, error):
    from succession.edit import SourceInfo
    from succession.errors import InputError

    with pytest.raises(InputError, match=error):
        SourceInfo.make(url)


def _graph(kb) -> ox.Store:
    g = ox.Store()
    for f in sorted(kb.glob("*.ttl")):
        g.load(path=str(f), format=ox.RdfFormat.TURTLE)
    return g


def test_appoint_closes_the_predecessor_citing_the_appointments_source(run, appoint_kb):
    new = "https://example.org/decree-2001"
    assert run("appoint", "Beta Bee", "President of Xland", "--date", "2001-02-03", "--source", new,
               kb=appoint_kb).exit_code == 0
    g = _graph(appoint_kb)
    cited = {q.object.value for q in g.quads_for_pattern(ox.NamedNode(ID + "tenure/a"),
                                                           ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), None)}
    from succession.model import source_iri

    assert cited == {ID + "source/s", source_iri(new)}


def test_appoint_before_a_later_tenure_is_refused_naming_it(run, appoint_kb):
    before = snapshot(appoint_kb)
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "1999-06-01", "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 1 and "already has a later tenure: Alpha Ant from 2000-01-01" in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_a_multi_seat_office_keeps_every_member_when_one_more_is_appointed(run, tmp_path):
    kb = write_kb(tmp_path / "kb", BASE + """
office:m a sk:Office ; rdfs:label "Member of the Xland Senate"@en ; sk:officeKind kind:other ;
    sk:jurisdiction place:x ; sk:seats 3 ; prov:wasDerivedFrom source:s .
t:m1 a sk:Tenure ; sk:holder person:a ; sk:office office:m ; sk:start "2000-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
""")
    r = run("appoint", "Beta Bee", "Member of the Xland Senate", "--date", "2001-01-01", "--source", SRC, kb=kb)
    assert r.exit_code == 0, r.output
    on = json.loads(run("who-holds", "Member of the Xland Senate", "--on", "2002-01-01", "--format", "json", kb=kb).stdout)
    assert sorted(x["person"] for x in on) == ["Alpha Ant", "Beta Bee"]
    # a single-seat office is handed over instead
    assert run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC, kb=kb).exit_code == 0
    assert run("appoint", "Alpha Ant", "President of Xland", "--date", "2002-01-01", "--source", SRC, kb=kb).exit_code == 0
    on = json.loads(run("who-holds", "President of Xland", "--on", "2003-01-01", "--format", "json", kb=kb).stdout)
    assert [x["person"] for x in on] == ["Alpha Ant"]


def test_a_batch_sees_the_person_an_earlier_row_added(run, appoint_kb, tmp_path):
    batch = tmp_path / "b.yaml"
    batch.write_text("""
- {command: add-person, name: Delta Dove, source: "https://example.org/s"}
- {command: appoint, person: Delta Dove, office: President of Xland, date: "2003-03-03", source: "https://example.org/s"}
""", encoding="utf-8")
    r = run("apply", str(batch), kb=appoint_kb)
    assert r.exit_code == 0, r.output
    on = json.loads(run("who-holds", "President of Xland", "--on", "2004-01-01", "--format", "json", kb=appoint_kb).stdout)
    assert [x["person"] for x in on] == ["Delta Dove"]


def _ok(r):
    assert r.exit_code == 0, r.output
    return r


def _refused(r, kb, before, text, code=None):
    assert r.exit_code != 0 and r.exit_code != 70 and text in r.output, r.output
    assert code is None or r.exit_code == code, r.output
    assert snapshot(kb) == before


def test_add_person_records_birth_and_death(run, appoint_kb):
    _ok(run("add-person", "Omega Owl", "--born", "1950-05-05", "--died", "2020", "--source", SRC, kb=appoint_kb))
    p = json.loads(run("person", "Omega Owl", "--format", "json", kb=appoint_kb).stdout)
    assert (p["born"], p["died"]) == ("1950-05-05", "2020")


def test_a_city_office_creates_its_city_once(run, appoint_kb):
    _ok(run("add-office", "Mayor of Newtown", "--kind", "mayor", "--country", "Xland", "--city", "Newtown",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-office", "Deputy Mayor of Newtown", "--kind", "other", "--country", "Xland", "--city", "Newtown",
            "--source", SRC, kb=appoint_kb))
    text = "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("*.ttl"))
    assert text.count("place/newtown>\n    a sk:City") + text.count("place:newtown\n    a sk:City") == 1
    _ok(run("validate", kb=appoint_kb))


def test_add_tenure_for_a_second_person_and_before_a_recorded_one_links_both(run, appoint_kb):
    _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", "1995-01-01", "--end", "2000-01-01",
            "--source", SRC, kb=appoint_kb))
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert [(h["person"], h["start"]) for h in hist] == [("Beta Bee", "1995-01-01"), ("Alpha Ant", "2000-01-01")]
    p = json.loads(run("person", "Beta Bee", "--format", "json", kb=appoint_kb).stdout)
    assert [t.get("successor") for t in p["tenures"]] == ["Alpha Ant"]
    # the same tenure again is recorded once
    before = snapshot(appoint_kb)
    r = _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", "1995-01-01", "--end", "2000-01-01",
                "--source", SRC, kb=appoint_kb))
    assert "Already recorded" in r.output and snapshot(appoint_kb) == before


def test_abolish_then_restore_an_office(run, appoint_kb):
    before = snapshot(appoint_kb)
    _refused(run("restore-office", "Chair of the Xland Senate", "--date", "2010-01-01", "--source", SRC, kb=appoint_kb),
             appoint_kb, before, "is not recorded as abolished", 1)
    _ok(run("abolish-office", "Chair of the Xland Senate", "--date", "2005-01-01", "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    _refused(run("restore-office", "Chair of the Xland Senate", "--date", "2004-01-01", "--source", SRC, kb=appoint_kb),
             appoint_kb, before, "is not after the abolition 2005-01-01", 2)
    _ok(run("restore-office", "Chair of the Xland Senate", "--date", "2010-01-01", "--source", SRC, kb=appoint_kb))
    cov = json.loads(run("coverage", "--kind", "chamber-chair", "--format", "json", kb=appoint_kb).stdout)
    assert any("from its abolition on 2005-01-01 until it was restored on 2010-01-01" in (g["explanation"] or "")
               for c in cov for g in c["gap_list"]), cov
    assert "Already recorded" in _ok(run("restore-office", "Chair of the Xland Senate", "--date", "2010-01-01",
                                         "--source", SRC, kb=appoint_kb)).output
    _ok(run("validate", kb=appoint_kb))


def test_constitutional_edits_on_a_small_world(run, appoint_kb):
    ed = "Constitution of Xland (2000)"
    _ok(run("add-edition", ed, "--country", "Xland", "--kind", "constitution", "--in-force", "2000-01-01",
            "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    _refused(run("add-edition", ed, "--country", "Xland", "--kind", "constitution", "--in-force", "2001-01-01",
                 "--source", SRC, kb=appoint_kb), appoint_kb, before, "is recorded in force from 2000-01-01", 1)
    _ok(run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1", "--edition", ed,
            "--from", "2000-01-01", "--source", SRC, kb=appoint_kb))
    line = json.loads(run("line-of-succession", "President of Xland", "--on", "2003-01-01", "--format", "json",
                          kb=appoint_kb).stdout)
    rule = line[0]["rule_iri"]
    r = _ok(run("amend-rule", rule, "--set", "article=Article 7", "--source", SRC, kb=appoint_kb))
    assert "Article 7" in "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("*.ttl"))
    before = snapshot(appoint_kb)
    _ok(run("amend-rule", rule, "--set", "article=Article 7", "--source", SRC, kb=appoint_kb))
    assert snapshot(appoint_kb) == before  # the same value again changes nothing
    r = _ok(run("end-rules", ed, "--on", "2004-01-01", "--source", SRC, kb=appoint_kb))
    assert "Closed 1 rule(s) of Constitution of Xland (2000) on 2004-01-01." in r.output
    _ok(run("validate", kb=appoint_kb))


@pytest.fixture
def edition_kb(run, appoint_kb):
    _ok(run("add-edition", "Constitution of Xland (2000)", "--country", "Xland", "--kind", "constitution",
            "--in-force", "2000-01-01", "--source", SRC, kb=appoint_kb))
    return appoint_kb


@pytest.mark.parametrize("years,ok", [(-1, False), (0, False), (1, True), (7, True), (99, True), (100, False)])
def test_a_term_is_one_to_99_years(run, edition_kb, years, ok):
    before = snapshot(edition_kb)
    r = run("add-term-rule", "President of Xland", "--years", str(years), "--limit", "2", "--edition",
            "Constitution of Xland (2000)", "--from", "2000-01-01", "--source", SRC, kb=edition_kb)
    if ok:
        _ok(r)
        text = "".join(f.read_text(encoding="utf-8") for f in edition_kb.glob("*.ttl"))
        assert f"sk:termYears \"{years}\"^^xsd:integer" in text, text[-2000:]
        _ok(run("validate", kb=edition_kb))
    else:
        _refused(r, edition_kb, before, f"invalid term length {years}", 2)


@pytest.mark.parametrize("start", [["--from", "2003-01-01"], ["--in-force-by", "2003-01-01"]])
@pytest.mark.parametrize("until", ["2003-01-01", "2002-06"])
def test_a_rule_ending_before_it_starts_names_its_start(run, edition_kb, start, until):
    before = snapshot(edition_kb)
    _refused(run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1", "--edition",
                 "Constitution of Xland (2000)", *start, "--until", until, "--source", SRC, kb=edition_kb),
             edition_kb, before, f"end of force {until} is not after the start 2003-01-01", 2)


def test_an_alternative_date_is_recorded_beside_the_one_in_use(run, appoint_kb):
    tenure = ID + "tenure/a"
    r = _ok(run("add-alt-date", tenure, "--field", "start", "--date", "1999-12-30", "--source", SRC, kb=appoint_kb))
    assert f"Recorded: another source gives start 1999-12-30 for <{tenure}>." in r.output, r.output
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert hist[0]["start"] == "2000-01-01"  # the recorded date stays in use
    assert "1999-12-30" in "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("*.ttl"))
    _ok(run("validate", kb=appoint_kb))


@pytest.mark.parametrize("target", [ID + "tenure/nope", "https://example.org/tenure/a", "tenure/a", ""])
def test_an_alternative_date_needs_a_recorded_node(run, appoint_kb, target):
    before = snapshot(appoint_kb)
    _refused(run("add-alt-date", target, "--field", "start", "--date", "1999-12-30", "--source", SRC, kb=appoint_kb),
             appoint_kb, before, "unknown node")


@pytest.mark.parametrize("args,text", [
    (["--date", "2001-01-01", "--share", "70"], "election kind"),
    (["--date", "2001-01-01", "--kind", "regular", "--winner", "Alpha Ant", "--share", "101"], "invalid share '101'"),
    (["--date", "2001-01-01", "--kind", "regular", "--winner", "Alpha Ant", "--share", "7x"], "invalid share '7x'"),
])
def test_add_election_refuses_bad_input(run, appoint_kb, args, text):
    before = snapshot(appoint_kb)
    _refused(run("add-election", "President of Xland", *args, "--source", SRC, kb=appoint_kb), appoint_kb, before, text, 2)


def test_correct_refuses_an_ambiguous_tenure_and_a_bad_acting_value(run, appoint_kb):
    _ok(run("add-tenure", "Alpha Ant", "Chair of the Xland Senate", "--start", "1990", "--end", "1991",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Alpha Ant", "Chair of the Xland Senate", "--start", "1993", "--end", "1994",
            "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    _refused(run("correct", "Alpha Ant", "Chair of the Xland Senate", "--set", "end=1994-05", "--source", SRC,
                 kb=appoint_kb), appoint_kb, before, "several tenures match (starts 1990, 1993)")
    _refused(run("correct", "Alpha Ant", "Chair of the Xland Senate", "--start", "1993", "--set", "acting=maybe",
                 "--source", SRC, kb=appoint_kb), appoint_kb, before, "invalid acting 'maybe'", 2)
    _ok(run("correct", "Alpha Ant", "Chair of the Xland Senate", "--start", "1993", "--set", "acting=yes",
            "--source", SRC, kb=appoint_kb))
    hist = json.loads(run("history", "Chair of the Xland Senate", "--format", "json", kb=appoint_kb).stdout)
    assert [h["acting"] for h in hist] == [False, True], hist


def test_a_batch_records_a_gap_with_the_command_lines_from_and_to(run, appoint_kb, tmp_path):
    batch = tmp_path / "g.yaml"
    batch.write_text("""
- {command: add-gap, office: Chair of the Xland Senate, from: "1995-01-01", to: "1996-01-01",
   reason: chamber dissolved, source: "https://example.org/s"}
""", encoding="utf-8")
    _ok(run("apply", str(batch), kb=appoint_kb))
    cov = json.loads(run("coverage", "--kind", "chamber-chair", "--format", "json", kb=appoint_kb).stdout)
    assert any(g["explanation"] == "chamber dissolved" for c in cov for g in c["gap_list"]), cov


def test_who_holds_an_abolished_office_says_when_and_what_replaced_it(run, appoint_kb):
    _ok(run("add-office", "Speaker of the Xland Assembly", "--kind", "chamber-chair", "--country", "Xland",
            "--source", SRC, kb=appoint_kb))
    _ok(run("abolish-office", "Chair of the Xland Senate", "--date", "2005-01-01", "--replaced-by",
            "Speaker of the Xland Assembly", "--source", SRC, kb=appoint_kb))
    for day, said in (("2004-12-31", False), ("2005-01-01", True), ("2020-06-01", True)):
        out = run("who-holds", "Chair of the Xland Senate", "--on", day, kb=appoint_kb).stdout
        assert ("The office was abolished on 2005-01-01; it was replaced by Speaker of the Xland Assembly" in out) == said, out


def test_a_gap_recorded_twice_is_one_gap_citing_both_pages_and_another_end_is_refused(run, appoint_kb):
    args = ("add-gap", "Chair of the Xland Senate", "--from", "1995-01-01", "--to", "1996-01-01")
    _ok(run(*args, "--reason", "chamber dissolved", "--source", SRC, kb=appoint_kb))
    r = _ok(run(*args, "--reason", "dissolved by decree", "--source", "https://example.org/other", kb=appoint_kb))
    assert "Already recorded" in r.output
    text = (appoint_kb / "rules.ttl").read_text(encoding="utf-8")
    assert text.count("a sk:OfficeGap") == 1 and "chamber dissolved" in text and "dissolved by decree" not in text
    _ok(run("validate", kb=appoint_kb))
    before = snapshot(appoint_kb)
    _refused(run("add-gap", "Chair of the Xland Senate", "--from", "1995-01-01", "--to", "1997-01-01", "--reason", "x",
                 "--source", SRC, kb=appoint_kb), appoint_kb, before, "already has a gap from 1995-01-01 to 1996-01-01", 1)


def test_as_recorded_undoes_later_hand_overs_and_corrections_exactly(run, tmp_path):
    import time as _time

    appoint_kb = write_kb(tmp_path / "kb", APPOINT + "".join(
        f'{n} sk:recordedAt "2020-01-01T00:00:00Z"^^xsd:dateTime .\n'
        for n in ("t:a", "person:a", "person:b", "person:c", "office:p", "office:c")))

    def stamp() -> str:
        s = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        _time.sleep(1.1)
        return s

    def hist(*extra):
        out = json.loads(run("history", "President of Xland", "--format", "json", *extra, kb=appoint_kb).stdout)
        return [(h["person"], h["start"], h["end"]) for h in out]

    t0 = stamp()
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-02-03", "--source", SRC, kb=appoint_kb))
    t1 = stamp()
    _ok(run("correct", "Alpha Ant", "President of Xland", "--set", "start=2000-01-05", "--source", SRC, kb=appoint_kb))
    assert hist() == [("Alpha Ant", "2000-01-05", "2001-02-03"), ("Beta Bee", "2001-02-03", None)]
    # before the appointment: Alpha's tenure open, as it was recorded, with its first start
    assert hist("--as-recorded", t0) == [("Alpha Ant", "2000-01-01", None)]
    on = json.loads(run("who-holds", "President of Xland", "--on", "2005-01-01", "--format", "json",
                        "--as-recorded", t0, kb=appoint_kb).stdout)
    assert [x["person"] for x in on] == ["Alpha Ant"]
    # between the appointment and the correction: the hand-over stands, the start is not yet corrected
    assert hist("--as-recorded", t1) == [("Alpha Ant", "2000-01-01", "2001-02-03"), ("Beta Bee", "2001-02-03", None)]


def test_a_checkpoint_needs_an_on_disk_index(tmp_path, monkeypatch):
    from succession.errors import KBLoadError
    from succession.kb import KnowledgeBase

    kb = KnowledgeBase(write_kb(tmp_path / "kb", BASE))
    monkeypatch.setenv("SUCCESSION_CACHE", "off")  # read from the Turtle files into memory: no index
    with kb.writing(working=False):
        kb.store()
        with pytest.raises(KBLoadError, match="no on-disk index to copy"):
            kb.checkpoint_index()


def test_add_person_records_aliases_that_edits_then_resolve(run, appoint_kb):
    _ok(run("add-person", "Omega Owl", "--alias", "Omega Oulova", "--alias", "O. Owl", "--source", SRC, kb=appoint_kb))
    _ok(run("appoint", "Omega Oulova", "Chair of the Xland Senate", "--date", "2001-01-01", "--source", SRC, kb=appoint_kb))
    on = json.loads(run("who-holds", "Chair of the Xland Senate", "--format", "json", kb=appoint_kb).stdout)
    assert [x["person"] for x in on] == ["Omega Owl"]


@pytest.mark.parametrize("args,text", [
    (["--kind", "regular", "--date", "2001-01-01", "--country", "Xland"], "a regular election needs the office it fills"),
    (["--kind", "early", "--date", "2001-01-01", "--country", "Xland"], "a early election needs the office it fills"),
    (["--kind", "referendum", "--date", "2001-01-01", "--share", "70"], "a referendum needs --country"),
])
def test_add_election_needs_its_office_or_country(run, appoint_kb, args, text):
    before = snapshot(appoint_kb)
    _refused(run("add-election", *args, "--source", SRC, kb=appoint_kb), appoint_kb, before, text, 2)


def test_a_hole_covered_by_two_recorded_gaps_reads_both_reasons_in_date_order_whatever_the_row_order(run, appoint_kb):
    from succession.coverage import coverage
    from succession.engine import Result

    for start, end, why in (("1991-01-01", "1995-01-01", "no chamber yet"), ("1995-01-01", None, "chamber dissolved")):
        _ok(run("add-gap", "Chair of the Xland Senate", "--from", start, *(("--to", end) if end else ()),
                "--reason", why, "--source", SRC, kb=appoint_kb))
    s = Succession(appoint_kb)

    def reversed_rows(text):  # another store may return the rows in any order
        r = s.engine.select(text)
        return Result(r.columns, list(reversed(r.rows)))

    answers = []
    for select in (s.engine.select, reversed_rows):
        (cov,) = [c for c in coverage(select, since=PDate("1991-01-01"), kinds=None) if c.label == "Chair of the Xland Senate"]
        answers.append([(g.start, g.end, g.explanation) for g in cov.gaps])
    assert answers[0] == answers[1]
    assert [g[2] for g in answers[0]] == ["no chamber yet; then chamber dissolved"], answers[0]


@pytest.mark.parametrize("left,day,linked", [
    ("2001-01-01", "2002-01-02", True),   # 366 days after the last day: within the window
    ("2001-01-01", "2002-01-03", False),  # 367 days
    ("2001-01-01", "2001-01-01", True),   # the hand-over day itself
    ("2001", "2003-01-01", True),         # a year's end is its last possible day, 31 December: 366 days
    ("2001", "2003-01-02", False),
    ("2001-02", "2002-02", True),         # the month's last day (28 February) to 1 February next year
    ("2001-02", "2002-03-01", True),      # 366 days from 28 February 2001
    ("2001-02", "2002-03-02", False),
    ("2001-01-01", "2020", False),
])
def test_appoint_links_the_last_holder_as_predecessor_only_if_they_left_within_a_year(run, appoint_kb, left, day,
                                                                                       linked):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", left, "--reason", "resignation", "--source", SRC,
            kb=appoint_kb))
    r = _ok(run("appoint", "Beta Bee", "President of Xland", "--date", day, "--source", SRC, kb=appoint_kb))
    assert ("Not linked as the successor of Alpha Ant" in r.output) == (not linked), r.output
    text = (appoint_kb / "tenures.ttl").read_text(encoding="utf-8")
    assert ("sk:predecessor" in text) == linked and ("sk:successor" in text) == linked
    _ok(run("validate", kb=appoint_kb))


@pytest.mark.parametrize("reason", [None, "resignation", "removal"])
def test_appoint_says_how_it_closed_the_incumbents_tenure(run, appoint_kb, reason):
    r = _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC,
                *(("--outgoing-reason", reason) if reason else ()), kb=appoint_kb))
    assert f"closed Alpha Ant's tenure on 2001-01-01 ({reason or 'succeeded'})." in r.output, r.output
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert hist[0]["exit_reason"] == (reason or "succeeded"), hist[0]


def test_an_acting_holder_from_the_incumbents_start_day_is_refused_as_closing_it_on_its_first_day(run, appoint_kb):
    before = snapshot(appoint_kb)
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2000-01-01", "--acting", "--source", SRC,
            kb=appoint_kb)
    assert r.exit_code == 1 and "tenure starts 2000-01-01, not before 2000-01-01" in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_ending_a_tenure_again_on_the_same_day_changes_nothing(run, appoint_kb):
    args = ("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "resignation",
            "--source", SRC)
    _ok(run(*args, kb=appoint_kb))
    before = snapshot(appoint_kb)
    r = _ok(run(*args, kb=appoint_kb))
    assert "Already recorded: Alpha Ant's tenure as President of Xland ended 2001-01-01." in r.output, r.output
    assert snapshot(appoint_kb) == before


@pytest.mark.parametrize("second", ["Clerk of Ytown!", "CLERK of Ytown", "Clerk of  Ytown"])
def test_a_new_office_whose_identifier_is_taken_by_another_name_is_refused(run, appoint_kb, second):
    _ok(run("add-office", "Clerk of Ytown", "--kind", "other", "--country", "Xland", "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    r = run("add-office", second, "--kind", "other", "--country", "Xland", "--alias", "Ytown Clerk", "--source", SRC,
            kb=appoint_kb)
    assert r.exit_code == 1 and "another office is recorded as" in r.output and "(Clerk of Ytown)" in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_every_edit_of_the_library_writes_unless_told_it_is_a_dry_run():
    # library callers (tools/, notebooks) call the editor without dry_run and expect the edit written
    import inspect

    from succession.edit import Editor

    methods = {n: f for n, f in inspect.getmembers(Editor, inspect.isfunction)
               if not n.startswith("_") and "dry_run" in inspect.signature(f).parameters}
    assert len(methods) >= 20, sorted(methods)
    for name, f in methods.items():
        param = inspect.signature(f).parameters["dry_run"]
        assert param.default is False and param.kind is param.KEYWORD_ONLY, name


@pytest.mark.parametrize("who,field,date", [
    ("Beta Bee", "start", "2001-02-01"), ("Alpha Ant", "end", "2001-02-01"), ("Beta Bee", "start", "2000-12"),
    ("Alpha Ant", "end", "2000-12-31"),
])
def test_correcting_a_hand_over_date_moves_both_sides_and_the_event(run, appoint_kb, who, field, date):
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC, kb=appoint_kb))
    _ok(run("correct", who, "President of Xland", "--set", f"{field}={date}", "--source", SRC, kb=appoint_kb))
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert [(h["person"], h["start"], h["end"]) for h in hist] == [("Alpha Ant", "2000-01-01", date),
                                                                  ("Beta Bee", date, None)]
    events = "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("events*.ttl"))
    assert f'sk:date "{date}"' in events and 'sk:date "2001-01-01"' not in events, events
    _ok(run("validate", kb=appoint_kb))


TWO_SEATS = BASE.replace('sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .\noffice:c',
                         'sk:jurisdiction place:x ; sk:seats 2 ; prov:wasDerivedFrom source:s .\noffice:c', 1) + """
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2001-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""


def test_making_an_office_single_seat_while_two_hold_it_is_refused(run, tmp_path):
    kb = write_kb(tmp_path / "kb", TWO_SEATS)
    assert "sk:seats 2" in (kb / "data.ttl").read_text(encoding="utf-8")
    _ok(run("validate", kb=kb))
    before = snapshot(kb)
    r = run("correct-office", "President of Xland", "--set", "seats=1", "--source", SRC, kb=kb)
    assert r.exit_code == 1 and "refused, nothing written" in r.output and "overlap" in r.output.lower(), r.output
    assert snapshot(kb) == before
    _ok(run("correct-office", "President of Xland", "--set", "seats=3", "--source", SRC, kb=kb))


@pytest.mark.parametrize("native,ok", [("Альфа@ru", True), ("Альфа Антов@kk", True), ("Альфа", False),
                                       ("Альфа@", False), ("@ru", False), ("Альфа@r1", False), ("Альфа@russian", False)])
def test_a_native_name_is_text_at_a_language_tag(run, appoint_kb, native, ok):
    before = snapshot(appoint_kb)
    r = run("add-person", "Alpha Ant", "--native", native, "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
        assert native.split("@")[0] in (appoint_kb / "persons.ttl").read_text(encoding="utf-8")
    else:
        _refused(r, appoint_kb, before, "invalid native name" if native != "@ru" else "native name", 2)


@pytest.mark.parametrize("recorded,original", [
    ('<http://purl.org/dc/terms/title> "Foo (copy of https://en.wikipedia.org/wiki/Foo)"', "https://en.wikipedia.org/wiki/Foo"),
    ('<http://purl.org/dc/terms/publisher> "Wikipedia (copy)"', None),
])
def test_citing_a_source_recorded_without_a_kind_classifies_it_by_what_was_recorded(run, tmp_path, recorded, original):
    from succession import model as m

    url = "https://example.org/page"
    kb = write_kb(tmp_path / "kb", APPOINT + f"""
<{m.source_iri(url)}> a sk:Source ; schema:url "{url}"^^xsd:anyURI ; {recorded} .
""")
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", url, kb=kb))
    text = "".join(f.read_text(encoding="utf-8") for f in kb.glob("*.ttl"))
    assert 'sk:sourceKind "copy"' in text, text
    assert (f'sk:copyOf "{original}"' in text) if original else "sk:copyOf" not in text


def test_a_dry_run_on_a_server_writes_nothing_and_says_so(run, oxigraph_server, appoint_kb):
    graph = f"urn:succession-kb:dry-{appoint_kb.parent.name}"
    args = ["--endpoint", oxigraph_server.query, "--graph", graph]
    _ok(run("push", "--to", oxigraph_server.query, "--into-graph", graph, "--replace", kb=appoint_kb))
    r = _ok(run(*args, "appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--dry-run",
                "--source", SRC))
    assert "Would record: Beta Bee President of Xland from 2001-01-01" in r.output and "nothing written" in r.output
    on = json.loads(_ok(run(*args, "who-holds", "President of Xland", "--on", "2002-01-01", "--format", "json")).stdout)
    assert [x["person"] for x in on] == ["Alpha Ant"]


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_batchs_rows_are_written_only_by_the_batch(appoint_kb, dry_run):
    # library callers read each row's result: it wrote nothing by itself (written is empty, dry_run is
    # set); the batch's own result says whether the whole was written
    from succession.edit import Editor, SourceInfo

    e = Editor(Succession(appoint_kb))
    src = SourceInfo(url=SRC)
    before = snapshot(appoint_kb)
    rows, total = e.batch([lambda: e.add_person("Delta Dog", source=src),
                           lambda: e.appoint("Delta Dog", "President of Xland", "2001-01-01", source=src)],
                          dry_run=dry_run)
    assert [(r.dry_run, r.written, r.changed) for r in rows] == [(True, [], True), (True, [], True)]
    assert total.dry_run is dry_run and bool(total.written) is not dry_run
    assert (snapshot(appoint_kb) == before) is dry_run


@pytest.mark.parametrize("until,ok", [("1999-12-31", False), ("2000-01-01", False), ("2000-01-02", True),
                                      ("2000-01", True), ("1999-12", False), ("1999", False), ("2001", True)])
def test_an_edition_ends_after_it_enters_into_force(run, appoint_kb, until, ok):
    before = snapshot(appoint_kb)
    r = run("add-edition", "Constitution of Xland (2000)", "--country", "Xland", "--kind", "constitution",
            "--in-force", "2000-01-01", "--until", until, "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
    else:
        _refused(r, appoint_kb, before, f"end of force {until} is not after entry into force 2000-01-01", 2)


@pytest.mark.parametrize("kind", ["cousin-of", "Child-of", "child", "", "child-of "])
def test_an_unknown_kinship_is_refused(run, appoint_kb, kind):
    before = snapshot(appoint_kb)
    _refused(run("relate", "Alpha Ant", kind, "Beta Bee", "--source", SRC, kb=appoint_kb), appoint_kb, before,
             "invalid relation", 2)


@pytest.mark.parametrize("target,text", [
    (ID + "source/s", "a source cannot cite a source"), (ID + "tenure/none", "unknown node"),
    ("https://example.org/s", "unknown node"), ("", "unknown node"),
])
def test_cite_needs_a_recorded_fact_that_is_not_a_source(run, appoint_kb, target, text):
    before = snapshot(appoint_kb)
    _refused(run("cite", target, "--source", "https://example.org/other", kb=appoint_kb), appoint_kb, before, text)


def test_cite_adds_the_page_to_the_fact(run, appoint_kb):
    r = _ok(run("cite", ID + "tenure/a", "--source", "https://example.org/other", kb=appoint_kb))
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert sorted(hist[0]["sources"]) == ["https://example.org/other", SRC], (r.output, hist)


HALLS = BASE + """
office:h1 a sk:Office ; rdfs:label "Speaker of the Old Hall"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; sk:abolished "2005"^^xsd:gYear ; prov:wasDerivedFrom source:s .
office:h2 a sk:Office ; rdfs:label "Speaker of the New Hall"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
office:h3 a sk:Office ; rdfs:label "Speaker of the Grand Hall (Toraga)"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
office:h4 a sk:Office ; rdfs:label "Speaker of the Small Hall"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
"""


@pytest.mark.parametrize("text,iri", [
    ("Xland New Hall speaker", "h2"),    # the country is the office's, though its name does not say it
    ("Xland Old Hall chair", "h1"),      # an abolished office is still found by its own name
    ("Xland hall toraga", "h3"),         # a title as written beats the offices it means by synonym
    ("Xland Grand Hall toraga", "h3"),
])
def test_loose_office_reads_take_the_country_as_said_and_prefer_the_name_as_written(tmp_path, text, iri):
    names = Succession(write_kb(tmp_path / "kb", HALLS)).resolver
    assert names.resolve("office", text) == ID + "office/" + iri
    with pytest.raises((NotFoundError, AmbiguousError)):
        names.resolve_strict("office", text)  # edits never guess


def test_a_reader_naming_a_post_means_the_one_that_exists(tmp_path):
    world = HALLS.replace('"Speaker of the Small Hall"@en', '"Speaker of the Small Hall"@en ; sk:abolished "2001"^^xsd:gYear')
    names = Succession(write_kb(tmp_path / "kb", world)).resolver
    # "Xland hall speaker" names the four speakers equally; two of them are abolished, so two remain
    with pytest.raises(AmbiguousError):
        names.resolve("office", "Xland hall speaker")
    names = Succession(write_kb(tmp_path / "kb2", world.replace('"Speaker of the Grand Hall (Toraga)"@en ;',
                                                             '"Speaker of the Grand Hall (Toraga)"@en ; sk:abolished "2002"^^xsd:gYear ;'))).resolver
    assert names.resolve("office", "Xland hall speaker") == ID + "office/h2"


@pytest.mark.parametrize("qid,ok", [("Q42", True), ("q42", True), (" Q7 ", True), ("42", False), ("Q", False),
                                    ("Q0", False), ("QQ1", False), ("Q12a", False), ("P31", False)])
@pytest.mark.parametrize("how", ["add-person", "correct", "correct-office"])
def test_a_wikidata_id_is_q_and_digits_in_every_edit_that_takes_one(run, appoint_kb, qid, ok, how):
    args = {"add-person": ["add-person", "Alpha Ant", "--wikidata", qid],
            "correct": ["correct", "Alpha Ant", "--set", f"wikidata={qid}"],
            "correct-office": ["correct-office", "President of Xland", "--set", f"wikidata={qid}"]}[how]
    before = snapshot(appoint_kb)
    r = run(*args, "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
        assert f'sk:wikidata "{qid.strip().upper()}"' in "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("*.ttl"))
    else:
        _refused(r, appoint_kb, before, "invalid Wikidata id", 2)


@pytest.mark.parametrize("reason,ok", [("resignation", True), ("death", True), ("retired", False), ("", False),
                                       ("Resignation", False)])
def test_correcting_an_exit_reason_takes_only_the_known_ones(run, appoint_kb, reason, ok):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "removal",
            "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    r = run("correct", "Alpha Ant", "President of Xland", "--set", f"exit-reason={reason}", "--source", SRC,
            kb=appoint_kb)
    if ok:
        _ok(r)
        hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
        assert hist[0]["exit_reason"] == reason
    else:
        _refused(r, appoint_kb, before, "invalid exit reason", 2)


def test_correcting_an_office_label_keeps_the_old_one_findable(run, appoint_kb):
    _ok(run("correct-office", "President of Xland", "--set", "label=President of the Republic of Xland",
            "--source", SRC, kb=appoint_kb))
    text = "".join(f.read_text(encoding="utf-8") for f in appoint_kb.glob("*.ttl"))
    assert '"President of the Republic of Xland"@en' in text and "sk:wikidata" not in text
    r = _ok(run("who-holds", "President of Xland", "--on", "2001-01-01", kb=appoint_kb))
    assert r.stdout.startswith("President of the Republic of Xland on 2001-01-01"), r.output


@pytest.mark.parametrize("on,text", [
    ("1999-06-01", "Unexplained gap: the next recorded holder, Alpha Ant, from 2000-01-01. Whoever held it before"),
    ("2001-06-01", "Unexplained gap: the last recorded holder, Alpha Ant, left on 2001-01-01; the next recorded "
                   "holder, Beta Bee, from 2002-01-01. Whoever held it in between"),
    ("2003-06-01", "Unexplained gap: the last recorded holder, Beta Bee, left on 2003-01-01. Whoever held it since"),
])
def test_who_holds_tells_an_unrecorded_stretch_from_a_vacancy(run, appoint_kb, on, text):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", "2002-01-01", "--end", "2003-01-01",
            "--source", SRC, kb=appoint_kb))
    r = _ok(run("who-holds", "President of Xland", "--on", on, kb=appoint_kb))
    assert text in r.output and "not known to be vacant" in r.output, r.output
    _ok(run("add-gap", "President of Xland", "--from", "2001-01-01", "--to", "2002-01-01", "--reason", "vacant seat",
            "--source", SRC, kb=appoint_kb))
    r = _ok(run("who-holds", "President of Xland", "--on", "2001-06-01", kb=appoint_kb))
    assert "Explained gap: vacant seat" in r.output and "Unexplained" not in r.output, r.output


def test_an_edit_reaches_the_disk_in_the_order_that_survives_a_power_cut(monkeypatch, appoint_kb):
    """The commit protocol, observed: every staged file is flushed and fsynced whole, then the commit
    marker, then the staging folder, before the marker is renamed into place (the commit point); the
    folder is fsynced again; the files move into the knowledge base, whose folder is fsynced before the
    staging folder goes. A lost flush or fsync is invisible to every other test until the power fails."""
    import os
    import shutil

    from succession import kb as kbmod
    from succession.edit import Editor, SourceInfo

    events: list[tuple] = []
    real_fsync, real_replace, real_rmtree = os.fsync, os.replace, shutil.rmtree

    def fsync(fd):
        path = os.readlink(f"/proc/self/fd/{fd}")
        events.append(("fsync", path, os.fstat(fd).st_size if os.path.isfile(path) else None))
        return real_fsync(fd)

    def replace(a, b, **kw):
        events.append(("replace", str(a), str(b)))
        return real_replace(a, b, **kw)

    def rmtree(path, *a, **kw):
        events.append(("rmtree", str(path)))
        return real_rmtree(path, *a, **kw)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    kb = appoint_kb.resolve()
    txn = kb / kbmod.TXN_NAME
    Editor(Succession(kb)).appoint("Beta Bee", "President of Xland", "2001-01-01", source=SourceInfo(url=SRC))
    monkeypatch.undo()

    commit = events.index(("replace", str(txn / (kbmod.COMMIT_NAME + ".tmp")), str(txn / kbmod.COMMIT_NAME)))
    moves = [i for i, e in enumerate(events) if e[0] == "replace" and e[1].startswith(str(txn) + "/")
             and e[2].startswith(str(kb) + "/") and i != commit]
    staged = {Path(events[i][1]).name: Path(events[i][2]) for i in moves}
    assert "tenures.ttl" in staged and moves and min(moves) > commit, events
    # the journal entry is one of the staged files, moved into journal/ in the same commit
    (entry,) = [n for n in staged if n.startswith("journal.")]
    assert staged[entry].parent == kb / "journal" and staged[entry].name == entry.removeprefix("journal."), staged
    for name, target in staged.items():  # each file fsynced whole (flushed first) before the commit point
        size = target.stat().st_size
        assert any(e == ("fsync", str(txn / name), size) for e in events[:commit]), (name, size, events)
    marker = [i for i, e in enumerate(events[:commit]) if e[:2] == ("fsync", str(txn / (kbmod.COMMIT_NAME + ".tmp")))]
    assert marker and events[marker[0]][2] > 2, events
    last_file = max(i for i, e in enumerate(events[:commit]) if e[0] == "fsync" and e[2] is not None)
    assert ("fsync", str(txn), None) in events[last_file:commit], events
    assert ("fsync", str(txn), None) in events[commit:min(moves)], events
    gone = events.index(("rmtree", str(txn)), max(moves))
    assert ("fsync", str(kb), None) in events[max(moves):gone], events
    assert ("fsync", str(kb / "journal"), None) in events[max(moves):gone], events
    assert not txn.exists()


def test_the_index_moves_forward_with_an_edit_and_leaves_nothing_of_the_old_one(run, appoint_kb, monkeypatch):
    monkeypatch.setenv("SUCCESSION_CACHE", "always")
    _ok(run("who-holds", "President of Xland", kb=appoint_kb))  # builds the on-disk index
    cache = appoint_kb / ".cache"
    (old,) = [p.name for p in cache.iterdir() if p.is_dir()]
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC, kb=appoint_kb))
    dirs = sorted(p.name for p in cache.iterdir() if p.is_dir())
    fps = sorted(p.name[:-3] for p in cache.iterdir() if p.name.endswith(".fp"))
    assert len(dirs) == 1 and dirs != [old] and fps == dirs, sorted(p.name for p in cache.iterdir())
    r = _ok(run("who-holds", "President of Xland", "--on", "2001-06-01", "--format", "json", kb=appoint_kb))
    assert [x["person"] for x in json.loads(r.stdout)] == ["Beta Bee"]
    assert sorted(p.name for p in cache.iterdir() if p.is_dir()) == dirs  # the advanced index is the one used


def test_an_index_that_cannot_move_forward_is_dropped_whole_and_rebuilt(run, appoint_kb, monkeypatch):
    from succession import kb as kbmod
    from succession.edit import Editor, SourceInfo

    monkeypatch.setenv("SUCCESSION_CACHE", "always")
    _ok(run("who-holds", "President of Xland", kb=appoint_kb))
    cache = appoint_kb / ".cache"
    assert len([p for p in cache.iterdir() if p.name.endswith(".fp")]) == 1

    def broken(*a):  # only advancing the index renames a folder of the cache
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(kbmod.os, "rename", broken)
        Editor(Succession(appoint_kb)).appoint("Beta Bee", "President of Xland", "2001-01-01", source=SourceInfo(url=SRC))
    dirs = {p.name for p in cache.iterdir() if p.is_dir()}
    fps = {p.name[:-3] for p in cache.iterdir() if p.name.endswith(".fp")}
    assert not dirs and not fps, sorted(p.name for p in cache.iterdir())  # the old index went whole
    r = _ok(run("who-holds", "President of Xland", "--on", "2001-06-01", "--format", "json", kb=appoint_kb))
    assert [x["person"] for x in json.loads(r.stdout)] == ["Beta Bee"]


def test_an_untrusted_index_goes_with_its_fingerprint_and_reads_fall_back_to_the_files(run, appoint_kb, monkeypatch):
    from succession import kb as kbmod

    monkeypatch.setenv("SUCCESSION_CACHE", "always")
    _ok(run("who-holds", "President of Xland", kb=appoint_kb))
    cache = appoint_kb / ".cache"

    def unreadable(path):
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as m:  # the index cannot be verified, nor a new one built
        m.setattr(kbmod, "_fingerprint", unreadable)
        r = _ok(run("who-holds", "President of Xland", "--on", "2000-06-01", "--format", "json", kb=appoint_kb))
    assert [x["person"] for x in json.loads(r.stdout)] == ["Alpha Ant"]
    assert not [p.name for p in cache.iterdir() if not p.name.startswith(".")], sorted(p.name for p in cache.iterdir())


def test_a_check_reports_its_own_message_for_each_violation(run, tmp_path):
    kb = write_kb(tmp_path / "kb", TWO_SEATS.replace("sk:seats 2", "sk:seats 1"))
    r = run("validate", kb=kb)
    assert r.exit_code == 1 and r.stdout.splitlines() == [
        "overlapping-tenures-violation: overlapping tenures of President of Xland: <https://w3id.org/succession-kb/id/"
        "tenure/a> (Alpha Ant from 2000-01-01) and <https://w3id.org/succession-kb/id/tenure/b> (Beta Bee from "
        "2001-01-01)"], r.output
    from succession.validate import run_checks

    found = run_checks(Succession(kb).engine.select)
    assert [(v.check, v.focus) for v in found] == [("overlapping-tenures-violation", ID + "tenure/a")], found


def test_shapes_check_the_focus_nodes_given_and_nothing_for_none(tmp_path):
    from succession.validate import run_shapes

    s = Succession(write_kb(tmp_path / "kb", BASE + 'person:n a sk:Person ; prov:wasDerivedFrom source:s .\n'))
    triples = [q.triple for q in s.kb.store()]
    person = ox.NamedNode(ID + "person/n")
    assert run_shapes(triples, focus=[]) == []
    for focus in ([person], None):
        found = run_shapes(triples, focus=focus)
        assert [v.focus for v in found] == [person.value] and "needs exactly one English rdfs:label" in found[0].message
    assert run_shapes(triples, focus=[ox.NamedNode(ID + "person/a")]) == []


@pytest.mark.parametrize("term,short", [
    ("https://w3id.org/succession-kb/ontology#holder", "sk:holder"), ("http://www.w3.org/2000/01/rdf-schema#label", "rdfs:label"),
    ("https://w3id.org/succession-kb/id/person/a", "person:a"), ("http://example.org/p", "http://example.org/p"),
])
def test_a_violation_names_a_property_by_its_prefix_or_in_full(term, short):
    from succession.validate import _short

    assert _short(term) == short


def test_coverage_counts_the_tenures_of_each_office_from_zero(run, appoint_kb):
    cov = {c["office"]: c for c in json.loads(_ok(run("coverage", "--format", "json", kb=appoint_kb)).stdout)}
    assert (cov["Chair of the Xland Senate"]["tenures"], cov["President of Xland"]["tenures"]) == (0, 1), cov
    assert cov["Chair of the Xland Senate"]["first"] is None and cov["President of Xland"]["first"] == "2000-01-01"


def test_coverage_gives_each_unexplained_gap_its_bounds(run, appoint_kb):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", "2002-01-01", "--end", "2003", "--source", SRC,
            kb=appoint_kb))
    cov = {c["office"]: c for c in json.loads(_ok(run("coverage", "--format", "json", kb=appoint_kb)).stdout)}
    gaps = [(g["from"], g["to"]) for g in cov["President of Xland"]["gap_list"]]
    assert gaps[:2] == [("1991-01-01", "2000-01-01"), ("2001-01", "2002-01-01")], gaps
    assert gaps[2][0] == "2003" and len(gaps) == 3, gaps


@pytest.mark.parametrize("start, gaps_default", [
    ("1999-12-31", []),                                  # the hand-over day before the promised period: no gap
    ("2000-01-01", []),                                  # the promised first day itself is covered
    ("2000-01-02", [("2000-01-01", "2000-01-02")]),      # one day missing
    ("2000-01", []),                                     # month precision may cover 1 January: no certain gap
    ("2000-02", [("2000-01-01", "2000-02")]),
])
def test_coverage_checks_governors_from_2000_and_every_kind_from_an_explicit_since(run, appoint_kb, start, gaps_default):
    """Governors are promised since 2000 and other offices since 1991: with no --since each kind is checked
    from its own first day; --since applies to every kind (so the 1990s gaps of a governor stay visible)."""
    _ok(run("add-office", "Governor of Eastshire", "--kind", "governor", "--country", "Xland", "--source", SRC,
            kb=appoint_kb))
    _ok(run("add-tenure", "Alpha Ant", "Governor of Eastshire", "--start", start, "--source", SRC, kb=appoint_kb))

    def gaps(*extra: str) -> tuple[dict, list]:
        (c,) = [c for c in json.loads(_ok(run("coverage", "--kind", "governor", "--format", "json", *extra,
                                               kb=appoint_kb)).stdout) if c["office"] == "Governor of Eastshire"]
        return c, [(g["from"], g["to"]) for g in c["gap_list"]]

    cov, found = gaps()
    assert cov["since"] == "2000-01-01" and found == gaps_default, (start, found)
    cov, found = gaps("--since", "1991-01-01")
    assert cov["since"] == "1991-01-01" and found[0] == ("1991-01-01", start), found
    president = [c for c in json.loads(_ok(run("coverage", "--format", "json", kb=appoint_kb)).stdout)
                 if c["office"] == "President of Xland"]
    assert president[0]["since"] == "1991-01-01" and president[0]["gap_list"][0]["from"] == "1991-01-01"
    table = _ok(run("coverage", "--kind", "governor", kb=appoint_kb)).stdout
    assert "Coverage since 1991-01-01 (governors since 2000-01-01)" in table, table
    # with no governor among the offices shown, the title names no governor period
    assert _ok(run("coverage", "--kind", "head-of-state", kb=appoint_kb)).stdout.startswith("Coverage since 1991-01-01\n")
    assert "Coverage since 1995-06-01" in _ok(run("coverage", "--since", "1995-06-01", kb=appoint_kb)).stdout


def test_a_fact_whose_only_source_is_titled_as_a_copy_is_copy_only(tmp_path):
    from succession import model as m
    from succession.coverage import copy_only_facts

    url = "https://example.org/mirror-page"
    kb = write_kb(tmp_path / "kb", APPOINT.replace("t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; "
                                                   'sk:start "2000-01-01"^^xsd:date ; sk:acting false ;\n'
                                                   "    prov:wasDerivedFrom source:s .",
                                                   "t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; "
                                                   'sk:start "2000-01-01"^^xsd:date ; sk:acting false ;\n'
                                                   f"    prov:wasDerivedFrom <{m.source_iri(url)}> .") + f"""
<{m.source_iri(url)}> a sk:Source ; schema:url "{url}"^^xsd:anyURI ;
    <http://purl.org/dc/terms/title> "Alpha Ant (copy of https://en.wikipedia.org/wiki/Alpha_Ant)" .
""")
    assert copy_only_facts(Succession(kb).engine.select) == [ID + "tenure/a"]
    # a recorded kind is what counts: the same page recorded as news is not a copy, a plain page recorded as one is
    (kb / "data.ttl").write_text((kb / "data.ttl").read_text(encoding="utf-8").replace(
        '"Alpha Ant (copy of https://en.wikipedia.org/wiki/Alpha_Ant)" .',
        '"Alpha Ant (copy of https://en.wikipedia.org/wiki/Alpha_Ant)" ; sk:sourceKind "news" .'), encoding="utf-8")
    assert copy_only_facts(Succession(kb).engine.select) == []
    (kb / "data.ttl").write_text((kb / "data.ttl").read_text(encoding="utf-8").replace(
        '"Alpha Ant (copy of https://en.wikipedia.org/wiki/Alpha_Ant)" ; sk:sourceKind "news" .',
        '"Alpha Ant" ; sk:sourceKind "copy" .'), encoding="utf-8")
    assert copy_only_facts(Succession(kb).engine.select) == [ID + "tenure/a"]


@pytest.mark.parametrize("end,ok", [(None, True), ("2001-01-01", True), ("2001-06-01", True), ("2000-12-31", False),
                                    ("2001-01", True), ("2000-12", False)])
def test_an_election_winner_holds_the_office_from_the_vote_on(run, appoint_kb, end, ok):
    if end:
        _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", end, "--reason", "term-end",
                "--source", SRC, kb=appoint_kb))
    r = run("add-election", "President of Xland", "--date", "2001-01-01", "--kind", "regular", "--winner", "Alpha Ant",
            "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
        _ok(run("validate", kb=appoint_kb))
    else:
        assert r.exit_code == 1 and "election-winner-never-held-violation" in r.output, r.output


@pytest.mark.parametrize("second,ok", [("2005", True), ("2005-06", True), ("2005-06-01", True), ("2005-05-31", False),
                                       ("2005-05", False), ("2004", False)])
def test_two_rules_of_one_order_overlap_only_when_certain(run, edition_kb, second, ok):
    ed = "Constitution of Xland (2000)"
    _ok(run("add-office", "Prime Minister of Xland", "--kind", "head-of-government", "--country", "Xland",
            "--source", SRC, kb=edition_kb))
    _ok(run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1", "--edition", ed,
            "--from", "2000-01-01", "--until", "2005-06-01", "--source", SRC, kb=edition_kb))
    r = run("add-rule", "President of Xland", "Prime Minister of Xland", "--order", "1", "--edition", ed,
            "--from", second, "--source", SRC, kb=edition_kb)
    if ok:
        _ok(r)
    else:
        assert r.exit_code == 1 and "rule-order-overlap-violation" in r.output, r.output


def test_a_term_rule_for_one_person_does_not_overlap_the_general_one(run, edition_kb):
    ed = "Constitution of Xland (2000)"
    _ok(run("add-term-rule", "President of Xland", "--years", "5", "--limit", "2", "--edition", ed, "--from", "2000-01-01",
            "--source", SRC, kb=edition_kb))
    _ok(run("add-term-rule", "President of Xland", "--limit", "none", "--edition", ed, "--from", "2001-01-01",
            "--applies-to", "Alpha Ant", "--source", SRC, kb=edition_kb))
    _ok(run("validate", kb=edition_kb))
    r = run("add-term-rule", "President of Xland", "--years", "7", "--limit", "1", "--edition", ed, "--from", "2002-01-01",
            "--source", SRC, kb=edition_kb)
    assert r.exit_code == 1 and "term-rule-overlap-violation" in r.output, r.output


@pytest.mark.parametrize("rule_from,in_force", [("2001-01-01", True), ("2000-12-31", True), ("2001-01-02", False),
                                              ("2001-01", True), ("2001-02", False)])
def test_a_rule_in_force_from_the_day_of_the_vacancy_names_who_should_act(run, edition_kb, rule_from, in_force):
    _ok(run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1", "--edition",
            "Constitution of Xland (2000)", "--from", rule_from, "--source", SRC, kb=edition_kb))
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "death",
            "--source", SRC, kb=edition_kb))
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC, kb=edition_kb)
    if in_force:  # Beta Bee held no office the rule names: a departure from the rule, which must be recorded
        assert r.exit_code == 1 and "undeclared-departure-violation" in r.output, r.output
    else:
        _ok(r)


@pytest.mark.parametrize("on,shown,certain", [("2001-05-31", True, True), ("2001-06-15", True, False),
                                              ("2001-06-30", True, False), ("2001-07-01", False, None)])
def test_current_shows_a_holder_whose_end_is_known_to_the_month_until_the_months_end(run, appoint_kb, on, shown, certain):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-06", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    rows = json.loads(_ok(run("current", "--on", on, "--format", "json", kb=appoint_kb)).stdout)
    mine = [r for r in rows if r.get("office") == "President of Xland" and r.get("person")]
    assert bool(mine) == shown, rows
    if shown:
        assert mine[0]["person"] == "Alpha Ant" and mine[0]["certain"] is certain, mine


@pytest.mark.parametrize("on,shown", [("2001-05-31", True), ("2001-06-01", False)])
def test_current_leaves_out_a_holder_on_the_day_their_tenure_ends(run, appoint_kb, on, shown):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-06-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    rows = json.loads(_ok(run("current", "--on", on, "--format", "json", kb=appoint_kb)).stdout)
    mine = [r for r in rows if r.get("office") == "President of Xland" and r.get("person")]
    assert [(r["person"], r["certain"]) for r in mine] == ([("Alpha Ant", True)] if shown else []), rows


def test_the_acting_holder_named_by_the_rule_follows_it_while_in_office(run, edition_kb):
    _ok(run("add-rule", "President of Xland", "Chair of the Xland Senate", "--order", "1", "--edition",
            "Constitution of Xland (2000)", "--from", "2000-01-01", "--source", SRC, kb=edition_kb))
    _ok(run("add-tenure", "Gamma Gnu", "Chair of the Xland Senate", "--start", "2000-06-01", "--source", SRC,
            kb=edition_kb))
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "death",
            "--source", SRC, kb=edition_kb))
    _ok(run("appoint", "Gamma Gnu", "President of Xland", "--date", "2001-01-01", "--acting", "--source", SRC,
            kb=edition_kb))
    _ok(run("validate", kb=edition_kb))


@pytest.mark.parametrize("kin,alpha_sees", [("child-of", "parent of"), ("grandchild-of", "grandparent of"),
                                            ("nephew-or-niece-of", "uncle or aunt of"), ("spouse-of", "spouse of"),
                                            ("sibling-of", "sibling of")])
def test_a_relation_reads_right_from_both_sides(run, appoint_kb, kin, alpha_sees):
    _ok(run("relate", "Beta Bee", kin, "Alpha Ant", "--source", SRC, kb=appoint_kb))
    seen = {}
    for who in ("Alpha Ant", "Beta Bee"):
        page = json.loads(_ok(run("person", who, "--format", "json", kb=appoint_kb)).stdout)
        seen[who] = [(r["relation"], r["relative"]) for r in page["relatives"]]
    assert seen == {"Alpha Ant": [(alpha_sees, "Beta Bee")], "Beta Bee": [(kin.replace("-", " "), "Alpha Ant")]}, seen


@pytest.mark.parametrize("start,end,listed", [("2004-12-31", None, True), ("2005-01-01", None, False),
                                             ("2004-12", None, True), ("2005", None, True), ("1990-01-01", "2000-01-01", False),
                                             ("1990-01-01", "2000-01-02", True), ("1990-01-01", "2000-01", True)])
def test_a_relatives_post_counts_while_the_head_of_state_is_in_office(run, appoint_kb, start, end, listed):
    _ok(run("relate", "Beta Bee", "child-of", "Alpha Ant", "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Beta Bee", "Chair of the Xland Senate", "--start", start, *(("--end", end) if end else ()),
            "--source", SRC, kb=appoint_kb))
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2005-01-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    rows = json.loads(_ok(run("query", "family-concurrent-posts", "--format", "json", kb=appoint_kb)).stdout)
    assert [(r["relativeLabel"], r["officeLabel"]) for r in rows] == ([("Beta Bee", "Chair of the Xland Senate")]
                                                                       if listed else []), rows


@pytest.mark.parametrize("years,limit,ok", [("5", "2", True), ("7", "2", False), ("5", "1", False), (None, "2", False),
                                          ("5", "none", False)])
def test_a_term_rule_recorded_again_must_say_the_same(run, edition_kb, years, limit, ok):
    base = ["add-term-rule", "President of Xland", "--edition", "Constitution of Xland (2000)", "--from", "2000-01-01"]
    _ok(run(*base, "--years", "5", "--limit", "2", "--source", SRC, kb=edition_kb))
    before = snapshot(edition_kb)
    r = run(*base, *(("--years", years) if years else ()), "--limit", limit, "--source", SRC, kb=edition_kb)
    if ok:
        _ok(r)
        assert snapshot(edition_kb) == before
    else:
        _refused(r, edition_kb, before, "is recorded with another term length or limit", 1)


def test_a_loose_spelling_shared_by_a_label_and_another_alias_means_the_label(tmp_path):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    assert names.resolve("person", "Twin-Name") == ID + "person/p3"
    assert names.resolve("person", "TWIN  NAME!") == ID + "person/p3"


TWO_HALLS = BASE + """
office:h2 a sk:Office ; rdfs:label "Speaker of the New Hall"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
office:h3 a sk:Office ; rdfs:label "Speaker of the Grand Hall (Toraga)"@en ; sk:officeKind kind:chamber-chair ;
    sk:jurisdiction place:x ; sk:seats 1 ; prov:wasDerivedFrom source:s .
"""


def test_two_equally_close_offices_are_told_apart_by_the_title_as_written(tmp_path):
    names = Succession(write_kb(tmp_path / "kb", TWO_HALLS)).resolver
    assert names.resolve("office", "Xland hall toraga") == ID + "office/h3"


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_name_is_its_own_error_for_edits(tmp_path, text):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    with pytest.raises(NotFoundError, match="^empty person name$"):
        names.resolve_strict("person", text)


def test_an_iri_resolves_strictly_once_the_name_index_is_built(tmp_path):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    names.entries("person")
    assert names.resolve_strict("person", ID + "person/p1") == ID + "person/p1"


@pytest.mark.parametrize("n,tail", [(4, ""), (5, ""), (6, " and 1 more"), (8, " and 3 more")])
def test_an_ambiguity_names_five_candidates_and_counts_the_rest(n, tail):
    from succession.resolve import Entry, _ambiguous

    text = _ambiguous("person", "X", [Entry(f"i{k}", f"Name {k}") for k in range(n)])
    assert text.endswith(tail if tail else f"'Name {min(n, 5) - 1}'") and text.count("'Name") == min(n, 5), text


def test_a_built_index_is_reused_as_it_is_and_stale_leftovers_go(run, appoint_kb, monkeypatch):
    monkeypatch.setenv("SUCCESSION_CACHE", "always")
    cache = appoint_kb / ".cache"
    cache.mkdir()
    (cache / "0123456789abcdef0123456789abcdef.fp").write_text("stale", encoding="utf-8")
    (cache / "0123456789abcdef0123456789abcdef").mkdir()
    _ok(run("who-holds", "President of Xland", kb=appoint_kb))
    (index,) = [p for p in cache.iterdir() if p.is_dir()]
    assert sorted(p.name for p in cache.iterdir()) == [index.name, index.name + ".fp"]
    inode = index.stat().st_ino
    _ok(run("who-holds", "President of Xland", kb=appoint_kb))
    assert index.stat().st_ino == inode  # opened again, not rebuilt


def test_as_recorded_before_the_first_record_knows_nothing(run, appoint_kb):
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-01-01", "--source", SRC, kb=appoint_kb))
    r = _ok(run("who-holds", "President of Xland", "--on", "2002-01-01", "--as-recorded", "2000-01-01", "--format", "json",
                kb=appoint_kb))
    assert json.loads(r.stdout) == []
    r = _ok(run("who-holds", "President of Xland", "--on", "2002-01-01", "--format", "json", kb=appoint_kb))
    assert [x["person"] for x in json.loads(r.stdout)] == ["Beta Bee"]


@pytest.mark.parametrize("until,ok", [("2003-12-31", True), ("2004-01-01", False)])
def test_a_term_rule_from_a_year_overlaps_another_only_when_certain(run, edition_kb, until, ok):
    ed = "Constitution of Xland (2000)"
    _ok(run("add-term-rule", "President of Xland", "--years", "5", "--limit", "2", "--edition", ed, "--from", "2003",
            "--source", SRC, kb=edition_kb))
    r = run("add-term-rule", "President of Xland", "--years", "7", "--limit", "1", "--edition", ed, "--from", "2003-06-01",
            "--until", until, "--source", SRC, kb=edition_kb)
    if ok:  # the first may have begun only on 2003-12-31
        _ok(r)
    else:
        assert r.exit_code == 1 and "term-rule-overlap-violation" in r.output, r.output


@pytest.mark.parametrize("start,on,certain", [("2001-06-01", "2001-06-01", True), ("2001-06", "2001-06-15", False),
                                              ("2001", "2001-12-31", False), ("2001-06", "2001-07-01", True)])
def test_current_shows_a_holder_from_their_first_possible_day_certain_only_after_the_last(run, appoint_kb, start, on,
                                                                                       certain):
    _ok(run("add-tenure", "Beta Bee", "Chair of the Xland Senate", "--start", start, "--source", SRC, kb=appoint_kb))
    rows = json.loads(_ok(run("current", "--on", on, "--all-kinds", "--format", "json", kb=appoint_kb)).stdout)
    mine = [(r["person"], r["certain"]) for r in rows if r.get("office") == "Chair of the Xland Senate" and r.get("person")]
    assert mine == [("Beta Bee", certain)], rows


def _links(kb) -> set[tuple[str, str]]:
    """(predecessor holder, successor holder) of every predecessor link, both directions checked."""
    import rdflib

    g = rdflib.Graph()
    for f in kb.glob("*.ttl"):
        g.parse(f)
    sk = rdflib.Namespace("https://w3id.org/succession-kb/ontology#")
    holder = {t: str(h).rsplit("/", 1)[1] for t, h in g.subject_objects(sk.holder)}
    fwd = {(holder[a], holder[z]) for a, z in g.subject_objects(sk.successor)}
    back = {(holder[a], holder[z]) for z, a in g.subject_objects(sk.predecessor)}
    assert fwd == back, (fwd, back)
    return fwd


@pytest.mark.parametrize("left,day,linked", [
    ("2001-01-01", "2002-01-02", True), ("2001-01-01", "2002-01-03", False), ("2001", "2003-01-01", True),
    ("2001", "2003-01-02", False), ("2001-02", "2002-03-01", True), ("2001-02", "2002-03-02", False),
])
def test_add_tenure_links_a_predecessor_only_within_a_year(run, appoint_kb, left, day, linked):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", left, "--reason", "resignation", "--source", SRC,
            kb=appoint_kb))
    r = _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", day, "--end", "2010-01-01", "--source", SRC,
                kb=appoint_kb))
    assert ("Not linked as the successor of Alpha Ant" in r.output) == (not linked), r.output
    assert _links(appoint_kb) == ({("a", "b")} if linked else set())
    _ok(run("validate", kb=appoint_kb))


@pytest.mark.parametrize("end,linked", [
    ("1999-01-01", True), ("1998-12-31", True), ("1998-12-30", False), ("1998-12", True), ("1998-11", False),
    ("1998", True), ("1997", False),
])
def test_add_tenure_links_a_successor_only_within_a_year(run, appoint_kb, end, linked):
    # Alpha Ant's tenure starts 2000-01-01: 1998-12-30 is 367 days before it
    r = _ok(run("add-tenure", "Beta Bee", "President of Xland", "--start", "1990-01-01", "--end", end, "--source", SRC,
                kb=appoint_kb))
    assert ("Not linked as the predecessor of Alpha Ant" in r.output) == (not linked), r.output
    assert _links(appoint_kb) == ({("b", "a")} if linked else set())
    _ok(run("validate", kb=appoint_kb))


@pytest.mark.parametrize("gap,linked", [
    (("2001-01-01", "2005-01-01"), True),   # the whole interval is a recorded gap
    (("2001-06-01", "2004-06-01"), True),   # a year's slack on either side of the gap
    (("2002-01-03", "2005-01-01"), False),  # 367 days of unknown holders before the gap
    (("2001-01-01", "2003-12-31"), False),  # and after it
    (None, False),
])
def test_a_recorded_gap_lets_the_next_holder_succeed_across_it(run, appoint_kb, gap, linked):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    if gap:
        _ok(run("add-gap", "President of Xland", "--from", gap[0], "--to", gap[1], "--reason", "post abolished",
                "--source", SRC, kb=appoint_kb))
    r = _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2005-01-01", "--source", SRC, kb=appoint_kb))
    assert ("Not linked" in r.output) == (not linked), r.output
    assert _links(appoint_kb) == ({("a", "b")} if linked else set())


def test_a_tenure_put_between_two_linked_ones_takes_the_link(run, appoint_kb):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2001-09-01", "--source", SRC, kb=appoint_kb))
    assert _links(appoint_kb) == {("a", "b")}
    _ok(run("add-tenure", "Gamma Gnu", "President of Xland", "--start", "2001-01-01", "--end", "2001-09-01",
            "--source", SRC, kb=appoint_kb))
    assert _links(appoint_kb) == {("a", "c"), ("c", "b")}
    _ok(run("validate", kb=appoint_kb))


LINKED_ACROSS = BASE + """
person:c a sk:Person ; rdfs:label "Gamma Gnu"@en ; prov:wasDerivedFrom source:s .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ;
    sk:end "2001-01-01"^^xsd:date ; sk:acting false ; sk:successor t:b ; prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "DAY"^^xsd:date ; sk:end "2010-01-01"^^xsd:date ;
    sk:acting false ; sk:predecessor t:a ; sk:successor t:c ; prov:wasDerivedFrom source:s .
t:c a sk:Tenure ; sk:holder person:c ; sk:office office:p ; sk:start "2010-01-01"^^xsd:date ; sk:acting false ;
    sk:predecessor t:b ; prov:wasDerivedFrom source:s .
"""


@pytest.mark.parametrize("day,kept", [("2002-01-02", True), ("2002-01-03", False), ("2009-01-01", False)])
@pytest.mark.parametrize("target", [["President of Xland"], ["--all"]])
def test_relink_removes_only_links_across_unrecorded_holders(run, tmp_path, day, kept, target):
    kb = write_kb(tmp_path / "kb", LINKED_ACROSS.replace("DAY", day))
    before = snapshot(kb)
    r = _ok(run("relink", *target, "--dry-run", kb=kb))
    assert snapshot(kb) == before
    assert ("Alpha Ant (left 2001-01-01) is no longer linked as the predecessor of Beta Bee" in r.output) == (not kept)
    r = _ok(run("relink", *target, kb=kb))
    assert _links(kb) == ({("a", "b"), ("b", "c")} if kept else {("b", "c")})
    assert (snapshot(kb) == before) == kept
    _ok(run("validate", kb=kb))
    after = snapshot(kb)
    r = _ok(run("relink", *target, kb=kb))  # a second run has nothing left to do
    assert "No change" in r.output and snapshot(kb) == after


def test_relink_keeps_a_link_across_a_recorded_gap(run, tmp_path):
    kb = write_kb(tmp_path / "kb", LINKED_ACROSS.replace("DAY", "2009-01-01"))
    _ok(run("add-gap", "President of Xland", "--from", "2001-01-01", "--to", "2009-01-01", "--reason", "vacant",
            "--source", SRC, kb=kb))
    r = _ok(run("relink", "--all", kb=kb))
    assert "No change" in r.output and _links(kb) == {("a", "b"), ("b", "c")}


@pytest.mark.parametrize("args,text", [([], "give an office, or --all"), (["President of Xland", "--all"], "not both"),
                                       (["President of Xlandd"], "unknown office")])
def test_relink_usage_errors_are_one_line(run, appoint_kb, args, text):
    before = snapshot(appoint_kb)
    _refused(run("relink", *args, kb=appoint_kb), appoint_kb, before, text)


SHARED = NAMES + """
person:p1 a sk:Person ; rdfs:label "Omar Bek"@en ; skos:altLabel "Shared Alias"@en ; prov:wasDerivedFrom source:s .
person:p2 a sk:Person ; rdfs:label "Umar Bekov"@en ; skos:altLabel "Shared Alias"@en ; prov:wasDerivedFrom source:s .
person:p3 a sk:Person ; rdfs:label "Twin Name"@en ; prov:wasDerivedFrom source:s .
person:p4 a sk:Person ; rdfs:label "Tween Nam"@en ; skos:altLabel "Twin Name"@en ; prov:wasDerivedFrom source:s .
person:s1 a sk:Person ; rdfs:label "Ali Saidov"@en ; prov:wasDerivedFrom source:s .
person:s2 a sk:Person ; rdfs:label "Vali Saidov"@en ; prov:wasDerivedFrom source:s .
office:o a sk:Office ; rdfs:label "Clerk of Xland"@en ; sk:officeKind kind:other ; sk:jurisdiction place:x ;
    sk:seats 1 ; prov:wasDerivedFrom source:s .
t:s1 a sk:Tenure ; sk:holder person:s1 ; sk:office office:o ; sk:start "2001-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""


@pytest.mark.parametrize("text", ["Shared Alias", "shared alias", "SHARED ALIAS"])
def test_an_alias_two_people_share_is_ambiguous_for_edits_and_names_both(tmp_path, text):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    with pytest.raises(AmbiguousError) as e:
        names.resolve_strict("person", text)
    assert "Omar Bek" in str(e.value) and "Umar Bekov" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("text", ["Twin Name", "twin name"])
def test_a_label_outranks_another_persons_alias_for_edits(tmp_path, text):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    assert names.resolve_strict("person", text) == ID + "person/p3"


def test_a_post_of_no_rank_does_not_make_one_namesake_the_one_meant(tmp_path):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    with pytest.raises(AmbiguousError):
        names.resolve("person", "Saidov")
    assert names.resolve("person", "Karimov") == ID + "person/z1"  # a head of state's namesake is not


@pytest.mark.parametrize("kind,text,iri", [
    ("person", "Alpha Ant", ID + "person/a"), ("person", "alfa antov", ID + "person/a"), ("person", "Q101", ID + "person/a"),
    ("person", ID + "person/a", ID + "person/a"), ("office", "President of Xland", ID + "office/p"),
])
def test_an_edit_naming_a_node_exactly_does_not_build_the_name_index(tmp_path, kind, text, iri):
    # edits cost what they change: an exact name, QID or IRI is one indexed query, not a scan of every name
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    assert names.resolve_strict(kind, text) == iri
    assert names._entries is None


@pytest.mark.parametrize("kind,text,iri", [
    ("person", "Alpha Ant", ID + "person/a"), ("person", "alfa antov", ID + "person/a"),
    ("office", "President of Xland", ID + "office/p"),
])
def test_once_the_name_index_is_built_an_exact_name_costs_no_query(tmp_path, monkeypatch, kind, text, iri):
    names = Succession(write_kb(tmp_path / "kb", SHARED)).resolver
    names.entries(kind)  # a loose read built it
    assert names._entries is not None

    def no_query(*a, **k):
        raise AssertionError("a look-up queried the store although the name index is built")

    monkeypatch.setattr(names.engine, "select", no_query)
    assert names.resolve_strict(kind, text) == iri and names.resolve(kind, text) == iri


@pytest.mark.parametrize("n,more", [(1, ""), (2, " (and 1 more)"), (3, " (and 2 more)")])
def test_a_refusal_names_the_first_violation_and_counts_the_rest(n, more):
    from succession.edit import Editor
    from succession.errors import ValidationError

    with pytest.raises(ValidationError) as e:
        Editor._refuse([f"v{i}" for i in range(n)], "edit: ")
    assert str(e.value) == f"refused, nothing written: edit: v0{more}"
    Editor._refuse([], "edit: ")  # no violation, no refusal


def test_a_repeated_edit_says_it_changed_nothing_and_writes_nothing(run, appoint_kb):
    first = _ok(run("add-person", "Delta Dee", "--born", "1950", "--source", SRC, kb=appoint_kb))
    assert "Wrote " in first.output and "No change" not in first.output
    before = snapshot(appoint_kb)
    again = _ok(run("add-person", "Delta Dee", "--born", "1950", "--source", SRC, kb=appoint_kb))
    assert again.output.endswith("No change: the knowledge base already records this.\n") and "Wrote " not in again.output
    assert snapshot(appoint_kb) == before


@pytest.mark.parametrize("args", [
    ("correct", "Alpha Ant", "President of Xland", "--set", "end=2001-01-01", "--set", "exit-reason=death"),
    ("correct-office", "President of Xland", "--set", "seats=2", "--set", "established=1991"),
])
def test_a_second_set_is_refused_not_silently_dropped(run, appoint_kb, args):
    before = snapshot(appoint_kb)
    _refused(run(*args, "--source", SRC, kb=appoint_kb), appoint_kb, before, "one --set per correction (got 2)", 2)
    _refused(run(*args[:-4], "--set", "end", "--source", SRC, kb=appoint_kb), appoint_kb, before,
             "invalid --set 'end': expected FIELD=VALUE", 2)


def test_a_post_only_office_lists_its_gaps_without_failing_strict_coverage(run, appoint_kb):
    """A post recorded for its holders' careers: its gaps are shown as not tracked, `--strict` passes them, and
    turning the flag off (kept as a correction) makes them missing data again."""
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))

    def strict() -> tuple[int, dict]:
        r = run("coverage", "--strict", "--format", "json", kb=appoint_kb)
        return r.exit_code, {c["office"]: c for c in json.loads(r.stdout)}

    code, cov = strict()
    assert code == 1 and cov["President of Xland"]["tracked"] is True
    assert cov["President of Xland"]["gaps"].startswith("2 unexplained"), cov
    for office in ("President of Xland", "Chair of the Xland Senate"):
        _ok(run("correct-office", office, "--set", "post-only=true", "--reason", "a post", "--source", SRC, kb=appoint_kb))
    code, cov = strict()
    assert code == 0 and cov["President of Xland"]["tracked"] is False
    assert cov["President of Xland"]["gaps"] == "2 not tracked / 2", cov  # still listed, with their bounds
    assert [g["from"] for g in cov["President of Xland"]["gap_list"]] == ["1991-01-01", "2001-01"]
    table = _ok(run("coverage", kb=appoint_kb)).stdout
    assert "post only: its other holders are not tracked" in table and "UNEXPLAINED" not in table
    assert "Unexplained gaps since 1991-01-01: 0" in table and "2 offices, 3 gaps" in table, table
    note = _ok(run("who-holds", "President of Xland", "--on", "1995-01-01", kb=appoint_kb)).stdout
    assert "Not tracked" in note and "Unexplained gap" not in note, note
    assert "recorded only for its holders' careers" in _ok(run("history", "President of Xland", kb=appoint_kb)).stdout
    assert run("validate", kb=appoint_kb).exit_code == 0
    _ok(run("correct-office", "President of Xland", "--set", "post-only=false", "--source", SRC, kb=appoint_kb))
    code, cov = strict()
    assert code == 1 and cov["President of Xland"]["tracked"] is True and cov["Chair of the Xland Senate"]["tracked"] is False
    assert "Unexplained gap" in _ok(run("who-holds", "President of Xland", "--on", "1995-01-01", kb=appoint_kb)).stdout


@pytest.mark.parametrize("value", ["maybe", "", "1", "tru"])
def test_post_only_takes_true_or_false_and_nothing_else(run, appoint_kb, value):
    before = snapshot(appoint_kb)
    r = run("correct-office", "President of Xland", "--set", f"post-only={value}", "--source", SRC, kb=appoint_kb)
    assert r.exit_code != 0 and r.output.count("\n") == 1 and "post-only" in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_add_office_records_a_post_only_office_and_a_batch_row_can_too(run, appoint_kb, tmp_path):
    _ok(run("add-office", "Ambassador of Xland to Yland", "--kind", "other", "--country", "Xland", "--post-only",
            "--source", SRC, kb=appoint_kb))
    batch = tmp_path / "day.yaml"
    batch.write_text(yaml.safe_dump([{"command": "add-office", "name": "Member of the Xland Senate", "kind": "other",
                                      "country": "Xland", "seats": 40, "post-only": True, "source": SRC},
                                     {"command": "add-office", "name": "Mayor of Xcity", "kind": "mayor",
                                      "country": "Xland", "source": SRC}]), encoding="utf-8")
    _ok(run("apply", str(batch), kb=appoint_kb))
    cov = {c["office"]: c for c in json.loads(run("coverage", "--format", "json", kb=appoint_kb).stdout)}
    assert [cov[o]["tracked"] for o in ("Ambassador of Xland to Yland", "Member of the Xland Senate", "Mayor of Xcity")] \
        == [False, False, True]
    assert run("validate", kb=appoint_kb).exit_code == 0


def test_an_attested_holder_without_a_dated_tenure_is_shown_not_invented(run, appoint_kb, tmp_path):
    """`attest`: a page shows someone in office on a day, the appointment day is unknown. who-holds, current and
    coverage show it beside the record (no tenure, no dates made up); diff, log and undo know it."""
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2010-05-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    r = _ok(run("attest", "President of Xland", "--holder", "Beta Bee", "--on", "2020-03-04", "--source", SRC,
                "--note", "appointment day not found", kb=appoint_kb))
    assert "Beta Bee was in office as President of Xland on 2020-03-04" in r.stdout, r.stdout
    assert run("validate", kb=appoint_kb).exit_code == 0
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert [h["person"] for h in hist] == ["Alpha Ant"]  # no tenure was made
    for day, says in (("2020-03-04", "Attested: Beta Bee was in office on 2020-03-04"),
                      ("2015-01-01", "whether Beta Bee held it on 2015-01-01 is not known"),
                      ("2026-01-01", "whether Beta Bee held it on 2026-01-01 is not known")):
        ans = run("who-holds", "President of Xland", "--on", day, kb=appoint_kb)
        assert ans.exit_code == 0 and says in ans.stdout, (day, ans.stdout)
        assert json.loads(run("who-holds", "President of Xland", "--on", day, "--format", "json", kb=appoint_kb).stdout) == []
    later = run("who-holds", "President of Xland", "--on", "2026-01-01", kb=appoint_kb).stdout
    assert "No dated tenure: the last recorded holder, Alpha Ant, left on 2010-05-01" in later, later
    assert "Unexplained gap" not in later, later
    # before the last recorded end the attestation is not about that stretch
    assert "Attested" not in run("who-holds", "President of Xland", "--on", "2005-01-01", kb=appoint_kb).stdout
    cur = {c["office"]: c for c in json.loads(run("current", "--all-kinds", "--format", "json", kb=appoint_kb).stdout)}
    assert cur["President of Xland"]["attested"] == "Beta Bee in office on 2020-03-04 (tenure not dated)"
    assert cur["Chair of the Xland Senate"]["attested"] is None
    assert "no recorded holder" in run("current", "--all-kinds", kb=appoint_kb).stdout
    early = {c["office"]: c for c in json.loads(run("current", "--all-kinds", "--on", "2019-01-01", "--format", "json",
                                                    kb=appoint_kb).stdout)}
    assert early["President of Xland"]["attested"] is None  # a page of a later day says nothing of 2019
    cov = {c["office"]: c for c in json.loads(run("coverage", "--format", "json", kb=appoint_kb).stdout)}
    gaps = cov["President of Xland"]["gap_list"]
    assert [g["attested"] for g in gaps] == [[], ["Beta Bee on 2020-03-04"]], gaps
    assert "in office, tenure not dated: Beta Bee on 2020-03-04" in run("coverage", kb=appoint_kb).stdout
    log = run("log", kb=appoint_kb).stdout
    assert "attestation" in log, log
    # undo takes it back exactly
    _ok(run("undo", kb=appoint_kb))
    after = snapshot(appoint_kb)
    assert b"Attestation" not in after.get("verifications.ttl", b"")  # the undo itself is recorded in corrections.ttl
    assert {k: v for k, v in after.items() if k not in ("corrections.ttl", "verifications.ttl", "sources.ttl")} == \
        {k: v for k, v in before.items() if k not in ("corrections.ttl", "verifications.ttl", "sources.ttl")}
    assert "Attested" not in run("who-holds", "President of Xland", "--on", "2020-03-04", kb=appoint_kb).stdout


def test_an_attestation_that_names_someone_else_in_a_recorded_single_seat_shows_the_disagreement(run, appoint_kb):
    _ok(run("attest", "President of Xland", "--holder", "Beta Bee", "--on", "2024-01-30", "--source", SRC, kb=appoint_kb))
    out = run("who-holds", "President of Xland", "--on", "2025-06-01", kb=appoint_kb).stdout
    assert "Alpha Ant" in out and "Sources disagree: a page shows Beta Bee in office on 2024-01-30" in out, out
    cur = {c["office"]: c for c in json.loads(run("current", "--all-kinds", "--format", "json", kb=appoint_kb).stdout)}
    assert cur["President of Xland"]["person"] == "Alpha Ant"
    assert cur["President of Xland"]["attested"] == "sources disagree: Beta Bee in office on 2024-01-30"
    early = {c["office"]: c for c in json.loads(run("current", "--all-kinds", "--on", "2024-01-29", "--format", "json",
                                                    kb=appoint_kb).stdout)}
    assert early["President of Xland"]["attested"] is None  # not yet: the page is of a later day
    # the recorded holder's own tenure is verified, not attested; an attestation before the tenure is no conflict
    r = run("attest", "President of Xland", "--holder", "Alpha Ant", "--on", "2024-01-30", "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 1 and "verify" in r.output and r.output.count("\n") == 1, r.output
    _ok(run("attest", "President of Xland", "--holder", "Gamma Gnu", "--on", "1999-12-31", "--source", SRC, kb=appoint_kb))
    out = run("who-holds", "President of Xland", "--on", "2000-01-01", kb=appoint_kb).stdout
    assert "Gamma Gnu" not in out, out
    assert "Attested: Gamma Gnu was in office on 1999-12-31" in run("who-holds", "President of Xland", "--on", "1999-06-01",
                                                                     kb=appoint_kb).stdout


@pytest.mark.parametrize("day,disagree", [("2000-01-01", False), ("2000-01-02", True)])
def test_a_page_of_the_hand_over_day_naming_the_outgoing_holder_is_no_disagreement(run, appoint_kb, day, disagree):
    """Alpha Ant took office on 2000-01-01: a page of that day may still show the predecessor in office, which does
    not make the new holder uncertain; a page of the next day does."""
    first = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)[0]
    assert (first["person"], first["start"]) == ("Alpha Ant", "2000-01-01")
    _ok(run("attest", "President of Xland", "--holder", "Gamma Gnu", "--on", day, "--source", SRC, kb=appoint_kb))
    rec = json.loads(run("who-holds", "President of Xland", "--on", "2000-06-01", "--format", "json", kb=appoint_kb).stdout)
    assert [(r["person"], r["certain"]) for r in rec] == [("Alpha Ant", not disagree)]
    out = run("who-holds", "President of Xland", "--on", "2000-06-01", kb=appoint_kb).stdout
    assert ("Sources disagree: a page shows Gamma Gnu in office on " + day in out) == disagree, out


@pytest.mark.parametrize("args,why", [
    (["--holder", "Beta Bee", "--on", "2099-01-01"], "after today"),
    (["--holder", "Beta Bee", "--on", "2020-03"], "date"),
    (["--holder", "Beta Bee", "--on", "2020-02-30"], "date"),
    (["--holder", "Bee", "--on", "2020-03-04"], "Bee"),          # edits resolve strictly: a surname alone is not enough
    (["--holder", "Nobody Known", "--on", "2020-03-04"], "Nobody Known"),
    (["--holder", "Beta Bee", "--on", "2020-03-04", "--note", "a\x00b"], "note"),
])
def test_attest_refuses_bad_input_in_one_line_and_writes_nothing(run, appoint_kb, args, why):
    before = snapshot(appoint_kb)
    r = run("attest", "President of Xland", *args, "--source", SRC, kb=appoint_kb)
    assert r.exit_code != 0 and r.output.count("\n") == 1 and why in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_a_batch_attests_and_verifies_in_one_go(run, appoint_kb, tmp_path):
    batch = tmp_path / "day.yaml"
    batch.write_text(yaml.safe_dump([
        {"command": "attest", "office": "Chair of the Xland Senate", "holder": "Gamma Gnu", "on": "2021-05-05", "source": SRC},
        {"command": "verify", "office": "President of Xland", "on": "2021-05-05", "holder": ["Alpha Ant"], "source": SRC}]),
        encoding="utf-8")
    _ok(run("apply", str(batch), kb=appoint_kb))
    assert "Attested: Gamma Gnu" in run("who-holds", "Chair of the Xland Senate", "--on", "2021-05-05", kb=appoint_kb).stdout
    bad = tmp_path / "bad.yaml"
    before = snapshot(appoint_kb)
    bad.write_text(yaml.safe_dump([{"command": "attest", "office": "Chair of the Xland Senate", "holder": "Gamma Gnu",
                                    "on": "2021-05-06", "source": SRC},
                                   {"command": "attest", "office": "Chair of the Xland Senate", "holder": "Gamma Gnu",
                                    "on": "tomorrow", "source": SRC}]), encoding="utf-8")
    r = run("apply", str(bad), kb=appoint_kb)
    assert r.exit_code != 0 and "row 2" in r.output and snapshot(appoint_kb) == before, r.output


def test_a_recorded_gap_explains_only_the_days_it_spans_not_the_rest_of_a_longer_hole(run, appoint_kb):
    """A post created in 1992 does not explain who held it in 1993: the hole is split into the part the
    recorded gap explains and the part nobody does, which stays missing (`--strict` fails on it)."""
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2001-01-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-gap", "President of Xland", "--from", "1991-01-01", "--to", "1992-01-04", "--reason",
            "no such post yet", "--source", SRC, kb=appoint_kb))
    _ok(run("add-gap", "President of Xland", "--from", "2001-01-01", "--reason", "vacant", "--source", SRC,
            kb=appoint_kb))

    def gaps() -> list[tuple[str, str, str | None]]:
        (c,) = [c for c in json.loads(run("coverage", "--format", "json", kb=appoint_kb).stdout)
                if c["office"] == "President of Xland"]
        return [(g["from"], g["to"], g["explanation"]) for g in c["gap_list"]]

    assert gaps() == [("1991-01-01", "1992-01-04", "no such post yet"), ("1992-01-04", "2000-01-01", None),
                      ("2001-01-01", dt.date.today().isoformat(), "vacant")], gaps()
    # the gap that reaches the next tenure's first day leaves nothing
    _ok(run("add-gap", "President of Xland", "--from", "1992-01-04", "--to", "2000-01-01", "--reason", "vacant",
            "--source", SRC, kb=appoint_kb))
    assert gaps() == [("1991-01-01", "2000-01-01", "no such post yet; then vacant"),
                      ("2001-01-01", dt.date.today().isoformat(), "vacant")], gaps()


def _hole_pieces_cases():
    from hypothesis import strategies as st

    day = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
    text = st.one_of(day.map(lambda d: d.isoformat()), day.map(lambda d: d.isoformat()[:7]),
                     day.map(lambda d: d.isoformat()[:4]))
    gap = st.tuples(text, st.one_of(st.none(), text), st.sampled_from("abc"))
    return st.tuples(day, day, st.lists(gap, max_size=5))


@settings(max_examples=400, deadline=None)
@given(_hole_pieces_cases())
def test_the_pieces_of_a_hole_tile_it_and_only_recorded_days_are_explained(case):
    from succession.coverage import _pieces

    x, y, raw = case
    a, b = sorted((x.isoformat(), y.isoformat()))
    recorded = [(PDate(s), PDate(e) if e else None, w) for s, e, w in raw if e is None or PDate(e).hi >= PDate(s).lo]
    pieces = _pieces(a, b, recorded)
    if a == b:
        assert pieces == []
        return
    assert pieces[0][0] == a and pieces[-1][1] == b
    for (_, q, _), (r, _, _) in zip(pieces, pieces[1:], strict=False):
        assert q == r  # contiguous, no day twice
    for p, q, why in pieces:
        assert p < q
        spanning = [(s, e, w) for s, e, w in recorded if s.lo < q and (e is None or e.hi > p)]
        if why is None:  # nothing recorded touches an unexplained piece
            assert not spanning, (p, q, spanning)
        else:  # every day of an explained piece lies in some recorded gap
            assert all(w in why for s, e, w in spanning)
            inside = sorted((max(s.lo, p), min(e.hi if e else "9999", q)) for s, e, _ in spanning)
            reach = p
            for lo, hi in inside:
                assert lo <= reach, (p, q, inside)
                reach = max(reach, hi)
            assert reach >= q


def _future_cases():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    next_year = str(dt.date.today().year + 1)
    t0 = "https://w3id.org/succession-kb/id/tenure/president-of-xland/alpha-ant/2000-01-01"
    cases = []
    for day in (tomorrow, next_year):
        cases += [
            ("appointment date", ["appoint", "Beta Bee", "President of Xland", "--date", day]),
            ("end date", ["end-tenure", "Alpha Ant", "President of Xland", "--date", day, "--reason", "death"]),
            ("start date", ["add-tenure", "Beta Bee", "Chair of the Xland Senate", "--start", day]),
            ("end date", ["add-tenure", "Beta Bee", "Chair of the Xland Senate", "--start", "2001", "--end", day]),
            ("birth date", ["add-person", "Gamma Gnu", "--born", day]),
            ("death date", ["add-person", "Beta Bee", "--died", day]),
            ("end", ["correct", "Alpha Ant", "President of Xland", "--set", f"end={day}", "--reason", "r"]),
            ("born", ["correct", "Alpha Ant", "--set", f"born={day}", "--reason", "r"]),
            ("alternative date", ["add-alt-date", t0, "--field", "start", "--date", day]),
        ]
        if len(day) == 10:
            cases += [("verification date", ["verify", "President of Xland", "--on", day, "--holder", "Alpha Ant"]),
                      ("attestation date", ["attest", "Chair of the Xland Senate", "--holder", "Beta Bee", "--on", day])]
    return cases


@pytest.mark.parametrize("what, argv", _future_cases(), ids=lambda x: x if isinstance(x, str) else " ".join(x[:1]))
def test_an_edit_refuses_a_date_after_today_and_writes_nothing(run, appoint_kb, what, argv):
    """Only what has happened is recorded: a tenure, an end, a birth or a verification dated tomorrow (or
    next year) is refused with one line; today itself is a valid day (tested by the next test)."""
    before = snapshot(appoint_kb)
    r = run(*argv, "--source", SRC, kb=appoint_kb)
    assert r.exit_code == 2 and r.output.count("\n") == 1, r.output
    assert f"{what} " in r.output and "is after today" in r.output, r.output
    assert snapshot(appoint_kb) == before


def test_today_is_a_day_an_edit_may_record(run, appoint_kb):
    today = dt.date.today().isoformat()
    _ok(run("verify", "President of Xland", "--on", today, "--holder", "Alpha Ant", "--source", SRC, kb=appoint_kb))
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", today, "--source", SRC, kb=appoint_kb))
    assert [h["person"] for h in json.loads(run("who-holds", "President of Xland", "--format", "json",
                                                kb=appoint_kb).stdout)] == ["Beta Bee"]


def test_who_holds_on_a_day_after_today_is_never_certain(run, appoint_kb):
    today = dt.date.today()
    for day, future in ((today, False), (today + dt.timedelta(days=1), True), (today.replace(year=today.year + 5), True)):
        r = _ok(run("who-holds", "President of Xland", "--on", day.isoformat(), "--format", "json", kb=appoint_kb))
        (rec,) = json.loads(r.stdout)
        assert (rec["person"], rec["certain"]) == ("Alpha Ant", not future), (day, rec)
        table = _ok(run("who-holds", "President of Xland", "--on", day.isoformat(), kb=appoint_kb)).stdout
        assert ("is after today" in table) is future, table


@pytest.mark.parametrize("ch", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidirectional_override_characters_are_refused_in_names_and_notes(run, appoint_kb, ch):
    before = snapshot(appoint_kb)
    for argv in (["add-person", f"Evil{ch}Name"], ["add-person", "Beta Bee", "--alias", f"B{ch}ee"],
                 ["correct", "Alpha Ant", "President of Xland", "--set", f"note=x{ch}y", "--reason", "r"]):
        r = run(*argv, "--source", SRC, kb=appoint_kb)
        assert r.exit_code == 2 and "bidirectional" in r.output and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before
    # the marks a right-to-left name may carry (LRM, RLM) are not overrides
    _ok(run("add-person", "Gamma\u200fGnu", "--source", SRC, kb=appoint_kb))


@pytest.mark.parametrize("ch", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"])
def test_invisible_characters_are_refused_in_names_legal_bases_and_notes(run, appoint_kb, ch):
    """'Rustam\u200bEmomali' looks like Rustam Emomali and is another name: an edit would create a
    second person no search finds; refused wherever text is stored."""
    before = snapshot(appoint_kb)
    for argv in (["add-person", f"Evil{ch}Name"], ["add-person", "Beta Bee", "--alias", f"B{ch}ee"],
                 ["appoint", "Gamma Gnu", "President of Xland", "--date", "2001-01-01", "--legal-basis", f"Decree{ch} 1"],
                 ["correct", "Alpha Ant", "President of Xland", "--set", f"note=x{ch}y", "--reason", "r"]):
        r = run(*argv, "--source", SRC, kb=appoint_kb)
        assert r.exit_code == 2 and f"invisible characters (U+{ord(ch):04X}" in r.output, r.output
        assert r.output.count("\n") == 1
    assert snapshot(appoint_kb) == before
    _ok(run("add-person", "Gamma\u200cGnu", "--source", SRC, kb=appoint_kb))  # the non-joiner Persian names need


def test_a_label_that_is_another_nodes_name_is_refused(run, appoint_kb):
    before = snapshot(appoint_kb)
    for argv in (["correct", "Beta Bee", "--set", "label=alpha ant"],      # case and diacritics ignored
                 ["correct", "Beta Bee", "--set", "label=Älpha Ant"],
                 ["correct-office", "Chair of the Xland Senate", "--set", "label=President of Xland"]):
        r = run(*argv, "--reason", "r", "--source", SRC, kb=appoint_kb)
        assert r.exit_code == 1 and "is already the name of" in r.output and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before
    _ok(run("correct", "Beta Bee", "--set", "label=Beta B. Bee", "--reason", "r", "--source", SRC, kb=appoint_kb))
    _ok(run("correct", "Beta B. Bee", "--set", "label=Beta Bee", "--reason", "back", "--source", SRC, kb=appoint_kb))


def test_current_counts_only_checks_of_the_holder_it_shows(run, appoint_kb):
    """A check of the previous holder says nothing about a new one: `current` shows "never" until the new
    holder is verified, and a check made before the tenure began does not count either."""
    def verified() -> str:
        rows = json.loads(_ok(run("current", "--format", "json", kb=appoint_kb)).stdout)
        return next(r["verified"] for r in rows if r["office"] == "President of Xland").split(" ")[0]

    _ok(run("verify", "President of Xland", "--on", "2020-01-01", "--holder", "Alpha Ant", "--source", SRC, kb=appoint_kb))
    assert verified() == "2020-01-01"
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2021-03-01", "--source", SRC, kb=appoint_kb))
    assert verified() == "never"
    _ok(run("verify", "President of Xland", "--on", "2021-03-01", "--holder", "Beta Bee", "--source", SRC, kb=appoint_kb))
    assert verified() == "2021-03-01"  # the hand-over day itself counts


def test_merge_person_moves_every_fact_of_the_duplicate_and_undo_restores_it(run, appoint_kb):
    """The same person recorded twice (two spellings): after the merge one record holds the tenures,
    relations and names of both, the knowledge base validates, and `undo` gives back the files byte for
    byte. Records that disagree on a birth date are refused, nothing written."""
    _ok(run("add-person", "Alfa Ant", "--born", "1950", "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Alfa Ant", "Chair of the Xland Senate", "--start", "1995", "--end", "1999",
            "--source", SRC, kb=appoint_kb))
    _ok(run("relate", "Alfa Ant", "child-of", "Beta Bee", "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    _ok(run("merge-person", "Alpha Ant", "Alfa Ant", "--reason", "one person", "--source", SRC, kb=appoint_kb))
    person = json.loads(_ok(run("person", "Alpha Ant", "--format", "json", kb=appoint_kb)).stdout)
    assert {t["office"] for t in person["tenures"]} == {"President of Xland", "Chair of the Xland Senate"}, person
    assert "Alfa Ant" in person.get("aliases", []) or "Alfa Ant" in json.dumps(person), person
    assert json.loads(_ok(run("person", "Alfa Ant", "--format", "json", kb=appoint_kb)).stdout)["label"] == "Alpha Ant"
    hist = json.loads(run("history", "Chair of the Xland Senate", "--format", "json", kb=appoint_kb).stdout)
    assert [h["person"] for h in hist] == ["Alpha Ant"]
    _ok(run("validate", kb=appoint_kb))
    _ok(run("undo", kb=appoint_kb))
    after_undo = snapshot(appoint_kb)
    # every file as before, byte for byte; corrections.ttl also holds the undo's own record
    same = lambda snap: {k: v for k, v in snap.items() if "journal" not in k and k != "corrections.ttl"}  # noqa: E731
    assert same(after_undo) == same(before)
    assert b"sk:Undo" in after_undo["corrections.ttl"] and b"sameAs" not in after_undo["corrections.ttl"]
    # disagreeing records, one record twice, an unknown record: refused, nothing written
    _ok(run("correct", "Alpha Ant", "--set", "born=1949", "--reason", "r", "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    for argv, code, says in ((["Alpha Ant", "Alfa Ant"], 1, "disagree on birthDate"),
                             (["Alpha Ant", "Alpha Ant"], 2, "the same person"),
                             (["Alpha Ant", "Nobody Known"], 2, "unknown person")):
        r = run("merge-person", *argv, "--source", SRC, kb=appoint_kb)
        assert r.exit_code == code and says in r.output and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before


def test_correct_note_rewords_any_facts_note_and_keeps_the_old_wording(run, appoint_kb):
    _ok(run("add-gap", "Chair of the Xland Senate", "--from", "1991-01-01", "--to", "1995-01-01", "--reason",
            "vacant (s3)", "--source", SRC, kb=appoint_kb))
    gap = "https://w3id.org/succession-kb/id/gap/c/1991-01-01"
    _ok(run("correct-note", gap, "--note", "vacant", "--reason", "research id removed", "--source", SRC, kb=appoint_kb))
    hist = run("history", "Chair of the Xland Senate", kb=appoint_kb).stdout
    assert "Gap 1991-01-01 to 1995-01-01: vacant" in hist and "(s3)" not in hist, hist
    log = json.loads(_ok(run("log", "--format", "json", kb=appoint_kb)).stdout)
    assert log[0]["edit"] == "correct-note"
    before = snapshot(appoint_kb)
    for argv, says in (([gap, "--note", "two\nlines"], "line breaks"),
                       (["https://w3id.org/succession-kb/id/gap/nowhere/1991", "--note", "x"], "unknown node"),
                       (["https://example.org/elsewhere", "--note", "x"], "unknown node")):
        r = run("correct-note", *argv, "--source", SRC, kb=appoint_kb)
        assert r.exit_code == 2 and says in r.output and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before
    _ok(run("undo", kb=appoint_kb))
    assert "vacant (s3)" in run("history", "Chair of the Xland Senate", kb=appoint_kb).stdout


@pytest.mark.parametrize("start,end,ok", [
    ("1999-01-01", "2000-01-01", True),    # ends on the holder's first day: the hand-over day is not held twice
    ("1999-01-01", "2000-01-02", False),   # one day into the tenure
    ("1999", "2000", True),                 # a year-precise end that may be 1 January: not certainly held
    ("1999", "2001", False),
    ("1990-01-01", "1999-12-31", True),
    ("2005-01-01", None, False),            # an open gap inside the open tenure
    ("2026-12-01", "2026-12-05", False),
])
def test_a_gap_is_refused_on_days_a_recorded_tenure_certainly_covers(run, appoint_kb, start, end, ok):
    """'No holder' cannot be recorded for days someone certainly held the office (Alpha Ant, President of
    Xland from 2000-01-01, open); days an imprecise date only may cover are left to the sources."""
    before = snapshot(appoint_kb)
    r = run("add-gap", "President of Xland", "--from", start, *(["--to", end] if end else []), "--reason", "vacant",
            "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
        return
    _refused(r, appoint_kb, before, "Alpha Ant held President of Xland from 2000-01-01 to now (open), inside the gap", 1)


@pytest.mark.parametrize("day,ok", [("2005-03-09", False), ("2005-03-10", True), ("2005-02", False), ("2005-03", True),
                                    ("2004", False), ("2005", True)])
@pytest.mark.parametrize("command", ["appoint", "add-tenure"])
def test_no_tenure_begins_before_its_office_was_established(run, appoint_kb, day, ok, command):
    """The office's first day is the boundary: a start that certainly falls before it is refused, one
    whose month or year may fall on or after it is kept (as a succession rule already was)."""
    _ok(run("add-office", "Speaker of the Xland Assembly", "--kind", "chamber-chair", "--country", "Xland",
            "--established", "2005-03-10", "--source", SRC, kb=appoint_kb))
    before = snapshot(appoint_kb)
    args = (["appoint", "Gamma Gnu", "Speaker of the Xland Assembly", "--date", day] if command == "appoint" else
            ["add-tenure", "Gamma Gnu", "Speaker of the Xland Assembly", "--start", day, "--end", "2010-01-01"])
    r = run(*args, "--source", SRC, kb=appoint_kb)
    if ok:
        _ok(r)
    else:
        _refused(r, appoint_kb, before, f"Speaker of the Xland Assembly was established on 2005-03-10; a tenure from "
                                        f"{day} would begin before the office existed", 1)


def test_an_office_whose_recorded_holders_predate_its_establishment_date_is_not_judged_by_it(run, appoint_kb):
    """A post renamed or re-founded (a Soviet city chairmanship recorded as the mayoralty) carries the new
    form's date while its recorded holders go back further: an earlier holder is accepted there."""
    _ok(run("correct-office", "President of Xland", "--set", "established=2001-01-01", "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Gamma Gnu", "President of Xland", "--start", "1995-01-01", "--end", "1996-01-01",
            "--source", SRC, kb=appoint_kb))


@pytest.mark.parametrize("day,exists", [("2004-12-31", False), ("2005-03-09", False), ("2005-03-10", True),
                                        ("2026-01-01", True)])
def test_an_office_not_yet_established_is_not_listed_as_vacant(run, appoint_kb, day, exists):
    """`current` on a past date lists the offices that existed then; `who-holds` says an office did not
    exist yet rather than calling the record incomplete."""
    _ok(run("add-office", "Speaker of the Xland Assembly", "--kind", "chamber-chair", "--country", "Xland",
            "--established", "2005-03-10", "--replaces", "Chair of the Xland Senate", "--source", SRC, kb=appoint_kb))
    rows = json.loads(run("current", "--on", day, "--format", "json", kb=appoint_kb).stdout)
    assert ("Speaker of the Xland Assembly" in {r["office"] for r in rows}) == exists, rows
    out = run("who-holds", "Speaker of the Xland Assembly", "--on", day, kb=appoint_kb).stdout
    said = ("The office did not exist yet: it was established on 2005-03-10, replacing Chair of the Xland Senate "
            f"(succession who-holds \"Chair of the Xland Senate\" --on {day}).")
    assert (said in out) == (not exists), out


@pytest.mark.parametrize("target,field,date,code,message", [
    ("tenure/a", "end", "2001-01-01", 1, "records no end; record the end itself"),     # an open tenure
    ("tenure/a", "start", "1999-12-31", 0, None),
    ("tenure/a", "born", "1950", 2, "is not a person: born is a field of persons"),
    ("person/a", "start", "1950", 2, "is not a tenure: start is a field of tenures"),
    ("person/a", "died", "2020", 1, "records no died"),
])
def test_an_alternative_date_needs_the_date_it_disputes(run, appoint_kb, target, field, date, code, message):
    """Another source's date is recorded beside the one in use; with none in use (an open tenure, an
    unrecorded death) there is nothing to dispute, and the history would print 'None' as the date used."""
    before = snapshot(appoint_kb)
    r = run("add-alt-date", f"https://w3id.org/succession-kb/id/{target}", "--field", field, "--date", date,
            "--source", SRC, kb=appoint_kb)
    if code == 0:
        _ok(r)
        assert "None" not in run("history", "President of Xland", kb=appoint_kb).stdout
        return
    _refused(r, appoint_kb, before, message, code)


def test_an_alternative_date_outside_the_tenure_is_refused(run, appoint_kb):
    _ok(run("add-tenure", "Gamma Gnu", "Chair of the Xland Senate", "--start", "1990-01-01", "--end", "1995-06-01",
            "--source", SRC, kb=appoint_kb))
    hist = json.loads(run("history", "Chair of the Xland Senate", "--format", "json", kb=appoint_kb).stdout)
    (t,) = [h["tenure_iri"] for h in hist if h["person"] == "Gamma Gnu"]
    before = snapshot(appoint_kb)
    _refused(run("add-alt-date", t, "--field", "end", "--date", "1989", "--source", SRC, kb=appoint_kb), appoint_kb,
             before, "alternative end 1989 is before the recorded start 1990-01-01", 2)
    _refused(run("add-alt-date", t, "--field", "start", "--date", "1996", "--source", SRC, kb=appoint_kb), appoint_kb,
             before, "alternative start 1996 is after the recorded end 1995-06-01", 2)
    _ok(run("add-alt-date", t, "--field", "end", "--date", "1995-07", "--source", SRC, kb=appoint_kb))


@pytest.mark.parametrize("argv,message", [
    (["rename", "President of Xland", "Head of State of Xland", "--kind", "office", "--date", "2099-01-01"],
     "date of the change 2099-01-01 is after today"),
    (["add-person", "Omega Owl", "--published", "2099-01-01"], "publication date 2099-01-01 is after today"),
    (["who-holds", "President of Xland", "--as-recorded", "2099-01-01"], "--as-recorded 2099-01-01 is after today"),
])
def test_no_date_after_today_is_taken_for_what_has_happened(run, appoint_kb, argv, message):
    before = snapshot(appoint_kb)
    r = run(*argv, *(["--source", SRC] if argv[0] != "who-holds" else []), kb=appoint_kb)
    _refused(r, appoint_kb, before, message, 2)


# ---------------------------------------------------------------- names have letters; seats are bounded; offices relink


@pytest.mark.parametrize("argv", [
    ["add-person", "12345"], ["add-person", "1 2"], ["add-person", "Alpha Zed", "--alias", "007"],
    ["add-office", "1234", "--kind", "minister", "--country", "Xland"],
])
def test_a_name_without_a_letter_is_refused_and_nothing_written(run, appoint_kb, argv):
    before = snapshot(appoint_kb)
    r = run(*argv, "--source", SRC, kb=appoint_kb)
    assert r.exit_code != 0 and "must contain letters" in r.output and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before


def test_a_batch_name_that_is_a_number_is_refused(run, appoint_kb, tmp_path):
    batch = tmp_path / "b.yaml"
    batch.write_text(f"- command: add-person\n  name: 12345\n  source: {SRC}\n")
    before = snapshot(appoint_kb)
    r = run("apply", str(batch), kb=appoint_kb)
    assert r.exit_code != 0 and "must contain letters" in r.output, r.output
    assert snapshot(appoint_kb) == before


@pytest.mark.parametrize("seats,ok", [("0", False), ("1", True), ("9999", True), ("10000", False),
                                      ("99999999999999999999", False), ("-3", False)])
def test_add_office_seats_are_bounded(run, appoint_kb, seats, ok):
    before = snapshot(appoint_kb)
    r = run("add-office", "Minister of Xland", "--kind", "minister", "--country", "Xland", "--seats", seats,
            "--source", SRC, kb=appoint_kb)
    assert (r.exit_code == 0) == ok, r.output
    if not ok:
        assert snapshot(appoint_kb) == before and r.output.count("\n") == 1, r.output


def test_add_office_on_a_recorded_office_adds_sourced_aliases_and_a_replaces_link(run, appoint_kb):
    _ok(run("abolish-office", "Chair of the Xland Senate", "--date", "2010-01-01", "--source", SRC, kb=appoint_kb))
    _ok(run("add-office", "Speaker of the Xland Chamber", "--kind", "chamber-chair", "--country", "Xland",
            "--source", SRC, kb=appoint_kb))
    r = run("add-office", "Speaker of the Xland Chamber", "--kind", "chamber-chair", "--country", "Xland",
            "--replaces", "Chair of the Xland Senate", "--alias", "Xland lower house speaker",
            "--source", "https://example.org/t", kb=appoint_kb)
    _ok(r)
    assert "aliases added: Xland lower house speaker" in r.output and "replaces Chair of the Xland Senate" in r.output
    out = " ".join(run("who-holds", "Chair of the Xland Senate", kb=appoint_kb).stdout.split())
    assert "abolished on 2010-01-01; it was replaced by Speaker of the Xland Chamber" in out, out
    assert run("who-holds", "Xland lower house speaker", kb=appoint_kb).stdout.startswith("Speaker of the Xland Chamber")
    # the alias cites the page that gave it
    assert "https://example.org/t" in (appoint_kb / "data.ttl").read_text() or any(
        "https://example.org/t" in p.read_text() for p in appoint_kb.glob("*.ttl"))
    # another office's name is not an alias, and an office does not replace itself
    before = snapshot(appoint_kb)
    for argv in (["--alias", "President of Xland"], ["--replaces", "Speaker of the Xland Chamber"]):
        r = run("add-office", "Speaker of the Xland Chamber", "--kind", "chamber-chair", "--country", "Xland", *argv,
                "--source", SRC, kb=appoint_kb)
        assert r.exit_code != 0 and r.output.count("\n") == 1, r.output
    assert snapshot(appoint_kb) == before


def test_every_vacancy_of_a_head_of_state_shows_sources(run):
    rows = json.loads(run("departures", "--format", "json").stdout)
    assert rows and all(r["sources"] for r in rows), [(r["date"], r["office"]) for r in rows if not r["sources"]]


@pytest.mark.parametrize("alone", [False, True])
def test_correcting_a_start_moves_the_hand_over_unless_it_was_none(run, appoint_kb, alone):
    _ok(run("appoint", "Beta Bee", "President of Xland", "--date", "2005-01-01", "--source", SRC, kb=appoint_kb))
    _ok(run("correct", "Beta Bee", "President of Xland", "--set", "start=2006-01-01",
            *(["--not-a-hand-over"] if alone else []), "--source", SRC, kb=appoint_kb))
    hist = json.loads(run("history", "President of Xland", "--format", "json", kb=appoint_kb).stdout)
    assert [(h["person"], h["start"], h["end"]) for h in hist] == [
        ("Alpha Ant", "2000-01-01", "2005-01-01" if alone else "2006-01-01"), ("Beta Bee", "2006-01-01", None)]
    assert (hist[1]["predecessor"] is None) == alone, hist[1]
    _ok(run("validate", kb=appoint_kb))
    r = run("correct", "Beta Bee", "President of Xland", "--set", "acting=true", "--not-a-hand-over", "--source", SRC,
            kb=appoint_kb)
    assert r.exit_code != 0 and "--not-a-hand-over" in r.output and r.output.count("\n") == 1, r.output


@pytest.mark.parametrize("day,says", [
    ("2010-03-01", "Alpha Ant: left before 2010-06-01: a page shows Beta Bee in this seat on 2010-06-01"),
    ("2010-06-01", "Alpha Ant: probably no longer in office on 2010-06-01: a page shows Beta Bee in this seat on 2010-06-01"),
    ("2010-09-01", "Alpha Ant: probably no longer in office on 2010-09-01"),
    ("2012-03-01", "Gamma Gnu: probably not yet in office on 2012-03-01: a page shows Beta Bee in this seat on 2012-05-01"),
    ("2012-05-01", "Gamma Gnu: probably not yet in office on 2012-05-01"),
    ("2012-09-01", "Gamma Gnu: began after 2012-05-01"),
    ("2013-03-01", None),  # outside the year the start is known to: the page says nothing of that day
])
def test_a_page_inside_an_imprecise_start_or_end_says_which_side_of_the_hand_over_a_day_lies(run, appoint_kb, day, says):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2010", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("add-tenure", "Gamma Gnu", "President of Xland", "--start", "2012", "--source", SRC, kb=appoint_kb))
    for on in ("2010-06-01", "2012-05-01"):
        _ok(run("attest", "President of Xland", "--holder", "Beta Bee", "--on", on, "--source", SRC, kb=appoint_kb))
    out = " ".join(run("who-holds", "President of Xland", "--on", day, kb=appoint_kb).stdout.split())
    if says is None:
        assert "in this seat" not in out, out
    else:
        assert says in out, out


@pytest.mark.parametrize("day,says", [
    ("2012-01-01", "Nearest page after 2012-01-01: Beta Bee was in office on 2015-01-01"),
    ("2017-06-01", "Nearest page on or before 2017-06-01: Beta Bee was in office on 2015-01-01"),
    ("2020-01-01", "Nearest page on or before 2020-01-01: Gamma Gnu was in office on 2020-01-01"),
    ("2025-01-01", "Nearest page on or before 2025-01-01: Gamma Gnu was in office on 2020-01-01"),
])
def test_several_people_attested_in_an_undated_stretch_lead_with_the_page_nearest_the_day(run, appoint_kb, day, says):
    _ok(run("end-tenure", "Alpha Ant", "President of Xland", "--date", "2010-05-01", "--reason", "resignation",
            "--source", SRC, kb=appoint_kb))
    _ok(run("attest", "President of Xland", "--holder", "Beta Bee", "--on", "2015-01-01", "--source", SRC, kb=appoint_kb))
    one = run("who-holds", "President of Xland", "--on", day, kb=appoint_kb).stdout
    assert "Nearest page" not in one, one  # one person seen: nothing to choose between
    _ok(run("attest", "President of Xland", "--holder", "Gamma Gnu", "--on", "2020-01-01", "--source", SRC, kb=appoint_kb))
    out = " ".join(run("who-holds", "President of Xland", "--on", day, kb=appoint_kb).stdout.split())
    assert says in out, out
