"""Fixtures for the proxy plugin: a real TinyProxy and echoing HTTP targets.

The ``tinyproxy`` fixture starts the binary with a generated config on an ephemeral 127.0.0.1
port. Without the binary the tests that need it are skipped, except under ``CI=true``, where
the run fails instead (CI installs it with ``apt-get install -y tinyproxy``).
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.proxy.testing import TinyProxy

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

IN_CI = os.environ.get("CI", "").lower() == "true"


def echo(request: FakeRequest) -> FakeResponse:
    """Answer with what the target saw: path, query and the Via header."""
    return FakeResponse.json(
        {"path": request.path, "query": request.query, "via": request.headers.get("via")}
    )


@pytest.fixture(name="tinyproxy")
def fx_tinyproxy(tmp_path: Path) -> Iterator[TinyProxy]:
    binary = shutil.which("tinyproxy")
    if binary is None:
        message = "the tinyproxy binary is not installed (apt-get install -y tinyproxy)"
        if IN_CI:
            pytest.fail(f"{message}; CI must run the forward-proxy tests", pytrace=False)
        pytest.skip(message)
    with TinyProxy(binary, tmp_path, user="alice", password="s3cret-proxy-pass") as proxy:
        yield proxy


@pytest.fixture(name="shared_targets", scope="module")
def fx_shared_targets() -> Iterator[tuple[FakeHTTPServer, FakeHTTPServer]]:
    """Two echoing servers per module (stopping a server takes a while)."""
    with FakeHTTPServer(echo) as first, FakeHTTPServer(echo) as second:
        yield first, second


@pytest.fixture(name="target")
def fx_target(shared_targets: tuple[FakeHTTPServer, FakeHTTPServer]) -> FakeHTTPServer:
    """A plain-HTTP target that echoes what it saw (its request log starts empty)."""
    shared_targets[0].requests.clear()
    return shared_targets[0]


@pytest.fixture(name="other_target")
def fx_other_target(shared_targets: tuple[FakeHTTPServer, FakeHTTPServer]) -> FakeHTTPServer:
    """A second echoing target on another port (a host nobody routes)."""
    shared_targets[1].requests.clear()
    return shared_targets[1]


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: Path) -> str:
    """Routing does not depend on the database: one SQLite backend is enough here."""
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
