"""Real SPARQL servers for the tests, started on 127.0.0.1 on free ports with temporary databases:
Oxigraph (from PyPI, always) and Virtuoso (Debian's virtuoso-opensource; skipped when missing unless
SUCCESSION_REQUIRE_SERVERS=1, as CI sets)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from test_remote import Server, free_port

# on a loaded 2-core machine a server can pause for longer than the default 30 s; a slow answer is
# not what these tests are about (succession.remote reads this when it is first imported)
os.environ.setdefault("SUCCESSION_ENDPOINT_TIMEOUT", "120")

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
; Debian's default: answers are cut at 10,000 rows (the client pages past it)
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    """virtuoso-t in the foreground with a generated virtuoso.ini; SPARQL Update granted to the
    anonymous SPARQL user (GRANT SPARQL_UPDATE TO "SPARQL", through isql-vt)."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.http, self.sql = free_port(), free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.http}/sparql"

    def start(self) -> Virtuoso:
        self.dir.mkdir(parents=True, exist_ok=True)
        ini = self.dir / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=self.dir, sql=self.sql, http=self.http), encoding="utf-8")
        self.proc = subprocess.Popen(["virtuoso-t", "-c", str(ini), "+foreground"], cwd=self.dir,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {(self.dir / 'virtuoso.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.query + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("virtuoso did not start")
        subprocess.run(["isql-vt", f"127.0.0.1:{self.sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        return self

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None


def require(binary: str, install: str) -> None:
    if shutil.which(binary):
        return
    if os.environ.get("SUCCESSION_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{binary} is required (SUCCESSION_REQUIRE_SERVERS=1): {install}")
    pytest.skip(f"{binary} is not installed ({install})")


# The databases live in their own temporary folders, not under pytest's shared basetemp, which other
# pytest runs on the same machine prune while a long session is still using it.
@pytest.fixture(scope="session")
def oxigraph_server():
    folder = Path(tempfile.mkdtemp(prefix="succession-oxigraph-"))
    s = Server(folder).start()
    yield s
    s.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def virtuoso_server():
    require("virtuoso-t", "apt-get install virtuoso-opensource")
    folder = Path(tempfile.mkdtemp(prefix="succession-virtuoso-"))
    v = Virtuoso(folder).start()
    yield v
    v.stop()
    shutil.rmtree(folder, ignore_errors=True)
