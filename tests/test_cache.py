"""The on-disk index next to kb/ is keyed on file content: hand edits are seen, damage is repaired."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def always_cache(monkeypatch):
    monkeypatch.setenv("SUCCESSION_CACHE", "always")


def holder(run, kb, office="Mayor of Dushanbe", on="2018-06-01"):
    r = run("who-holds", office, "--on", on, "--format", "json", kb=kb)
    assert r.exit_code == 0, r.output
    return [x["person"] for x in json.loads(r.stdout)]


def test_cache_is_built_and_reused(run, kb_copy):
    assert holder(run, kb_copy) == ["Rustam Emomali"]
    [index] = [p for p in (kb_copy / ".cache").iterdir() if p.is_dir()]
    assert holder(run, kb_copy) == ["Rustam Emomali"]
    assert [p for p in (kb_copy / ".cache").iterdir() if p.is_dir()] == [index]


def test_hand_edit_is_seen_by_next_command(run, kb_copy):
    assert holder(run, kb_copy) == ["Rustam Emomali"]
    path = kb_copy / "persons.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace('"Rustam Emomali"@en', '"Rustam Emomali (edited)"@en'),
                    encoding="utf-8")
    assert holder(run, kb_copy) == ["Rustam Emomali (edited)"]
    assert len([p for p in (kb_copy / ".cache").iterdir() if p.is_dir()]) == 1  # the stale index was removed


def test_cli_edit_is_seen(run, kb_copy):
    assert holder(run, kb_copy, on="2026-11-05") == ["Rustam Emomali"]
    assert run("appoint", "Ozoda Rahmon", "Mayor of Dushanbe", "--date", "2026-11-01", "--source",
               "https://example.org/x", kb=kb_copy).exit_code == 0
    assert holder(run, kb_copy, on="2026-11-05") == ["Ozoda Rahmon"]


def test_deleted_cache_is_rebuilt(run, kb_copy):
    holder(run, kb_copy)
    import shutil

    shutil.rmtree(kb_copy / ".cache")
    assert holder(run, kb_copy) == ["Rustam Emomali"]
    assert (kb_copy / ".cache").is_dir()


@pytest.mark.slow  # full-knowledge-base validation or a long scenario: `make slow` (CI runs it)
def test_corrupted_cache_is_rebuilt_not_trusted(run, kb_copy):
    holder(run, kb_copy)
    [index] = [p for p in (kb_copy / ".cache").iterdir() if p.is_dir()]
    for f in index.iterdir():
        if f.is_file():
            f.write_bytes(b"garbage" * 100)
    assert holder(run, kb_copy) == ["Rustam Emomali"]
    assert run("validate", kb=kb_copy).exit_code == 0
