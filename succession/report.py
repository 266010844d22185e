"""A static, self-contained HTML report: an index with each country's headline facts, one page per
country (current holders with their last verification, the line of succession today, family in
office, the timeline), per office (succession table, rules over time, departures from them) and per
person (offices, relatives with the kinship path, claims), with sources as titled links, a "data as
of" date on every page, and a client-side search over people and offices (a small JavaScript index,
no server: it works when index.html is opened from disk).

Everything comes from the library's answers (``Succession`` methods), gathered once: a page never runs
a query of its own, so the whole site costs about as much as the answers it shows.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from .model import slug

MAIN = ("head of state", "head of government", "chamber chair", "mayor")
VERTICAL = ("head of the security service", "security council", "head of the presidential administration",
            "deputy head of government", "minister", "prosecutor-general", "central bank", "governor")

CSS = """*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:0 auto;padding:0 12px 2em;
color:#222;line-height:1.45}
header{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;padding:.6em 0;border-bottom:1px solid #ddd}
header nav{display:flex;flex-wrap:wrap;gap:.3em .9em}
h1{font-size:1.6em;margin:.6em 0 .3em;overflow-wrap:anywhere}h2{font-size:1.2em;margin-top:1.6em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid #ddd;padding:.3em .45em;text-align:left;vertical-align:top;overflow-wrap:normal}
td.n{white-space:nowrap}.nw{white-space:nowrap}
th{background:#f3f3f3}.acting{font-style:italic}.note{color:#555;font-size:.9em}
details summary{cursor:pointer;font-size:.85em;color:#0b5394}
.src{margin:0;padding-left:1.1em;font-size:.8em}.src li{margin:.1em 0}
a{color:#0b5394;overflow-wrap:anywhere}p,li{overflow-wrap:anywhere}.pic{overflow-x:auto;border:1px solid #eee}.pic img{display:block;max-width:none;height:auto}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:.8em}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em .8em}.card h2{margin:.1em 0 .4em}
.gantt{position:relative;font-size:.85em}.g{margin:.15em 0}.g .bar{display:block;box-sizing:border-box;height:.7em;background:#a6cee3;
border:1px solid #4a6f8a;min-width:3px}.g.fam .bar{background:#fdb863}.g.act .bar{opacity:.6}
.g.seen{font-style:italic}.g .track{display:block;position:relative;height:.7em}.g .dia{position:absolute;top:.05em;
width:.55em;height:.55em;margin-left:-.28em;background:#1f78b4;border:1px solid #222;transform:rotate(45deg)}
.search{position:relative;flex:1 1 220px;max-width:360px}.search input{width:100%;padding:.35em .5em;font-size:1em}
#hits{position:absolute;z-index:9;left:0;right:0;background:#fff;border:1px solid #ccc;list-style:none;margin:0;
padding:0}#hits:empty{display:none}#hits li{padding:.3em .5em;border-top:1px solid #eee}#hits small{color:#666}
footer{margin-top:2em;color:#666;font-size:.85em;border-top:1px solid #ddd;padding-top:.5em}
@media (max-width:600px){body{font-size:15px}th,td{padding:.25em .3em}h1{font-size:1.35em}}"""

SEARCH_JS = r"""(function(){
var I=window.SUCCESSION_INDEX,root=document.body.getAttribute('data-root')||'';
function fold(t){t=t.normalize('NFKC').toLowerCase();var o='';for(var ch of t){o+=(ch in I.cyr)?I.cyr[ch]:ch;}
 o=o.normalize('NFKD').replace(/[\u0300-\u036f]/g,'').replace(/[\u02bb\u02bc\u2019'`\u02b9]/g,'');
 return o.replace(/[^0-9a-z]+/g,' ').trim().split(' ').filter(Boolean);}
function ph(w){I.pairs.forEach(function(p){w=w.split(p[0]).join(p[1]);});w=w.replace(/y/g,'i').replace(/(.)\1+/g,'$1');
 return w.length>3?w.replace(/i(?=[aeou])/g,''):w;}
function keys(t){var out=[];fold(t).forEach(function(x){(I.syn[x]||x).split(' ').forEach(function(y){
 if(I.stop.indexOf(y)<0)out.push(ph(y));});});return out;}
function find(t){var q=keys(t);if(!q.length)return[];var hits=[];I.entries.forEach(function(e){var best=0;
 e.k.forEach(function(name){var words=name.split(' '),n=0;q.forEach(function(w){if(words.some(function(x){
 return x.indexOf(w)===0;}))n++;});if(n===q.length)best=Math.max(best,name===q.join(' ')?3:
 words.indexOf(q[0])>=0?2:1);});if(best)hits.push([best,e.r,e]);});
 hits.sort(function(a,b){return b[0]-a[0]||b[1]-a[1]||(a[2].l<b[2].l?-1:1);});return hits.slice(0,12).map(function(h){return h[2];});}
window.successionSearch=find;
var box=document.getElementById('q'),list=document.getElementById('hits');if(!box)return;
box.addEventListener('input',function(){list.innerHTML='';find(box.value).forEach(function(e){var li=document.createElement('li'),
 a=document.createElement('a');a.href=root+e.u;a.textContent=e.l;li.appendChild(a);var s=document.createElement('small');
 s.textContent=' '+e.d;li.appendChild(s);list.appendChild(li);});});
document.querySelector('form.search').addEventListener('submit',function(ev){ev.preventDefault();
 var a=list.querySelector('a');if(a)location.href=a.href;});
})();
"""


def slug_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class Site:
    """Page rendering over answers gathered once."""

    def __init__(self, as_of: str, sources: dict[str, dict], countries: list[str]) -> None:
        self.as_of = as_of
        self.sources = sources
        self.countries = countries

    def page(self, title: str, body: str, depth: int = 1, description: str = "") -> str:
        up = "../" * depth
        nav = "".join(f'<a href="{up}country/{slug(c)}.html">{esc(c)}</a>' for c in self.countries)
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><meta name=\"description\" content=\"{esc(description or title)}\">"
            f"<link rel=\"stylesheet\" href=\"{up}style.css\"></head><body data-root=\"{up}\">"
            f"<header><nav><a href=\"{up}index.html\"><b>succession-kb</b></a>{nav}</nav>"
            "<form class=\"search\" role=\"search\"><input id=\"q\" type=\"search\" placeholder=\"Search people and "
            "offices (any spelling)\" aria-label=\"Search people and offices\" autocomplete=\"off\"><ul id=\"hits\">"
            f"</ul></form></header><main><h1>{esc(title)}</h1>\n{body}\n</main>"
            f"<footer>Data as of {esc(self.as_of)}. Every fact links to the pages it was read from. "
            "Generated by <code>succession report</code>.</footer>"
            f"<script src=\"{up}search-index.js\"></script><script src=\"{up}search.js\"></script></body></html>\n")

    def cite(self, urls: list[str]) -> str:
        """Sources as titled links with their publisher and date."""
        items = []
        for u in urls:
            info = self.sources.get(u, {})
            title = info.get("title") or u
            meta = ", ".join(str(x) for x in (info.get("publisher"), info.get("issued"), info.get("kind")) if x)
            link = f"<a href=\"{esc(u)}\" rel=\"noopener\">{esc(title)}</a>" if u.startswith(("http://", "https://")) \
                else esc(title)
            original = str(info.get("copy_of") or "")
            if original.startswith(("http://", "https://")):
                link += f" (copy of <a href=\"{esc(original)}\" rel=\"noopener\">the original</a>)"
            items.append(f"<li>{link}{f' <span class=note>({esc(meta)})</span>' if meta else ''}</li>")
        if not items:
            return ""
        links = f"<ul class=\"src\">{''.join(items)}</ul>"
        return links if len(items) <= 2 else f"<details><summary>{len(items)} sources</summary>{links}</details>"


def table(headers: list[str], rows: list[list[str]], css: list[str] | None = None) -> str:
    """A table inside a scrolling box, so a narrow screen scrolls the table, not the page."""
    if not rows:
        return "<p class=\"note\">None recorded.</p>"
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)

    def cell(c: str) -> str:
        # a date, a short name or a number never breaks inside ("2013-11-|23", "Mahka|mov"): such a cell
        # keeps one line and the table scrolls sideways on a phone; long text wraps between words
        short = len(re.sub(r"<[^>]+>", "", str(c))) <= 28
        return f"<td class=\"n\">{c}</td>" if short else f"<td>{c}</td>"

    body = "".join(f"<tr{f' class={chr(34)}{css[i]}{chr(34)}' if css and css[i] else ''}>"
                   + "".join(cell(c) for c in r) + "</tr>" for i, r in enumerate(rows))
    return f"<div class=\"scroll\"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def gantt(items, today: _dt.date, marks=()) -> str:
    """A light HTML timeline (one line per tenure, width by date) that reflows on a phone; ``marks`` (holders
    pages show in office on a day, with no dated tenure) are a line each with a diamond on their days."""
    if not items and not marks:
        return ""
    days = [d for b in items for d in b.days()] + [d.midpoint() for m in marks for d in m.days]
    lo = min(days)
    hi = max([today] + days)
    span = max((hi - lo).days, 1)
    lines = []
    rows = [(b.start.lo, 0, b) for b in items] + [(m.day.lo, 1, m) for m in marks]
    for _, is_mark, b in sorted(rows, key=lambda x: (x[0], x[1])):
        if is_mark:
            dots = "".join(f"<span class=\"dia\" style=\"left:{100 * (d.midpoint() - lo).days / span:.2f}%\"></span>"
                           for d in b.days)
            lines.append(f"<div class=\"g seen\"><span class=\"track\">{dots}</span>{esc(b.label)}</div>")
            continue
        s, e = b.days()
        left, width = 100 * (s - lo).days / span, max(100 * (e - s).days / span, 0.3)
        cls = "g" + (" fam" if b.family else "") + (" act" if b.acting else "")
        lines.append(f"<div class=\"{cls}\"><span class=\"bar\" style=\"margin-left:{left:.2f}%;width:{width:.2f}%\">"
                     f"</span>{esc(b.person_label)} {esc(b.start.text)} – {esc(b.end.text if b.end else 'now')}"
                     f"{' (acting)' if b.acting else ''}</div>")
    return f"<div class=\"gantt\">{''.join(lines)}</div>"


def search_index(session, persons: set[str], offices: list[dict], senior: dict[str, int]) -> str:
    """The search index as a script (a JSON file could not be read from file:// pages)."""
    from . import names

    entries = []
    for kind, pool in (("person", session.resolver.entries("person")), ("office", session.resolver.entries("office"))):
        for iri, entry in pool.items():
            if kind == "person" and iri not in persons:
                continue
            keys = sorted({names.phonetic(n) for n in entry.names if not re.fullmatch(r"Q[0-9]+", n)} - {""})
            entries.append({"l": entry.label, "u": f"{kind}/{slug_of(iri)}.html", "k": keys,
                            "d": senior.get(iri, "") if kind == "person" else "office",
                            "r": {"person": 1, "office": 0}[kind] + (3 - MAIN.index(senior.get(iri, ""))
                                                                     if senior.get(iri, "") in MAIN else 0)})
    office_desc = {o["office_iri"]: f"{o['kind']}, {o['jurisdiction']}" for o in offices}
    for e in entries:
        if e["d"] == "office":
            e["d"] = office_desc.get("https://w3id.org/succession-kb/id/office/" + e["u"][7:-5], "office")
    entries.sort(key=lambda e: e["u"])
    doc = {"cyr": names._CYRILLIC, "syn": names._SYNONYMS, "stop": sorted(names._STOP),
           "pairs": [list(p) for p in names.PHONETIC_PAIRS], "entries": entries}
    return "window.SUCCESSION_INDEX=" + json.dumps(doc, ensure_ascii=False, separators=(",", ":")).replace(
        "</", "<\\/") + ";\n"


def build(session, out: Path, progress=None) -> list[Path]:
    """Write the site into ``out`` (replacing it atomically) and return the pages written."""
    from .dynasty import FamilyGraph
    from .errors import describe_os_error
    from .pictures import load_bars, load_marks, row_order, select_bars, timeline
    from .safeio import REPORT_MARKER, _umask, check_report_folder

    out = Path(out)
    check_report_folder(out)
    select = session.engine.select
    today = _dt.date.today()

    # ---- every answer, once
    offices = session.offices().records
    by_country: dict[str, list[dict]] = defaultdict(list)
    for o in offices:
        by_country[o["country"]].append(o)
    countries = sorted(by_country)
    histories = {o["office_iri"]: session.history(o["office_iri"]) for o in offices}
    rules: dict[str, list[dict]] = defaultdict(list)
    for r in session.rules().records:
        rules[r["office_iri"]].append(r)
    departures = {o: session.departures(o) for o in rules}
    from .coverage import coverage as _coverage

    # the periods with nobody recorded, and the holders pages show in office without a dated tenure
    holes = {c.office: c for c in _coverage(session.engine.select, kinds=None)}
    attested: dict[str, list[dict]] = defaultdict(list)
    for a in session.attestations():
        attested[a["office"]].append(a)
    current = session.current(all_kinds=True)
    post_only = {r["o"] for r in session.run_sparql(
        "PREFIX sk: <https://w3id.org/succession-kb/ontology#> SELECT ?o WHERE { ?o sk:postOnly true }").records()}
    people = session.people()
    claims: dict[str, list[dict]] = defaultdict(list)
    for c in session.claims().records:
        claims[c["person_iri"]].append(c)
    family = FamilyGraph(select)
    bars = load_bars(select)
    all_marks = load_marks(select, bars)  # one query: the holders seen on a day, per office below
    sources = session.sources_info()
    as_of = session.data_as_of()
    site = Site(as_of, sources, countries)
    tenures_of: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    successors: dict[str, list[tuple[str, str]]] = defaultdict(list)  # tenure -> (person, label) of the next ones
    for o in offices:
        for r in histories[o["office_iri"]].records:
            tenures_of[r["person_iri"]].append((o, r))
            if r.get("predecessor_tenure"):
                successors[r["predecessor_tenure"]].append((r["person_iri"], r["person"]))
    persons = set(tenures_of)
    senior: dict[str, str] = {}
    for p, rows in tenures_of.items():
        kinds = [o["kind"] for o, _ in rows]
        senior[p] = min(kinds, key=lambda k: MAIN.index(k) if k in MAIN else 9)
    heads: dict[str, list[dict]] = defaultdict(list)
    for r in current.records:
        if r["kind"] == "head of state":
            heads[r["country"]].append(r)
    lines = {c: [(h, session.line_of_succession(h["office_iri"])) for h in hs] for c, hs in heads.items()}
    families = {c: session.dynasty(c, on="today") for c in countries}

    def person_link(iri, label, up="../"):
        return f"<a href=\"{up}person/{slug_of(iri)}.html\">{esc(label)}</a>" if iri in persons else esc(label)

    def office_link(iri, label, up="../"):
        return f"<a href=\"{up}office/{slug_of(iri)}.html\">{esc(label)}</a>"

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".report-", dir=out.parent))
        os.chmod(tmp, 0o777 & ~_umask())  # a web server or a colleague reads it (mkdtemp makes it 0700)
        (tmp / REPORT_MARKER).write_text("written by succession report; the folder is replaced by the next report\n",
                                         encoding="utf-8")
    except OSError as exc:
        raise describe_os_error(exc, "cannot write the report") from None
    written: list[Path] = []
    steps = len(offices) + len(persons) + len(countries) + 1
    done = 0

    def emit(path: Path, text: str) -> None:
        nonlocal done
        path.write_text(text, encoding="utf-8")
        written.append(path)
        done += 1
        if progress:
            progress(done, steps)

    try:
        for sub in ("country", "office", "person", "img"):
            (tmp / sub).mkdir()
        (tmp / "style.css").write_text(CSS + "\n", encoding="utf-8")
        (tmp / "search.js").write_text(SEARCH_JS, encoding="utf-8")
        (tmp / "search-index.js").write_text(search_index(session, persons, offices, senior), encoding="utf-8")
        headline = {}
        for country in countries:
            cslug = slug(country)
            parts = []
            now = sorted((r for r in current.records if r["country"] == country and r["kind"] in MAIN),
                         key=lambda r: (MAIN.index(r["kind"]), r["office"]))
            parts.append("<h2>Who holds power today</h2>" + table(
                ["Office", "Holder", "Since", "Last verified"],
                [[office_link(r["office_iri"], r["office"]),
                  person_link(r["person_iri"], r["person"]) + (" (acting)" if r["acting"] else "") if r["person"]
                  else "no holder recorded" + (f" (attested: {esc(r['attested'])})" if r.get("attested") else ""),
                  esc(r["start"]), esc(r["verified"])] for r in now]))
            vertical = sorted((r for r in current.records if r["country"] == country and r["kind"] not in MAIN
                               and r["office_iri"] not in post_only),
                              key=lambda r: (VERTICAL.index(r["kind"]) if r["kind"] in VERTICAL else len(VERTICAL),
                                             r["kind"], r["office"]))
            if vertical:
                parts.append("<h2>The power vertical today</h2>" + table(
                    ["Office", "Kind", "Holder", "Since", "Last verified"],
                    [[office_link(r["office_iri"], r["office"]), esc(r["kind"]),
                      (person_link(r["person_iri"], r["person"]) + (" (acting)" if r["acting"] else "")
                       + (" <span class=\"note\">(not certain: sources disagree)</span>"
                          if (r.get("attested") or "").startswith("sources disagree") else ""))
                      if r["person"] else "no holder recorded" + (f" (attested: {esc(r['attested'])})" if r.get("attested") else ""),
                      esc(r["start"]), esc(r["verified"])] for r in vertical])
                    + "<p class=\"note\">Security chiefs, ministers, prosecutors, administration heads, Security "
                    "Councils, central banks and governors; posts recorded only for a relative's career are on the "
                    "relatives' pages.</p>")
            for h, line in lines.get(country, []):
                parts.append(f"<h2>If the office of {esc(h['office'])} fell vacant today</h2>" + table(
                    ["Order", "Acting office", "Holder", "Legal basis", "Sources"],
                    [[esc(x["order"]), office_link(x["office_iri"], x["office"]),
                      ", ".join(person_link(p["iri"], p["name"]) for p in x["persons"]) or "no holder recorded",
                      esc(" ".join(str(v) for v in (x["edition"], x["article"]) if v)), site.cite(x["sources"])]
                     for x in line.records]) + "".join(f"<p class=\"note\">{esc(n)}</p>" for n in line.notes))
            fam = families[country]
            parts.append("<h2>Family in office today</h2>" + table(
                ["Relative", "Kinship", "Of", "Office", "Since"],
                [[esc(x["relative"]), esc(x["kinship"] + (f" (via {x['via']})" if x["via"] else "")),
                  esc(x["head_of_state"]), esc(x["office"]), esc(x["start"])] for x in fam["in_office"].records]))
            main = [b for b in select_bars(bars, country=country)]
            if main:
                timeline(main, tmp / "img" / f"{cslug}.svg", title=f"Tenures: {country}", rows=row_order(main),
                         as_of=as_of, write=lambda p, data: p.write_bytes(data),
                         marks=[m for m in all_marks if m.office in {b.office for b in main}])
                parts.append(f"<h2>Timeline</h2><div class=\"pic\"><img src=\"../img/{cslug}.svg\" alt=\"Timeline of the "
                             f"main offices of {esc(country)}: one bar per tenure, labelled with the holder\"></div>"
                             f"<p class=\"note\"><a href=\"../img/{cslug}.svg\">Open the timeline</a>. Orange: "
                             "in office while a relative was head of state; hatched: acting; a diamond: a holder a page shows "
                             "in office on that day, with no dated tenure recorded.</p>")
            items = sorted(by_country[country], key=lambda o: (MAIN.index(o["kind"]) if o["kind"] in MAIN else 9,
                                                                 o["kind"], o["office"]))
            parts.append("<h2>Offices</h2>" + table(["Office", "Kind", "Tenures"], [
                [office_link(o["office_iri"], o["office"]), esc(o["kind"]), esc(o["tenures"])] for o in items]))
            headline[country] = (now, lines.get(country, []), fam)
            emit(tmp / "country" / f"{cslug}.html", site.page(country, "".join(parts)))
        for o in offices:
            iri = o["office_iri"]
            hist = histories[iri]
            parts = [f"<p>{esc(o['kind'])}, {esc(o['jurisdiction'])}"
                     + (f" · {esc(o['body'])}" if o["body"] else "")
                     + f" · <a href=\"../country/{slug(o['country'])}.html\">{esc(o['country'])}</a></p>"]
            parts.append(gantt([b for b in bars if b.office == iri], today, [m for m in all_marks if m.office == iri]))
            parts.append("<h2>Succession</h2>" + table(
                ["Holder", "Start", "End", "How it began", "How it ended", "Sources"],
                [[person_link(r["person_iri"], r["person"]) + (" (acting)" if r["acting"] else ""), esc(r["start"]),
                  esc(r["end"] or ""), esc(r["entry_mode"] or ""), esc(r["exit_reason"] or ""), site.cite(r["sources"])]
                 for r in hist.records], ["acting" if r["acting"] else "" for r in hist.records]))
            cov = holes.get(iri)
            if cov is not None and cov.gaps:
                parts.append("<h2>Periods with no holder recorded</h2>" + table(
                    ["From", "To", "Why", "Seen in office meanwhile"],
                    [[esc(g.start), esc(g.end), esc(g.explanation or ("not tracked (a post recorded for its holders' "
                                                                       "careers)" if cov.post_only else
                                                                       "not found in the sources read")),
                      esc("; ".join(g.attested))] for g in cov.gaps]))
            if attested.get(iri):
                parts.append("<h2>Seen in office on a day (no dated tenure)</h2>" + table(
                    ["Date", "Holder", "Sources"],
                    [[esc(a["date"]), person_link(a["person_iri"], a["person"]), site.cite(a["sources"])]
                     for a in sorted(attested[iri], key=lambda a: a["date"])]))
            if rules.get(iri):
                parts.append("<h2>Who acts if it falls vacant: the rules over time</h2>" + table(
                    ["From", "Until", "Order", "Acting office", "Legal basis", "Sources"],
                    [[esc(r["from"] or (f"by {r['in_force_by']}" if r["in_force_by"] else "unknown")),
                      esc(r["until"] or "in force"), esc(r["order"]), office_link(r["office_acting_iri"], r["office"]),
                      esc(" ".join(str(v) for v in (r["edition"], r["article"]) if v)
                          + (f"; {r['designation']}" if r["designation"] else "")), site.cite(r["sources"])]
                     for r in rules[iri]]))
            if departures.get(iri):
                parts.append("<h2>When the rules were not followed</h2>" + table(
                    ["Date", "Expected", "Took over", "What happened", "Sources"],
                    [[esc(d["date"]), esc(d["expected"] or ""), esc(d["actual"] or ""), esc(d["comment"] or ""),
                      site.cite(d["sources"])] for d in departures[iri]]))
            other = [n for n in hist.notes if not n.startswith("Departure from the first in line")]
            edits = [n for n in other if n.startswith("Corrected ")]
            other = [n for n in other if not n.startswith("Corrected ")]
            if other:
                parts.append("<h2>Notes</h2>" + "".join(f"<p class=\"note\">{esc(n)}</p>" for n in other))
            if edits:  # what was corrected, and from what: kept out of the way of the notes
                parts.append(f"<details><summary>Edit history ({len(edits)} correction{'s' if len(edits) > 1 else ''})"
                             "</summary>" + "".join(f"<p class=\"note\">{esc(n)}</p>" for n in edits) + "</details>")
            emit(tmp / "office" / f"{slug_of(iri)}.html", site.page(o["office"], "".join(parts)))
        for iri in sorted(persons):
            info = people.get(iri, {"label": iri, "aliases": []})
            parts = []
            facts = [x for x in (f"born {info['born']}" if info.get("born") else "",
                                 f"died {info['died']}" if info.get("died") else "") if x]
            if info.get("wikidata"):
                facts.append(f"Wikidata <a href=\"https://www.wikidata.org/wiki/{esc(info['wikidata'])}\">"
                             f"{esc(info['wikidata'])}</a>")
            if facts:
                parts.append(f"<p>{'; '.join(facts).capitalize() if not info.get('wikidata') else '; '.join(facts)}</p>")
            if info["aliases"]:
                parts.append(f"<p class=\"note\">Also known as: {esc(', '.join(info['aliases']))}</p>")
            rows = sorted(tenures_of[iri], key=lambda x: str(x[1]["start"]))

            def linked(pairs: list[tuple[str, str]]) -> str:
                return ", ".join(person_link(p, label) for p, label in sorted(set(pairs), key=lambda pair: pair[1]))

            parts.append("<h2>Offices</h2>" + table(
                ["Office", "Start", "End", "Predecessor", "Successor", "Sources"],
                [[office_link(o["office_iri"], o["office"]) + (" (acting)" if r["acting"] else ""), esc(r["start"]),
                  esc(r["end"] or ""),
                  linked([(r["predecessor_iri"], r["predecessor"] or r["predecessor_iri"])]) if r.get("predecessor_iri") else "",
                  linked(successors.get(r["tenure_iri"], [])), site.cite(r["sources"])] for o, r in rows]))
            kin = sorted(family.kin(iri).items(), key=lambda kv: (kv[1].via is not None, kv[1].path))
            if kin:
                parts.append("<h2>Relatives</h2><ul>" + "".join(
                    f"<li>{esc(k.path.capitalize())}: {person_link(other, family.labels.get(other, other))}"
                    + (f" <span class=\"note\">(through {esc(k.via)})</span>" if k.via else "") + "</li>"
                    for other, k in kin) + "</ul>")
            if claims.get(iri):
                parts.append("<h2>Claims (reported expectations, not facts)</h2>" + table(
                    ["Office", "Statement", "Claimant", "Date", "Settled", "Sources"],
                    [[esc(c["office"]), esc(c["statement"]), esc(c["claimant"]), esc(c["date"]),
                      esc(c["settled_on"] or "no"), site.cite(c["sources"])] for c in claims[iri]]))
            emit(tmp / "person" / f"{slug_of(iri)}.html", site.page(info["label"], "".join(parts)))
        cards = []
        for country in countries:
            now, line, fam = headline[country]
            facts = []
            for r in now:
                if r["kind"] in ("head of state", "head of government"):
                    who = person_link(r["person_iri"], r["person"], "") if r["person"] else "no holder recorded"
                    facts.append(f"<li>{esc(r['office'])}: {who} since {esc(r['start'])}</li>")
            for _h, ans in line:
                first = ans.records[0] if ans.records else None
                if first:
                    who = ", ".join(person_link(p["iri"], p["name"], "") for p in first["persons"]) or "no holder recorded"
                    facts.append(f"<li>First in line: {who} ({esc(first['office'])})</li>")
            facts.append(f"<li>Relatives of a head of state in office today: {len({x['relative'] for x in fam['in_office'].records})}"
                         "</li>")
            n = sum(o["tenures"] for o in by_country[country])
            cards.append(f"<div class=\"card\"><h2><a href=\"country/{slug(country)}.html\">{esc(country)}</a></h2>"
                         f"<ul>{''.join(facts)}</ul><p class=\"note\">{len(by_country[country])} offices, {n} tenures"
                         "</p></div>")
        outlook = session.overview()  # the same answer as `succession outlook --all`
        outlook_table = "<h2>Outlook: the five republics side by side</h2>" + table(
            ["Country", "Incumbent", "Age", "Years in office", "Next election / term", "First in line",
             "Relative in line?", "Last transfer", "Sources"],
            [[f"<a href=\"country/{slug(r['country'])}.html\">{esc(r['country'])}</a>", esc(r["incumbent"]),
              esc(r["age"]), esc(r["years"]), esc(r["next_election"]), esc(r["first_in_line"]),
              "yes" if r["relative_in_line"] else "no", esc(r["last_transfer"]), site.cite(r["sources"])]
             for r in outlook.records])
        body = (f"<p>Who holds power in Central Asia, who held it before, and who is next in line: {len(persons)} "
                f"office-holders, {sum(o['tenures'] for o in offices)} tenures, every fact with its sources.</p>"
                f"<div class=\"facts\">{''.join(cards)}</div>" + outlook_table)
        emit(tmp / "index.html", site.page("succession-kb: who holds power in Central Asia", body, depth=0))
        if out.exists():
            check_report_folder(out)  # still ours
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise describe_os_error(exc, "cannot write the report") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out / p.relative_to(tmp) for p in written]
