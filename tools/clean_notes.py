"""Write a batch that replaces the research hand-off ids ("s84", "per s71/s32") left in tenure and rule
notes by the publisher of the page each id stood for, read from the hand-off file the note came from
(research/**/*.yaml), and drops sentences that only point at a hand-off file. The batch goes through
`succession apply` (`correct ... note=` and `amend-rule ... note=`), so every old note stays as a
correction. Usage: python tools/clean_notes.py OUT.yaml"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox
import yaml

ROOT = Path(__file__).resolve().parent.parent
SID = re.compile(r"\bs([0-9]{1,3})\b")
Q = """PREFIX sk: <https://w3id.org/succession-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?node ?class ?comment ?holder ?office ?start (MIN(STR(?url)) AS ?src) WHERE {
  ?node rdfs:comment ?comment ; a ?class ; prov:wasDerivedFrom/schema:url ?url .
  VALUES ?class { sk:Tenure sk:SuccessionRule }
  OPTIONAL { ?node sk:holder ?holder ; sk:office ?office ; sk:start ?start }
} GROUP BY ?node ?class ?comment ?holder ?office ?start"""


def sources_of(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("id"), str) and re.fullmatch(r"s[0-9]+", x["id"]) and x.get("url"):
                out[x["id"]] = x.get("publisher") or re.sub(r"^https?://(www\.)?([^/]+).*", r"\2", x["url"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def main(out: Path) -> int:
    out = out.resolve()
    files = sorted((ROOT / "research").rglob("*.yaml"))
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    store = ox.Store()
    for p in sorted((ROOT / "kb").glob("*.ttl")):
        store.load(path=str(p), format=ox.RdfFormat.TURTLE)
    rows, skipped = [], 0
    for r in store.query(Q):
        note = r["comment"].value
        if not SID.search(note) and ".yaml" not in note:
            continue
        probe = re.sub(r"\s+", " ", note[:40])
        wanted = {m.group(0) for m in SID.finditer(note)}
        ids: dict[str, str] = {}
        for p, t in texts.items():  # the hand-off file holding this note and every id it uses
            if p != out.resolve() and probe in re.sub(r"\s+", " ", t):
                found = sources_of(p)
                if wanted <= set(found):
                    ids = found
                    break
        missing = sorted(wanted - set(ids))
        if missing:
            skipped += 1
            continue
        new = SID.sub(lambda m, ids=ids: ids[m.group(0)], note)
        new = " ".join(s for s in re.split(r"(?<=\.) ", new) if ".yaml" not in s)
        if new == note or not new.strip():
            continue
        row = {"set": [f"note={new}"], "reason": "Editorial: research hand-off ids replaced by the publishers they stood for",
               "source": r["src"].value}
        if r["class"].value.endswith("#Tenure"):
            row = {"command": "correct", "person": r["holder"].value, "office": r["office"].value,
                   "start": r["start"].value, **row}
        else:
            row = {"command": "amend-rule", "rule": r["node"].value, **row}
        rows.append(row)
    rows.sort(key=lambda x: (x["command"], x.get("rule") or x.get("person"), x.get("start", "")))
    out.write_text(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
    print(f"{len(rows)} notes cleaned, {skipped} left (an id not found in the hand-off file)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
