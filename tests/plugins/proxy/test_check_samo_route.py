"""``crystalbay check samo`` tests the configured route end to end and explains failures.

The program runs as an operator would run it, with SAMO behind a real TinyProxy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from crystalbay_plugins.samo.testing import FakeSamo

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from crystalbay_plugins.proxy.testing import TinyProxy


@pytest.fixture(name="samo", scope="module")
def fx_samo() -> Iterator[FakeSamo]:
    with FakeSamo() as fake:
        yield fake


def _check(tmp_path: Path, samo: FakeSamo, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMO_", "PROXY_"))}
    env |= {
        "CRYSTALBAY_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        "SAMO_API_URL": samo.url,
        "SAMO_OAUTH_TOKEN": samo.token,
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "crystalbay", "check", "samo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_route_through_the_proxy_works(
    tmp_path: Path, samo: FakeSamo, tinyproxy: TinyProxy
) -> None:
    samo.reset()
    result = _check(tmp_path, samo, PROXY_URL=tinyproxy.url())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "samo" in result.stdout
    assert "ok" in result.stdout
    assert "SearchTour_TOWNFROMS" in tinyproxy.log(), "the call went through the proxy"


def test_wrong_proxy_credentials_are_named(
    tmp_path: Path, samo: FakeSamo, tinyproxy: TinyProxy
) -> None:
    samo.reset()
    result = _check(tmp_path, samo, PROXY_URL=tinyproxy.url(password="wrong-pass"))

    assert result.returncode == 1
    assert "FAILED" in result.stdout
    assert "PROXY_URL" in result.stdout
    assert "credentials" in result.stdout
    assert "wrong-pass" not in result.stdout + result.stderr


def test_an_unreachable_proxy_is_named(tmp_path: Path, samo: FakeSamo) -> None:
    samo.reset()
    result = _check(tmp_path, samo, PROXY_URL=f"http://u:secret-pw@127.0.0.1:{_closed_port()}")

    assert result.returncode == 1
    assert "forward proxy" in result.stdout
    assert "PROXY_URL" in result.stdout
    assert "secret-pw" not in result.stdout + result.stderr


def test_an_operator_still_seeing_a_blacklisted_address_is_explained(
    tmp_path: Path, samo: FakeSamo, tinyproxy: TinyProxy
) -> None:
    samo.reset()
    samo.block("192.0.2.44")
    result = _check(tmp_path, samo, PROXY_URL=tinyproxy.url())

    assert result.returncode == 1
    assert "192.0.2.44" in result.stdout
    assert "whitelist" in result.stdout
