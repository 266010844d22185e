"""validate: shapes and SPARQL checks, each with a failing inline-Turtle example, and exit codes 0/1/2."""

from __future__ import annotations

import shutil

import pytest
from conftest import BASE, ROOT, write_kb

from succession.kb import KnowledgeBase
from succession.queries import list_checks
from succession.validate import validate_kb

TENURE_A = """
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ;
    sk:end "2010-01-01"^^xsd:date ; sk:acting false ; sk:successor t:b ; prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2010-01-01"^^xsd:date ;
    sk:acting false ; sk:predecessor t:a ; prov:wasDerivedFrom source:s .
"""


def violations(tmp_path, turtle: str) -> list:
    return validate_kb(KnowledgeBase(write_kb(tmp_path / "kb", BASE + turtle)))


def test_valid_example_passes(tmp_path):
    assert violations(tmp_path, TENURE_A) == []


# Each check: an example that it must catch. A check without an example here fails the test below.
CHECK_EXAMPLES = {
    "alternative-date-without-value-violation": TENURE_A + """
e:altx a sk:AlternativeDate ; sk:about t:b ; sk:property sk:end ; sk:date "2012"^^xsd:gYear ;
    prov:wasDerivedFrom source:s .""",
    "overlapping-tenures-violation": TENURE_A + """
t:c a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2012-01-01"^^xsd:date ;
    sk:acting false ; prov:wasDerivedFrom source:s .""",
    "end-before-start-violation": """
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005"^^xsd:gYear ;
    sk:end "2004-12-31"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .""",
    "predecessor-link-violation": """
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ;
    sk:end "2011-01-01"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2011-01-01"^^xsd:date ;
    sk:acting false ; sk:predecessor t:a ; prov:wasDerivedFrom source:s .""",
    "missing-source-violation": """
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005"^^xsd:gYear ; sk:acting false .""",
    "event-mismatch-violation": TENURE_A + """
e:1 a sk:SuccessionEvent ; sk:office office:p ; sk:date "2010-02-01"^^xsd:date ; sk:incoming t:b ;
    sk:outgoing t:a ; prov:wasDerivedFrom source:s .""",
    "tenure-after-death-violation": """
person:d a sk:Person ; rdfs:label "Dead Dan"@en ; sk:deathDate "1999"^^xsd:gYear ; prov:wasDerivedFrom source:s .
t:x a sk:Tenure ; sk:holder person:d ; sk:office office:c ; sk:start "2001-03-01"^^xsd:date ;
    sk:acting false ; prov:wasDerivedFrom source:s .""",
    "duplicate-wikidata-violation": """
person:a sk:wikidata "Q42" . person:b sk:wikidata "Q42" .""",
    "tenure-before-birth-violation": """
person:u a sk:Person ; rdfs:label "Unborn Una"@en ; sk:birthDate "2030-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .
t:x a sk:Tenure ; sk:holder person:u ; sk:office office:c ; sk:start "2017"^^xsd:gYear ;
    sk:acting false ; prov:wasDerivedFrom source:s .""",
    "rule-order-overlap-violation": """
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "A" ; prov:wasDerivedFrom source:s .
rule:b a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    sk:inForceFrom "2010-01-01"^^xsd:date ; sk:legalBasis "B" ; prov:wasDerivedFrom source:s .""",
    "rule-without-start-violation": """
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    sk:legalBasis "A" ; prov:wasDerivedFrom source:s .""",
    "rule-acting-office-absent-violation": """
office:c sk:abolished "2005-01-01"^^xsd:date .
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "A" ; prov:wasDerivedFrom source:s .""",
    "rule-outside-edition-violation": """
ed:x a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:inForceFrom "2000-01-01"^^xsd:date ;
    sk:inForceUntil "2010-01-01"^^xsd:date .
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:x ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "A" ; prov:wasDerivedFrom source:s .""",
    "tenure-after-abolition-violation": """
office:c sk:abolished "2005-01-01"^^xsd:date .
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2001-03-01"^^xsd:date ;
    sk:acting false ; prov:wasDerivedFrom source:s .""",
    "undeclared-departure-violation": """
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "A" ; prov:wasDerivedFrom source:s .
person:z a sk:Person ; rdfs:label "Zeta Zed"@en ; prov:wasDerivedFrom source:s .
t:c a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2001-01-01"^^xsd:date ;
    sk:acting false ; prov:wasDerivedFrom source:s .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:end "2010-05-05"^^xsd:date ;
    sk:exitReason exit:death ; sk:acting false ; sk:successor t:z ; prov:wasDerivedFrom source:s .
t:z a sk:Tenure ; sk:holder person:z ; sk:office office:p ; sk:start "2010-05-05"^^xsd:date ;
    sk:acting false ; sk:predecessor t:a ; prov:wasDerivedFrom source:s .""",
    "zero-length-tenure-violation": """
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2001-03-01"^^xsd:date ;
    sk:end "2001-03-01"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .""",
    "term-rule-overlap-violation": """
tr:a a sk:TermRule ; sk:office office:p ; sk:termYears 5 ; sk:termLimit 2 ; sk:inForceFrom "2000-01-01"^^xsd:date ;
    prov:wasDerivedFrom source:s .
tr:b a sk:TermRule ; sk:office office:p ; sk:termYears 7 ; sk:termLimit 1 ; sk:inForceFrom "2005"^^xsd:gYear ;
    prov:wasDerivedFrom source:s .""",
    "term-rule-outside-edition-violation": """
ed:x a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:inForceFrom "2000-01-01"^^xsd:date ;
    sk:inForceUntil "2010-01-01"^^xsd:date .
tr:a a sk:TermRule ; sk:office office:p ; sk:termYears 5 ; sk:termLimit 2 ; sk:edition ed:x ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .""",
    "election-result-violation": """
el:a a sk:Election ; rdfs:label "P election, 2030-01-01"@en ; sk:office office:p ; sk:date "2030-01-01"^^xsd:date ;
    sk:electionKind elkind:regular ; sk:scheduled true ; sk:winner person:a ; prov:wasDerivedFrom source:s .""",
    "election-winner-never-held-violation": TENURE_A + """
el:a a sk:Election ; rdfs:label "P election, 2015-01-01"@en ; sk:office office:p ; sk:date "2015-01-01"^^xsd:date ;
    sk:electionKind elkind:regular ; sk:scheduled false ; sk:winner person:a ; prov:wasDerivedFrom source:s .""",
    "kinship-cycle-violation": """
r:1 a sk:FamilyRelation ; sk:person person:a ; sk:kinship kin:child-of ; sk:relative person:b ;
    prov:wasDerivedFrom source:s .
r:2 a sk:FamilyRelation ; sk:person person:b ; sk:kinship kin:child-of ; sk:relative person:a ;
    prov:wasDerivedFrom source:s .""",
}


def test_every_check_has_an_example():
    assert {c.name for c in list_checks()} == set(CHECK_EXAMPLES)


@pytest.mark.parametrize("check", sorted(CHECK_EXAMPLES))
def test_check_catches_its_example(tmp_path, check):
    found = {v.check for v in violations(tmp_path, CHECK_EXAMPLES[check])}
    assert check in found


# Each date-comparing check: a valid world on its boundary (the hand-over day, a rule's first and last
# day, a bound known only to the year) that it must NOT flag. With CHECK_EXAMPLES this pins the
# comparison on both sides: `<` for `<=` in a check fails one of the two.
EDITION = """
ed:n a sk:LegalEdition ; rdfs:label "Constitution of Xland (1990)"@en ; sk:country place:x ;
    sk:editionKind edkind:constitution ; sk:inForceFrom "1990-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .
"""
NEAR_MISSES = {
    # born the year the tenure starts: possible (a start known only to the year), so no violation
    "tenure-before-birth-violation": """
person:u a sk:Person ; rdfs:label "Young Yu"@en ; sk:birthDate "2017-06-01"^^xsd:date ; prov:wasDerivedFrom source:s .
t:x a sk:Tenure ; sk:holder person:u ; sk:office office:c ; sk:start "2017"^^xsd:gYear ;
    sk:acting false ; prov:wasDerivedFrom source:s .""",
    "end-before-start-violation": """
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005-06-01"^^xsd:date ;
    sk:end "2005"^^xsd:gYear ; sk:acting false ; prov:wasDerivedFrom source:s .
t:y a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2005-06-01"^^xsd:date ;
    sk:end "2005-06-02"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .
person:e a sk:Person ; rdfs:label "Epsilon Eel"@en ; sk:birthDate "1950"^^xsd:gYear ;
    sk:deathDate "1950-12-31"^^xsd:date ; prov:wasDerivedFrom source:s .""",
    "overlapping-tenures-violation": TENURE_A + """
t:c a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2000"^^xsd:gYear ;
    sk:end "2010"^^xsd:gYear ; sk:acting false ; sk:successor t:d ; prov:wasDerivedFrom source:s .
t:d a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2010-06-01"^^xsd:date ;
    sk:acting false ; sk:predecessor t:c ; prov:wasDerivedFrom source:s .""",
    "tenure-after-death-violation": """
person:d a sk:Person ; rdfs:label "Dead Dan"@en ; sk:deathDate "2001"^^xsd:gYear ; prov:wasDerivedFrom source:s .
t:x a sk:Tenure ; sk:holder person:d ; sk:office office:c ; sk:start "2001-12-31"^^xsd:date ;
    sk:end "2001-12-31"^^xsd:gYearMonth ; sk:acting false ; prov:wasDerivedFrom source:s .""".replace(
        '"2001-12-31"^^xsd:gYearMonth', '"2001-12"^^xsd:gYearMonth').replace(
        'sk:start "2001-12-31"^^xsd:date', 'sk:start "2001-12-01"^^xsd:date'),
    "tenure-after-abolition-violation": """
office:c sk:abolished "2010"^^xsd:gYear .
office:p sk:abolished "2010-01-01"^^xsd:date .
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2001-03-01"^^xsd:date ;
    sk:end "2010-12-31"^^xsd:date ; sk:exitReason exit:office-abolished ; sk:acting false ; prov:wasDerivedFrom source:s .
t:y a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2001-03-01"^^xsd:date ;
    sk:end "2010-01-01"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .""",
    "rule-order-overlap-violation": EDITION + """
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:n ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:inForceUntil "2010-01-01"^^xsd:date ; sk:legalBasis "A" ;
    prov:wasDerivedFrom source:s .
rule:b a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:n ;
    sk:inForceFrom "2010-01-01"^^xsd:date ; sk:inForceUntil "2012"^^xsd:gYear ; sk:legalBasis "B" ;
    prov:wasDerivedFrom source:s .
rule:c a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:n ;
    sk:inForceBy "2013-01-01"^^xsd:date ; sk:legalBasis "C" ; prov:wasDerivedFrom source:s .""",
    "rule-outside-edition-violation": """
ed:x a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:country place:x ;
    sk:editionKind edkind:constitution ; sk:inForceFrom "2000-01-01"^^xsd:date ; sk:inForceUntil "2010"^^xsd:gYear ;
    prov:wasDerivedFrom source:s .
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:x ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:inForceUntil "2010-12-31"^^xsd:date ; sk:legalBasis "A" ;
    prov:wasDerivedFrom source:s .""",
    "rule-acting-office-absent-violation": EDITION + """
office:c sk:established "2000-01-01"^^xsd:date ; sk:abolished "2010-01-01"^^xsd:date .
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:n ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:inForceUntil "2010-01-01"^^xsd:date ; sk:legalBasis "A" ;
    prov:wasDerivedFrom source:s .""",
    "zero-length-tenure-violation": """
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2001-03-01"^^xsd:date ;
    sk:end "2001-03-02"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .
t:y a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2001"^^xsd:gYear ;
    sk:end "2001"^^xsd:gYear ; sk:acting true ; prov:wasDerivedFrom source:s .""",
    "event-mismatch-violation": TENURE_A + """
e:1 a sk:SuccessionEvent ; sk:office office:p ; sk:date "2010-01-01"^^xsd:date ; sk:incoming t:b ;
    sk:outgoing t:a ; prov:wasDerivedFrom source:s .
t:c a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2000"^^xsd:gYear ;
    sk:end "2010"^^xsd:gYear ; sk:acting false ; prov:wasDerivedFrom source:s .
e:2 a sk:SuccessionEvent ; sk:office office:c ; sk:date "2010-12-31"^^xsd:date ; sk:outgoing t:c ;
    prov:wasDerivedFrom source:s .""",
    "predecessor-link-violation": TENURE_A,
    "alternative-date-without-value-violation": TENURE_A + """
e:altx a sk:AlternativeDate ; sk:about t:a ; sk:property sk:end ; sk:date "2010"^^xsd:gYear ;
    prov:wasDerivedFrom source:s .
e:alty a sk:AlternativeDate ; sk:about t:b ; sk:property sk:start ; sk:date "2010-02"^^xsd:gYearMonth ;
    prov:wasDerivedFrom source:s .""",
    "undeclared-departure-violation": EDITION + """
rule:a a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:n ;
    sk:inForceFrom "2010-05-05"^^xsd:date ; sk:legalBasis "A" ; prov:wasDerivedFrom source:s .
t:c a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2010-01-01"^^xsd:date ;
    sk:end "2010-05-05"^^xsd:date ; sk:acting false ; prov:wasDerivedFrom source:s .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:end "2010-05-05"^^xsd:date ;
    sk:exitReason exit:death ; sk:acting false ; sk:successor t:z ; prov:wasDerivedFrom source:s .
t:z a sk:Tenure ; sk:holder person:b ; sk:office office:p ; sk:start "2010-05-05"^^xsd:date ;
    sk:acting false ; sk:predecessor t:a ; prov:wasDerivedFrom source:s .""",
}


@pytest.mark.parametrize("check", sorted(NEAR_MISSES))
def test_check_passes_the_valid_world_on_its_boundary(tmp_path, check):
    assert [str(v) for v in violations(tmp_path, NEAR_MISSES[check])] == []


SHAPE_EXAMPLES = {
    "tenure without start": ("""
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:acting false ; prov:wasDerivedFrom source:s .""",
                             "sk:start"),
    "padded fake date": ("""
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005-13" ; sk:acting false ;
    prov:wasDerivedFrom source:s .""", "sk:start"),
    "holder is not a person": ("""
t:x a sk:Tenure ; sk:holder office:p ; sk:office office:c ; sk:start "2005"^^xsd:gYear ; sk:acting false ;
    prov:wasDerivedFrom source:s .""", "sk:holder"),
    "two labels": ("""person:a rdfs:label "Another"@en .""", "rdfs:label"),
    "unknown entry mode": ("""
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005"^^xsd:gYear ; sk:acting false ;
    sk:entryMode mode:magic ; prov:wasDerivedFrom source:s .""", "sk:entryMode"),
    "bad wikidata id": ("""person:a sk:wikidata "42" .""", "sk:wikidata"),
    "source without url": ("""source:t a sk:Source .""", "schema:url"),
    "source of an unknown kind": ("""
source:t a sk:Source ; schema:url "https://example.org/t"^^xsd:anyURI ; sk:sourceKind "blog" .""", "sk:sourceKind"),
    "source without a kind": ("""source:t a sk:Source ; schema:url "https://example.org/t"^^xsd:anyURI .""",
                              "sk:sourceKind"),
    "rule without legal basis": ("""
rule:1 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ;
    prov:wasDerivedFrom source:s .""", "sk:legalBasis"),
    "relation with unknown kinship": ("""
r:1 a sk:FamilyRelation ; sk:person person:a ; sk:kinship kin:friend-of ; sk:relative person:b ;
    prov:wasDerivedFrom source:s .""", "sk:kinship"),
    "office with zero seats": ("""office:z a sk:Office ; rdfs:label "Z"@en ; sk:officeKind kind:other ;
    sk:jurisdiction place:x ; sk:seats 0 ; prov:wasDerivedFrom source:s .""", "sk:seats"),
    "event with neither tenure": ("""
e:1 a sk:SuccessionEvent ; sk:office office:p ; sk:date "2010"^^xsd:gYear ; prov:wasDerivedFrom source:s .""",
                                  "needs an incoming or an outgoing"),
    "exit reason without end": ("""
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005"^^xsd:gYear ; sk:acting false ;
    sk:exitReason exit:death ; prov:wasDerivedFrom source:s .""", "no end date"),
}


@pytest.mark.parametrize("name", sorted(SHAPE_EXAMPLES))
def test_shape_catches_example(tmp_path, name):
    turtle, expected = SHAPE_EXAMPLES[name]
    found = [str(v) for v in violations(tmp_path, turtle) if v.check == "shape"]
    assert any(expected in f for f in found), found


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_validate_cli_on_shipped_kb(run):
    r = run("validate")
    assert r.exit_code == 0, r.output
    assert r.stdout == "OK: the knowledge base conforms to the shapes and passes every check.\n"


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_validate_cli_overlap_names_both_tenures(run, kb_copy):
    with open(kb_copy / "tenures.ttl", "a", encoding="utf-8") as fh:
        fh.write("""
<https://w3id.org/succession-kb/id/tenure/chairman-of-the-majlisi-milli/emomali-rahmon/2010-01-01>
    a sk:Tenure ; sk:holder person:emomali-rahmon ; sk:office office:chairman-of-the-majlisi-milli ;
    sk:start "2010-01-01"^^xsd:date ; sk:end "2011-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:1e7b364412bf80aa .
""")
    r = run("validate", kb=kb_copy)
    assert r.exit_code == 1
    [line] = r.stdout.splitlines()
    assert line.startswith("overlapping-tenures-violation: overlapping tenures of Chairman of the Majlisi Milli: ")
    assert "emomali-rahmon/2010-01-01> (Emomali Rahmon from 2010-01-01)" in line
    assert "mahmadsaid-ubaidulloev/2000-04-17> (Mahmadsaid Ubaidulloev from 2000-04-17)" in line
    assert r.stderr == "1 violation(s)\n"


def test_validate_cli_syntax_error_names_file_and_line(run, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    with open(kb / "persons.ttl", "a", encoding="utf-8") as fh:
        fh.write('\nperson:broken rdfs:label "unterminated .\n')
    r = run("validate", kb=kb)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: {kb / 'persons.ttl'}: Turtle syntax error: Parser error")
    assert "line" in r.stderr and r.stderr.count("\n") == 1


def test_validate_since_a_valid_state_checks_what_changed(run, kb_copy, tmp_path):
    """`validate --since` (a folder or git revision known to be valid) runs the shapes on the changed nodes and
    the nodes pointing at them, every check on the whole: it passes a good edit, catches a broken node, and a
    revision form works; a spec that is neither is a one-line error."""
    from conftest import KB

    assert run("verify", "President of Tajikistan", "--holder", "Emomali Rahmon", "--on", "2026-12-01",
               "--source", "https://president.tj/en", kb=kb_copy).exit_code == 0
    assert run("validate", "--since", str(KB), kb=kb_copy).exit_code == 0
    # a hand edit that breaks a shape on one node (a person with no English label) is caught
    text = (kb_copy / "persons.ttl").read_text(encoding="utf-8")
    broken = text.replace('rdfs:label "Emomali Rahmon"@en', 'rdfs:label "Emomali Rahmon"@tg', 1)
    assert broken != text
    (kb_copy / "persons.ttl").write_text(broken, encoding="utf-8")
    r = run("validate", "--since", str(KB), kb=kb_copy)
    assert r.exit_code == 1 and "emomali-rahmon" in r.stdout and "English" in r.stdout, r.output
    # git revisions of the project's own kb/ (unchanged since HEAD: nothing to check on shapes)
    r = run("validate", "--since", "HEAD")
    assert r.exit_code == 0, r.output
    for bad in ("no-such-folder-or-rev~~", "--x", "HEAD:kb/../../etc"):
        r = run("validate", "--since", bad, kb=kb_copy)
        assert r.exit_code != 0 and r.output.count("\n") == 1, (bad, r.output)
