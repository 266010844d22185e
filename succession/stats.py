"""Tenure statistics per office, in the spirit of the Archigos leader data set: how many held it, how
long they stayed (median, longest), and how their tenures ended."""

from __future__ import annotations

import datetime as _dt
import statistics
from collections import Counter, defaultdict

from .coverage import MAIN_KINDS
from .dates import PDate
from .namespaces import sparql_prefixes

_TENURES = """
SELECT ?office ?officeLabel ?kind ?country ?holder ?start ?end ?acting ?exit WHERE {
  ?t a sk:Tenure ; sk:office ?office ; sk:holder/rdfs:label ?holder ; sk:start ?start ; sk:acting ?acting .
  ?office rdfs:label ?officeLabel ; sk:officeKind/skos:prefLabel ?kind ; sk:jurisdiction/sk:country/rdfs:label ?country .
  OPTIONAL { ?t sk:end ?end }
  OPTIONAL { ?t sk:exitReason/skos:prefLabel ?exit }
}"""


def tenure_stats(select, country: str | None = None, all_kinds: bool = False) -> list[dict]:
    rows = select(sparql_prefixes() + _TENURES).rows
    per: dict[str, list] = defaultdict(list)
    meta: dict[str, tuple] = {}
    for r in rows:
        if country and r["country"].value != country:
            continue
        if not all_kinds and r["kind"].value not in MAIN_KINDS:
            continue
        office = r["office"].value
        meta[office] = (r["country"].value, r["officeLabel"].value)
        per[office].append(r)
    today = _dt.date.today()
    out = []
    for office, ts in per.items():
        years: dict[str, float] = defaultdict(float)  # per holder, consecutive tenures added up
        exits = Counter()
        for r in ts:
            start = PDate(r["start"].value).midpoint()
            end = PDate(r["end"].value).midpoint() if r["end"] is not None else today
            years[r["holder"].value] += max(0.0, (end - start).days / 365.25)
            exits[r["exit"].value if r["exit"] is not None else "in office or unknown"] += 1
        longest = max(years.items(), key=lambda kv: kv[1])
        out.append({
            "country": meta[office][0], "office": meta[office][1], "office_iri": office, "tenures": len(ts),
            "acting": sum(1 for r in ts if r["acting"].value == "true"), "holders": len(years),
            "median_years": round(statistics.median(years.values()), 1), "longest": longest[0],
            "longest_years": round(longest[1], 1),
            "exits": ", ".join(f"{k} {v}" for k, v in sorted(exits.items(), key=lambda kv: (-kv[1], kv[0]))),
        })
    return sorted(out, key=lambda x: (x["country"], x["office"]))
