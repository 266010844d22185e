"""Pictures: a Gantt-style timeline of tenures (matplotlib, imported only here) and a succession and
family graph in Graphviz DOT (rendered to SVG/PNG by the `dot` program when it is installed).

Both read one list of ``Bar`` (every tenure, loaded in one query) and filter it, so the report can
draw many pictures from a single load. A bar is "family" only for the days on which a relative of its
holder (within two steps) was head of state of the same country: a ruler's own presidency is never
coloured as a relative's.
"""

from __future__ import annotations

import datetime as _dt
import functools
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PDate, chronological
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
_AS_OF = """
SELECT (MAX(?d) AS ?last) WHERE { { ?x sk:recordedAt ?r BIND(SUBSTR(STR(?r), 1, 10) AS ?d) }
  UNION { ?v a sk:Verification ; sk:date ?vd BIND(STR(?vd) AS ?d) } }"""

MAIN_KINDS = ("head of state", "head of government", "chamber chair", "mayor")
_KIND_RANK = {k: i for i, k in enumerate(MAIN_KINDS)}
HOLDER, FAMILY, MARK = "#a6cee3", "#fdb863", "#1f78b4"


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
    kind: str = ""
    country: str = ""
    family: list[tuple[_dt.date, _dt.date, str]] = field(default_factory=list)  # (from, to, whose kin)

    @property
    def relative(self) -> bool:
        """Held while a relative was head of state of the same country."""
        return bool(self.family)

    def days(self) -> tuple[_dt.date, _dt.date]:
        return self.start.midpoint(), self.end.midpoint() if self.end else _dt.date.today()


@dataclass
class Mark:
    """A holder pages show in office on one or more days, with no dated tenure recorded (attestations;
    consecutive ones of the same person on one office are one mark)."""
    office: str
    person_label: str
    days: list[PDate]

    @property
    def day(self) -> PDate:
        return self.days[0]

    @property
    def label(self) -> str:
        first, last = self.days[0].text, self.days[-1].text
        return f"{self.person_label} (seen {first})" if first == last else f"{self.person_label} (seen {first} to {last})"


_MARKS = """
SELECT ?office ?personLabel ?date ?person WHERE {
  ?a a sk:Attestation ; sk:office ?office ; sk:holder ?person ; sk:date ?date . ?person rdfs:label ?personLabel .
}"""


def load_marks(select, items: list[Bar], start: PDate | None = None, end: PDate | None = None) -> list[Mark]:
    """The attestations on the offices of ``items`` (within [start, end]) that no drawn tenure of the
    same person already covers: the holders the picture would otherwise leave out of a period with no
    dated tenure."""
    offices = {b.office for b in items}
    out = []
    for r in select(sparql_prefixes() + _MARKS).rows:
        office, day = r["office"].value, PDate(r["date"].value)
        if office not in offices or (start and day.lo < start.lo) or (end and day.hi > end.hi):
            continue
        covered = any(b.office == office and b.person == r["person"].value and b.start.lo <= day.lo
                      and (b.end is None or day.hi <= b.end.hi) for b in items)
        if not covered:
            out.append((office, day, r["personLabel"].value, r["person"].value))
    marks: list[Mark] = []
    last: dict[str, tuple[str, Mark]] = {}
    for office, day, label, person in sorted(out, key=lambda x: (x[0], x[1].lo, x[2])):
        prev = last.get(office)
        between = prev and any(b.office == office and prev[1].days[-1].lo <= b.start.lo <= day.lo for b in items)
        if prev and prev[0] == person and not between:
            prev[1].days.append(day)
            continue
        mark = Mark(office, label, [day])
        marks.append(mark)
        last[office] = (person, mark)
    return marks


def data_as_of(select) -> str:
    """The day of the newest recorded fact or verification: what a reader can trust a picture up to."""
    rows = select(sparql_prefixes() + _AS_OF).rows
    last = rows[0].get("last") if rows else None
    return last.value if last is not None else _dt.date.today().isoformat()


def load_bars(select) -> list[Bar]:
    """Every tenure of the knowledge base (one query), with its family spans."""
    rows = select(sparql_prefixes() + _TENURES).rows
    family = FamilyGraph(select)
    out = []
    for r in rows:
        out.append(Bar(r["t"].value, r["office"].value, r["officeLabel"].value, r["person"].value,
                       r["personLabel"].value, PDate(r["start"].value),
                       PDate(r["end"].value) if r["end"] is not None else None, r["acting"].value == "true",
                       r["mode"].value if r["mode"] is not None else None,
                       r["pred"].value if r["pred"] is not None else None, r["kind"].value, r["country"].value))
    heads: dict[str, list[Bar]] = {}
    for b in out:
        if b.kind == "head of state":
            heads.setdefault(b.country, []).append(b)
    kin_cache: dict[str, dict] = {}
    for b in out:
        kin = kin_cache.setdefault(b.person, family.kin(b.person))
        s, e = b.days()
        for h in heads.get(b.country, []):
            if h.person == b.person or h.person not in kin:
                continue
            hs, he = h.days()
            lo, hi = max(s, hs), min(e, he)
            if lo < hi:
                b.family.append((lo, hi, h.person_label))
        b.family.sort()
    return out


def select_bars(everything: list[Bar], *, offices: list[str] | None = None, country: str | None = None,
                person: str | None = None, start: PDate | None = None, end: PDate | None = None,
                neighbours: bool = False) -> list[Bar]:
    """The tenures to draw: of the given offices, of one country's main offices, or of one person,
    clipped to [start, end]; with ``neighbours``, also the tenures just before and after each."""
    out = []
    for b in everything:
        if offices is not None and b.office not in offices:
            continue
        if country is not None and (b.country != country or b.kind not in MAIN_KINDS):
            continue
        if person is not None and b.person != person:
            continue
        if start and b.end is not None and b.end.hi < start.lo:
            continue
        if end and b.start.lo > end.hi:
            continue
        out.append(b)
    if neighbours:
        chosen = {b.tenure for b in out}
        before = {b.predecessor for b in out}
        out += [b for b in everything if b.tenure not in chosen and (b.tenure in before or b.predecessor in chosen)]
    return sorted(out, key=lambda b: (b.office_label, chronological(b.start, b.end), b.acting is False))


def bars(select, **selection) -> list[Bar]:
    """``select_bars`` over a fresh load."""
    return select_bars(load_bars(select), **selection)


def row_order(items: list[Bar], mode: str = "kind", offices: list[str] | None = None) -> list[str]:
    """Office rows: in the order given, by date of the first tenure (a person's career), or by kind
    (head of state first) and then date (a country)."""
    first: dict[str, tuple] = {}
    for b in items:
        k = (b.start.lo, b.office_label)
        if b.office not in first or k < first[b.office][1:]:
            first[b.office] = (_KIND_RANK.get(b.kind, 9), *k)
    if mode == "given" and offices:
        return [o for o in offices if o in first]
    if mode == "date":
        return sorted(first, key=lambda o: first[o][1:])
    return sorted(first, key=lambda o: first[o])


# ---------------------------------------------------------------------------------------------- timeline

_DPI = 120
_W = 14.0                      # inches
_BAR_H, _LANE_H, _PAD = 0.26, 0.15, 0.07
_INSIDE_PT, _LANE_PT, _ROW_PT = 7.0, 6.5, 8.0


def _free_lane(lanes: list[list[tuple[float, float]]], connectors: list[list[float]], x0: float, w: float,
               cx: float, gap: float) -> int:
    """The first text line under a bar (1, 2, ...) where a label [x0, x0+w] touches no other label
    or leader line, preferring one whose leader (at ``cx``) crosses no label above it; adds a line
    when none is free."""
    def free(k: int) -> bool:
        return k == len(lanes) or (not any(a - gap < x0 + w and x0 < c + gap for a, c in lanes[k])
                                   and not any(x0 - gap <= x <= x0 + w + gap for x in connectors[k]))

    def clear_path(k: int) -> bool:
        return all(not any(a - 1 <= cx <= c + 1 for a, c in lanes[j]) for j in range(1, min(k, len(lanes))))

    lane = next((k for k in range(1, len(lanes) + 1) if free(k) and clear_path(k)), None) or \
        next(k for k in range(1, len(lanes) + 1) if free(k))
    if lane == len(lanes):
        lanes.append([])
        connectors.append([])
    return lane


def timeline(items: list[Bar], out: Path | None, *, title: str = "", start: PDate | None = None,
             end: PDate | None = None, rows: list[str] | None = None, as_of: str | None = None,
             write=None, marks: list[Mark] | None = None):
    """Draw one row per office, one bar per tenure, every bar labelled without overlap: inside the bar
    when the name fits, else on the first free line under the row with a thin leader. ``marks`` (from
    `load_marks`) are holders seen in office on a day with no dated tenure: a diamond on that day,
    labelled like a bar. Returns the figure (laid out; `fig.canvas.draw()` renders it), so callers and
    tests can measure it."""
    if out is not None and out.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"timeline output must end in .png or .svg, not {out.name!r}")
    if not items:
        raise InputError("nothing to draw: no tenure matches")
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = rows or row_order(items)
    drawn = set(rows)
    marks = [m for m in marks or [] if m.office in drawn]
    today = _dt.date.today()
    lo = start.midpoint() if start else min([b.days()[0] for b in items] + [m.day.midpoint() for m in marks])
    hi = end.midpoint() if end else max([b.days()[1] for b in items] + [m.days[-1].midpoint() for m in marks])
    if hi <= lo:
        hi = lo + _dt.timedelta(days=1)
    fig = Figure(figsize=(_W, 4), dpi=_DPI)  # no pyplot: no global figure registry to leak into
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()

    def text_px(s: str, size: float) -> float:
        return renderer.get_text_width_height_descent(s, FontProperties(size=size), ismath=False)[0]

    label_of = {b.office: b.office_label for b in items}
    wrapped = {o: textwrap.fill(label_of[o], 38) for o in rows}
    left_in = max(text_px(line, _ROW_PT) for o in rows for line in wrapped[o].splitlines()) / _DPI + 0.25
    right_in = 0.3
    axes_px = (_W - left_in - right_in) * _DPI
    px_per_day = axes_px / max((hi - lo).days, 1)
    gap = 6.0

    def clip(b: Bar) -> tuple[_dt.date, _dt.date]:
        s, e = b.days()
        return max(s, lo), min(max(e, s + _dt.timedelta(days=1)), hi)

    # place labels row by row: lane 0 is the bar itself, lanes 1.. lie under it
    plan = []  # (bar, row, lane, x0_px, connector_px)
    row_lanes = {o: 0 for o in rows}
    for o in rows:
        lanes: list[list[tuple[float, float]]] = [[]]
        connectors: list[list[float]] = [[]]  # leader lines crossing each lane
        for b in sorted([b for b in items if b.office == o] + [m for m in marks if m.office == o],
                        key=lambda b: b.day.midpoint() if isinstance(b, Mark) else clip(b)[0]):
            if isinstance(b, Mark):
                d = b.day.midpoint()
                if not lo <= d <= hi or not lo <= b.days[-1].midpoint() <= hi:
                    continue
                x0 = (d - lo).days * px_per_day
                w = text_px(b.label, _LANE_PT)
                tx0 = min(max(x0, 0.0), axes_px - w)
                lane = _free_lane(lanes, connectors, tx0, w, x0, gap)
                lanes[lane].append((tx0, tx0 + w))
                for k in range(1, lane):
                    connectors[k].append(x0)
                plan.append((b, o, lane, tx0, x0))
                continue
            s, e = clip(b)
            x0, x1 = (s - lo).days * px_per_day, (e - lo).days * px_per_day
            w = text_px(b.person_label, _INSIDE_PT)
            if w + 2 * 3 <= x1 - x0 and not any(a < x0 + w + gap and x0 < c for a, c in lanes[0]):
                lanes[0].append((x0, x0 + w + 6))
                plan.append((b, o, 0, x0 + 3, None))
                continue
            w = text_px(b.person_label, _LANE_PT)
            tx0 = min(max(x0, 0.0), axes_px - w)
            cx = x0 + min((x1 - x0) / 2, 2.0)
            lane = _free_lane(lanes, connectors, tx0, w, cx, gap)
            lanes[lane].append((tx0, tx0 + w))
            for k in range(1, lane):
                connectors[k].append(cx)
            plan.append((b, o, lane, tx0, cx))
        row_lanes[o] = len(lanes) - 1

    row_lines = {o: wrapped[o].count("\n") + 1 for o in rows}
    row_h = {o: max(_PAD + _BAR_H + row_lanes[o] * _LANE_H + _PAD, row_lines[o] * _ROW_PT * 1.25 / 72 + 2 * _PAD)
             for o in rows}
    top = {}
    y = 0.0
    for o in rows:
        top[o] = y
        y += row_h[o]
    axes_h = y
    top_in, bottom_in = 0.45, 0.95
    fig.set_size_inches(_W, axes_h + top_in + bottom_in)
    H = axes_h + top_in + bottom_in
    ax = fig.add_axes((left_in / _W, bottom_in / H, (_W - left_in - right_in) / _W, axes_h / H))
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.set_ylim(axes_h, 0)
    ax.set_yticks([])
    days_per_px = 1 / px_per_day

    for i, o in enumerate(rows):
        if i:
            ax.axhline(top[o], color="#bbbbbb", linewidth=0.5)
        ax.annotate(wrapped[o], xy=(0, top[o] + _PAD), xycoords=("axes fraction", "data"), xytext=(-6, 0),
                    textcoords="offset points", ha="right", va="top", fontsize=_ROW_PT)
    for i, (b, o, lane, tx0, cx) in enumerate(plan):
        y0 = top[o] + _PAD
        yc = y0 + _BAR_H / 2
        if isinstance(b, Mark):
            xd = mdates.date2num(b.day.midpoint())
            ax.plot([mdates.date2num(d.midpoint()) for d in b.days], [yc] * len(b.days), marker="D", markersize=4.5,
                    color=MARK, markeredgecolor="#222222", markeredgewidth=0.5, linewidth=0.8, zorder=5, gid=f"seen-{i}")
            ly = y0 + _BAR_H + (lane - 0.5) * _LANE_H
            ax.plot([xd, xd], [yc + 0.04, ly - 0.05], color="#555555", linewidth=0.5, linestyle=":")
            ax.text(mdates.date2num(lo) + tx0 * days_per_px, ly, b.label, va="center", ha="left", fontsize=_LANE_PT,
                    color="#222222", style="italic", zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})
            continue
        s, e = clip(b)
        width = max((e - s).days, 1)
        rect = ax.barh(yc, width, left=mdates.date2num(s), height=_BAR_H, color=HOLDER, alpha=0.6 if b.acting else 1.0,
                       hatch="////" if b.acting else None, edgecolor="#333333", linewidth=0.4)[0]
        rect.set_gid(f"tenure-{i}")
        for fs, fe, _who in b.family:
            fs, fe = max(fs, s), min(fe, e)
            if fs < fe:
                seg = ax.barh(yc, (fe - fs).days, left=mdates.date2num(fs), height=_BAR_H, color=FAMILY,
                              hatch="////" if b.acting else None, edgecolor="#333333", linewidth=0.4)[0]
                seg.set_gid(f"family-{i}")
        x_date = mdates.date2num(lo) + tx0 * days_per_px
        if lane == 0:
            ax.text(x_date, yc, b.person_label, va="center", ha="left", fontsize=_INSIDE_PT)
            continue
        ly = y0 + _BAR_H + (lane - 0.5) * _LANE_H
        cxd = mdates.date2num(lo) + cx * days_per_px
        ax.plot([cxd, cxd], [y0 + _BAR_H, ly - 0.05], color="#555555", linewidth=0.5)
        # a white ground under the name: a leader passing to a lower line goes behind it, not through it
        ax.text(x_date, ly, b.person_label, va="center", ha="left", fontsize=_LANE_PT, color="#222222", zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})

    years = max((hi - lo).days / 365.25, 1)
    step = next((s for s in (1, 2, 5, 10, 20) if axes_px / (years / s) >= 48), 25)
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.YearLocator(base=step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", linewidth=0.3, color="#cccccc")
    ax.set_axisbelow(True)
    fig.legend(handles=[Patch(facecolor=HOLDER, edgecolor="#333333", label="in office"),
                        Patch(facecolor=FAMILY, edgecolor="#333333",
                              label="in office while a relative was head of state"),
                        Patch(facecolor="white", edgecolor="#333333", hatch="////", label="acting")]
               + ([Line2D([], [], marker="D", linestyle="none", markersize=4.5, color=MARK, markeredgecolor="#222222",
                          label="seen in office on a day (no dated tenure)")] if any(isinstance(p[0], Mark) for p in plan) else []),
               loc="lower left", bbox_to_anchor=(left_in / _W, 0.32 / H), ncol=4, fontsize=7, frameon=False,
               borderaxespad=0)
    fig.text(left_in / _W, 0.1 / H, f"Data as of {as_of or today.isoformat()} · open tenures drawn to "
             f"{today.isoformat()} · succession-kb", fontsize=6.5, color="#555555")
    fig.text(left_in / _W, (H - 0.3) / H, title, fontsize=10, weight="bold")
    if out is not None:
        import io

        from .safeio import write_text

        buf = io.BytesIO()
        fig.savefig(buf, dpi=_DPI, format=out.suffix.lstrip(".").lower())
        (write or functools.partial(write_text, output=True))(out, buf.getvalue())
    return fig


# ---------------------------------------------------------------------------------------------- graph

_PER_ROW = 5


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _office_gaps(select) -> dict[str, list[tuple[PDate, PDate | None, str]]]:
    """The recorded periods without a holder (abolished, vacant, ...) of every office, with their reasons."""
    from .namespaces import sparql_prefixes

    out: dict[str, list[tuple[PDate, PDate | None, str]]] = {}
    text = sparql_prefixes() + """
SELECT ?office ?start ?end ?reason WHERE {
  ?g a sk:OfficeGap ; sk:office ?office ; sk:start ?start ; sk:reason ?reason . OPTIONAL { ?g sk:end ?end } }"""
    for r in select(text).rows:
        out.setdefault(r["office"].value, []).append(
            (PDate(r["start"].value), PDate(r["end"].value) if r["end"] is not None else None, r["reason"].value))
    for v in out.values():
        v.sort(key=lambda g: g[0].lo)
    return out


def dot(items: list[Bar], select, rows: list[str] | None = None) -> str:
    """Succession chains and the family ties between the people in them, as Graphviz DOT.

    Each office is a box of tenures read left to right by date, wrapped every few tenures, offices
    stacked top to bottom; succession edges are grey arrows, family ties bold orange edges between
    the people (ellipses, in a box of their own). Node and edge ids (tenure-N, person-N, succ-N,
    kin-N) survive into the SVG, so a reader or a test can find them."""
    rows = rows or row_order(items)
    ids = {b.tenure: f"t{i}" for i, b in enumerate(items)}
    lines = ["digraph succession {",
             '  graph [rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.35, fontname="Helvetica", fontsize=11, '
             'labeljust=l];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef5fb", color="#4a6f8a", fontname="Helvetica", '
             'fontsize=9, width=2.1];',
             '  edge [color="#666666", arrowsize=0.6, fontname="Helvetica"];']
    chained: set[tuple[str, str]] = set()
    any_gap = False  # whether a dashed "no holder recorded" edge is drawn (the key names it then)
    heads: list[str] = []  # the first tenure of each office's last row: where the next office hangs below
    layout = 0
    gaps = _office_gaps(select)

    def between(a: Bar, b: Bar) -> str | None:
        """The label of the period between two tenures in a row when nobody is recorded in it: the
        recorded reason (abolished, vacant, ...) or "no holder recorded"; None when they meet."""
        if a.end is None or b.start.lo <= a.end.hi:
            return None
        why = [r for s_, e_, r in gaps.get(a.office, []) if s_.lo < b.start.lo and (e_ is None or e_.hi > a.end.hi)]
        text = why[0] if why else "no holder recorded"
        text = text if len(text) <= 42 else text[:40].rsplit(" ", 1)[0] + " …"
        return f"{a.end.text} – {b.start.text}:\n{text}"
    for n, office in enumerate(rows):
        group = sorted((b for b in items if b.office == office), key=lambda b: (chronological(b.start, b.end), not b.acting))
        lines.append(f"  subgraph cluster_{n} {{")
        lines.append(f"    label={_q(group[0].office_label)}; tooltip={_q(group[0].office_label)}; style=rounded; "
                     "color=\"#999999\";")
        chunks = [group[i:i + _PER_ROW] for i in range(0, len(group), _PER_ROW)]
        for chunk in chunks:
            members = []
            for b in chunk:
                span = f"{b.start.text} – {b.end.text if b.end else 'now'}"
                # "acting, acting by rule" says acting twice: the mode alone says it then
                how = b.mode if b.acting and b.mode and "acting" in b.mode else \
                    ", ".join(x for x in ("acting" if b.acting else "", b.mode or "") if x)
                label = b.person_label + "\n" + span + (f"\n{how}" if how else "")
                extra = ', fillcolor="#fde0c5", color="#d95f02"' if b.relative else ""
                # the tooltip a reader hovers is the box's own text, not Graphviz's node id ("t5")
                lines.append(f"    {ids[b.tenure]} [id=\"tenure-{ids[b.tenure][1:]}\", label={_q(label)}, "
                             f"tooltip={_q(b.office_label + ': ' + label.replace(chr(10), ', '))}{extra}];")
                members.append(ids[b.tenure])
            lines.append("    { rank=same; " + " ".join(f"{m};" for m in members) + " }")
        lines.append("  }")
        for ci, chunk in enumerate(chunks):
            for a, b in zip(chunk, chunk[1:], strict=False):
                hole = between(a, b)
                # a period with nobody recorded is drawn as such (dashed, with its dates and reason), never as
                # a hand-over: the presidency abolished in 1992-1994 is not Iskandarov handing over to Rahmon
                dashed = (f", style=dashed, color=\"#999999\", fontcolor=\"#555555\", fontsize=7, label={_q(hole)}"
                          if hole else "")
                any_gap = any_gap or bool(hole)
                if b.predecessor == a.tenure:
                    chained.add((a.tenure, b.tenure))
                    lines.append(f"  {ids[a.tenure]} -> {ids[b.tenure]} [id=\"succ-{ids[b.tenure][1:]}\"{dashed}];")
                elif hole:
                    layout += 1
                    lines.append(f"  {ids[a.tenure]} -> {ids[b.tenure]} [id=\"gap-{layout}\", arrowhead=none{dashed}];")
                else:  # keep date order inside a row even where no succession is recorded
                    layout += 1
                    lines.append(f"  {ids[a.tenure]} -> {ids[b.tenure]} [id=\"layout-{layout}\", style=invis];")
            if ci:
                layout += 1
                lines.append(f"  {ids[chunks[ci - 1][0].tenure]} -> {ids[chunk[0].tenure]} "
                             f"[id=\"layout-{layout}\", style=invis, weight=20];")
        if heads:
            layout += 1
            lines.append(f"  {heads[-1]} -> {ids[chunks[0][0].tenure]} [id=\"layout-{layout}\", style=invis];")
        heads.append(ids[chunks[-1][0].tenure])
    for b in items:
        if b.predecessor in ids and (b.predecessor, b.tenure) not in chained:
            lines.append(f"  {ids[b.predecessor]} -> {ids[b.tenure]} [id=\"succ-{ids[b.tenure][1:]}\", "
                         "constraint=false];")
    persons: dict[str, str] = {}
    for b in items:
        persons.setdefault(b.person, b.person_label)
    family = FamilyGraph(select)
    ties = []  # (p, other, path): other is p's <path>, each pair once
    for p in sorted(persons):
        for other, kin in sorted(family.kin(p, depth=1).items()):
            if other in persons and p < other:
                ties.append((p, other, kin.path))
    involved = sorted({x for a, b, _ in ties for x in (a, b)})
    if involved:
        pids = {p: f"p{i}" for i, p in enumerate(involved)}
        lines.append("  subgraph cluster_family {")
        lines.append('    label="Family ties"; style="rounded,dashed"; color="#d95f02";')
        for p in involved:
            lines.append(f"    {pids[p]} [id=\"person-{pids[p][1:]}\", shape=ellipse, style=filled, "
                         f"fillcolor=\"#fde0c5\", color=\"#d95f02\", label={_q(persons[p])}];")
        lines.append("  }")
        if heads:
            layout += 1
            lines.append(f"  {heads[-1]} -> {pids[involved[0]]} [id=\"layout-{layout}\", style=invis];")
        for i, (a, b, path) in enumerate(ties):
            # b is a's <path>: the arrow runs from b to a and reads "b — child of → a" (drawn with a above
            # b: dir=back keeps the layout); a symmetric tie (spouse, sibling) has no arrow
            symmetric = path in _SYMMETRIC
            text = path if symmetric else f"{path} of"
            tip = f"{persons[b]} is {'the ' if symmetric else ''}{path} of {persons[a]}"
            lines.append(f"  {pids[a]} -> {pids[b]} [id=\"kin-{i}\", color=\"#d95f02\", penwidth=2, "
                         f"dir={'none' if symmetric else 'back'}, fontcolor=\"#a04000\", fontsize=8, "
                         f"label={_q(text)}, tooltip={_q(tip)}];")
    lines.append(_key(any_gap, bool(involved), any(b.relative for b in items)))
    last = pids[involved[-1]] if involved else heads[-1] if heads else None
    if last:  # the key goes under everything else
        lines.append(f"  {last} -> key [id=\"layout-key\", style=invis];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_SYMMETRIC = {"spouse", "sibling", "in-law", "sibling-in-law", "cousin"}


def _key(gap: bool, family: bool, relative: bool) -> str:
    """The picture's key, as one plain node at the bottom: the boxes' fills on one line, then the lines'
    meanings (only what the picture uses)."""
    boxes = ['<td bgcolor="#eef5fb" color="#4a6f8a">in office</td>']
    if relative:
        boxes.append('<td bgcolor="#fde0c5" color="#d95f02">in office while a relative was head of state</td>')
    meanings = ["grey arrow: succeeded by"]
    if gap:
        meanings.append("dashed: no holder recorded between (dates, reason)")
    if family:
        meanings.append('<font color="#a04000">orange line: family tie, read along the arrow (A — child of → B)</font>')
    rows = [f'<tr><td border="0" align="left"><b>Key</b></td>{"".join(boxes)}</tr>']
    rows += [f'<tr><td border="0"></td><td border="0" align="left" colspan="{len(boxes)}">{m}</td></tr>' for m in meanings]
    return ('  key [id="key", shape=plaintext, style="", fontsize=8, label=<<table border="0" cellborder="1" cellspacing="3" '
            f'cellpadding="2">{"".join(rows)}</table>>];')


def render_dot(text: str, out: Path) -> None:
    """Write DOT as is, or run Graphviz for .svg/.png."""
    suffix = out.suffix.lower()
    if suffix not in (".dot", ".gv", ".svg", ".png"):
        raise InputError(f"graph output must end in .dot, .svg or .png, not {out.name!r}")
    from .safeio import check_output, write_text

    check_output(out)
    if suffix in (".dot", ".gv"):
        write_text(out, text, output=True)
        return
    binary = shutil.which("dot")
    if binary is None:
        raise InputError(f"Graphviz 'dot' is not installed, so {out.name} cannot be drawn: install it "
                         "(apt-get install graphviz) or write --out FILE.dot")
    done = subprocess.run([binary, f"-T{suffix[1:]}"], input=text.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise InputError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    write_text(out, done.stdout, output=True)
