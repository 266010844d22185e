"""Outlook: when and how the next transfer of power can come, per country, in one view.

Every section is read through the same library calls the single-purpose commands use (``current``,
``who-holds``, ``history``, ``line-of-succession``, ``dynasty``, ``claims``, ``departures``, the
election and term-rule readers), so the outlook can never disagree with them: it only selects and
joins their answers for one country and one date. Nothing here queries facts of its own.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .dates import PDate, parse_date, today
from .errors import InputError, NotFoundError

COUNTRIES = ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan")
# offices whose changes an analyst watches: the acting offices of the line, and the security services
SECURITY_KINDS = ("head of the security service", "security council")
WINDOW_DAYS = 365


def _day(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


def _years_between(start: str, day: str) -> float:
    return round((_day(day) - PDate(start).first_day()).days / 365.25, 1)


def _age(born: str | None, day: str) -> dict[str, Any] | None:
    """Age on ``day``; a birth date known to the year or month gives the possible range."""
    if not born:
        return None
    b = PDate(born)
    d = _day(day)

    def years(birth: _dt.date) -> int:
        return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))

    first, last = b.first_day(), b.last_day()
    lo, hi = years(last), years(first)
    return {"years": hi if lo == hi else None, "range": [lo, hi], "born": born}


def _covers(start: str | None, end: str | None, day: str) -> bool:
    if not start or PDate(start).lo > day:
        return False
    return end is None or day < PDate(end).hi


def _memo(s, key, compute):
    """A read answer kept for the life of the session ``s`` (reads do not change the knowledge base)."""
    cache = s.__dict__.setdefault("_outlook_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def head_of_state(s, country: str, day: str) -> dict[str, Any] | None:
    """The head-of-state row of ``current`` for the country on the day (the one with a holder first)."""
    rows = [r for r in s.current(country, day, all_kinds=True).records if r["kind"] == "head of state"]
    rows.sort(key=lambda r: (r["person"] is None, r["office"]))
    return rows[0] if rows else None


def _continuous_since(history: list[dict[str, Any]], tenure_iri: str) -> str | None:
    """The start of the unbroken run of the same person's tenures (acting, then elected) ending in
    ``tenure_iri``, read from the office's ``history``."""
    idx = next((i for i, r in enumerate(history) if r["tenure_iri"] == tenure_iri), None)
    if idx is None:
        return None
    start = history[idx]["start"]
    person = history[idx]["person_iri"]
    for r in reversed(history[:idx]):
        if r["person_iri"] != person or r["end"] != start:
            break
        start = r["start"]
    return start


def outlook(s, country: str, on: str | None = None) -> dict[str, Any]:
    """The whole picture for one country on one date (default today): a dict of sections, each
    row with its sources. ``s`` is a :class:`succession.api.Succession`."""
    from . import elections as el
    from .dynasty import FamilyGraph

    country_iri = s.resolver.resolve("country", country)
    label = s.resolver.label("country", country_iri)
    day = (parse_date(on, "date", day_only=True) if on else today()).text
    out: dict[str, Any] = {"country": label, "on": day}

    hs = head_of_state(s, label, day)
    if hs is None:
        raise NotFoundError(f"no head-of-state office of {label} is recorded")
    office_iri, office_label = hs["office_iri"], hs["office"]
    holders = s.who_holds(office_iri, day).records
    incumbent = holders[-1] if holders else None
    out["office"] = office_label
    history = _memo(s, ("history", office_iri), lambda: s.history(office_iri).records)
    if incumbent:
        info = s.person_info(incumbent["person_iri"])
        since = _continuous_since(history, incumbent["tenure_iri"]) or incumbent["start"]
        out["incumbent"] = {
            "person": incumbent["person"], "person_iri": incumbent["person_iri"], "born": info.get("born"),
            "age": _age(info.get("born"), day), "acting": incumbent["acting"], "tenure_start": incumbent["start"],
            "in_office_since": since, "years_in_office": _years_between(since, day),
            "sources": incumbent["sources"],
        }
    else:
        out["incumbent"] = None
    person_iri = incumbent["person_iri"] if incumbent else None

    # ---- term and elections
    rules = el.term_rules(s.engine.select, office_iri)
    rule = el.term_rule_on(rules, day, person_iri)
    all_votes = el.elections(s.engine.select, label)
    votes = [e for e in all_votes if e["office_iri"] == office_iri]
    past = [e for e in votes if PDate(e["date"]).hi <= day and not e["scheduled"]]
    won = [e for e in past if person_iri and e["winner_iri"] == person_iri]
    last_won = won[-1] if won else None
    upcoming = [e for e in votes if PDate(e["date"]).lo > day]
    nxt = upcoming[0] if upcoming else None
    term_end = None
    if rule and rule["term_years"] and last_won:
        term_end = str(int(last_won["date"][:4]) + rule["term_years"])
    out["term"] = {
        "rule": rule, "summary": el.limit_text(rule), "last_election_won": last_won,
        "elections_won": len(won), "term_due_to_end": term_end,
        "no_limit": bool(rule and rule["no_limit"]),
        "next_election": nxt,
        "next_election_known_then": bool(nxt and (nxt["scheduled"] or nxt["date"] <= day)),
        "sources": sorted(set((rule or {}).get("sources", [])) | set((last_won or {}).get("sources", []))),
    }
    out["referendums"] = [e for e in all_votes if e["kind"] == "referendum" and PDate(e["date"]).lo <= day][-3:]

    # ---- the line of succession, with kinship to the incumbent
    family = FamilyGraph(lambda text: s.engine.select(text))
    kin = family.kin(person_iri) if person_iri else {}
    line_answer = s.line_of_succession(office_iri, day)
    line = []
    for r in line_answer.records:
        relatives = [{"person": p["name"], "kinship": kin[p["iri"]].path, "via": kin[p["iri"]].via}
                     for p in r["persons"] if p["iri"] in kin]
        line.append({"order": r["order"], "office": r["office"], "person": r["person"], "vacant": r["vacant"],
                     "edition": r["edition"], "article": r["article"], "relative_of_incumbent": bool(relatives),
                     "kinship": ", ".join(f"{x['kinship']}" + (f" (via {x['via']})" if x["via"] else "")
                                          for x in relatives) or None,
                     "sources": r["sources"]})
    out["line"] = line
    # the rules' long comments stay in `line-of-succession`; the outlook keeps the notes about holders
    out["line_notes"] = [n for n in line_answer.notes if "no holder of" in n or "several holders" in n
                         or "rules in force at once" in n]

    # ---- relatives of the incumbent in office on the day
    relatives = []
    country_offices = _memo(s, ("offices", label), lambda: s.offices(label).records)
    office_iris = {o["office"]: o["office_iri"] for o in country_offices}
    if incumbent:
        in_office = _memo(s, ("dynasty", label), lambda: s.dynasty(label)["in_office"].records)
        for r in in_office:
            if r["head_of_state"] != incumbent["person"] or not _covers(r["start"], r["end"], day):
                continue
            where = office_iris.get(r["office"]) or s.resolver.resolve("office", r["office"])
            tenure = [h for h in s.who_holds(where, day).records
                      if h["person"] == r["relative"]]
            relatives.append({**r, "sources": tenure[0]["sources"] if tenure else []})
    out["relatives_in_office"] = relatives

    # ---- open claims about the country's offices, as known on the day
    offices = set(office_iris)
    claims = []
    for c in _memo(s, "claims", lambda: s.claims().records):
        if c["office"] not in offices or PDate(c["date"]).lo > day:
            continue
        if c["settled_on"] and PDate(c["settled_on"]).lo <= day:
            continue
        claims.append(c)
    out["claims"] = claims

    # ---- the last three transfers of power: every vacancy (`departures`, with what the rules said) and
    # every ordinary hand-over to another person (`history`: a term end, a successor elected)
    from .transfers import IRREGULAR_ENTRIES, VACANCY_EXITS

    by_label = {v: k for k, v in family.labels.items()}
    transfers = []
    for t in _memo(s, "transfers", lambda: s.transfers().records):
        if t["country"] == label and t["office_iri"] == office_iri and PDate(t["date"]).lo <= day:
            k = family.kin(by_label[t["outgoing"]]).get(by_label.get(t["incoming"], "")) \
                if t["outgoing"] in by_label else None
            # the departure's own sources (a recorded departure from the rule), else the incoming tenure's
            tenure_sources = [h["sources"] for h in history
                              if h["person"] == t["incoming"] and h["start"] == t["incoming_start"]]
            transfers.append({**t, "kind": "vacancy", "kinship": k.path if k else None,
                              "sources": sorted(set(t["sources"]) | set(sum(tenure_sources, [])))})
    for prev, nxt in zip(history, history[1:], strict=False):
        if prev["person_iri"] == nxt["person_iri"] or (prev["exit_reason"] or "") in VACANCY_EXITS:
            continue
        if PDate(nxt["start"]).lo > day:
            continue
        k = family.kin(prev["person_iri"]).get(nxt["person_iri"])
        transfers.append({
            "date": nxt["start"], "office": office_label, "outgoing": prev["person"], "incoming": nxt["person"],
            "exit_reason": prev["exit_reason"], "entry_mode": nxt["entry_mode"],
            "mode": "irregular" if nxt["entry_mode"] in IRREGULAR_ENTRIES else "regular",
            "followed": None, "kind": "hand-over", "kinship": k.path if k else None,
            "comment": None, "sources": nxt["sources"]})
    transfers.sort(key=lambda x: PDate(x["date"]).lo)
    out["transfers"] = transfers[-3:]

    # ---- what changed in the last twelve months in the first-in-line and security offices
    start = (_day(day) - _dt.timedelta(days=WINDOW_DAYS)).isoformat()
    watched: dict[str, str] = {}
    for r in line_answer.records:
        watched[r["office_iri"]] = "in the line of succession"
    for o in country_offices:
        if o["kind"] in SECURITY_KINDS:
            watched.setdefault(o["office_iri"], o["kind"])
    watched.setdefault(office_iri, "head of state")
    # the line a year ago: an office that left it (abolished, replaced by a new constitution) is watched too
    then = s.line_of_succession(office_iri, start)
    for r in then.records:
        watched.setdefault(r["office_iri"], "in the line of succession a year ago")
    changes = []
    for iri, why in watched.items():
        rows = _memo(s, ("history", iri), lambda iri=iri: s.history(iri).records)
        starts = {h["start"] for h in rows}
        for h in rows:
            if start < PDate(h["start"]).lo <= day:
                changes.append({"date": h["start"], "office": s.office_label(iri), "why_watched": why,
                                "change": "took office" + (" (acting)" if h["acting"] else ""),
                                "person": h["person"], "acting": h["acting"], "entry_mode": h["entry_mode"],
                                "relative_of_incumbent": h["person_iri"] in kin, "sources": h["sources"]})
            # a holder who left with nobody taking over the same day (death, an abolished post)
            if h["end"] and start < PDate(h["end"]).lo <= day and h["end"] not in starts:
                changes.append({"date": h["end"], "office": s.office_label(iri), "why_watched": why,
                                "change": f"left office ({h['exit_reason'] or 'reason not recorded'})",
                                "person": h["person"], "acting": h["acting"], "entry_mode": None,
                                "relative_of_incumbent": h["person_iri"] in kin, "sources": h["sources"]})
    first_then = min(then.records, key=lambda r: r["order"], default=None)
    first_now = min(line_answer.records, key=lambda r: r["order"], default=None)
    if first_then and first_now and first_then["office_iri"] != first_now["office_iri"]:
        since = first_now.get("in_force_from") or ""
        changes.append({"date": since if since > start else "", "office": first_now["office"], "why_watched": "first in line",
                        "change": f"now first in line ({first_now['person'] or 'no holder recorded'}), under "
                                  f"{first_now.get('edition') or 'the rules in force'}, instead of {first_then['office']}",
                        "person": first_now["person"], "acting": None, "entry_mode": None,
                        "relative_of_incumbent": False, "sources": first_now.get("sources") or []})
    changes.sort(key=lambda c: (c["date"] or "9999", c["office"]))
    out["changes"] = {"from": start, "to": day, "rows": changes}
    return out


def overview(s, on: str | None = None) -> list[dict[str, Any]]:
    """One row per republic (incumbent, age, years, next election, first in line, relative in line?,
    last transfer): what ``outlook --all`` and the report's index show."""
    rows = []
    for c in COUNTRIES:
        try:
            o = outlook(s, c, on)
        except (InputError, NotFoundError):
            continue
        inc = o["incumbent"] or {}
        age = inc.get("age") or {}
        first = next((r for r in o["line"] if r["order"] == 1), None)
        nxt = o["term"]["next_election"]
        last = o["transfers"][-1] if o["transfers"] else None
        sources = sorted(set(inc.get("sources", [])) | set((nxt or {}).get("sources", []))
                         | set((first or {}).get("sources", [])) | set((last or {}).get("sources", [])))
        rows.append({
            "country": o["country"], "incumbent": inc.get("person"),
            "age": age.get("years") if age.get("years") is not None else (
                "-".join(str(x) for x in age["range"]) if age else None),
            "years": inc.get("years_in_office"),
            "next_election": _next_text(o),
            "term": o["term"]["summary"],
            "first_in_line": (f"{first['person'] or 'no holder recorded'} ({first['office']})") if first else None,
            "relative_in_line": any(r["relative_of_incumbent"] for r in o["line"]),
            "last_transfer": (f"{last['date']} {last['outgoing']} -> {last['incoming']} ({last['mode']} {last['kind']}"
                              + (f", {last['kinship']}" if last["kinship"] else "") + ")")
            if last else None,
            "sources": sources,
        })
    return rows


def _next_text(o: dict[str, Any]) -> str | None:
    """The next election as one cell: the recorded one if there is one (scheduled or, for a past
    date, held later), else the year the term is due to end; "no limit" when no limit binds."""
    term, nxt = o["term"], o["term"]["next_election"]
    limit = "; no limit" if term["no_limit"] else ""
    if nxt:
        state = "scheduled" if nxt["scheduled"] else "held later"
        return f"{nxt['date']} ({nxt['kind']}, {state}){limit}"
    if term["term_due_to_end"]:
        return f"term due to end {term['term_due_to_end']}{limit}"
    return "no limit" if term["no_limit"] else None


def sections(o: dict[str, Any]) -> list:
    """The outlook as a list of :class:`succession.api.Answer` sections (for tables and Markdown)."""
    from .api import Answer

    inc = o["incumbent"]
    term = o["term"]
    head = []
    if inc:
        age = inc["age"]
        age_text = (str(age["years"]) if age and age["years"] is not None
                    else ("-".join(str(x) for x in age["range"]) if age else "unknown"))
        head.append({"item": "incumbent", "value": f"{inc['person']}" + (" (acting)" if inc["acting"] else ""),
                     "sources": inc["sources"]})
        head.append({"item": "age", "value": f"{age_text} (born {inc['born']})" if inc["born"] else "unknown",
                     "sources": inc["sources"]})
        head.append({"item": "in office", "value": f"{inc['years_in_office']} years, since {inc['in_office_since']}",
                     "sources": inc["sources"]})
    else:
        head.append({"item": "incumbent", "value": "no holder recorded", "sources": []})
    rule = term["rule"]
    head.append({"item": "term rule", "value": term["summary"] + (f"; {rule['edition']}" if rule else ""),
                 "sources": rule["sources"] if rule else []})
    lw = term["last_election_won"]
    if lw:
        head.append({"item": "last election won", "value": f"{lw['date']} ({lw['kind']})"
                     + (f", {lw['share']}%" if lw["share"] else ""), "sources": lw["sources"]})
    if term["no_limit"]:
        end_text = "no limit on the number of terms" + (f"; current term due to end {term['term_due_to_end']}"
                                                        if term["term_due_to_end"] else "")
    else:
        end_text = (f"current term due to end {term['term_due_to_end']}" if term["term_due_to_end"]
                    else "not computable (no election won by the incumbent recorded)")
    head.append({"item": "term end", "value": end_text, "sources": (rule or {}).get("sources", [])})
    nxt = term["next_election"]
    if nxt:
        state = "scheduled" if nxt["scheduled"] else ("held" if nxt["date"] <= o["on"] else "held later")
        head.append({"item": "next election", "value": f"{nxt['date']} ({nxt['kind']}, {state})"
                     + (f"; won by {nxt['winner']}" if nxt["winner"] and not term["next_election_known_then"] else ""),
                     "sources": nxt["sources"]})
    else:
        head.append({"item": "next election", "value": "none recorded", "sources": []})
    out = [Answer(f"Outlook for {o['country']} on {o['on']}: {o['office']}", head, ["item", "value", "sources"])]
    out.append(Answer("Line of succession (kinship to the incumbent flagged)", o["line"],
                      ["order", "office", "person", "kinship", "edition", "sources"], o["line_notes"],
                      blank={"person": "no holder recorded", "kinship": "-"}))
    out.append(Answer("Relatives of the incumbent in office", o["relatives_in_office"],
                      ["relative", "kinship", "via", "office", "start", "sources"]))
    out.append(Answer("Open claims (reported expectations, not facts)", o["claims"],
                      ["person", "office", "claimant", "date", "stage", "confidence", "sources"]))
    transfers = [{**t, "rule_followed": "n/a (no vacancy)" if t["kind"] == "hand-over"
                  else {True: "yes", False: "no", None: "no rule"}[t["followed"]]} for t in o["transfers"]]
    out.append(Answer("Last transfers of power at the top", transfers,
                      ["date", "outgoing", "incoming", "kind", "exit_reason", "mode", "rule_followed", "kinship",
                       "sources"], blank={"kinship": "-"}))
    ch = o["changes"]
    out.append(Answer(f"Changes in the first-in-line and security offices, {ch['from']} to {ch['to']}", ch["rows"],
                      ["date", "office", "person", "change", "why_watched", "sources"]))
    return out
