"""succession: the command line of succession-kb. Thin: parse, call the library, render.

Every library error becomes one line ``Error: ...`` on stderr and a non-zero exit code
(1 violation or conflict, 2 bad input / unknown name / unreadable knowledge base, 3 server error).
"""

import contextlib
import csv
import functools
import io
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from succession.errors import InputError, SuccessionError

app = typer.Typer(
    name="succession",
    help="Who holds power in Central Asia, who held it before, and who is next in line.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

KbOpt = Annotated[Optional[Path], typer.Option("--kb", help="Knowledge base folder (default: the project's kb/, or $SUCCESSION_KB).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or csv.")]
OnOpt = Annotated[Optional[str], typer.Option("--on", help="The date, YYYY-MM-DD (default: today).")]
AsRecordedOpt = Annotated[Optional[str], typer.Option("--as-recorded", help="Answer from what the knowledge base had recorded by this date (YYYY-MM-DD or date-time).")]


SERVER: dict[str, str | None] = {"endpoint": None, "update_endpoint": None, "graph": None}
RUN: dict = {"session": None}  # the session this run opened (a table's source notes show each page's kind)


@app.callback()
def main_options(
    endpoint: Annotated[Optional[str], typer.Option("--endpoint", envvar="SUCCESSION_ENDPOINT", help="Run against this SPARQL 1.1 query endpoint instead of kb/.")] = None,
    update_endpoint: Annotated[Optional[str], typer.Option("--update-endpoint", envvar="SUCCESSION_UPDATE_ENDPOINT", help="SPARQL 1.1 update endpoint (default: next to the query endpoint).")] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", envvar="SUCCESSION_GRAPH", help="Named graph on the server (default: the default graph).")] = None,
) -> None:
    """Who holds power in Central Asia, who held it before, and who is next in line.

    Every command reads kb/ (or --kb DIR); with --endpoint URL it reads and edits a shared SPARQL server.
    Credentials: $SUCCESSION_ENDPOINT_USER/$SUCCESSION_ENDPOINT_PASSWORD or $SUCCESSION_ENDPOINT_TOKEN.
    """
    SERVER.update(endpoint=endpoint, update_endpoint=update_endpoint, graph=graph)


def _session(kb: Path | None, as_recorded: str | None = None):
    from succession.api import Succession

    RUN["session"] = Succession(kb or os.environ.get("SUCCESSION_KB") or None, as_recorded=as_recorded,
                                endpoint=SERVER["endpoint"], update_endpoint=SERVER["update_endpoint"],
                                graph=SERVER["graph"])
    from succession.safeio import protect

    with contextlib.suppress(Exception):  # a session on a server has no folder
        protect(RUN["session"].kb.dir)
    return RUN["session"]


def _source_kinds(urls: list[str] | None = None) -> dict[str, str]:
    """The recorded kind of each cited page, from the session this run opened, for a table's source notes."""
    try:
        return RUN["session"].source_kinds(urls) if RUN["session"] is not None else {}
    except Exception:  # the kinds decorate a finished answer: never fail it for them
        return {}


def handle_errors(fn):
    """Turn library errors into one line on stderr and the error's exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SuccessionError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:  # output piped into `head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141) from None
        except KeyboardInterrupt:
            typer.echo("Error: interrupted", err=True)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as exc:  # the machine refused (disk full, permission, read-only): not a bug
            from succession.errors import describe_os_error

            typer.echo(f"Error: {describe_os_error(exc)}", err=True)
            raise typer.Exit(4) from None
        except MemoryError:
            typer.echo("Error: out of memory", err=True)
            raise typer.Exit(4) from None
        except Exception as exc:  # a bug: still one line, never a traceback
            typer.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
            raise typer.Exit(70) from None

    return wrapper


# ---------------------------------------------------------------------------------- rendering


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def render(answer, fmt: str, *, title: bool = True) -> None:
    """Print an Answer as a table (with title and notes), JSON (records) or CSV (records)."""
    from succession.api import check_format

    check_format(fmt)
    from succession.safeio import csv_safe

    if fmt == "json":
        typer.echo(json.dumps(answer.records, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        cols = list(answer.records[0].keys()) if answer.records else answer.columns
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in answer.records:
            w.writerow({k: csv_safe(_cell(r.get(k))) for k in cols})
        typer.echo(buf.getvalue(), nl=False)
        return
    if title:
        typer.echo(answer.title)
    columns = list(answer.columns)
    footnotes: list[str] = []
    rows = []
    for r in answer.records:
        row = []
        for c in columns:
            if c == "sources":
                refs = []
                urls = r.get(c) or []
                if isinstance(urls, str):  # a query's GROUP_CONCAT of addresses: split it, never by character
                    urls = urls.split()
                for url in urls:
                    if url not in footnotes:
                        footnotes.append(url)
                    refs.append(str(footnotes.index(url) + 1))
                row.append(",".join(refs))
            else:
                row.append(_cell(r.get(c)) or getattr(answer, "blank", {}).get(c, ""))
        rows.append(row)
    if rows:
        print_table(columns, rows)
    for note in answer.notes:
        typer.echo(f"  {note}")
    if footnotes:
        typer.echo("Sources:")
        kinds = _source_kinds(footnotes)
        for i, url in enumerate(footnotes, 1):
            typer.echo(f"  [{i}] {url}" + (f" ({kinds[url]})" if url in kinds else ""))


def print_table(columns: list[str], rows: list[list[str]]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    width = 200 if not sys.stdout.isatty() else None
    console = Console(width=width, highlight=False, soft_wrap=False, emoji=False, markup=False)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def render_result(result, fmt: str) -> None:
    """Print a raw query Result."""
    from succession.api import Answer, check_format
    from succession.engine import plain

    check_format(fmt)
    records = [{c: plain(r.get(c)) for c in result.columns} for r in result.rows]
    render(Answer("", records, result.columns), fmt, title=False)
    if fmt == "table" and not records:
        typer.echo("(no rows)")


def parse_params(params: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in params or []:
        name, sep, value = p.partition("=")
        if not sep or not name.strip():
            raise InputError(f"invalid parameter {p!r}: expected NAME=VALUE")
        out[name.strip()] = value
    return out


# ---------------------------------------------------------------------------------- read commands


@app.command("who-holds")
@handle_errors
def who_holds(office: Annotated[str, typer.Argument(help="Office: name, alias, Wikidata QID or IRI.")],
              on: OnOpt = None, format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Who held OFFICE on a date (default today), with sources.

    Example: succession who-holds "Chairman of the Majlisi Milli" --on 2015-06-01
    """
    render(_session(kb, as_recorded).who_holds(office, on), format)


@app.command()
@handle_errors
def history(office: Annotated[str, typer.Argument(help="Office: name, alias, Wikidata QID or IRI.")],
            format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """The succession chain of OFFICE: every holder, how each began and ended, gaps and departures from the rule.

    Example: succession history "President of Tajikistan"
    """
    render(_session(kb, as_recorded).history(office), format)


@app.command()
@handle_errors
def person(name: Annotated[str, typer.Argument(help="Person: name, alias, transliteration, QID or IRI.")],
           format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """A person's offices with dates, predecessors and successors, and their relatives.

    Example: succession person Rakhmonov
    """
    ans = _session(kb, as_recorded).person(name)
    if format == "json":
        typer.echo(json.dumps({**ans.person, "tenures": ans.records}, ensure_ascii=False, indent=2))
        return
    render(ans, format)


@app.command()
@handle_errors
def offices(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
            format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """The offices in the knowledge base, with kind, jurisdiction, body and number of tenures.

    Example: succession offices --country Tajikistan
    """
    render(_session(kb, as_recorded).offices(country), format)


@app.command()
@handle_errors
def current(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
            on: OnOpt = None,
            all_kinds: Annotated[bool, typer.Option("--all-kinds", help="Every office, not only heads of state and government, chamber chairs and mayors.")] = False,
            format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Who holds every office on a date (default today), optionally in one country.

    Example: succession current --country Tajikistan
    """
    render(_session(kb, as_recorded).current(country, on, all_kinds), format)


@app.command("line-of-succession")
@handle_errors
def line_of_succession(office: Annotated[str, typer.Argument(help="The office that would fall vacant, or a country (its head of state).")],
                       on: OnOpt = None, format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Who would act if OFFICE fell vacant on a date: the rules in force, in order, and their holders.

    Example: succession line-of-succession "President of Tajikistan" --on 2020-05-01
    """
    render(_session(kb, as_recorded).line_of_succession(office, on), format)


@app.command()
@handle_errors
def departures(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
               office: Annotated[Optional[str], typer.Option("--office", help="Only this head-of-state office.")] = None,
               format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Every vacancy of a head of state (death, resignation, removal, ouster): who the succession rules
    named, who took over, whether the rule was followed, and whether the transfer was regular (Archigos).

    Example: succession departures --country Kyrgyzstan
    """
    render(_session(kb, as_recorded).transfers(country, office), format)


@app.command("log")
@handle_errors
def edit_log(since: Annotated[Optional[str], typer.Option("--since", help="Only edits recorded on or after this date.")] = None,
             limit: Annotated[int, typer.Option("--limit", help="At most this many edits.")] = 20,
             format: FormatOpt = "table", kb: KbOpt = None) -> None:
    """The edits recorded, newest first: when, what kind, the facts each added, closed or corrected,
    and its sources.

    Example: succession log --since 2026-11-30 --limit 10
    """
    render(_session(kb).log(since, limit), format)


@app.command()
@handle_errors
def dynasty(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
            on: Annotated[Optional[str], typer.Option("--on", help="Only what held on this day, YYYY-MM-DD or today (default: the whole history).")] = None,
            current_: Annotated[bool, typer.Option("--current", help="Only what holds today (same as --on today).")] = False,
            table: Annotated[Optional[str], typer.Option("--table", help="Only one table: hereditary, first-in-line or in-office.")] = None,
            out: Annotated[Optional[Path], typer.Option("--out", help="With --format csv: a folder, one CSV file per table.")] = None,
            format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Successions and posts that stay inside a family: hereditary successions (Brownlee 2007), relatives of
    the sitting head of state in the first-in-line office, and relatives holding office, with kinship paths.
    A multi-seat office never counts as a family succession. --format csv writes one table (--table) to
    standard output, or every table into --out DIR.

    Example: succession dynasty --country Tajikistan --current
    """
    from succession.api import check_format

    check_format(format)
    names = {"hereditary": "hereditary", "first-in-line": "first_in_line", "in-office": "in_office"}
    if table is not None and table not in names:
        raise InputError(f"invalid table {table!r}: expected hereditary, first-in-line or in-office")
    if current_ and on:
        raise InputError("give --on DATE or --current, not both")
    if out is not None and format != "csv":
        raise InputError("--out DIR is for --format csv (one file per table)")
    if format == "csv" and table is None and out is None:
        raise InputError("--format csv writes one table: give --table hereditary|first-in-line|in-office, "
                         "or --out DIR for one file per table")
    parts = _session(kb, as_recorded).dynasty(country, on="today" if current_ else on)
    if table is not None:
        parts = {names[table]: parts[names[table]]}
    if out is not None:
        from succession.safeio import write_text

        if out.exists() and (out.is_symlink() or not out.is_dir()):
            raise InputError(f"--out {out} exists and is not a folder")
        for key, ans in parts.items():
            buf = io.StringIO()
            _write_csv(ans, buf)
            typer.echo(f"Wrote {write_text(out / f'{key}.csv', buf.getvalue(), output=True)}")
        return
    if format == "json":
        typer.echo(json.dumps({k: v.records for k, v in parts.items()}, ensure_ascii=False, indent=2))
        return
    for i, ans in enumerate(parts.values()):
        if i:
            typer.echo("")
        render(ans, format)
        if format == "table" and not ans.records:
            typer.echo("  (none recorded)")


def _write_csv(answer, fh) -> None:
    """An Answer's records as one CSV table (cells that a spreadsheet would run as formulas defused)."""
    from succession.safeio import csv_safe

    cols = list(answer.records[0].keys()) if answer.records else answer.columns
    w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in answer.records:
        w.writerow({k: csv_safe(_cell(r.get(k))) for k in cols})


@app.command()
@handle_errors
def claims(person: Annotated[Optional[str], typer.Option("--person", help="Only claims about this person.")] = None,
           format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Reported expectations and rumours, kept apart from facts, and the tenure that settled each.

    Example: succession claims --person "Rustam Emomali"
    """
    render(_session(kb, as_recorded).claims(person), format)


@app.command()
@handle_errors
def search(text: Annotated[str, typer.Argument(help="A name in any script or transliteration.")],
           limit: Annotated[int, typer.Option("--limit", help="At most this many people.")] = 10,
           format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Find people by any spelling or script, ranked, with the most senior office each held.

    Example: succession search Рахмонов
    """
    if limit < 1:
        raise InputError("--limit must be at least 1")
    render(_session(kb, as_recorded).search(text, limit), format)


@app.command()
@handle_errors
def stats(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
          all_kinds: Annotated[bool, typer.Option("--all-kinds", help="Every office, not only heads of state, heads of government and chamber chairs.")] = False,
          format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Tenure statistics per office (Archigos-style): tenures, acting ones, median and longest stay, exits.

    Example: succession stats --country Kyrgyzstan
    """
    render(_session(kb, as_recorded).stats(country, all_kinds), format)


@app.command()
@handle_errors
def coverage(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
             since: Annotated[Optional[str], typer.Option("--since", help="Start of the period checked, for every kind. Default: the period the knowledge base promises, 1991-01-01 (regional governors 2000-01-01).")] = None,
             kind: Annotated[Optional[list[str]], typer.Option("--kind", "-k", help="Only offices of this kind (repeatable): e.g. governor, head-of-state, minister; main = heads of state and government and chamber chairs.")] = None,
             all_kinds: Annotated[bool, typer.Option("--all-kinds", hidden=True, help="Every office kind (the default).")] = False,
             strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any gap is unexplained or any fact unsourced.")] = False,
             format: FormatOpt = "table", kb: KbOpt = None) -> None:
    """Per country and office, every office kind by default: number of tenures, first and last dates, every
    gap (explained or not), every unsourced fact, the facts sourced only by copies, the sources by kind and
    the share of persons and offices with a Wikidata QID, so that missing data is visible.

    Example: succession coverage --country Kyrgyzstan --kind governor
    """
    ans = _session(kb).coverage(country, since, None if all_kinds else kind)
    render(ans, format)
    if strict and (ans.unexplained or ans.unsourced):
        raise typer.Exit(1)


@app.command("queries")
@handle_errors
def list_named_queries(format: FormatOpt = "table") -> None:
    """List the named queries with their descriptions and parameters.

    Example: succession queries
    """
    from succession.api import Answer
    from succession.queries import list_queries

    records = [{"name": q.name, "description": q.description,
                "parameters": ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.params)}
               for q in list_queries()]
    render(Answer("Named queries (run with: succession query NAME --param name=value)", records,
                  ["name", "description", "parameters"]), format)


@app.command()
@handle_errors
def query(name: Annotated[Optional[str], typer.Argument(help="A named query (see `succession queries`).")] = None,
          file: Annotated[Optional[Path], typer.Option("--file", help="Run the SPARQL in this file.")] = None,
          sparql: Annotated[Optional[str], typer.Option("--sparql", help="Run this SPARQL text.")] = None,
          param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE, bound as an RDF term.")] = None,
          allow_service: Annotated[bool, typer.Option("--allow-service", help="Let the query call remote SERVICE endpoints (off: refused).")] = False,
          format: FormatOpt = "table", kb: KbOpt = None) -> None:
    """Run a named query, a SPARQL file or SPARQL text; parameters are bound, never pasted.

    Example: succession query holder-on-date --param office="Mayor of Dushanbe" --param on=2018-06-01
    """
    chosen = [x for x in (name, file, sparql) if x is not None]
    if len(chosen) != 1:
        raise InputError("give exactly one of NAME, --file or --sparql")
    params = parse_params(param)
    s = _session(kb)
    if name is not None:
        result = s.run_named(name, params)
    else:
        if file is not None:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read {file}: {exc}") from None
        else:
            text = sparql or ""
        result = s.run_sparql(text, params, allow_service=allow_service)
    render_result(result, format)


@app.command()
@handle_errors
def validate(since: Annotated[Optional[str], typer.Option("--since", help="A knowledge-base folder or git revision (HEAD, HEAD~3, REV:kb) known to be valid: check the shapes only on what changed since then, every SPARQL check on the whole (a day's edits in seconds).")] = None,
             engine: Annotated[str, typer.Option("--engine", help="SHACL engine: builtin (fast, over the store's own terms) or pyshacl (the reference implementation; slower).")] = "builtin",
             kb: KbOpt = None) -> None:
    """Check the knowledge base against the SHACL shapes and the SPARQL checks.

    Exit 0 when it conforms, 1 with one violation per line, 2 when a file cannot be read.

    Example: succession validate --since HEAD
    """
    violations = _session(kb).validate(since, engine=engine)
    for v in violations:
        typer.echo(str(v))
    if violations:
        typer.echo(f"{len(violations)} violation(s)", err=True)
        raise typer.Exit(1)
    typer.echo("OK: the knowledge base conforms to the shapes and passes every check.")


# ---------------------------------------------------------------------------------- edit commands

SourceOpt = Annotated[Optional[str], typer.Option("--source", help="URL of the page the fact was read from (required).")]
SourceTitleOpt = Annotated[Optional[str], typer.Option("--source-title", help="Title of the source page.")]
PublisherOpt = Annotated[Optional[str], typer.Option("--publisher", help="Publisher of the source (e.g. RFE/RL).")]
PublishedOpt = Annotated[Optional[str], typer.Option("--published", help="Publication date of the source.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print what would be added and removed; write nothing.")]


def _source(url, title, publisher, published):
    from succession.edit import SourceInfo

    return SourceInfo.make(url, title, publisher, published)


def _editor(kb):
    from succession.edit import Editor

    return Editor(_session(kb))


def report(result) -> None:
    for line in result.changes.summary:
        if result.dry_run and line.startswith("Recorded"):
            line = "Would record" + line[len("Recorded"):]
        typer.echo(line)
    if result.dry_run:
        if result.changes.empty:
            typer.echo("Dry run: nothing would change.")
            return
        typer.echo(f"Dry run: would add {len(result.changes.added)} and remove {len(result.changes.removed)} "
                   "triple(s); validation passed; nothing written.")
        for line in result.changes.lines():
            typer.echo(line)
        return
    if not result.changed:
        typer.echo("No change: the knowledge base already records this.")
        return
    typer.echo(f"Wrote {', '.join(result.written)} (+{len(result.changes.added)} -{len(result.changes.removed)} triples).")


@app.command()
@handle_errors
def appoint(person: Annotated[str, typer.Argument(help="Who is appointed (name, alias or IRI).")],
            office: Annotated[str, typer.Argument(help="The office (name, alias or IRI).")],
            date: Annotated[str, typer.Option("--date", help="Start date: YYYY-MM-DD, YYYY-MM or YYYY.")],
            acting: Annotated[bool, typer.Option("--acting", help="An acting / interim holder.")] = False,
            mode: Annotated[Optional[str], typer.Option("--mode", help="How the tenure began: election, appointment, parliamentary-vote, constitutional-succession, acting-by-rule, hereditary, coup, ouster, popular-uprising, other.")] = None,
            legal_basis: Annotated[Optional[str], typer.Option("--legal-basis", help="Decree, article or vote.")] = None,
            outgoing_reason: Annotated[Optional[str], typer.Option("--outgoing-reason", help="How the incumbent's tenure ends (default: succeeded).")] = None,
            source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
            published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record that PERSON took OFFICE on a date: closes the incumbent's tenure, links predecessor and
    successor, records the succession event, all with the source.

    Example: succession appoint "Rustam Emomali" "Chairman of the Majlisi Milli" --date 2020-04-17 --mode election --source https://www.rferl.org/a/30561480.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).appoint(person, office, date, acting=acting, mode=mode, legal_basis=legal_basis,
                               outgoing_reason=outgoing_reason, source=src, dry_run=dry_run))


@app.command("end-tenure")
@handle_errors
def end_tenure(person: Annotated[str, typer.Argument(help="The holder.")],
               office: Annotated[str, typer.Argument(help="The office.")],
               date: Annotated[str, typer.Option("--date", help="End date: YYYY-MM-DD, YYYY-MM or YYYY.")],
               reason: Annotated[str, typer.Option("--reason", help="term-end, resignation, death, removal, ouster, office-abolished, succeeded, appointed-elsewhere, other.")],
               source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
               published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record that PERSON's tenure of OFFICE ended (death, resignation, removal, ...); the office stays vacant.

    Example: succession end-tenure "Islam Karimov" "President of Uzbekistan" --date 2016-09-02 --reason death --source https://www.bbc.com/news/world-asia-37260374
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).end_tenure(person, office, date, reason=reason, source=src, dry_run=dry_run))


@app.command("add-person")
@handle_errors
def add_person(name: Annotated[str, typer.Argument(help="The person's common English name.")],
               alias: Annotated[Optional[list[str]], typer.Option("--alias", help="Another spelling or transliteration (repeatable).")] = None,
               native: Annotated[Optional[list[str]], typer.Option("--native", help="A native-script name as TEXT@lang, e.g. 'Рустам Эмомалӣ@tg' (repeatable).")] = None,
               born: Annotated[Optional[str], typer.Option("--born", help="Birth date.")] = None,
               died: Annotated[Optional[str], typer.Option("--died", help="Death date.")] = None,
               wikidata: Annotated[Optional[str], typer.Option("--wikidata", help="Wikidata QID, e.g. Q123.")] = None,
               source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
               published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a person (or add aliases and details to one already recorded under that name).

    Example: succession add-person "Rustam Emomali" --alias "Rustami Emomali" --native "Рустам Эмомалӣ@tg" --born 1987-12-19 --source https://www.asiaplustj.info/en/node/123
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_person(name, aliases=alias or [], names=native or [], born=born, died=died,
                                  wikidata=wikidata, source=src, dry_run=dry_run))


@app.command("add-office")
@handle_errors
def add_office(name: Annotated[str, typer.Argument(help="The office's common English name.")],
               kind: Annotated[str, typer.Option("--kind", help="head-of-state, head-of-government, chamber-chair, deputy-head-of-government, minister, security-chief, prosecutor, administration-head, security-council, central-bank, governor, mayor, deputy-chair, agency-head, other.")],
               country: Annotated[str, typer.Option("--country", help="The country.")],
               city: Annotated[Optional[str], typer.Option("--city", help="For a city office: the city.")] = None,
               body: Annotated[Optional[str], typer.Option("--body", help="The body the office belongs to (e.g. Majlisi Milli).")] = None,
               seats: Annotated[int, typer.Option("--seats", help="How many hold it at once (1 = single seat).")] = 1,
               alias: Annotated[Optional[list[str]], typer.Option("--alias", help="Another name (repeatable).")] = None,
               region: Annotated[Optional[str], typer.Option("--region", help="For a regional office: the region.")] = None,
               established: Annotated[Optional[str], typer.Option("--established", help="The day the office was created.")] = None,
               replaces: Annotated[Optional[str], typer.Option("--replaces", help="The office this one replaces.")] = None,
               wikidata: Annotated[Optional[str], typer.Option("--wikidata", help="Wikidata QID.")] = None,
               post_only: Annotated[bool, typer.Option("--post-only", help="A post recorded for its holders' careers (a relative's post, a seat in a chamber): its other holders are not tracked, so `coverage` does not count its gaps as missing.")] = False,
               source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
               published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record an office (with --replaces, one that replaces another: linked both ways).

    Example: succession add-office "Mayor of Khujand" --kind mayor --country Tajikistan --city Khujand --source https://en.wikipedia.org/wiki/Khujand
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_office(name, kind=kind, country=country, city=city, region=region, body=body, seats=seats,
                                  aliases=alias or [], established=established, replaces=replaces,
                                  wikidata=wikidata, source=src, post_only=post_only, dry_run=dry_run))


@app.command("add-edition")
@handle_errors
def add_edition(title: Annotated[str, typer.Argument(help="Title, e.g. 'Constitution of Kazakhstan (2026)'.")],
                country: Annotated[str, typer.Option("--country", help="The country.")],
                kind: Annotated[str, typer.Option("--kind", help="constitution, amendment or constitutional-law.")],
                in_force: Annotated[str, typer.Option("--in-force", help="First day in force.")],
                adopted: Annotated[Optional[str], typer.Option("--adopted", help="Adoption (referendum) date.")] = None,
                until: Annotated[Optional[str], typer.Option("--until", help="First day no longer in force, if known.")] = None,
                replaces: Annotated[Optional[str], typer.Option("--replaces", help="The edition it replaces: that edition and its open rules end on --in-force.")] = None,
                alias: Annotated[Optional[list[str]], typer.Option("--alias", help="Another title (repeatable).")] = None,
                source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a constitution, amendment or constitutional law that sets succession rules.

    Example: succession add-edition "Constitution of Kazakhstan (2026)" --country Kazakhstan --kind constitution --adopted 2026-03-15 --in-force 2026-07-01 --replaces "Constitution of Kazakhstan (1995)" --source https://astanatimes.com/2026/02/draft-constitution-sets-july-1-entry-into-force-if-approved/
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_edition(title, country=country, kind=kind, in_force=in_force, adopted=adopted, until=until,
                                   replaces=replaces, aliases=alias or [], source=src, dry_run=dry_run))


@app.command("add-rule")
@handle_errors
def add_rule(vacant: Annotated[str, typer.Argument(help="The office that falls vacant.")],
             acting: Annotated[str, typer.Argument(help="The office whose holder acts.")],
             order: Annotated[int, typer.Option("--order", help="Position in the line (1 = first).")],
             edition: Annotated[str, typer.Option("--edition", help="The legal edition that makes the rule.")],
             start: Annotated[Optional[str], typer.Option("--from", help="First day in force.")] = None,
             in_force_by: Annotated[Optional[str], typer.Option("--in-force-by", help="When the first day is unknown: a date by which it was in force.")] = None,
             until: Annotated[Optional[str], typer.Option("--until", help="First day no longer in force.")] = None,
             article: Annotated[Optional[str], typer.Option("--article", help="Article, e.g. 'Article 48'.")] = None,
             designation: Annotated[Optional[str], typer.Option("--designation", help="For a multi-seat acting office: who designates the one who acts.")] = None,
             note: Annotated[Optional[str], typer.Option("--note", help="What the text says, briefly.")] = None,
             source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
             published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a succession rule: if VACANT falls vacant, the holder of ACTING acts.

    Example: succession add-rule "President of Kazakhstan" "Vice President of Kazakhstan (2026)" --order 1 --edition "Constitution of Kazakhstan (2026)" --from 2026-07-01 --article "Article 62" --source https://example.org/constitution
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_rule(vacant, acting, order=order, edition=edition, start=start, in_force_by=in_force_by,
                                until=until, article=article, designation=designation, note=note, source=src,
                                dry_run=dry_run))


@app.command("end-rules")
@handle_errors
def end_rules(edition: Annotated[str, typer.Argument(help="The legal edition.")],
              on: Annotated[str, typer.Option("--on", help="First day the rules are no longer in force.")],
              vacant: Annotated[Optional[str], typer.Option("--office", help="Only the rules for this vacant office.")] = None,
              order: Annotated[Optional[int], typer.Option("--order", help="Only the rule of this order.")] = None,
              whole: Annotated[bool, typer.Option("--whole-edition", help="The edition itself stops being in force.")] = False,
              source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
              published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """End the open rules of EDITION on a date (an amendment changed them), or the whole edition.

    Example: succession end-rules "Constitution of Turkmenistan (2020 edition)" --on 2023-01-21 --source https://example.org/news
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).end_rules(edition, on=on, vacant=vacant, order=order, whole_edition=whole, source=src,
                                 dry_run=dry_run))


@app.command("amend-rule")
@handle_errors
def amend_rule(rule: Annotated[str, typer.Argument(help="The rule's IRI (line-of-succession --format json shows it).")],
               set_: Annotated[list[str], typer.Option("--set", help="FIELD=VALUE: edition, from, in-force-by, until, article, designation, legal-basis, note (repeatable).")],
               reason: Annotated[Optional[str], typer.Option("--reason", help="Why the correction.")] = None,
               source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
               published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Correct fields of a recorded succession rule; old values are kept as corrections.

    Example: succession amend-rule https://w3id.org/succession-kb/id/rule/president-of-kyrgyzstan/1/prime-minister-of-kyrgyzstan/undated --set in-force-by=2005-03 --source https://rferl.org/amp/1058166.html
    """
    src = _source(source, source_title, publisher, published)
    fields = {}
    for item in set_:
        k, sep, v = item.partition("=")
        if not sep:
            raise InputError(f"invalid --set {item!r}: expected FIELD=VALUE")
        fields[k.strip()] = v
    report(_editor(kb).amend_rule(rule, fields=fields, reason=reason, source=src, dry_run=dry_run))


@app.command("abolish-office")
@handle_errors
def abolish_office(office: Annotated[str, typer.Argument(help="The office that ceases to exist.")],
                   date: Annotated[str, typer.Option("--date", help="The day it ceases to exist.")],
                   replaced_by: Annotated[Optional[str], typer.Option("--replaced-by", help="The office that replaces it.")] = None,
                   source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                   published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Abolish OFFICE on a date: its open tenures close that day (office abolished).

    Example: succession abolish-office "Chairman of the Senate of Kazakhstan" --date 2026-07-01 --replaced-by "Chairman of the Kurultai of Kazakhstan" --source https://example.org/news
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).abolish_office(office, date=date, replaced_by=replaced_by, source=src, dry_run=dry_run))


@app.command("restore-office")
@handle_errors
def restore_office(office: Annotated[str, typer.Argument(help="The abolished office that is created again.")],
                   date: Annotated[str, typer.Option("--date", help="The day it exists again.")],
                   reason: Annotated[Optional[str], typer.Option("--reason", help="Why it did not exist meanwhile.")] = None,
                   source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                   published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Restore an abolished office on a date; the time it did not exist becomes an explained gap.

    Example: succession restore-office "Vice President of Kazakhstan" --date 2026-07-01 --source https://qazinform.com/news/requirements-for-presidential-candidates-specified-in-draft-constitution-37c517
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).restore_office(office, date=date, reason=reason, source=src, dry_run=dry_run))


@app.command()
@handle_errors
def rename(target: Annotated[str, typer.Argument(help="The office or place.")],
           new_name: Annotated[Optional[str], typer.Argument(help="Its new name (omit with --former).")] = None,
           date: Annotated[str, typer.Option("--date", help="The day the name changed.")] = "",
           kind: Annotated[str, typer.Option("--kind", help="office or place.")] = "place",
           former: Annotated[Optional[str], typer.Option("--former", help="Record a name it carried until --date, without renaming it.")] = None,
           since: Annotated[Optional[str], typer.Option("--since", help="With --former: the first day of that name.")] = None,
           source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
           published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Rename an office or a place on a date; old names stay as dated former names and aliases.

    Example: succession rename Astana --former Nur-Sultan --since 2019-03-23 --date 2022-09-17 --source https://astanatimes.com/2022/09/kazakhstans-capital-renamed-astana/
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).rename(kind, target, new_name, date=date, former=former, since=since, source=src,
                              dry_run=dry_run))


@app.command()
@handle_errors
def cite(target: Annotated[str, typer.Argument(help="The IRI of a recorded fact (tenure, person, office, rule, ...).")],
         source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
         published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Add a source to a recorded fact.

    Example: succession cite https://w3id.org/succession-kb/id/tenure/mayor-of-dushanbe/rustam-emomali/2017-01-12 --source https://www.rferl.org/a/28228043.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).cite(target, source=src, dry_run=dry_run))


@app.command("classify-sources")
@handle_errors
def classify_sources(dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record the kind (official, news, encyclopedia, dataset, copy) of every source that has none, and
    the original's address of each copy whose title names it. New sources get their kind when cited.

    Example: succession classify-sources --dry-run
    """
    report(_editor(kb).classify_sources(dry_run=dry_run))


def _one_set(values: list[str] | None) -> tuple[str, str]:
    """The one FIELD=VALUE of a correction. A second --set is refused, not silently dropped (typer keeps
    only the last value of a repeated option): each correction is its own record with its own reason."""
    if not values:
        raise InputError("give the correction as --set FIELD=VALUE")
    if len(values) > 1:
        raise InputError(f"one --set per correction (got {len(values)}): run the command once per field")
    field, sep, value = values[0].partition("=")
    if not sep:
        raise InputError(f"invalid --set {values[0]!r}: expected FIELD=VALUE")
    return field.strip(), value


@app.command("correct-note")
@handle_errors
def correct_note(target: Annotated[str, typer.Argument(help="The IRI of a recorded fact (tenure, verification, attestation, departure, gap, rule).")],
                 note: Annotated[str, typer.Option("--note", help="The new wording.")],
                 reason: Annotated[Optional[str], typer.Option("--reason", help="Why it was reworded.")] = None,
                 source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                 published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Reword the note of any recorded fact (a gap's reason, a verification's or a departure's comment); the
    old wording is kept as a correction.

    Example: succession correct-note https://w3id.org/succession-kb/id/departure/president-of-kyrgyzstan/2005-03-24 --note "Akayev fled ..." --reason "research ids removed" --source https://www.rferl.org/a/1058129.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).correct_note(target, note, reason=reason, source=src, dry_run=dry_run))


@app.command("merge-person")
@handle_errors
def merge_person(keep: Annotated[str, typer.Argument(help="The record to keep (exact name, alias, QID or IRI).")],
                 drop: Annotated[str, typer.Argument(help="The duplicate record: its facts move to KEEP, its names become aliases.")],
                 reason: Annotated[Optional[str], typer.Option("--reason", help="Why the two are one person.")] = None,
                 source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                 published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """The same person recorded twice: move every fact about DROP (tenures, relations, claims, sources) to
    KEEP, keep DROP's names as aliases, and remove DROP. Refused when the two give different birth or death
    dates or Wikidata ids; recorded as a correction, undoable.

    Example: succession merge-person "Shahnoza Mirziyoyeva" "Shakhnoza Mirziyoyeva" --reason "one person, two spellings" --source https://www.rferl.org/a/uzbekistan-umarov-nepotism-mirziyoev-son-in-law/30269851.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).merge_person(keep, drop, reason=reason, source=src, dry_run=dry_run))


@app.command("correct-office")
@handle_errors
def correct_office(office: Annotated[str, typer.Argument(help="The office.")],
                   set_: Annotated[list[str], typer.Option("--set", help="FIELD=VALUE: seats, kind, established, wikidata or label.")],
                   reason: Annotated[Optional[str], typer.Option("--reason", help="Why the correction.")] = None,
                   source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                   published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Correct a fact about an office; the old value is kept as a correction.

    Example: succession correct-office "Deputy Chairman of the Cabinet of Ministers of Turkmenistan" --set seats=9 --source https://www.rferl.org/a/turkmenistan-cabinet/31706060.html
    """
    src = _source(source, source_title, publisher, published)
    field, value = _one_set(set_)
    report(_editor(kb).correct_office(office, field, value, reason=reason, source=src, dry_run=dry_run))


@app.command("add-gap")
@handle_errors
def add_gap(office: Annotated[str, typer.Argument(help="The office with no holder.")],
            start: Annotated[str, typer.Option("--from", help="First day with no holder.")],
            reason: Annotated[str, typer.Option("--reason", help="Why: abolished, vacant, not yet elected, not found in sources.")],
            end: Annotated[Optional[str], typer.Option("--to", help="First day with a holder again (omit if still open).")] = None,
            source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
            published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record an interval in which OFFICE had no (known) holder, and why; `coverage` counts it as explained.

    Example: succession add-gap "President of Tajikistan" --from 1992-11-19 --to 1994-11-16 --reason "post abolished by the Supreme Soviet" --source https://example.org/history
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_gap(office, start=start, end=end, reason=reason, source=src, dry_run=dry_run))


@app.command("relink")
@handle_errors
def relink(office: Annotated[Optional[str], typer.Argument(help="The office (omit with --all).")] = None,
           all_offices: Annotated[bool, typer.Option("--all", help="Every office.")] = False,
           dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Remove the predecessor/successor links of OFFICE that join tenures more than a year apart with
    no recorded gap between them: the holders in between are not recorded, so the link states a
    succession no source gave (`appoint` and `add-tenure` no longer make such links).

    Example: succession relink "Deputy Chairman of the Cabinet of Ministers of Turkmenistan" --dry-run
    """
    if (office is None) == (not all_offices):
        raise InputError("give an office or --all, not both" if office else "give an office, or --all for every office")
    report(_editor(kb).relink(office, dry_run=dry_run))


@app.command("add-alt-date")
@handle_errors
def add_alt_date(target: Annotated[str, typer.Argument(help="The IRI of the tenure (or person).")],
                 field: Annotated[str, typer.Option("--field", help="start, end, born or died.")],
                 date: Annotated[str, typer.Option("--date", help="The date the other source gives.")],
                 note: Annotated[Optional[str], typer.Option("--note", help="What that source says.")] = None,
                 source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                 published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record that another source gives another date; `history` shows both.

    Example: succession add-alt-date https://w3id.org/succession-kb/id/tenure/mayor-of-dushanbe/rustam-emomali/2017-01-12 --field start --date 2017-01-11 --note "decree date" --source https://example.org/news
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_alt_date(target, field_name=field, date=date, note=note, source=src, dry_run=dry_run))


@app.command("apply")
@handle_errors
def apply_batch(file: Annotated[Path, typer.Argument(help="A YAML or CSV file: one edit a row (command + the command's options).")],
                dry_run: DryRunOpt = False, quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the totals.")] = False,
                kb: KbOpt = None) -> None:
    """Apply a day's edits as one: validated as the knowledge base would be after all of them, then
    written all or nothing. An error names the row; nothing is written.

    Example: succession apply news-2026-11-30.yaml --dry-run
    """
    from succession.batch import apply_file

    results, total = apply_file(_editor(kb), file, dry_run=dry_run)
    if not quiet:
        for i, r in enumerate(results, 1):
            for line in r.changes.summary:
                if dry_run and line.startswith("Recorded"):
                    line = "Would record" + line[len("Recorded"):]
                typer.echo(f"[{i}] {line}")
    if total.changes.empty:
        typer.echo("No change: the knowledge base already records all of this.")
    elif dry_run:
        typer.echo(f"Dry run: {len(results)} edit(s) would add {len(total.changes.added)} and remove "
                   f"{len(total.changes.removed)} triple(s); validation passed; nothing written.")
    else:
        typer.echo(f"Applied {len(results)} edit(s). Wrote {', '.join(total.written)} "
                   f"(+{len(total.changes.added)} -{len(total.changes.removed)} triples).")
        for line in total.changes.summary:
            if line.startswith("Note:"):
                typer.echo(line)


@app.command()
@handle_errors
def undo(edit: Annotated[Optional[str], typer.Argument(help="The edit's id as `succession log` shows it (default: the last edit still in force).")] = None,
         reason: Annotated[Optional[str], typer.Option("--reason", help="Why the edit is undone.")] = None,
         source: Annotated[Optional[str], typer.Option("--source", help="A page showing the edit was wrong (optional).")] = None,
         source_title: SourceTitleOpt = None, publisher: PublisherOpt = None, published: PublishedOpt = None,
         dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Reverse an edit exactly, as a new edit of its own (itself undoable); refused, nothing written,
    when a later edit depends on it (undo that one first).

    Example: succession undo 20261202T010535Z --reason "wrong person"
    """
    from succession.undo import undo as undo_edit

    src = _source(source, source_title, publisher, published) if source else None
    result = undo_edit(_editor(kb), edit, reason=reason, source=src, dry_run=dry_run)
    if dry_run:
        result.changes.summary = [("Would undo" + line[len("Undid"):]).replace("; recorded as", "; to be recorded as")
                                  if line.startswith("Undid") else line for line in result.changes.summary]
    report(result)


def _render_changes(answer, format: str) -> None:
    if format == "md":
        from succession.diff import markdown

        typer.echo(markdown(answer.records, answer.title), nl=False)
        return
    render(answer, format)


ChangesFormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json, csv or md (Markdown, for a pull request).")]


@app.command()
@handle_errors
def changes(since: Annotated[str, typer.Option("--since", help="Changes recorded on or after this date, YYYY-MM-DD.")],
            format: ChangesFormatOpt = "table", kb: KbOpt = None) -> None:
    """What was recorded since a date, as facts: tenures started, ended or moved, persons, relations,
    offices, rules and editions, verifications, sources and corrections.

    Example: succession changes --since 2026-11-30 --format md
    """
    _render_changes(_session(kb).changes(since), format)


@app.command("diff")
@handle_errors
def diff_kb(old: Annotated[str, typer.Argument(help="A knowledge-base folder, or a git revision of kb/ (HEAD~3, or REV:PATH).")],
            new: Annotated[str, typer.Argument(help="A knowledge-base folder (e.g. kb) or a git revision.")],
            repo: Annotated[Optional[Path], typer.Option("--repo", help="The git repository for revisions (default: the current folder).")] = None,
            format: ChangesFormatOpt = "table") -> None:
    """The semantic change list between two states of the knowledge base, compared node by node;
    revisions are read with `git show`, never checked out.

    Example: succession diff HEAD~3 kb --format md
    """
    from succession.api import Succession

    _render_changes(Succession.diff(old, new, repo), format)


@app.command()
@handle_errors
def verify(office: Annotated[str, typer.Argument(help="The office checked.")],
           on: Annotated[str, typer.Option("--on", help="The day of the check, YYYY-MM-DD.")] = "today",
           holder: Annotated[Optional[list[str]], typer.Option("--holder", help="Who the source says holds it (must match the record; repeatable).")] = None,
           vacant: Annotated[bool, typer.Option("--vacant", help="The source says the office is vacant.")] = False,
           note: Annotated[Optional[str], typer.Option("--note", help="What was checked.")] = None,
           source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
           published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record that the holder of OFFICE was checked against a source on a date (`current` shows it).

    Example: succession verify "President of Tajikistan" --on 2026-12-01 --holder "Emomali Rahmon" --source https://president.tj/en
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).verify(office, on=on, holders=holder or [], vacant=vacant, note=note, source=src,
                              dry_run=dry_run))


@app.command()
@handle_errors
def attest(office: Annotated[str, typer.Argument(help="The office.")],
           holder: Annotated[str, typer.Option("--holder", help="Who the page shows in office (resolved strictly).")],
           on: Annotated[str, typer.Option("--on", help="The day the page shows them in office, YYYY-MM-DD.")],
           note: Annotated[Optional[str], typer.Option("--note", help="What the page says (e.g. the appointment day was not found).")] = None,
           source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
           published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record that a page shows HOLDER in OFFICE on a day although the appointment day is not known: the
    holder is shown by `who-holds`, `current` and `coverage` as attested, with no invented dates.

    Example: succession attest "Minister of Internal Affairs of Kazakhstan" --holder "Yerzhan Sadenov" --on 2026-02-05 --source https://www.inform.kz/...
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).attest(office, holder=holder, on=on, note=note, source=src, dry_run=dry_run))


@app.command()
@handle_errors
def relate(person: Annotated[str, typer.Argument(help="The first person.")],
           relation: Annotated[str, typer.Argument(help="child-of, parent-of, spouse-of, sibling-of, in-law-of, grandchild-of, nephew-or-niece-of.")],
           relative: Annotated[str, typer.Argument(help="The second person.")],
           source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
           published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a family relation: PERSON RELATION RELATIVE.

    Example: succession relate "Rustam Emomali" child-of "Emomali Rahmon" --source https://www.rferl.org/a/30561480.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).relate(person, relation, relative, source=src, dry_run=dry_run))


@app.command("add-tenure")
@handle_errors
def add_tenure(person: Annotated[str, typer.Argument(help="The holder (name, alias or IRI).")],
               office: Annotated[str, typer.Argument(help="The office.")],
               start: Annotated[str, typer.Option("--start", help="Start date: YYYY-MM-DD, YYYY-MM or YYYY.")],
               end: Annotated[Optional[str], typer.Option("--end", help="End date (omit if still in office).")] = None,
               acting: Annotated[bool, typer.Option("--acting", help="An acting / interim holder.")] = False,
               mode: Annotated[Optional[str], typer.Option("--mode", help="How the tenure began.")] = None,
               exit_reason: Annotated[Optional[str], typer.Option("--exit-reason", help="How it ended.")] = None,
               legal_basis: Annotated[Optional[str], typer.Option("--legal-basis", help="Decree, article or vote.")] = None,
               source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
               published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a past tenure inside an office's history (where `appoint` refuses to rewrite history): it is
    linked between the tenures before and after it, and any overlap is refused.

    Example: succession add-tenure "Bakytbek Dyushembiev" "Mayor of Bishkek" --start 2018-07 --end 2018-08-08 --acting --source https://vestikavkaza.ru/news/Vremennogo-mera-naznachili-v-Bishkeke.html
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_tenure(person, office, start, end, acting=acting, mode=mode, exit_reason=exit_reason,
                                  legal_basis=legal_basis, source=src, dry_run=dry_run))


@app.command("add-claim")
@handle_errors
def add_claim(person: Annotated[str, typer.Argument(help="Who is expected to take the office.")],
              office: Annotated[str, typer.Argument(help="The office they are expected to take.")],
              statement: Annotated[str, typer.Option("--statement", help="What was reported, in a sentence.")],
              claimant: Annotated[str, typer.Option("--claimant", help="Who said it (outlet, analyst, official).")],
              date: Annotated[str, typer.Option("--date", help="When it was said.")],
              stage: Annotated[str, typer.Option("--stage", help="rumoured, announced, decreed or in-office.")] = "rumoured",
              confidence: Annotated[str, typer.Option("--confidence", help="0 to 1: how firm the report is.")] = "0.5",
              source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
              published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a claim (a reported expectation or rumour), kept apart from facts; a later `appoint` of that
    person to that office settles it.

    Example: succession add-claim "Rustam Emomali" "President of Tajikistan" --statement "Analysts expect him to succeed his father" --claimant "The Diplomat" --date 2025-05 --confidence 0.7 --source https://thediplomat.com/2025/05/why-did-the-mayor-of-dushanbe-meet-with-russian-president-putin/
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_claim(person, office, statement=statement, claimant=claimant, date=date, stage=stage,
                                 confidence=confidence, source=src, dry_run=dry_run))


# ---------------------------------------------------------------------------------- elections, terms, outlook


@app.command("add-election")
@handle_errors
def add_election(office: Annotated[Optional[str], typer.Argument(help="The office elected (none for a referendum).")] = None,
                 date: Annotated[str, typer.Option("--date", help="Voting day: YYYY-MM-DD (or YYYY-MM, YYYY).")] = "",
                 kind: Annotated[str, typer.Option("--kind", help="regular, early or referendum.")] = "",
                 country: Annotated[Optional[str], typer.Option("--country", help="The country (default: the office's).")] = None,
                 winner: Annotated[Optional[str], typer.Option("--winner", help="Who won (a recorded person).")] = None,
                 share: Annotated[Optional[str], typer.Option("--share", help="The winner's share of the vote in percent (a referendum: the share for).")] = None,
                 scheduled: Annotated[bool, typer.Option("--scheduled", help="Not held yet (no result).")] = False,
                 edition: Annotated[Optional[str], typer.Option("--edition", help="For a referendum: the legal edition it adopted.")] = None,
                 title: Annotated[Optional[str], typer.Option("--title", help="A name (default: office and date).")] = None,
                 note: Annotated[Optional[str], typer.Option("--note", help="What the source says, briefly.")] = None,
                 source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                 published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record an election (its winner and share where sourced), a scheduled one, or a referendum.

    Example: succession add-election "President of Kyrgyzstan" --date 2027-01-24 --kind regular --scheduled --source https://qazinform.com/news/kyrgyz-presidential-election-set-for-early-2027-3be192
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_election(office, date=date, kind=kind, country=country, winner=winner, share=share,
                                    scheduled=scheduled, edition=edition, title=title, note=note, source=src,
                                    dry_run=dry_run))


@app.command("add-term-rule")
@handle_errors
def add_term_rule(office: Annotated[str, typer.Argument(help="The office whose term the rule sets.")],
                  years: Annotated[Optional[int], typer.Option("--years", help="Length of one term in years (omit: no fixed term, e.g. a president for life).")] = None,
                  limit: Annotated[str, typer.Option("--limit", help="Most terms one person may serve, or 'none'.")] = "",
                  edition: Annotated[str, typer.Option("--edition", help="The legal edition that set it.")] = "",
                  start: Annotated[str, typer.Option("--from", help="First day in force.")] = "",
                  until: Annotated[Optional[str], typer.Option("--until", help="First day no longer in force.")] = None,
                  applies_to: Annotated[Optional[str], typer.Option("--applies-to", help="An exception for one person (e.g. the 'Leader of the Nation').")] = None,
                  article: Annotated[Optional[str], typer.Option("--article", help="Article, e.g. 'Article 65'.")] = None,
                  note: Annotated[Optional[str], typer.Option("--note", help="What the text says, briefly.")] = None,
                  source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
                  published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Record a term rule: the term length and limit of OFFICE under a legal edition, over a period.

    Example: succession add-term-rule "President of Kazakhstan" --years 7 --limit 1 --edition "Amendment of the Constitution of Kazakhstan (September 2022)" --from 2022-09-17 --source https://astanatimes.com/2022/09/tokayev-signs-constitutional-amendments/
    """
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).add_term_rule(office, years=years, limit=limit, edition=edition, start=start, until=until,
                                     applies_to=applies_to, article=article, note=note, source=src, dry_run=dry_run))


@app.command()
@handle_errors
def elections(country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only this country.")] = None,
              format: FormatOpt = "table", kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """Elections and referendums (date, kind, winner, share, scheduled ones), then the term rules in force over time.

    Example: succession elections --country Kyrgyzstan
    """
    s = _session(kb, as_recorded)
    parts = [s.elections(country), s.term_rules(country)]
    if format == "json":
        typer.echo(json.dumps({"elections": parts[0].records, "term_rules": parts[1].records},
                              ensure_ascii=False, indent=2))
        return
    for i, ans in enumerate(parts):
        if i:
            typer.echo("")
        render(ans, format)


def render_markdown(answers) -> None:
    """Answers as Markdown tables (for an article), sources as numbered footnotes at the end."""
    footnotes: list[str] = []
    for i, ans in enumerate(answers):
        typer.echo(("# " if i == 0 else "## ") + ans.title)
        typer.echo("")
        if not ans.records:
            typer.echo("(none recorded)")
            typer.echo("")
            continue
        cols = list(ans.columns)
        typer.echo("| " + " | ".join(c.replace("_", " ") for c in cols) + " |")
        typer.echo("|" + "---|" * len(cols))
        for r in ans.records:
            cells = []
            for c in cols:
                if c == "sources":
                    refs = []
                    for url in r.get(c) or []:
                        if url not in footnotes:
                            footnotes.append(url)
                        refs.append(f"[{footnotes.index(url) + 1}]")
                    cells.append(" ".join(refs))
                else:
                    cells.append((_cell(r.get(c)) or ans.blank.get(c, "")).replace("|", "\\|"))
            typer.echo("| " + " | ".join(cells) + " |")
        typer.echo("")
        for note in ans.notes:
            typer.echo(f"- {note}")
        if ans.notes:
            typer.echo("")
    if footnotes:
        typer.echo("## Sources")
        typer.echo("")
        for i, url in enumerate(footnotes, 1):
            typer.echo(f"{i}. <{url}>")


@app.command()
@handle_errors
def outlook(country: Annotated[Optional[str], typer.Argument(help="The country (omit with --all).")] = None,
            all_: Annotated[bool, typer.Option("--all", help="The five republics side by side, one row each.")] = False,
            on: OnOpt = None,
            format: Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or md.")] = "table",
            kb: KbOpt = None, as_recorded: AsRecordedOpt = None) -> None:
    """When and how the next transfer of power can come: incumbent, age and years in office, term and next
    election, the line of succession with relatives flagged, relatives in office, open claims, the last
    transfers, and what changed in the first-in-line and security offices in the last 12 months.

    Example: succession outlook Tajikistan --on 2026-12-01 --format md
    """
    if format not in ("table", "json", "md"):
        raise InputError(f"invalid format {format!r}: expected table, json or md")
    if all_ == bool(country):
        raise InputError("give a COUNTRY or --all (not both)")
    s = _session(kb, as_recorded)
    if all_:
        ans = s.overview(on)
        if format == "md":
            render_markdown([ans])
        else:
            render(ans, format)
        return
    from succession.outlook import sections

    o = s.outlook(country, on)
    if format == "json":
        typer.echo(json.dumps(o, ensure_ascii=False, indent=2))
        return
    parts = sections(o)
    if format == "md":
        render_markdown(parts)
        return
    for i, ans in enumerate(parts):
        if i:
            typer.echo("")
        render(ans, "table")
        if not ans.records:
            typer.echo("  (none recorded)")


@app.command()
@handle_errors
def correct(person: Annotated[str, typer.Argument(help="The person (or the holder of the tenure to correct).")],
            office: Annotated[Optional[str], typer.Argument(help="The office, to correct a tenure.")] = None,
            set_: Annotated[Optional[list[str]], typer.Option("--set", help="FIELD=VALUE. Tenure fields: start, end, acting, mode, exit-reason, legal-basis, note. Person fields: born, died, wikidata, label.")] = None,
            start: Annotated[Optional[str], typer.Option("--start", help="Which tenure, when the person held the office more than once.")] = None,
            reason: Annotated[Optional[str], typer.Option("--reason", help="Why the old value was wrong.")] = None,
            alone: Annotated[bool, typer.Option("--not-a-hand-over", help="The date was no hand-over (someone held the office in between): move it alone and unlink the neighbouring tenure.")] = False,
            source: SourceOpt = None, source_title: SourceTitleOpt = None, publisher: PublisherOpt = None,
            published: PublishedOpt = None, dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Correct a wrong fact, keeping the old value and the correcting source in a Correction record.
    Moving a hand-over date moves both sides of it (predecessor's end and successor's start), unless
    --not-a-hand-over.

    Example: succession correct "Rustam Emomali" "Mayor of Dushanbe" --start 2017-04-04 --set legal-basis="Presidential decree" --source https://asiaplustj.info/en/news/tajikistan/power/20170419/238847
    """
    field_name, value = _one_set(set_)
    src = _source(source, source_title, publisher, published)
    report(_editor(kb).correct(person, field_name, value, office=office, start=start, reason=reason,
                               source=src, alone=alone, dry_run=dry_run))


# ---------------------------------------------------------------------------------- sharing


@app.command()
@handle_errors
def push(endpoint: Annotated[str, typer.Option("--to", help="SPARQL query endpoint of the server, e.g. http://127.0.0.1:7878/query.")],
         update_endpoint: Annotated[Optional[str], typer.Option("--update-to", help="SPARQL update endpoint (default: next to --to).")] = None,
         graph: Annotated[Optional[str], typer.Option("--into-graph", help="Load into this named graph.")] = None,
         replace: Annotated[bool, typer.Option("--replace", help="Replace the graph on the server (in one update, after the data is staged).")] = False,
         batch: Annotated[int, typer.Option("--batch", help="Triples per INSERT DATA request.")] = 2000,
         kb: KbOpt = None) -> None:
    """Load kb/ (and the ontology) into a SPARQL server, with a progress bar. Safe to re-run: a load
    interrupted half-way completes without duplicates.

    Example: succession push --to http://127.0.0.1:7878/query
    """
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("pushing", total=None)
        n = _session(kb).push(endpoint, update_endpoint, graph, batch, replace,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))
    typer.echo(f"Pushed {n} triples to {endpoint}" + (f" (graph <{graph}>)" if graph else "") + ".")


@app.command()
@handle_errors
def pull(endpoint: Annotated[str, typer.Option("--from", help="SPARQL query endpoint of the server.")],
         graph: Annotated[Optional[str], typer.Option("--from-graph", help="Read this named graph.")] = None,
         kb: KbOpt = None) -> None:
    """Write a SPARQL server's graph back into kb/ files, sorted and atomically, so git and the server agree.

    Example: succession pull --from http://127.0.0.1:7878/query
    """
    files = _session(kb).pull(endpoint, graph)
    typer.echo(f"Wrote {', '.join(files)} from {endpoint}.")


@app.command()
@handle_errors
def serve(port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 7878,
          writable: Annotated[bool, typer.Option("--writable", help="Accept SPARQL Update (into a temporary copy; never written back to kb/).")] = False,
          kb: KbOpt = None) -> None:
    """Serve kb/ as a local, read-only SPARQL endpoint (Oxigraph) on 127.0.0.1 for YASGUI, notebooks and
    other tools; --writable accepts updates into a temporary copy that is discarded at exit.

    Example: succession serve --port 7878
    """
    import shutil as _shutil
    import subprocess
    import tempfile

    if not 1 <= port <= 65535:
        raise InputError(f"invalid port {port}: expected 1-65535")
    binary = _shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        raise InputError("the oxigraph server is not installed: pip install oxigraph")
    s = _session(kb)
    with tempfile.TemporaryDirectory(prefix="succession-serve-") as tmp:
        import pyoxigraph as ox

        store = ox.Store(tmp)
        from succession.kb import content_quads

        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in content_quads(s.kb.store()))
        store.flush()
        del store
        if writable:
            typer.echo(f"SPARQL endpoint: http://127.0.0.1:{port}/query, updates at /update. Updates go into a "
                       "temporary copy and are NOT written back to kb/: they are lost at exit (use the edit "
                       "commands, or `succession pull`, to keep them). Ctrl-C stops it.")
        else:
            typer.echo(f"SPARQL endpoint (read-only): http://127.0.0.1:{port}/query; Ctrl-C stops it.")
        import signal

        mode = "serve" if writable else "serve-read-only"
        child = subprocess.Popen([binary, mode, "--location", tmp, "--bind", f"127.0.0.1:{port}"])

        def stop(signum, frame):  # SIGTERM as well as Ctrl-C: never leave the server behind
            child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            child.wait()
        except KeyboardInterrupt:
            child.terminate()
            child.wait()
        if writable:
            typer.echo("Stopped; updates made through the server were discarded (kb/ is unchanged).")


# ---------------------------------------------------------------------------------- pictures and exports


def _selection(s, offices, country, person):
    """Resolve the what-to-draw options: OFFICE..., --country or --person (exactly one)."""
    given = [x for x in (offices or None, country, person) if x]
    if len(given) != 1:
        raise InputError("give OFFICE names, or --country C, or --person NAME (one of them)")
    if offices:
        return {"offices": [s.resolver.resolve("office", o) for o in offices]}, ", ".join(offices)
    if country:
        iri = s.resolver.resolve("country", country)
        label = s.resolver.label("country", iri)
        return {"country": label}, label
    iri = s.resolver.resolve("person", person)
    return {"person": iri}, s.resolver.label("person", iri)


@app.command()
@handle_errors
def timeline(office: Annotated[Optional[list[str]], typer.Argument(help="Offices to draw (one row each).")] = None,
             country: Annotated[Optional[str], typer.Option("--country", "-c", help="The main offices of a country.")] = None,
             person: Annotated[Optional[str], typer.Option("--person", help="Every office a person held.")] = None,
             from_: Annotated[Optional[str], typer.Option("--from", help="Start of the period drawn.")] = None,
             to: Annotated[Optional[str], typer.Option("--to", help="End of the period drawn.")] = None,
             out: Annotated[Path, typer.Option("--out", help="FILE.png or FILE.svg")] = Path("timeline.png"),
             kb: KbOpt = None) -> None:
    """A Gantt-style chart: one row per office (offices in the order given; a person's in date order;
    a country's by kind), one labelled bar per tenure; acting tenures hatched, the days held while a
    relative was head of state in orange, holders a page shows in office on a day with no dated tenure
    as diamonds, open tenures run to today, "data as of" in the footer.

    Example: succession timeline --country Tajikistan --from 1990 --out tajikistan.png
    """
    from succession.dates import parse_date
    from succession.pictures import bars, data_as_of, load_marks, row_order
    from succession.pictures import timeline as draw

    s = _session(kb)
    start = parse_date(from_, "--from date") if from_ else None
    end = parse_date(to, "--to date") if to else None
    sel, what = _selection(s, office, country, person)
    items = bars(s.engine.select, start=start, end=end, **sel)
    rows = row_order(items, "given" if office else "date" if person else "kind", sel.get("offices"))
    marks = load_marks(s.engine.select, items, start, end)
    draw(items, out, title=f"Tenures: {what}", start=start, end=end, rows=rows, as_of=data_as_of(s.engine.select),
         marks=marks)
    seen = f", {len(marks)} holder{'' if len(marks) == 1 else 's'} seen on a day" if marks else ""
    typer.echo(f"Wrote {out} ({len(items)} tenure{'' if len(items) == 1 else 's'}{seen}).")


@app.command()
@handle_errors
def graph(office: Annotated[Optional[list[str]], typer.Argument(help="Offices whose succession to draw.")] = None,
          country: Annotated[Optional[str], typer.Option("--country", "-c", help="The main offices of a country.")] = None,
          person: Annotated[Optional[str], typer.Option("--person", help="Every office a person held, with the tenures just before and after.")] = None,
          out: Annotated[Path, typer.Option("--out", help="FILE.dot, FILE.svg or FILE.png")] = Path("succession.dot"),
          kb: KbOpt = None) -> None:
    """Succession chains, one box per office read left to right by date and wrapped, and family ties
    (bold orange, read along the arrow: "A — child of → B") between the people involved, with a key, as
    Graphviz DOT; SVG/PNG when Graphviz is installed.

    Example: succession graph --country Turkmenistan --out turkmenistan.svg
    """
    from succession.pictures import bars, dot, render_dot, row_order

    s = _session(kb)
    sel, _ = _selection(s, office, country, person)
    items = bars(s.engine.select, neighbours=bool(person), **sel)
    if not items:
        raise InputError("nothing to draw: no tenure matches")
    rows = row_order(items, "given" if office else "date" if person else "kind", sel.get("offices"))
    render_dot(dot(items, s.engine.select, rows), out)
    typer.echo(f"Wrote {out} ({len(items)} tenure{'' if len(items) == 1 else 's'}).")


@app.command()
@handle_errors
def export(format: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, trig, jsonld, csv or popolo.")] = "ttl",
           out: Annotated[Optional[Path], typer.Option("--out", help="File (a folder for csv); default: standard output.")] = None,
           kb: KbOpt = None) -> None:
    """The whole knowledge base in a standard format, deterministically: RDF (Turtle, N-Triples, TriG,
    JSON-LD), CSV tables (persons, offices, tenures, events) or Popolo JSON.

    Example: succession export --format popolo --out succession-popolo.json
    """
    from succession.export import export as run_export

    outputs = run_export(_session(kb), format, out)
    for target, text in outputs.items():
        if target == "-":
            typer.echo(text, nl=False)
            continue
        from succession.safeio import write_text

        path = write_text(Path(target), text, output=True)
        typer.echo(f"Wrote {path}")


@app.command("import-wikidata")
@handle_errors
def import_wikidata(office: Annotated[str, typer.Argument(help="Our office.")],
                    position: Annotated[str, typer.Option("--position", help="The Wikidata item of that position, e.g. Q123.")],
                    source_endpoint: Annotated[str, typer.Option("--from", help="A Wikidata-compatible SPARQL endpoint.")] = "https://query.wikidata.org/sparql",
                    apply_: Annotated[bool, typer.Option("--apply", help="Write the new tenures (validated, atomic).")] = False,
                    dry_run: DryRunOpt = False, kb: KbOpt = None) -> None:
    """Compare Wikidata's holders of a position (P39 statements) with our OFFICE: what is new, what
    conflicts (dates, predecessor), what we have that Wikidata lacks; --apply writes the new ones.

    Example: succession import-wikidata "President of Tajikistan" --position Q1147955
    """
    from succession.wikidata import apply, compare

    s = _session(kb)
    report = compare(s, office, position, source_endpoint)
    typer.echo(f"{report.office_label} vs Wikidata {report.position}: {len(report.new)} new, "
               f"{len(report.conflicts)} conflicting, {len(report.missing)} missing from Wikidata, {report.same} the same")
    for t in report.new:
        span = f"{t.start or '?'} to {t.end_text}"
        typer.echo(f"  new: {t.label} ({t.person_qid}) {span}" + ("" if t.ours else " [new person]"))
    for c in report.conflicts:
        typer.echo(f"  conflict: {c}")
    for mline in report.missing:
        typer.echo(f"  missing from Wikidata: {mline}")
    if apply_ or dry_run:
        results = list(apply(s, report, dry_run=dry_run))
        for result in results:
            for line in result.changes.summary:
                typer.echo(line)
        for line in report.skipped:
            typer.echo(f"  not written: {line}")
        if dry_run:
            typer.echo("Dry run: nothing written.")
        else:
            written = len(report.new) - len(report.skipped) if results else 0
            typer.echo(f"Applied: {written} new tenure(s) written." if written else "Nothing written: no new tenure.")


@app.command("report")
@handle_errors
def report_site(out: Annotated[Path, typer.Option("--out", help="Folder to write the site into (replaced).")] = Path("report"),
           kb: KbOpt = None) -> None:
    """A static, self-contained HTML site: index, one page per country, office and person, with
    succession tables, timelines and sources as links. No server or network needed.

    Example: succession report --out report
    """
    from rich.progress import Progress

    from succession.report import build

    with Progress(transient=True) as bar:
        task = bar.add_task("writing pages", total=None)
        pages = build(_session(kb), out, progress=lambda done, total: bar.update(task, completed=done, total=total))
    typer.echo(f"Wrote {len(pages)} pages into {out}/ (open {out / 'index.html'}).")


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: when the first argument names a command, a group holding only that command
    (typer builds every command's parameters on start-up, about 1 ms each; one is enough to run one).
    Anything else (no command, a global option first, --help) gets the whole app."""
    if not argv or argv[0].startswith("-"):
        return app
    chosen = [c for c in app.registered_commands
              if (c.name or c.callback.__name__.lower().replace("_", "-")) == argv[0]]
    if len(chosen) != 1:
        return app
    one = typer.Typer(name=app.info.name, help=app.info.help, no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False)
    one.registered_callback = app.registered_callback
    one.registered_commands = chosen
    return one


def main() -> None:
    """The console entry point: like ``app()``, but a usage error (an unknown option, a missing
    argument, a value starting with '-') is one line on stderr with exit code 2, never a box."""
    from typer import _click as click  # typer vendors click

    try:
        rc = _app_for(sys.argv[1:])(standalone_mode=False)  # click returns an Exit's code instead of raising it
    except click.exceptions.UsageError as exc:
        if not exc.format_message().strip():  # bare `succession`: the help was shown
            sys.exit(2)
        msg = exc.format_message().strip().splitlines()[0]
        hint = " (a value starting with '-' goes after --, e.g. `succession person -- -x`)" \
            if "No such option" in msg else ""
        cmd = f" (see `succession {exc.ctx.info_name} --help`)" if exc.ctx is not None and exc.ctx.parent else ""
        typer.echo(f"Error: {msg}{hint}{cmd}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        typer.echo("Error: interrupted", err=True)
        sys.exit(130)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
