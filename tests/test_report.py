"""The HTML report: every page exists, every internal link resolves, and pages render in a real
headless Chromium (Debian's; .ci/run installs it and requires this test to run)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from typer.testing import CliRunner

    import cli

    out = tmp_path_factory.mktemp("site") / "report"
    r = CliRunner().invoke(cli.app, ["report", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_pages_exist_and_links_resolve(site, run):
    offices = {x["office_iri"].rsplit("/", 1)[-1] for x in __import__("json").loads(
        run("offices", "--format", "json").stdout)}
    assert {p.stem for p in (site / "office").glob("*.html")} == offices
    assert {p.stem for p in (site / "country").glob("*.html")} == {
        "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"}
    assert (site / "person" / "rustam-emomali.html").exists()
    checked = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"]+)"', text):
            if href.startswith(("http://", "https://")):
                continue
            assert (page.parent / href).resolve().exists(), f"{page.relative_to(site)} links to missing {href}"
            checked += 1
    assert checked > 900


def test_office_page_content(site):
    text = (site / "office" / "chairman-of-the-majlisi-milli.html").read_text(encoding="utf-8")
    assert "Mahmadsaid Ubaidulloev" in text and "Rustam Emomali" in text
    assert '<img src="../img/office-chairman-of-the-majlisi-milli.svg"' in text
    assert (site / "img" / "office-chairman-of-the-majlisi-milli.svg").stat().st_size > 5000
    assert 'href="https://www.asiaplustj.info/' in text


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_pages_render_in_headless_chromium(site, tmp_path):
    browser = chromium()
    if browser is None:
        if os.environ.get("SUCCESSION_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (SUCCESSION_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    page = (site / "office" / "chairman-of-the-majlisi-milli.html").resolve()
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert "Rustam Emomali" in dom.stdout and "<table>" in dom.stdout
    shot = tmp_path / "page.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
                   capture_output=True, timeout=120)
    data = Path(shot).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000
    index = subprocess.run([browser, *flags, "--dump-dom", (site / "index.html").resolve().as_uri()],
                           capture_output=True, text=True, timeout=120)
    assert index.stdout.count('href="country/') == 5
