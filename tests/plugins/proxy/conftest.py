"""Fixtures for the proxy plugin: a real TinyProxy, HTTP and HTTPS targets, a relay chain.

The TinyProxy fixture starts the ``tinyproxy`` binary with a generated config on an ephemeral
127.0.0.1 port. Without the binary the tests are skipped, except under ``CI=true``, where the
run fails instead (CI installs it with ``apt-get install -y tinyproxy``).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

IN_CI = os.environ.get("CI", "").lower() == "true"
PROXY_USER = "alice"
PROXY_PASSWORD = "s3cret-proxy-pass"


@dataclass(frozen=True)
class Tinyproxy:
    """A running TinyProxy that requires ``BasicAuth alice s3cret-proxy-pass``."""

    port: int
    log_file: Path

    def url(self, password: str = PROXY_PASSWORD) -> str:
        return f"http://{PROXY_USER}:{password}@127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_file.read_text(errors="replace")


def echo(request: FakeRequest) -> FakeResponse:
    """Answer with what the target saw: path, query and the Via header."""
    return FakeResponse.json(
        {"path": request.path, "query": request.query, "via": request.headers.get("via")}
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_listening(port: int, process: subprocess.Popen[bytes], log_file: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_file.read_text() if log_file.exists() else ""
            pytest.fail(f"tinyproxy exited with {process.returncode}:\n{log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            time.sleep(0.02)
        else:
            return
    pytest.fail(f"tinyproxy did not listen on 127.0.0.1:{port} within 10 s")


@pytest.fixture(name="tinyproxy")
def fx_tinyproxy(tmp_path: Path) -> Iterator[Tinyproxy]:
    binary = shutil.which("tinyproxy")
    if binary is None:
        message = "the tinyproxy binary is not installed (apt-get install -y tinyproxy)"
        if IN_CI:
            pytest.fail(f"{message}; CI must run the forward-proxy tests", pytrace=False)
        pytest.skip(message)
    port = _free_port()
    log_file = tmp_path / "tinyproxy.log"
    config = tmp_path / "tinyproxy.conf"
    config.write_text(
        f"Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\n"
        f'LogFile "{log_file}"\nLogLevel Info\nAllow 127.0.0.1\n'
        f"BasicAuth {PROXY_USER} {PROXY_PASSWORD}\n"
        # No ConnectPort line: CONNECT is allowed to every port (tinyproxy.conf(5)).
    )
    process = subprocess.Popen(  # noqa: S603 - a fixed binary and a generated config
        [binary, "-d", "-c", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_listening(port, process, log_file)
        yield Tinyproxy(port=port, log_file=log_file)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(name="target")
def fx_target() -> Iterator[FakeHTTPServer]:
    """A plain-HTTP target that echoes what it saw."""
    with FakeHTTPServer(echo) as server:
        yield server


@dataclass(frozen=True)
class TlsTarget:
    server: FakeHTTPServer
    url: str
    client_context: ssl.SSLContext


def _self_signed() -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.fixture(name="tls_target")
def fx_tls_target(tmp_path: Path) -> Iterator[TlsTarget]:
    """An HTTPS target with a self-signed certificate for 127.0.0.1."""
    cert_pem, key_pem = _self_signed()
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server = FakeHTTPServer(echo)
    server._server.socket = server_context.wrap_socket(server._server.socket, server_side=True)
    client_context = ssl.create_default_context(cadata=cert_pem.decode())
    with server:
        yield TlsTarget(server, server.url.replace("http://", "https://"), client_context)
