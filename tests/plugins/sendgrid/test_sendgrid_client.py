"""Mail Send against the fake over real HTTP: success and every documented error."""

from __future__ import annotations

import socket
import time

import httpx
import msgspec
import pytest

from crystalbay.errors import IntegrationProtocolError, IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.sendgrid.client import MAX_RETRY_AFTER, SendGridClient
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.models import (
    MailAddress,
    MailContent,
    MailSendRequest,
    Personalization,
)
from crystalbay_plugins.sendgrid.testing import FakeSendGrid

SENDER = "tours@crystalbay.example"  # verified in the ``fake`` fixture


def _request(to: str = "client@example.com", **changes: object) -> MailSendRequest:
    request = MailSendRequest(
        personalizations=(Personalization(to=(MailAddress(email=to),)),),
        from_=MailAddress(email=SENDER, name="Crystal Bay"),
        subject="Ваша подборка туров",
        content=(MailContent(type="text/plain", value="Hello"),),
    )
    return msgspec.structs.replace(request, **changes)


async def test_send_returns_x_message_id_and_fake_records_the_mail(
    client: SendGridClient, fake: FakeSendGrid
) -> None:
    message_id = await client.send_mail(_request())

    assert len(message_id) == 22
    assert [mail.message_id for mail in fake.sent] == [message_id]
    assert fake.sent[0].to == ["client@example.com"]
    assert fake.sent[0].subject == "Ваша подборка туров"
    assert fake.sent[0].headers["authorization"] == f"Bearer {fake.api_key}"
    assert fake.sent[0].payload["from"] == {"email": SENDER, "name": "Crystal Bay"}


async def test_wrong_key_is_rejected_naming_the_setting(
    config: SendGridConfig, http: httpx.AsyncClient, fake: FakeSendGrid
) -> None:
    client = SendGridClient(msgspec.structs.replace(config, api_key="SG.revoked"), http)

    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(_request())

    assert caught.value.field == "SENDGRID_API_KEY"
    assert "invalid, expired, or revoked" in caught.value.detail
    assert fake.sent == []


async def test_unverified_sender_is_rejected_naming_from_email(
    config: SendGridConfig, http: httpx.AsyncClient
) -> None:
    client = SendGridClient(config, http)

    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(_request(from_=MailAddress(email="other@crystalbay.example")))

    assert caught.value.field == "SENDGRID_FROM_EMAIL"
    assert "verified Sender Identity" in caught.value.detail


async def test_key_without_mail_send_scope_is_rejected(
    client: SendGridClient, fake: FakeSendGrid
) -> None:
    fake.can_send = False

    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(_request())

    assert caught.value.field == "SENDGRID_API_KEY"
    assert "access forbidden" in caught.value.detail


async def test_validation_error_names_the_field(client: SendGridClient) -> None:
    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(_request(to="not-an-address"))

    assert caught.value.field == "personalizations.0.to"
    assert "The to array is required" in caught.value.detail
    assert not caught.value.retryable


async def test_empty_content_value_is_a_400_on_content_0_value(client: SendGridClient) -> None:
    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(_request(content=(MailContent(type="text/plain", value=""),)))

    assert caught.value.field == "content.0.value"


async def test_oversized_payload_is_rejected(client: SendGridClient, fake: FakeSendGrid) -> None:
    fake.max_bytes = 1_000

    with pytest.raises(IntegrationRejected) as caught:
        await client.send_mail(
            _request(content=(MailContent(type="text/plain", value="x" * 2_000),))
        )

    assert "content too large" in caught.value.detail
    assert not caught.value.retryable


async def test_rate_limit_is_retryable_with_retry_after_from_reset_header(
    client: SendGridClient, fake: FakeSendGrid
) -> None:
    fake.rate_limit, fake.rate_window = 1, 30.0
    await client.send_mail(_request())

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_mail(_request())

    assert caught.value.retryable
    assert caught.value.retry_after is not None
    assert 0 < caught.value.retry_after <= MAX_RETRY_AFTER
    assert "too many requests" in caught.value.detail
    assert len(fake.sent) == 1


async def test_outage_is_retryable(client: SendGridClient, fake: FakeSendGrid) -> None:
    fake.outage = True

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_mail(_request())

    assert caught.value.retryable
    assert "internal server error" in caught.value.detail
    fake.outage = False
    assert await client.send_mail(_request())


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, IntegrationRejected), (401, IntegrationRejected), (500, IntegrationUnavailable)],
)
async def test_scripted_failures_map_by_status(
    client: SendGridClient, fake: FakeSendGrid, status: int, error: type[Exception]
) -> None:
    fake.fail_next(status)

    with pytest.raises(error):
        await client.send_mail(_request())
    assert await client.send_mail(_request())  # only the next request was scripted


async def test_unreachable_api_is_unavailable(
    config: SendGridConfig, http: httpx.AsyncClient
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = SendGridClient(
        msgspec.structs.replace(config, api_url=f"http://127.0.0.1:{port}"), http
    )

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_mail(_request())

    assert "SENDGRID_API_URL" in caught.value.detail


async def _send_with_canned(config: SendGridConfig, response: httpx.Response) -> str:
    transport = httpx.MockTransport(lambda _request: response)
    async with httpx.AsyncClient(transport=transport) as http:
        return await SendGridClient(config, http).send_mail(_request())


async def test_accepted_without_message_id_is_a_protocol_error(config: SendGridConfig) -> None:
    with pytest.raises(IntegrationProtocolError):
        await _send_with_canned(config, httpx.Response(202))


async def test_non_json_error_body_still_maps_by_status(config: SendGridConfig) -> None:
    with pytest.raises(IntegrationUnavailable) as caught:
        await _send_with_canned(config, httpx.Response(502, text="<html>Bad gateway</html>"))

    assert "Bad gateway" in caught.value.detail


async def test_rate_limit_wait_is_capped(config: SendGridConfig) -> None:
    far = str(int(time.time()) + 3_600)
    body = {"errors": [{"field": None, "message": "too many requests"}]}
    response = httpx.Response(429, json=body, headers={"X-RateLimit-Reset": far})

    with pytest.raises(IntegrationUnavailable) as caught:
        await _send_with_canned(config, response)

    assert caught.value.retry_after == MAX_RETRY_AFTER
