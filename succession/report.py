"""A static, self-contained HTML report: an index, one page per country, per office and per person,
with succession tables, timeline pictures (SVG, drawn by matplotlib) and sources as links.
No server, no network, no JavaScript: open index.html from disk."""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from .model import slug
from .namespaces import sparql_prefixes

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f3f3f3}.acting{font-style:italic}.note{color:#555;font-size:.9em}
nav a{margin-right:1em}img{max-width:100%;border:1px solid #eee}.src a{font-size:.8em;margin-right:.4em}"""

MAIN = ("head of state", "head of government", "chamber chair", "mayor")


def slug_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def page(title: str, body: str, depth: int = 1) -> str:
    up = "../" * depth
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body><nav><a href=\"{up}index.html\">Index</a></nav>"
            f"<h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n")


def _sources(urls: list[str]) -> str:
    return "<span class=\"src\">" + "".join(
        f"<a href=\"{html.escape(u, quote=True)}\">[{i}]</a>" for i, u in enumerate(urls, 1)) + "</span>"


def build(session, out: Path, progress=None) -> list[Path]:
    """Write the site into ``out`` (replacing it atomically) and return the pages written."""
    from .pictures import bars, timeline

    select = session.engine.select
    offices = session.offices().records
    by_country: dict[str, list[dict]] = defaultdict(list)
    for o in offices:
        by_country[o["country"]].append(o)
    persons = {r["p"].value: r["label"].value for r in select(sparql_prefixes() + """
SELECT ?p ?label WHERE { ?p a sk:Person ; rdfs:label ?label . ?t sk:holder ?p }""").rows}
    from .errors import describe_os_error
    from .safeio import REPORT_MARKER, check_report_folder

    out = Path(out)
    check_report_folder(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".report-", dir=out.parent))
        (tmp / REPORT_MARKER).write_text("written by succession report; the folder is replaced by the next report\n",
                                         encoding="utf-8")
    except OSError as exc:
        raise describe_os_error(exc, "cannot write the report") from None
    written: list[Path] = []
    steps = len(offices) + len(persons) + len(by_country) + 1
    done = 0

    def tick():
        nonlocal done
        done += 1
        if progress:
            progress(done, steps)

    try:
        for sub in ("country", "office", "person", "img"):
            (tmp / sub).mkdir()
        for country, items in sorted(by_country.items()):
            cslug = slug(country)
            main = [o["office_iri"] for o in items if o["kind"] in MAIN and o["tenures"]]
            img = ""
            if main:
                timeline(bars(select, offices=main), tmp / "img" / f"{cslug}.svg", title=f"Tenures: {country}")
                img = f"<img src=\"../img/{cslug}.svg\" alt=\"Timeline of {html.escape(country)}\">"
            rows = "".join(
                f"<tr><td><a href=\"../office/{slug_of(o['office_iri'])}.html\">{html.escape(o['office'])}</a></td>"
                f"<td>{html.escape(o['kind'])}</td><td>{o['tenures']}</td></tr>" for o in items)
            body = f"{img}<table><tr><th>Office</th><th>Kind</th><th>Tenures</th></tr>{rows}</table>"
            path = tmp / "country" / f"{cslug}.html"
            path.write_text(page(country, body), encoding="utf-8")
            written.append(path)
            tick()
        for o in offices:
            hist = session.history(o["office_iri"])
            oslug = slug_of(o["office_iri"])
            img = ""
            if o["kind"] in MAIN and o["tenures"]:
                timeline(bars(select, offices=[o["office_iri"]]), tmp / "img" / f"office-{oslug}.svg",
                         title=o["office"])
                img = f"<img src=\"../img/office-{oslug}.svg\" alt=\"Timeline of {html.escape(o['office'])}\">"
            rows = "".join(
                f"<tr class=\"{'acting' if r['acting'] else ''}\"><td><a href=\"../person/{slug_of(r['person_iri'])}.html\">"
                f"{html.escape(r['person'])}</a>{' (acting)' if r['acting'] else ''}</td><td>{r['start']}</td>"
                f"<td>{r['end'] or ''}</td><td>{html.escape(r['entry_mode'] or '')}</td>"
                f"<td>{html.escape(r['exit_reason'] or '')}</td><td>{_sources(r['sources'])}</td></tr>"
                for r in hist.records)
            notes = "".join(f"<p class=\"note\">{html.escape(n)}</p>" for n in hist.notes)
            body = (f"<p>{html.escape(o['kind'])}, {html.escape(o['jurisdiction'])}</p>{img}<table><tr><th>Holder</th>"
                    f"<th>Start</th><th>End</th><th>How it began</th><th>How it ended</th><th>Sources</th></tr>{rows}"
                    f"</table>{notes}")
            path = tmp / "office" / f"{oslug}.html"
            path.write_text(page(o["office"], body), encoding="utf-8")
            written.append(path)
            tick()
        for iri, label in sorted(persons.items()):
            prof = session.person(iri)
            rows = "".join(
                f"<tr><td><a href=\"../office/{slug_of(r['office_iri'])}.html\">{html.escape(r['office'])}</a></td>"
                f"<td>{r['start']}</td><td>{r['end'] or ''}</td><td>{_sources(r['sources'])}</td></tr>"
                for r in prof.records)
            rel = "".join(
                f"<li>{html.escape(x['relation'].capitalize())} <a href=\"{slug_of(x['relative_iri'])}.html\">"
                f"{html.escape(x['relative'])}</a></li>" for x in prof.person["relatives"]
                if x["relative_iri"] in persons)
            aka = ", ".join(prof.person["aliases"])
            body = (f"<p class=\"note\">{html.escape(aka)}</p><table><tr><th>Office</th><th>Start</th><th>End</th>"
                    f"<th>Sources</th></tr>{rows}</table>" + (f"<h2>Relatives</h2><ul>{rel}</ul>" if rel else ""))
            path = tmp / "person" / f"{slug_of(iri)}.html"
            path.write_text(page(label, body), encoding="utf-8")
            written.append(path)
            tick()
        items = "".join(f"<li><a href=\"country/{slug(c)}.html\">{html.escape(c)}</a> "
                        f"({len(v)} offices)</li>" for c, v in sorted(by_country.items()))
        index = tmp / "index.html"
        index.write_text(page("succession-kb: who holds power in Central Asia",
                              f"<ul>{items}</ul><p class=\"note\">{len(persons)} office-holders, "
                              f"{sum(o['tenures'] for o in offices)} tenures.</p>", depth=0), encoding="utf-8")
        written.append(index)
        tick()
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
