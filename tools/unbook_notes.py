"""Write a batch of `correct-note` rows that take the researchers' bookkeeping out of the notes users read:
source ids ("s9", "(s84)"), round numbers, hand-off file names, "the brief", and the doubled publisher names
an earlier clean-up left ("Asia-Plus (Asia-Plus)"). Every note of a tenure, verification, attestation,
departure, gap, rule or alternative date is checked; the first cited page of the node is the row's source.
The batch goes through `succession apply`, so every old wording stays as a correction.
Usage: python tools/unbook_notes.py OUT.yaml"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from research_batch import unbooked  # noqa: E402

from succession.api import Succession  # noqa: E402

Q = """PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?node ?note (MIN(STR(?url)) AS ?src) WHERE {
  { ?node rdfs:comment ?note } UNION { ?node sk:reason ?note }
  FILTER NOT EXISTS { ?node a sk:Correction }
  ?node prov:wasDerivedFrom/schema:url ?url .
} GROUP BY ?node ?note"""
LEAK = re.compile(r"\b[sr]\d{1,3}\b|\.yaml\b|\bthe brief\b|added after fact-check|\bround \d|hand-off", re.I)
DOUBLED = re.compile(r"\b([A-Z][\w./-]*(?: [A-Z][\w./-]*)*) \(\1\)")


def clean(text: str) -> str:
    out = unbooked(text)
    out = re.sub(r"\s*\(?(?:per|in|see|from)?\s*[\w-]+\.yaml\)?", "", out)
    out = re.sub(r"\bThe brief cites\b", "One account cites", out)
    out = re.sub(r",?\s*added after fact-check", "", out)
    out = DOUBLED.sub(r"\1", out)
    return " ".join(out.split())


def main() -> None:
    s = Succession()
    rows = []
    for r in s.engine.select(Q).records():
        note = str(r["note"])
        if not (LEAK.search(note) or DOUBLED.search(note)):
            continue
        new = clean(note)
        if new != note and new:
            rows.append({"command": "correct-note", "target": r["node"], "note": new,
                         "reason": "research bookkeeping (source ids, file names) taken out of the note",
                         "source": r["src"]})
    Path(sys.argv[1]).write_text(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(rows)} rows -> {sys.argv[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
