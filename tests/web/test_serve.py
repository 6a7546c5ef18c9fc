"""The README's promise: `crystalbay serve`, an API key, a lead imported with curl, listed back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent / "crystalbay"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited early: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("serve did not become healthy in 120 s")


def test_serve_import_and_list(database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "CRYSTALBAY_HOME": str(tmp_path / "home"), "DATABASE_URL": database_url}
    env.pop("PYTEST_ADDOPTS", None)
    port = _free_port()
    proc = subprocess.Popen(  # noqa: S603 - our own program
        [str(BIN), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, proc)
        key_run = subprocess.run(  # noqa: S603
            [str(BIN), "apikey", "create", "website"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        key = key_run.stdout.strip().splitlines()[-1]
        assert key.startswith("cb_")
        auth = {"Authorization": f"Bearer {key}"}
        imported = httpx.post(
            f"{base}/api/v1/leads/import",
            json={"name": "Dana", "phone": "+7 777 123 45 67", "message": "Turkey in June"},
            headers={**auth, "Idempotency-Key": "site-1"},
        )
        assert imported.status_code == 201
        listed = httpx.get(f"{base}/api/v1/leads", headers=auth).json()
        assert [lead["title"] for lead in listed["items"]] == ["Turkey in June"]
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=15)
    assert f"{base}/" in output
    assert "log in as 'admin' with password" in output
    assert key not in output
