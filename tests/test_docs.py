"""Every command documents itself with an example, and the README documents every command."""

from __future__ import annotations

import typer.main
from conftest import ROOT

import cli


def commands() -> dict:
    return typer.main.get_command(cli.app).commands


def test_every_command_has_an_example_in_its_help(run):
    for name in commands():
        r = run(name, "--help")
        assert r.exit_code == 0, name
        assert "Example:" in r.stdout, f"{name} --help has no example"
        assert "succession " + name in r.stdout.replace("\n", " "), f"{name}'s example does not run {name}"


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in commands():
        assert f"`{name}" in readme, f"README does not document {name}"
        assert f"succession {name}" in readme, f"README has no example of {name}"


def test_readme_quick_start_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_library_never_imports_typer():
    for path in (ROOT / "succession").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import typer" not in text and "from typer" not in text, path.name
