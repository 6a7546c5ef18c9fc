"""The fake SendGrid: its validation rules, and webhooks posted to a hub with redelivery."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay.domain import OutboundMessage
from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.events import parse_events, verify_event_request
from crystalbay_plugins.sendgrid.inbound import parse_inbound
from crystalbay_plugins.sendgrid.models import IDEMPOTENCY_ARG, EmailStatusUpdate
from crystalbay_plugins.sendgrid.testing import (
    EventSigner,
    FakeSendGrid,
    build_inbound,
    encode_events,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crystalbay.domain import InboundMessage
    from crystalbay_plugins.sendgrid.channel import EmailChannel

SENDER = {"email": "tours@crystalbay.example"}


class _Hub:
    """A stand-in for the web app's webhook routes, answering from a script of statuses."""

    def __init__(self, config: SendGridConfig, statuses: list[int]) -> None:
        self.config = config
        self.statuses = statuses
        self.events: list[EmailStatusUpdate] = []
        self.inbound: list[InboundMessage] = []
        self.refused = 0
        self._lock = threading.Lock()

    def __call__(self, request: FakeRequest) -> FakeResponse:
        with self._lock:
            status = self.statuses.pop(0) if self.statuses else 200
            if request.path == "/webhooks/sendgrid/events":
                if not verify_event_request(self.config, request.headers, request.body):
                    self.refused += 1
                    return FakeResponse(status=403)
                if status == 200:
                    self.events += parse_events(request.body)
            elif status == 200:
                self.inbound.append(parse_inbound(request.headers["content-type"], request.body))
            return FakeResponse(status=status)


@pytest.fixture(name="hub_server")
def fx_hub_server(config: SendGridConfig) -> Iterator[tuple[_Hub, str]]:
    hub = _Hub(config, [])
    with FakeHTTPServer(hub) as server:
        yield hub, server.url


async def test_signed_events_reach_the_hub_after_a_redelivery(
    channel: EmailChannel, fake: FakeSendGrid, hub_server: tuple[_Hub, str]
) -> None:
    hub, url = hub_server
    message = OutboundMessage(chat_address="c@example.com", text="Hi", idempotency_key="ob-7")
    message_id = await channel.send(message)
    [mail] = fake.sent
    hub.statuses = [500]

    statuses = await fake.post_events(
        f"{url}/webhooks/sendgrid/events",
        [fake.event(mail, "processed"), fake.event(mail, "delivered")],
    )

    assert statuses == [500, 200]
    assert [(u.event, u.message_id, u.idempotency_key) for u in hub.events] == [
        ("processed", message_id, "ob-7"),
        ("delivered", message_id, "ob-7"),
    ]


async def test_events_signed_by_another_key_are_refused(
    http: httpx.AsyncClient, hub_server: tuple[_Hub, str]
) -> None:
    hub, url = hub_server
    body = encode_events([{"email": "c@example.com", "timestamp": 1, "event": "delivered"}])

    response = await http.post(
        f"{url}/webhooks/sendgrid/events", content=body, headers=EventSigner().headers(body)
    )

    assert response.status_code == 403
    assert hub.refused == 1
    assert hub.events == []


async def test_inbound_is_redelivered_on_5xx_but_not_on_4xx(
    fake: FakeSendGrid, hub_server: tuple[_Hub, str]
) -> None:
    hub, url = hub_server
    parse_url = f"{url}/webhooks/sendgrid/inbound/parse-secret-123"
    hub.statuses = [503, 503]

    assert await fake.post_inbound(parse_url, *build_inbound(text="Хотим в Турцию")) == [
        503,
        503,
        200,
    ]
    assert hub.inbound[0].text.endswith("Хотим в Турцию")

    hub.statuses = [400]
    assert await fake.post_inbound(parse_url, *build_inbound()) == [400]


async def test_custom_args_are_flattened_and_reserved_keys_win(
    fake: FakeSendGrid, http: httpx.AsyncClient
) -> None:
    payload = {
        "personalizations": [
            {"to": [{"email": "c@example.com"}], "custom_args": {"event": "x", "lead": "L-1"}}
        ],
        "from": SENDER,
        "subject": "s",
        "content": [{"type": "text/plain", "value": "v"}],
        "custom_args": {IDEMPOTENCY_ARG: "k-1"},
        "categories": ["tour-offer"],
    }
    await _post(http, fake, payload)

    event = fake.event(fake.sent[0], "open")

    assert event["event"] == "open"
    assert (event["lead"], event[IDEMPOTENCY_ARG], event["category"]) == (
        "L-1",
        "k-1",
        ["tour-offer"],
    )
    assert str(event["sg_message_id"]).startswith(fake.sent[0].message_id + ".")


async def _post(
    http: httpx.AsyncClient, fake: FakeSendGrid, payload: object, key: str | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key or fake.api_key}"}
    return await http.post(f"{fake.url}/v3/mail/send", json=payload, headers=headers)


def _mail(**changes: object) -> dict[str, object]:
    mail: dict[str, object] = {
        "personalizations": [{"to": [{"email": "c@example.com"}]}],
        "from": SENDER,
        "subject": "s",
        "content": [{"type": "text/plain", "value": "v"}],
    }
    mail.update(changes)
    return mail


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (_mail(personalizations=[]), "personalizations", "The personalizations field is required"),
        (
            _mail(**{"from": "tours@crystalbay.example"}),
            "from",
            "Invalid type. Expected: object, given: string.",
        ),
        (
            _mail(
                personalizations=[
                    {"to": [{"email": "c@example.com"}], "cc": [{"email": "C@example.com"}]}
                ]
            ),
            "personalizations.0.cc",
            "should be unique between to, cc, and bcc",
        ),
        (
            _mail(
                content=[
                    {"type": "text/html", "value": "<p>v</p>"},
                    {"type": "text/plain", "value": "v"},
                ]
            ),
            "content",
            "text/plain content must be first",
        ),
        (_mail(subject=None), "subject", "The subject is required"),
        (
            _mail(personalizations=[{"to": [{"email": "c@example.com", "name": "Doe, John"}]}]),
            "personalizations.0.to",
            "may not contain",
        ),
        (_mail(categories=["a"] * 2), "categories", "unique"),
    ],
)
async def test_fake_applies_the_documented_validation(
    fake: FakeSendGrid,
    http: httpx.AsyncClient,
    payload: dict[str, object],
    field: str,
    message: str,
) -> None:
    response = await _post(http, fake, payload)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == field
    assert message in error["message"]
    assert fake.sent == []


async def test_fake_checks_the_authorization_header(
    fake: FakeSendGrid, http: httpx.AsyncClient
) -> None:
    missing = await http.post(f"{fake.url}/v3/mail/send", json=_mail())
    wrong = await _post(http, fake, _mail(), key="SG.other")

    assert (missing.status_code, missing.json()["errors"][0]["message"]) == (
        401,
        "authorization required",
    )
    assert wrong.status_code == 401
    assert (await _post(http, fake, _mail())).status_code == 202


async def test_fake_rate_limit_sends_the_rate_limit_headers(
    fake: FakeSendGrid, http: httpx.AsyncClient
) -> None:
    fake.rate_limit, fake.rate_window = 2, 60.0

    statuses = [(await _post(http, fake, _mail())).status_code for _ in range(3)]
    limited = await _post(http, fake, _mail())

    assert statuses == [202, 202, 429]
    assert limited.headers["X-RateLimit-Limit"] == "2"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert int(limited.headers["X-RateLimit-Reset"]) > 0
    assert "Retry-After" not in limited.headers
