"""Files customers sent, opened from the lead page: Telegram files stream through the hub."""

from __future__ import annotations

import contextlib
import itertools
from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

import crystalbay_plugins.telegram
from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import Attachment, DeliveryStatus, Direction
from crystalbay.services.leads import LeadDraft
from crystalbay_plugins.telegram.testing import FakeTelegram
from crystalbay_web.pages.lead_files import file_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from crystalbay.hub import Hub

PHONES = itertools.count(1000)
PHOTO = b"\xff\xd8\xff\xe0 jpeg bytes"
PAGE = b"<html><script>alert(1)</script></html>"


@pytest.fixture(name="telegram", scope="module")
def fx_telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        fake.put_file("PHOTO1", PHOTO, "photos/file_1.jpg")
        fake.put_file("PAGE1", PAGE, "documents/file_2.html")
        yield fake


@pytest.fixture(name="setup")
async def fx_setup(
    telegram: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[tuple[Hub, Clients]]:
    register_plugin(crystalbay_plugins.telegram, name="telegram")
    env = {"TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_URL": telegram.url}
    async with hub_factory(env, mock_http=False) as hub, dashboard_clients(hub) as clients:
        yield hub, clients


async def _message(hub: Hub, *files: Attachment, assignee: str | None = None) -> tuple[int, int]:
    number = next(PHONES)
    contact = await hub.contacts.resolve(Contact(name="Иван", phones=(f"+7701555{number:04d}",)))
    draft = LeadDraft(title="Files", assignee=assignee, contact_id=contact.id)
    lead = await hub.leads.create(draft, actor="t")
    conversation = await hub.conversations.open(
        lead.id, "telegram", str(number), contact_id=contact.id
    )
    message = await hub.conversations.repo.add_message(
        conversation_id=conversation.id,
        direction=Direction.INBOUND,
        channel="telegram",
        text="Паспорт во вложении",
        status=DeliveryStatus.RECEIVED,
        attachments=files,
    )
    return lead.id, message.id


async def test_a_telegram_photo_opens_without_the_bot_token(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    photo = Attachment(kind="photo", url="telegram-file:PHOTO1")
    page = Attachment(kind="document", url="telegram-file:PAGE1", name="offer.html")
    lead_id, message_id = await _message(hub, photo, page)
    html = (await clients.manager.get(f"/leads/{lead_id}")).text
    assert f'href="/leads/{lead_id}/messages/{message_id}/files/0"' in html
    assert "Фото" in html
    assert "telegram-file:" not in html

    got = await clients.manager.get(f"/leads/{lead_id}/messages/{message_id}/files/0")
    assert got.status_code == 200
    assert got.content == PHOTO
    assert got.headers["content-type"] == "image/jpeg"
    assert got.headers["content-disposition"].startswith("inline")
    assert got.headers["x-content-type-options"] == "nosniff"

    html_file = await clients.manager.get(f"/leads/{lead_id}/messages/{message_id}/files/1")
    assert html_file.status_code == 200
    assert html_file.headers["content-disposition"] == 'attachment; filename="offer.html"'
    assert "sandbox" in html_file.headers["content-security-policy"]


async def test_files_follow_lead_visibility_and_exist(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    photo = Attachment(kind="photo", url="telegram-file:PHOTO1")
    lead_id, message_id = await _message(hub, photo, assignee="erik")  # another manager's
    url = f"/leads/{lead_id}/messages/{message_id}/files/0"
    assert (await clients.manager.get(url)).status_code == 404
    assert (await clients.admin.get(url)).status_code == 200
    assert (await clients.admin.get(url.replace("/files/0", "/files/5"))).status_code == 404
    other_lead, _ = await _message(hub, photo)
    crossed = f"/leads/{other_lead}/messages/{message_id}/files/0"  # not that lead's message
    assert (await clients.admin.get(crossed)).status_code == 404
    assert (await clients.anon.get(url)).status_code in (302, 303, 401)


async def test_vendor_urls_are_followed_and_unknown_schemes_explained(
    setup: tuple[Hub, Clients],
) -> None:
    hub, clients = setup
    linked = Attachment(kind="image", url="https://store.wazzup24.com/abc.jpg")
    odd = Attachment(kind="file", url="viber-file:123")
    lead_id, message_id = await _message(hub, linked, odd)
    base = f"/leads/{lead_id}/messages/{message_id}/files"
    followed = await clients.manager.get(f"{base}/0")
    assert followed.status_code in (302, 307)
    assert followed.headers["location"] == "https://store.wazzup24.com/abc.jpg"
    unknown = await clients.manager.get(f"{base}/1")
    assert unknown.status_code == 404
    assert "viber-file" in unknown.text
    assert file_url(1, 2, 0, linked) == "https://store.wazzup24.com/abc.jpg"
