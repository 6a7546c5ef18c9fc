"""``FakeBitrix24``: a stateful Bitrix24 portal served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import re
import threading
import time
from typing import TYPE_CHECKING, Self

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.bitrix24.testing.batch import run_batch
from crystalbay_plugins.bitrix24.testing.bucket import ServerBucket
from crystalbay_plugins.bitrix24.testing.catalog import CATALOG_METHODS
from crystalbay_plugins.bitrix24.testing.crm import CRM_METHODS
from crystalbay_plugins.bitrix24.testing.events import event_body, post_event
from crystalbay_plugins.bitrix24.testing.faults import Fault
from crystalbay_plugins.bitrix24.testing.outbound import Subscribers
from crystalbay_plugins.bitrix24.testing.store import Portal
from crystalbay_plugins.bitrix24.testing.wire import envelope, request_params

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    import httpx

__all__ = ["FakeBitrix24"]

_ROUTE = re.compile(
    r"^/rest/(?P<user>\d+)/(?P<code>[^/]+)/(?P<method>[A-Za-z0-9_.]+?)(?:\.json)?/?$"
)
_METHODS = {**CRM_METHODS, **CATALOG_METHODS}
Params = dict[str, object]


class FakeBitrix24:
    """Behaves like a Bitrix24 portal behind an incoming webhook.

    Args:
        code: The webhook code accepted in ``/rest/<user>/<code>/``; others get 401.
        capacity: Leaky-bucket ``X`` (50 on most plans).
        rate: Leaky-bucket ``Y`` per second (2 on most plans).
        clock: Monotonic clock of the bucket.
        application_token: Token put into outbound events.

    Attributes:
        portal: The data (contacts, deals, pipelines, stages, comments, users).
        methods: Every method run, in order; commands inside a batch included.
        outage: While True every call answers 500 ``INTERNAL_SERVER_ERROR``.
        events_sent: ``(url, event, entity_id, status)`` of automatic event deliveries.
    """

    def __init__(
        self,
        *,
        code: str = "k3y0fake0webhook",
        capacity: int = 50,
        rate: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        application_token: str = "jvh9y1ulvt2m6k5or90v9mg8nn32ozas",  # noqa: S107 - a fake
    ) -> None:
        self.code = code
        self.application_token = application_token
        self._default_clock = self._clock = clock
        self._lock = threading.RLock()
        self._server = FakeHTTPServer(self._handle)
        self.reset(capacity=capacity, rate=rate)

    def reset(
        self,
        *,
        capacity: int = 50,
        rate: float = 2.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Forget all data, faults, subscriptions and requests; set the bucket's size and clock."""
        with self._lock:
            self._clock = clock or self._default_clock
            self.portal = Portal()
            self.bucket = ServerBucket(capacity, rate, self._clock)
            self.methods: list[str] = []
            self.outage = False
            self.revoked = False
            self.subscribers = Subscribers(self.application_token)
            self._faults: list[tuple[str | None, Fault]] = []
            self._server.requests.clear()

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The portal's base URL (``http://127.0.0.1:<port>``)."""
        return self._server.url

    @property
    def webhook_url(self) -> str:
        """The incoming webhook URL to put into ``BITRIX_WEBHOOK_URL``."""
        return f"{self.url}/rest/1/{self.code}/"

    @property
    def requests(self) -> list[FakeRequest]:
        """Every HTTP request received, in order."""
        return self._server.requests

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.stop()

    # --- test controls ----------------------------------------------------------------------

    def fail_next(
        self,
        error: str,
        *,
        status: int = 400,
        description: str = "",
        method: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls (of ``method``, if given) with an error.

        E.g. ``fail_next("QUERY_LIMIT_EXCEEDED", status=200)`` for the in-body form, or
        ``fail_next("OPERATION_TIME_LIMIT", status=429, method="crm.deal.add")``.
        """
        fault = Fault(status, error, description or error.replace("_", " ").capitalize())
        self._faults += [(method, fault)] * times

    def revoke_webhook(self) -> None:
        """Delete the webhook: every later call gets 401 ``NO_AUTH_FOUND``."""
        self.revoked = True

    def subscribe(self, url: str) -> None:
        """Post ``ONCRMDEALADD``/``ONCRMDEALUPDATE`` to ``url`` after deal changes (no retries)."""
        self.subscribers.urls.append(url)

    @property
    def events_sent(self) -> list[tuple[str, str, int, int]]:
        """``(url, event, deal_id, status)`` of automatic deliveries so far."""
        return self.subscribers.sent

    async def send_event(
        self,
        url: str,
        entity_id: int,
        *,
        event: str = "ONCRMDEALUPDATE",
        application_token: str | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> int:
        """POST one form-encoded event to ``url`` as Bitrix does; returns the HTTP status."""
        token = self.application_token if application_token is None else application_token
        return await post_event(
            url, event_body(event, entity_id, application_token=token), http=http
        )

    # --- the API ----------------------------------------------------------------------------

    def _handle(self, request: FakeRequest) -> FakeResponse:
        started = time.time()
        match = _ROUTE.match(request.path)
        if match is None:
            return FakeResponse(status=404)
        try:
            with self._lock:
                method = match["method"].lower()
                self._admit(match["user"], match["code"], method)
                result = self._dispatch(method, request_params(request))
        except Fault as fault:
            return FakeResponse.json(fault.body(), status=fault.status)
        return FakeResponse.json(envelope(result, started))

    def _admit(self, user: str, code: str, method: str) -> None:
        if self.revoked or code != self.code or int(user) not in self.portal.users:
            raise Fault(401, "NO_AUTH_FOUND", "Wrong authorization data")
        if not self.bucket.admit():
            raise Fault(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        if self.outage:
            raise Fault(500, "INTERNAL_SERVER_ERROR", "Internal server error")
        for index, (only, fault) in enumerate(self._faults):
            if only is None or only == method:
                del self._faults[index]
                raise fault

    def _dispatch(self, method: str, params: Params) -> object:
        if method == "batch":
            return run_batch(params, self._dispatch)
        handler = _METHODS.get(method)
        if handler is None:
            raise Fault(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        result = handler(self.portal, params)
        self.methods.append(method)
        if method in ("crm.deal.add", "crm.deal.update"):
            deal_id = int(str(result if method == "crm.deal.add" else params.get("id")))
            event = "ONCRMDEALADD" if method == "crm.deal.add" else "ONCRMDEALUPDATE"
            self.subscribers.notify(event, deal_id)
        return result
