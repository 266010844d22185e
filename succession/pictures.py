"""Pictures: a Gantt-style timeline of tenures (matplotlib, imported only here) and a succession and
family graph in Graphviz DOT (rendered to SVG/PNG by the `dot` program when it is installed)."""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .dates import PDate
from .dynasty import FamilyGraph
from .errors import InputError
from .namespaces import sparql_prefixes

_TENURES = """
SELECT ?t ?office ?officeLabel ?kind ?country ?person ?personLabel ?start ?end ?acting ?mode ?pred WHERE {
  ?t a sk:Tenure ; sk:office ?office ; sk:holder ?person ; sk:start ?start ; sk:acting ?acting .
  ?office rdfs:label ?officeLabel ; sk:officeKind/skos:prefLabel ?kind ; sk:jurisdiction/sk:country/rdfs:label ?country .
  ?person rdfs:label ?personLabel .
  OPTIONAL { ?t sk:end ?end } OPTIONAL { ?t sk:entryMode/skos:prefLabel ?mode } OPTIONAL { ?t sk:predecessor ?pred }
}"""


@dataclass
class Bar:
    tenure: str
    office: str
    office_label: str
    person: str
    person_label: str
    start: PDate
    end: PDate | None
    acting: bool
    mode: str | None
    predecessor: str | None
    relative: bool = False


def _day(d: PDate, upper: bool = False) -> _dt.date:
    """Where to draw a date: so that "1994" to "1996" followed by "1996" to ... meet, not overlap."""
    return d.midpoint()


def bars(select, *, offices: list[str] | None = None, country: str | None = None, person: str | None = None,
         start: PDate | None = None, end: PDate | None = None) -> list[Bar]:
    """The tenures to draw: of the given offices, of one country's main offices, or of one person;
    clipped to [start, end]. Relatives of a head of state of the same country are marked."""
    rows = select(sparql_prefixes() + _TENURES).rows
    family = FamilyGraph(select)
    heads: dict[str, set[str]] = {}
    out = []
    for r in rows:
        if r["kind"].value == "head of state":
            heads.setdefault(r["country"].value, set()).add(r["person"].value)
    for r in rows:
        b = Bar(r["t"].value, r["office"].value, r["officeLabel"].value, r["person"].value, r["personLabel"].value,
                PDate(r["start"].value), PDate(r["end"].value) if r["end"] is not None else None,
                r["acting"].value == "true", r["mode"].value if r["mode"] is not None else None,
                r["pred"].value if r["pred"] is not None else None)
        if offices is not None and b.office not in offices:
            continue
        if country is not None and (r["country"].value != country or r["kind"].value not in (
                "head of state", "head of government", "chamber chair", "mayor")):
            continue
        if person is not None and b.person != person:
            continue
        if start and b.end is not None and b.end.hi < start.lo:
            continue
        if end and b.start.lo > end.hi:
            continue
        hs = heads.get(r["country"].value, set())
        b.relative = any(b.person in family.kin(h) for h in hs if h != b.person)
        out.append(b)
    return sorted(out, key=lambda b: (b.office_label, b.start.lo))


def timeline(items: list[Bar], out: Path, *, by_person: bool = False, title: str = "",
             start: PDate | None = None, end: PDate | None = None):
    """Draw one row per office (or per person), one bar per tenure; returns the figure."""
    if out.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"timeline output must end in .png or .svg, not {out.name!r}")
    if not items:
        raise InputError("nothing to draw: no tenure matches")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    today = _dt.date.today()
    lo = _day(start) if start else None
    hi = _day(end, upper=True) if end else None
    rows = sorted({(b.person_label if by_person else b.office_label) for b in items})
    fig_h = max(2.5, 0.55 * len(rows) + 1.2)
    fig, ax = plt.subplots(figsize=(14, fig_h))
    first = lo or min(_day(b.start) for b in items)
    last = hi or max((_day(b.end) if b.end else today) for b in items)
    span = max((last - first).days, 1)
    for i, b in enumerate(items):
        y = rows.index(b.person_label if by_person else b.office_label)
        s = _day(b.start)
        e = _day(b.end, upper=True) if b.end else today
        if lo:
            s = max(s, lo)
        if hi:
            e = min(e, hi)
        width = max((e - s).days, 1)
        color = "#d95f02" if b.relative else "#1f78b4"
        rect = ax.barh(y, width, left=mdates.date2num(s), height=0.6, color=color, alpha=0.55 if b.acting else 0.9,
                       hatch="///" if b.acting else None, edgecolor="black", linewidth=0.4)[0]
        rect.set_gid(f"tenure-{i}")
        label = b.office_label if by_person else b.person_label
        if width > span * 0.045:  # too short a bar gets no text rather than overprinted text
            ax.text(mdates.date2num(s) + span * 0.003, y, label, va="center", ha="left", fontsize=6.5, clip_on=True)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.YearLocator(base=5 if len(items) > 30 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", linewidth=0.3)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#1f78b4", label="holder"), Patch(color="#d95f02", label="relative of a head of state"),
                       Patch(facecolor="white", edgecolor="black", hatch="///", label="acting")],
              loc="upper center", bbox_to_anchor=(0.5, -0.06 if len(rows) > 3 else -0.18), ncol=3, fontsize=7,
              frameon=False)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    import io

    from .safeio import write_text

    buf = io.BytesIO()
    fig.savefig(buf, dpi=120, format=out.suffix.lstrip(".").lower() or "png")
    plt.close(fig)
    write_text(out, buf.getvalue())
    return fig


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(items: list[Bar], select) -> str:
    """Succession chains (tenure to tenure, labelled with date and mode) and the family edges
    between the persons involved, as Graphviz DOT."""
    lines = ["digraph succession {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    ids = {b.tenure: f"t{i}" for i, b in enumerate(items)}
    persons: dict[str, str] = {}
    by_office: dict[str, list[Bar]] = {}
    for b in items:
        by_office.setdefault(b.office_label, []).append(b)
        persons.setdefault(b.person, b.person_label)
    for n, (office, group) in enumerate(sorted(by_office.items())):
        lines.append(f"  subgraph cluster_{n} {{ label={_q(office)}; style=rounded;")
        for b in group:
            span = f"{b.start.text} – {b.end.text if b.end else 'now'}" + (" (acting)" if b.acting else "")
            style = ', style="filled,dashed", fillcolor="#fde0c5"' if b.relative else ""
            lines.append(f"    {ids[b.tenure]} [shape=box, label={_q(b.person_label + chr(10) + span)}{style}];")
        lines.append("  }")
    for b in items:
        if b.predecessor in ids:
            label = b.start.text + (f"\n{b.mode}" if b.mode else "")
            lines.append(f"  {ids[b.predecessor]} -> {ids[b.tenure]} [label={_q(label)}, fontsize=8];")
    pids = {p: f"p{i}" for i, p in enumerate(sorted(persons))}
    family = FamilyGraph(select)
    drawn = set()
    for p in sorted(persons):
        for other, kin in family.kin(p, depth=1).items():
            if other in persons and (other, p) not in drawn:
                drawn.add((p, other))
                for pid, label in ((p, persons[p]), (other, persons[other])):
                    lines.append(f"  {pids[pid]} [shape=ellipse, color=\"#d95f02\", label={_q(label)}];")
                lines.append(f"  {pids[other]} -> {pids[p]} [color=\"#d95f02\", style=bold, label={_q(kin.path)}, "
                             "fontsize=8];")
    lines.append("}")
    return "\n".join(dict.fromkeys(lines)) + "\n"


def render_dot(text: str, out: Path) -> None:
    """Write DOT as is, or run Graphviz for .svg/.png."""
    suffix = out.suffix.lower()
    if suffix not in (".dot", ".gv", ".svg", ".png"):
        raise InputError(f"graph output must end in .dot, .svg or .png, not {out.name!r}")
    from .safeio import check_target, write_text

    check_target(out)
    if suffix in (".dot", ".gv"):
        write_text(out, text)
        return
    else:
        binary = shutil.which("dot")
        if binary is None:
            raise InputError(f"Graphviz 'dot' is not installed, so {out.name} cannot be drawn: install it "
                             "(apt-get install graphviz) or write --out FILE.dot")
        done = subprocess.run([binary, f"-T{suffix[1:]}"], input=text.encode("utf-8"),
                              capture_output=True, timeout=120)
        if done.returncode != 0:
            raise InputError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
        write_text(out, done.stdout)
