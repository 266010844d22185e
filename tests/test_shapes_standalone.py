"""The shapes stand alone: pySHACL with the ontology as extra axioms and RDFS inference, on data
that does not contain the ontology, gives the same verdict as `validate` (README, "Validation")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from conftest import BASE, PREFIXES, ROOT
from test_validate import SHAPE_EXAMPLES, TENURE_A

ONTOLOGY = ROOT / "ontology" / "succession.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# inference may add labels, not remove constraints: these must fail standalone as they fail in validate.
# Under RDFS a wrong value takes the range's class (an office used as a holder becomes a person too),
# so that mistake shows as a node of two kinds.
TWO_KINDS = "a node is of one kind only"
STANDALONE_EXAMPLES = {
    **SHAPE_EXAMPLES,
    "holder is not a person": (SHAPE_EXAMPLES["holder is not a person"][0], TWO_KINDS),
    "tagged alternative label": ("""person:a skos:altLabel "Альфа"@ru .""", "skos:altLabel"),
    "untagged native name": ("""person:a sk:name "Alfa" .""", "native names carry a language tag"),
    "unknown office kind": ("""office:p sk:officeKind kind:emperor .""", "not an office kind"),
    "unknown exit reason": ("""
t:x a sk:Tenure ; sk:holder person:a ; sk:office office:c ; sk:start "2005"^^xsd:gYear ; sk:end "2006"^^xsd:gYear ;
    sk:acting false ; sk:exitReason exit:vanished ; prov:wasDerivedFrom source:s .""", "not an exit reason"),
    "verification's holder is not a person": ("""
v:1 a sk:Verification ; sk:office office:p ; sk:date "2020-01-01"^^xsd:date ; sk:holder office:c ;
    prov:wasDerivedFrom source:s .""", TWO_KINDS),
}


def standalone(data: rdflib.Graph) -> tuple[bool, str]:
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    ont = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="rdfs")
    return conforms, text


def parse(turtle: str) -> rdflib.Graph:
    prefixes = PREFIXES + "@prefix v: <https://w3id.org/succession-kb/id/verification/> .\n"
    return rdflib.Graph().parse(data=prefixes + turtle, format="turtle")


def test_valid_example_conforms_standalone():
    conforms, text = standalone(parse(BASE + TENURE_A + """
person:a sk:name "Альфа"@ru ; skos:altLabel "Alfa Ant" .
v:1 a sk:Verification ; sk:office office:p ; sk:date "2020-01-01"^^xsd:date ; sk:holder person:a, person:b ;
    prov:wasDerivedFrom source:s ."""))
    assert conforms, text


@pytest.mark.parametrize("name", sorted(STANDALONE_EXAMPLES))
def test_standalone_shapes_catch_example(name):
    turtle, expected = STANDALONE_EXAMPLES[name]
    conforms, text = standalone(parse(BASE + turtle))
    assert not conforms and expected in text, text


def test_controlled_lists_in_shapes_equal_the_ontology():
    """The shapes spell the controlled lists out (sh:in); they must list exactly each scheme's concepts."""
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    ont = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    skos = rdflib.SKOS
    found = {}
    for shape, members in shapes.subject_objects(SH["in"]):
        if str(shape).endswith("Concept"):
            found[str(shape)] = set(rdflib.collection.Collection(shapes, members))
    schemes = {"EntryMode": "EntryModes", "ExitReason": "ExitReasons", "OfficeKind": "OfficeKinds",
               "Kinship": "Kinships", "EditionKind": "EditionKinds", "ClaimStage": "ClaimStages",
               "ElectionKind": "ElectionKinds"}
    assert {s.rsplit("#", 1)[1] for s in found} == {f"{k}Concept" for k in schemes}
    for shape, members in found.items():
        scheme = rdflib.URIRef("https://w3id.org/succession-kb/ontology#" + schemes[shape.rsplit("#", 1)[1][:-7]])
        assert members == set(ont.subjects(skos.inScheme, scheme)), shape


@pytest.mark.slow
def test_standalone_command_conforms_on_the_kb(tmp_path: Path):
    """The README's command, verbatim: the kb's files concatenated, without the ontology."""
    merged = tmp_path / "kb.ttl"
    merged.write_text("".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "kb").glob("*.ttl"))),
                      encoding="utf-8")
    pyshacl = Path(sys.executable).parent / "pyshacl"
    r = subprocess.run([str(pyshacl), "-s", str(SHAPES), "-e", str(ONTOLOGY), "-i", "rdfs", str(merged)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "Conforms: True" in r.stdout, r.stdout[-3000:]


@pytest.mark.parametrize("name", sorted(set(STANDALONE_EXAMPLES) - set(SHAPE_EXAMPLES)))
def test_validate_catches_the_same_examples(tmp_path, name):
    """Same verdict in `validate` (ontology merged, no inference) for the examples added here."""
    from test_validate import violations

    turtle = STANDALONE_EXAMPLES[name][0]
    if "v:1" in turtle:
        turtle = turtle.replace("v:1", "<https://w3id.org/succession-kb/id/verification/x>")
    assert [v for v in violations(tmp_path, turtle) if v.check == "shape"]
