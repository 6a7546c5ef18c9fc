"""Test doubles for proxy routing: a fake SAMO relay and a real TinyProxy runner.

* :class:`FakeSamoRelay` behaves like the reference ``samo_proxy.php`` in
  :mod:`crystalbay_plugins.proxy.relay`: it checks the relay key, adds ``samo_action=api`` and
  the token, forwards with GET to the operator URL (usually another ``FakeHTTPServer``) and
  echoes status, content type and body. Serve it with ``FakeHTTPServer(FakeSamoRelay(...))``.
* :class:`TinyProxy` runs the ``tinyproxy`` binary on an ephemeral 127.0.0.1 port with a
  generated config (``BasicAuth`` on, log in a file), as the whitelisted VPS would.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from typing import TYPE_CHECKING, Self

import httpx

from crystalbay.testing.http_server import FakeRequest, FakeResponse
from crystalbay_plugins.proxy.relay import RELAY_ERROR_HEADER, RELAY_KEY_HEADER

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from types import TracebackType

__all__ = ["FakeSamoRelay", "TinyProxy"]


class FakeSamoRelay:
    """A relay that forwards to ``operator_url`` with ``token``, guarded by ``key``.

    Args:
        operator_url: The SAMO endpoint, e.g. ``<fake>/export/default.php``.
        token: The token the relay adds server-side.
        key: The expected ``X-Relay-Key``; ``None`` accepts any caller.

    Attributes:
        forwarded: The query of every call forwarded to the operator, in order.
    """

    def __init__(self, operator_url: str, *, token: str, key: str | None = None) -> None:
        self.operator_url = operator_url
        self.token = token
        self.key = key
        self.forwarded: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def __call__(self, request: FakeRequest) -> FakeResponse:
        """Answer one relay request (runs in the fake server's thread)."""
        if self.key is not None and request.headers.get(RELAY_KEY_HEADER.lower()) != self.key:
            return _fail(401, "wrong relay key")
        action = request.arg("action")
        params = _decode_params(request.arg("params", "{}") or "{}")
        if not action or params is None:
            return _fail(400, "action and params are required")
        for name in ("samo_action", "oauth_token", "action"):
            params.pop(name, None)
        query = {"version": "1.0", "type": "json", **params}
        query |= {"samo_action": "api", "action": action, "oauth_token": self.token}
        with self._lock:
            self.forwarded.append(query)
        return self._forward(query)

    def _forward(self, query: Mapping[str, str]) -> FakeResponse:
        try:
            with httpx.Client(trust_env=False, timeout=10) as client:
                answer = client.get(self.operator_url, params=dict(query))
        except httpx.TransportError as exc:
            return _fail(502, f"operator unreachable: {type(exc).__name__}")
        content_type = answer.headers.get("content-type", "application/json")
        return FakeResponse(
            status=answer.status_code, body=answer.content, headers={"Content-Type": content_type}
        )


def _decode_params(raw: str) -> dict[str, str] | None:
    try:
        decoded = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(decoded, dict):
        return None
    return {str(k): str(v) for k, v in decoded.items()}


def _fail(status: int, why: str) -> FakeResponse:
    return FakeResponse(status=status, headers={RELAY_ERROR_HEADER: why})


class TinyProxy:
    """A TinyProxy process on 127.0.0.1 that requires ``BasicAuth user password``.

    Args:
        binary: Path of the ``tinyproxy`` executable.
        workdir: Folder for the generated config and the log.
        user: The BasicAuth user.
        password: The BasicAuth password.
    """

    def __init__(self, binary: str, workdir: Path, *, user: str, password: str) -> None:
        self.binary = binary
        self.user = user
        self.password = password
        self.log_file = workdir / "tinyproxy.log"
        self.config_file = workdir / "tinyproxy.conf"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, password: str | None = None) -> str:
        """``http://user:password@127.0.0.1:port`` (another password to test refusals)."""
        secret = self.password if password is None else password
        return f"http://{self.user}:{secret}@127.0.0.1:{self.port}"

    def log(self) -> str:
        """Everything TinyProxy logged so far (one line per request, among others)."""
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def start(self) -> Self:
        """Write the config, start the process and wait until it listens (10 s at most).

        Raises:
            RuntimeError: TinyProxy exited or did not listen in time; the log is included.
        """
        self.port = _free_port()
        self.config_file.write_text(
            f"Port {self.port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\n"
            f'LogFile "{self.log_file}"\nLogLevel Info\nAllow 127.0.0.1\n'
            f"BasicAuth {self.user} {self.password}\n"
            # No ConnectPort line: CONNECT may reach every port (tinyproxy.conf(5)).
        )
        self._process = subprocess.Popen(  # noqa: S603 - the given binary, a generated config
            [self.binary, "-d", "-c", str(self.config_file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_listening()
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Terminate the process (kill it after 5 s)."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=5)
        self._process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _wait_listening(self) -> None:
        assert self._process is not None  # noqa: S101 - start() sets it
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                code = self._process.returncode
                raise RuntimeError(f"tinyproxy exited with {code}:\n{self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                time.sleep(0.02)
            else:
                return
        raise RuntimeError(f"tinyproxy did not listen on 127.0.0.1:{self.port} within 10 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
