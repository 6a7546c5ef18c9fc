"""``FakeSamo``: a SAMO-tour operator on 127.0.0.1 that behaves like the real export API.

It checks the token and the caller's address like a real operator (400/401/403 answers,
including the live "blacklisted address" body), answers ``SearchTour_*`` actions from the demo
catalogue with the real field names and error envelopes, pages prices, and can be made slow
or broken. Point ``SAMO_API_URL`` at :attr:`FakeSamo.url` and ``SAMO_OAUTH_TOKEN`` at
:attr:`FakeSamo.token`::

    with FakeSamo() as samo:
        config = SamoConfig(api_url=samo.url, oauth_token=samo.token)
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Literal, Self
from urllib.parse import parse_qs

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.samo.catalogue import CATALOGUE
from crystalbay_plugins.samo.catalogue_model import Catalogue
from crystalbay_plugins.samo.engine import DEFAULT_PAGE_SIZE, DEFAULT_SEED, SamoEngine
from crystalbay_plugins.samo.wire import encode_php_json, error_envelope

if TYPE_CHECKING:
    from collections.abc import Collection
    from types import TracebackType

__all__ = ["DEFAULT_TOKEN", "EXPORT_PATH", "FakeSamo"]

EXPORT_PATH = "/export/default.php"
DEFAULT_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"  # noqa: S105 - a fake's fixed token
_JSON = "application/json; charset=utf-8"


def _challenge(error: str) -> dict[str, str]:
    return {"WWW-Authenticate": f"OAuth realm='Service', error='{error}'"}


class FakeSamo:
    """A stateful fake SAMO operator served over real HTTP.

    Args:
        token: The one valid ``oauth_token`` (32 hex characters).
        seed: Seed of the demo catalogue's prices.
        page_size: Default ``SearchTour_PRICES`` page size.
        latency: Seconds to wait before each answer.
        whitelist: Caller addresses the token works from (None: any).
        scopes: Scopes of the token; without ``online-api`` every call gets 403.
        catalogue: What the operator sells.

    Attributes:
        seen_ip: The address named in a "blacklisted address" answer (default: the caller's).
        blacklist_body: ``"json"`` (live JSON form) or ``"xml"`` (live SAMO-Soft XML form).
        invalid_token_body: Send ``{"error": "apiKey provided, but invalid"}`` with a 401
            instead of an empty body (what current builds do is [UNC]).
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        seed: int = DEFAULT_SEED,
        page_size: int = DEFAULT_PAGE_SIZE,
        latency: float = 0.0,
        whitelist: Collection[str] | None = None,
        scopes: Collection[str] = ("online-api", "export-dictionary"),
        catalogue: Catalogue = CATALOGUE,
    ) -> None:
        self.token = token
        self.engine = SamoEngine(catalogue, seed=seed, page_size=page_size)
        self._initial = (latency, None if whitelist is None else set(whitelist), set(scopes))
        self.whitelist: set[str] | None = None
        self.scopes: set[str] = set()
        self.seen_ip: str | None = None
        self.blacklist_body: Literal["json", "xml"] = "json"
        self.invalid_token_body = False
        self._failures: list[int] = []
        self._latency = latency
        self._server: FakeHTTPServer | None = None
        self.reset()

    # -- control -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The export endpoint, to use as ``SAMO_API_URL`` (once started)."""
        if self._server is None:
            raise RuntimeError("FakeSamo is not started: use it as a context manager")
        return self._server.url + EXPORT_PATH

    @property
    def requests(self) -> list[FakeRequest]:
        """Every request received, in order."""
        return self._server.requests if self._server is not None else []

    @property
    def actions(self) -> list[str]:
        """The ``action`` of every request, in order."""
        return [r.arg("action") or "" for r in self.requests]

    @property
    def latency(self) -> float:
        """Seconds each answer is delayed."""
        return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        self._latency = seconds
        if self._server is not None:
            self._server.latency = seconds

    def reset(self) -> None:
        """Forget recorded requests and undo every behaviour change since construction."""
        latency, whitelist, scopes = self._initial
        self.requests.clear()
        self.latency = latency
        self.whitelist = None if whitelist is None else set(whitelist)
        self.scopes = set(scopes)
        self.seen_ip = None
        self.blacklist_body = "json"
        self.invalid_token_body = False
        self._failures.clear()

    def block(self, seen_ip: str | None = None, *, body: Literal["json", "xml"] = "json") -> None:
        """Refuse the caller's address (the token is whitelisted elsewhere) with HTTP 403."""
        self.whitelist = {"203.0.113.10"}
        self.seen_ip = seen_ip
        self.blacklist_body = body

    def fail_next(self, status: int = 503, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``status`` and an HTML error page."""
        self._failures.extend([status] * times)

    def start(self) -> Self:
        """Start serving on an ephemeral port of 127.0.0.1."""
        if self._server is None:
            self._server = FakeHTTPServer(self._handle, latency=self._latency).start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- behaviour ---------------------------------------------------------------------------

    def _handle(self, request: FakeRequest) -> FakeResponse:
        if request.path != EXPORT_PATH or request.arg("samo_action") != "api":
            return FakeResponse(status=404)
        if self._failures:
            status = self._failures.pop(0)
            page = f"<html><body><h1>{status}</h1>nginx</body></html>".encode()
            return FakeResponse(status=status, body=page, headers={"Content-Type": "text/html"})
        params = self._params(request)
        refusal = self._authorize(request, params)
        if refusal is not None:
            return refusal
        action = request.arg("action") or params.get("action", "")
        if params.get("type", "json") != "json":
            # The fake speaks JSON only; the XML form of the contract (§1.3) is not imitated.
            body = error_envelope("api", action, "Fake SAMO serves type=json only")
        else:
            body = self.engine.answer(action, params)
        etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
        return FakeResponse(body=body, headers={"Content-Type": _JSON, "ETag": f'"{etag}"'})

    @staticmethod
    def _params(request: FakeRequest) -> dict[str, str]:
        """A non-empty (form) body hides the query parameters, as on the 2018 server."""
        if request.body:
            form = parse_qs(request.body.decode(errors="replace"), keep_blank_values=True)
            return {k: v[0] for k, v in form.items()}
        return {k: v[0] for k, v in request.query.items()}

    def _authorize(self, request: FakeRequest, params: dict[str, str]) -> FakeResponse | None:
        header = request.headers.get("authorization", "")
        body_token = params.get("oauth_token") if request.body else None
        header_token = (
            header.removeprefix("OAuth ").strip() if header.startswith("OAuth ") else None
        )
        # One carrier only: query, form body or "Authorization: OAuth <token>" (else 400).
        tokens = [t for t in (request.arg("oauth_token"), body_token, header_token) if t]
        if len(tokens) != 1:
            return FakeResponse(status=400, headers=_challenge("invalid_request"))
        if tokens[0] != self.token:
            body = b'{"error":"apiKey provided, but invalid"}' if self.invalid_token_body else b""
            return FakeResponse(status=401, body=body, headers=_challenge("invalid_token"))
        if self.whitelist is not None and request.client_ip not in self.whitelist:
            return self._blacklisted(self.seen_ip or request.client_ip)
        if "online-api" not in self.scopes:
            return FakeResponse(status=403, headers=_challenge("insufficient_scope"))
        return None

    def _blacklisted(self, ip: str) -> FakeResponse:
        text = f"apiKey provided, but invalid, blacklisted address {ip}"
        if self.blacklist_body == "xml":
            xml = f'<Response generator="SAMO-Soft" version="1.0"><Error>{text}</Error></Response>'
            return FakeResponse(
                status=403, body=xml.encode(), headers={"Content-Type": "text/xml; charset=utf-8"}
            )
        return FakeResponse(
            status=403, body=encode_php_json({"error": text}), headers={"Content-Type": _JSON}
        )
