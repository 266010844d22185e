"""A newsroom's editing day through the CLI: a batch of the day's news (all or nothing), the edit log,
exact undo (and its refusal when a later edit depends on it), `changes --since`, a semantic `diff`
between two git revisions, corrections in `history`, source conflicts and `--as-recorded` before the
first record. Tiny fictional worlds keep it fast; the one real-data check reads the shipped kb/."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BASE, snapshot, write_kb

SRC = "https://example.org/news/2026-11-30"
SRC2 = "https://example.org/news/2026-12-01"

WORLD = BASE + """
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
t:b a sk:Tenure ; sk:holder person:b ; sk:office office:c ; sk:start "2001-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""

DAY = [
    {"command": "add-person", "name": "Gamma Gnu"},
    {"command": "add-person", "name": "Delta Doe"},
    {"command": "add-person", "name": "Epsilon Elk"},
    {"command": "add-office", "name": "Prime Minister of Xland", "kind": "head-of-government", "country": "Xland"},
    {"command": "appoint", "person": "Gamma Gnu", "office": "Prime Minister of Xland", "date": "2026-11-30"},
    {"command": "appoint", "person": "Delta Doe", "office": "Chair of the Xland Senate", "date": "2026-11-30"},
    {"command": "relate", "person": "Gamma Gnu", "relation": "spouse-of", "relative": "Delta Doe"},
    {"command": "correct", "person": "Beta Bee", "office": "Chair of the Xland Senate", "set": ["start=2001-02-01"],
     "reason": "the decree is dated 1 February"},
    {"command": "verify", "office": "Chair of the Xland Senate", "on": "2026-12-01", "holder": ["Delta Doe"]},
    {"command": "add-tenure", "person": "Epsilon Elk", "office": "Prime Minister of Xland", "start": "2020-01-01",
     "end": "2021-01-01"},
]


def _batch(path: Path, rows: list[dict]) -> Path:
    import yaml

    path.write_text(yaml.safe_dump([{**r, "source": SRC, "source-title": "Xland news, 30 November"} for r in rows]),
                    encoding="utf-8")
    return path


@pytest.fixture
def day(tmp_path):
    """A world after the day's batch was applied."""
    kb = write_kb(tmp_path / "kb", WORLD)
    return kb


def _log(run, kb):
    r = run("log", "--format", "json", kb=kb)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_a_day_of_news_all_or_nothing_then_the_log(run, day, tmp_path):
    bad = [dict(r) for r in DAY]
    bad[6] = {**bad[6], "relative": "Nobody Known"}
    before = snapshot(day)
    r = run("apply", _batch(tmp_path / "bad.yaml", bad), kb=day)
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: row 7: unknown person 'Nobody Known'") and len(r.stderr.splitlines()) == 1
    assert snapshot(day) == before and not (day / "journal").exists()
    assert _log(run, day) == []

    r = run("apply", _batch(tmp_path / "day.yaml", DAY), kb=day)
    assert r.exit_code == 0, r.output
    assert "Applied 10 edit(s)." in r.stdout
    assert "[5] Recorded: Gamma Gnu Prime Minister of Xland from 2026-11-30." in r.stdout
    log = _log(run, day)
    assert len(log) == 1 and log[0]["edit"] == "apply"
    assert log[0]["id"] == log[0]["recorded"].replace("-", "").replace(":", "")
    assert "person: Gamma Gnu" in log[0]["summary"] and log[0]["facts"] == 8 + log[0]["more"] > 8
    assert log[0]["sources"] == [SRC]
    table = run("log", kb=day).stdout
    assert log[0]["id"] in table and "apply" in table

    # corrections show in history and person with the old value and the correcting source
    hist = run("history", "Chair of the Xland Senate", kb=day)
    assert ("Corrected Beta Bee (2001-02-01) start: 2001-01-01 -> 2001-02-01, recorded " in hist.stdout
            and f"(the decree is dated 1 February); source {SRC}" in hist.stdout), hist.stdout
    rows = json.loads(run("person", "Beta Bee", "--format", "json", kb=day).stdout)["tenures"]
    assert rows[0]["corrections"][0]["old"] == "2001-01-01" and rows[0]["corrections"][0]["sources"] == [SRC]

    # what changed today, as facts
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    ch = json.loads(run("changes", "--since", today, "--format", "json", kb=day).stdout)
    got = {(c["change"], c["what"]) for c in ch}
    assert ("tenure started", "Gamma Gnu as Prime Minister of Xland from 2026-11-30") in got
    assert ("tenure ended", "Beta Bee as Chair of the Xland Senate: ended 2026-11-30 (succeeded)") in got
    assert ("tenure moved", "Beta Bee as Chair of the Xland Senate: start 2001-01-01 -> 2001-02-01") in got
    assert ("tenure added", "Epsilon Elk as Prime Minister of Xland, 2020-01-01 to 2021-01-01") in got
    assert ("relation added", "Delta Doe spouse-of Gamma Gnu") in got
    assert ("office added", "Prime Minister of Xland (head of government)") in got
    assert ("verification added", "Chair of the Xland Senate on 2026-12-01: Delta Doe") in got
    assert ("source added", f"{SRC} (Xland news, 30 November)") in got
    assert {c["change"] for c in ch} >= {"person added", "correction"}
    assert json.loads(run("changes", "--since", "2199-01-01", "--format", "json", kb=day).stdout) == []
    # without the journal (edits recorded before it existed) the earlier state comes from record times
    shutil.rmtree(day / "journal")
    r = run("changes", "--since", today, kb=day)
    assert "Gamma Gnu as Prime Minister of Xland from 2026-11-30" in r.stdout and "from record times" in r.stdout
    r = run("undo", kb=day)
    assert r.exit_code == 2 and "nothing to undo" in r.stderr


def _apply_day(run, kb, tmp_path):
    r = run("apply", _batch(tmp_path / "day.yaml", DAY), kb=kb)
    assert r.exit_code == 0, r.output


def test_undo_of_an_appointment_restores_the_incumbent_byte_for_byte(run, day, tmp_path):
    _apply_day(run, day, tmp_path)
    before = snapshot(day)
    assert b"2026-12-01" not in before["tenures.ttl"]
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2026-12-01", "--source", SRC2, kb=day)
    assert r.exit_code == 0, r.output
    appointed = snapshot(day)
    assert appointed["tenures.ttl"] != before["tenures.ttl"]
    last = _log(run, day)[0]
    assert last["edit"] == "appoint"

    r = run("undo", "--dry-run", kb=day)
    assert r.exit_code == 0 and r.stdout.startswith(f"Would undo edit {last['id']} (appoint): removed ")
    assert "  undone: Recorded: Beta Bee President of Xland from 2026-12-01; closed Alpha Ant's tenure" in r.stdout
    assert snapshot(day) == appointed
    r = run("undo", kb=day)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"Undid edit {last['id']} (appoint")
    after = snapshot(day)
    for name in set(before) | set(after):
        if name != "corrections.ttl":
            assert after.get(name) == before.get(name), name  # tenures, events, sources: the same bytes
    assert b"sk:Undo" in after["corrections.ttl"] and after["corrections.ttl"].startswith(
        before["corrections.ttl"].split(b"\n\n")[0])
    log = _log(run, day)
    assert log[0]["edit"] == "undo" and f"undo of edit {last['id']} (appoint)" in log[0]["summary"]
    assert run("who-holds", "President of Xland", "--on", "2026-12-05", "--format", "json", kb=day).stdout.count(
        "Alpha Ant") == 1
    r = run("undo", last["id"], kb=day)
    assert r.exit_code == 1 and "was already undone by edit" in r.stderr
    assert run("validate", kb=day).exit_code == 0


def test_undo_is_refused_when_a_later_edit_depends_on_it(run, day, tmp_path):
    _apply_day(run, day, tmp_path)
    batch_id = _log(run, day)[0]["id"]
    assert run("appoint", "Gamma Gnu", "President of Xland", "--date", "2026-12-01", "--source", SRC2,
               kb=day).exit_code == 0
    appoint_id = _log(run, day)[0]["id"]
    assert run("end-tenure", "Gamma Gnu", "President of Xland", "--date", "2026-12-03", "--reason", "resignation",
               "--source", SRC2, kb=day).exit_code == 0
    end_id = _log(run, day)[0]["id"]
    before = snapshot(day)
    r = run("undo", appoint_id, kb=day)
    assert r.exit_code == 1 and len(r.stderr.splitlines()) == 1 and snapshot(day) == before
    assert r.stderr == (f"Error: refused, nothing written: edit {end_id} (end-tenure) depends on edit {appoint_id}: "
                        "it closes <https://w3id.org/succession-kb/id/tenure/p/gamma-gnu/2026-12-01>, "
                        f"which edit {appoint_id} opened; undo {end_id} first\n")
    # the batch cannot go while an appointment of a person it added stands
    r = run("undo", batch_id, kb=day)
    assert r.exit_code == 1 and snapshot(day) == before
    assert f"edit {appoint_id} (appoint) depends on edit {batch_id}: it refers to " \
           f"<https://w3id.org/succession-kb/id/person/gamma-gnu>, which edit {batch_id} added" in r.stderr
    # undo walks back: the end of the tenure, the appointment, then the whole batch
    assert run("undo", kb=day).exit_code == 0
    r = run("undo", kb=day)
    assert r.exit_code == 0 and f"Undid edit {appoint_id}" in r.stdout
    r = run("undo", kb=day)
    assert r.exit_code == 0 and f"Undid edit {batch_id} (apply" in r.stdout
    assert run("who-holds", "Chair of the Xland Senate", "--on", "2026-12-05", "--format", "json",
               kb=day).stdout.count("Beta Bee") == 1
    assert run("validate", kb=day).exit_code == 0
    r = run("undo", kb=day)
    assert r.exit_code == 2 and "nothing to undo" in r.stderr
    for bad, msg in (("yesterday", "invalid edit 'yesterday'"), ("20000101T000000Z", "unknown edit")):
        r = run("undo", bad, kb=day)
        assert r.exit_code == 2 and msg in r.stderr


def test_diff_between_two_git_revisions(run, day, tmp_path):
    _apply_day(run, day, tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(day, repo / "kb", ignore=shutil.ignore_patterns(".lock", ".txn", ".cache"))

    def git(*args):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "kb")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "the day's news")
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2026-12-01", "--source", SRC2,
            "--source-title", "Beta Bee sworn in", kb=repo / "kb")
    assert r.exit_code == 0, r.output
    git("add", "kb")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "new president")
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout

    r = run("diff", "HEAD~1", "HEAD:kb", "--repo", repo, "--format", "json")
    assert r.exit_code == 0, r.output
    got = [(c["change"], c["what"], c["sources"]) for c in json.loads(r.stdout)]
    assert got == [
        ("tenure started", "Beta Bee as President of Xland from 2026-12-01", [SRC2]),
        ("tenure ended", "Alpha Ant as President of Xland: ended 2026-12-01 (succeeded)", [SRC2]),
        ("source added", f"{SRC2} (Beta Bee sworn in)", [SRC2]),
    ]
    md = run("diff", "HEAD~1", "HEAD", "--repo", repo, "--format", "md").stdout
    assert md.startswith("### Changes from HEAD~1 to HEAD\n\n3 change(s): 1 tenure started, 1 tenure ended, "
                         "1 source added.\n")
    assert "**Tenure started**\n\n- Beta Bee as President of Xland from 2026-12-01 ([example.org](" + SRC2 + "))" in md
    table = run("diff", "HEAD~1", str(repo / "kb"), "--repo", repo).stdout
    assert "tenure started" in table and "Beta Bee as President of Xland from 2026-12-01" in table
    assert json.loads(run("diff", "HEAD", str(repo / "kb"), "--repo", repo, "--format", "json").stdout) == []
    # nothing was checked out: the work tree still holds HEAD's files and git sees no change
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert status == "" and head
    r = run("diff", "--no-such", "HEAD", "--repo", repo)
    assert r.exit_code != 0
    r = run("diff", "nope~9", "HEAD", "--repo", repo)
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith(f"Error: 'nope~9' is neither a knowledge-base folder nor a git revision of {repo}: "
                               "git ls-tree --name-only: fatal: ")


def test_a_known_source_with_other_details_is_reported_as_a_conflict(run, day, tmp_path):
    _apply_day(run, day, tmp_path)
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2026-12-01", "--source", SRC,
            "--source-title", "Another title", "--publisher", "Xland Times", kb=day)
    assert r.exit_code == 0, r.output
    conflict = [line for line in r.stdout.splitlines() if line.startswith("Source conflict")]
    assert conflict == [f"Source conflict: {SRC} is recorded with title 'Xland news, 30 November'; this edit gives "
                        "'Another title'; the recorded title is kept."]
    src = (day / "sources.ttl").read_text(encoding="utf-8")
    assert "Another title" not in src and "Xland Times" in src  # the missing publisher is filled


def test_as_recorded_before_the_first_record_answers_from_an_empty_knowledge_base(run, day, tmp_path):
    _apply_day(run, day, tmp_path)
    r = run("who-holds", "Prime Minister of Xland", "--on", "2026-12-01", "--as-recorded", "2000-01-01", kb=day)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1:] == [
        "  No recorded holder of Prime Minister of Xland on 2026-12-01.",
        "  Nothing had been recorded by 2000-01-01: this answer is from an empty knowledge base (the first record "
        f"is from {_log(run, day)[0]['recorded']}).",
        "  Prime Minister of Xland had not been recorded by 2000-01-01."]
    r = run("history", "President of Xland", "--as-recorded", "2000-01-01", "--format", "json", kb=day)
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = run("who-holds", "Prime Minister of Xland", "--on", "2026-12-01", "--format", "json", kb=day)
    assert [x["person"] for x in json.loads(r.stdout)] == ["Gamma Gnu"]


def test_an_edit_whose_journal_entry_cannot_be_written_is_kept_and_says_so(run, day):
    (day / "journal").write_text("not a folder", encoding="utf-8")
    r = run("appoint", "Beta Bee", "President of Xland", "--date", "2026-12-01", "--source", SRC2, kb=day)
    assert r.exit_code == 0, r.output
    assert "Note: the edit is written, but its journal entry is not (" in r.stdout and "`undo` cannot reverse it" in r.stdout
    assert "2026-12-01" in (day / "tenures.ttl").read_text(encoding="utf-8")
    r = run("undo", kb=day)
    assert r.exit_code == 2 and r.stderr.startswith("Error: nothing to undo")


DIFF_OLD = BASE + """
person:g a sk:Person ; rdfs:label "Gamma Gnu"@en ; prov:wasDerivedFrom source:s .
r:ab a sk:FamilyRelation ; sk:person person:a ; sk:kinship kin:sibling-of ; sk:relative person:b ;
    prov:wasDerivedFrom source:s .
ed:old a sk:LegalEdition ; rdfs:label "Constitution of Xland (2000)"@en ; sk:country place:x ;
    sk:editionKind edkind:constitution ; sk:inForceFrom "2000-01-01"^^xsd:date ; prov:wasDerivedFrom source:s .
rule:1 a sk:SuccessionRule ; sk:vacantOffice office:p ; sk:actingOffice office:c ; sk:order 1 ; sk:edition ed:old ;
    sk:inForceFrom "2000-01-01"^^xsd:date ; sk:legalBasis "Constitution of Xland (2000)" ; prov:wasDerivedFrom source:s .
t:a a sk:Tenure ; sk:holder person:a ; sk:office office:p ; sk:start "2000-01-01"^^xsd:date ; sk:acting false ;
    prov:wasDerivedFrom source:s .
"""


def test_diff_of_two_folders_names_each_kind_of_change(run, tmp_path):
    old = write_kb(tmp_path / "old", DIFF_OLD)
    new_text = (DIFF_OLD
                .replace('"Chair of the Xland Senate"@en ;', '"Speaker of the Xland Senate"@en ; sk:abolished "2026-07-01"^^xsd:date ;')
                .replace('"Gamma Gnu"@en', '"Gamma G. Gnu"@en')
                .replace('sk:start "2000-01-01"^^xsd:date', 'sk:start "2000-01-02"^^xsd:date')
                .replace("sk:order 1", "sk:order 2"))
    new_text = new_text.replace("r:ab a sk:FamilyRelation ; sk:person person:a ; sk:kinship kin:sibling-of ; "
                                "sk:relative person:b ;\n    prov:wasDerivedFrom source:s .\n", "")
    new_text += """
ed:new a sk:LegalEdition ; rdfs:label "Constitution of Xland (2026)"@en ; sk:country place:x ;
    sk:editionKind edkind:constitution ; sk:inForceFrom "2026-07-01"^^xsd:date ; prov:wasDerivedFrom source:n .
source:n a sk:Source ; schema:url "https://example.org/n"^^xsd:anyURI ; sk:sourceKind "news" .
"""
    new = write_kb(tmp_path / "new", new_text)
    r = run("diff", old, new, "--format", "json")
    assert r.exit_code == 0, r.output
    assert [(c["change"], c["what"]) for c in json.loads(r.stdout)] == [
        ("tenure moved", "Alpha Ant as President of Xland: start 2000-01-01 -> 2000-01-02"),
        ("person renamed", "Gamma Gnu -> Gamma G. Gnu"),
        ("relation removed", "Alpha Ant sibling-of Beta Bee"),
        ("office renamed", "Chair of the Xland Senate -> Speaker of the Xland Senate"),
        ("office abolished", "Speaker of the Xland Senate on 2026-07-01"),
        ("edition added", "Constitution of Xland (2026)"),
        ("rule changed", "order 2: Speaker of the Xland Senate acts for President of Xland: order 1 -> 2"),
        ("source added", "https://example.org/n"),
    ]
    r = run("diff", old, tmp_path / "missing")
    assert r.exit_code == 2 and "is neither a knowledge-base folder nor a git revision" in r.stderr


@pytest.mark.parametrize("make", ["link", "read-only"])
def test_an_edit_never_writes_its_journal_entry_through_a_link_or_into_a_read_only_folder(run, day, tmp_path, make):
    """The journal entry is staged with the edit's files and moved in the same commit; a journal folder
    that is a link out of the knowledge base, or that cannot be written, would leave that commit half-done,
    so the edit is checked first and goes through without an entry, saying so."""
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    folder = day / "journal"
    if folder.exists():
        for p in folder.iterdir():
            p.rename(outside / p.name)
        folder.rmdir()
    before_outside = sorted(p.name for p in outside.iterdir())
    if make == "link":
        folder.symlink_to(outside, target_is_directory=True)
    else:
        folder.mkdir()
        folder.chmod(0o500)
    try:
        if make == "read-only" and os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write any folder")
        r = run("appoint", "Beta Bee", "President of Xland", "--date", "2026-12-01", "--source", SRC2, kb=day)
        assert r.exit_code == 0, r.output
        assert "Note: the edit is written, but its journal entry is not (" in r.stdout
        assert "2026-12-01" in (day / "tenures.ttl").read_text(encoding="utf-8")
        assert not (day / ".txn").exists()
        assert sorted(p.name for p in outside.iterdir()) == before_outside
        r = run("who-holds", "President of Xland", "--on", "2026-12-02", kb=day)
        assert r.exit_code == 0 and "Beta Bee" in r.stdout
    finally:
        if make == "read-only":
            folder.chmod(0o700)


def test_the_log_lists_every_edit_undo_knows_even_one_that_left_no_node(run, day):
    """An edit that only cites a source on an existing fact leaves no node of its own: the log read
    from record times alone missed it while `undo` would reverse it first. The log completes itself from
    the journal, and shows an undone edit with the undo that took it back."""
    target = "https://w3id.org/succession-kb/id/tenure/a"
    r = run("cite", target, "--source", SRC, "--source-title", "Xland news", kb=day)  # SRC is already recorded
    assert r.exit_code == 0, r.output
    log = _log(run, day)
    assert len(log) == 1 and log[0]["edit"] == "cite" and log[0]["sources"] == [SRC], log
    cited = log[0]["id"]
    r = run("undo", "--dry-run", kb=day)
    assert r.exit_code == 0 and cited in r.stdout, r.output
    r = run("undo", kb=day)
    assert r.exit_code == 0, r.output
    log = _log(run, day)
    assert [x["edit"] for x in log] == ["undo", "cite"], log
    assert log[1]["id"] == cited and log[1]["undone_by"] == log[0]["id"] and log[0]["undone_by"] is None
    assert f"(undone by edit {log[0]['id']})" in run("log", kb=day).stdout
    # --since still cuts by record time, the journal's entries too
    assert _log(run, day) and json.loads(run("log", "--since", "2199-01-01", "--format", "json", kb=day).stdout) == []
