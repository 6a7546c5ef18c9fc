"""Photos, stickers, voice notes and other files: stored on the conversation, thanked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.messages import Direction
from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot.inbound import FILE_SCHEME
from crystalbay_bot.texts import EN, RU
from crystalbay_plugins.telegram.testing import MEDIA_KINDS

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.domain.messages import Message
    from crystalbay.hub import Hub
    from crystalbay_bot.testing import BotCustomer
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN, JOHN = 555, 777


async def _thread(hub: Hub, chat: int) -> list[Message]:
    await hub.jobs.drain()
    [contact_id] = await hub.contacts.repo.find_by_points([("identity", f"telegram:{chat}")])
    [lead], _ = await hub.leads.list(LeadFilter(contact_id=contact_id))
    return await hub.conversations.lead_messages(lead.id)


def _file_id(update: dict[str, object], kind: str) -> str:
    message = update["message"]
    assert isinstance(message, dict)
    content = message[kind]
    found = content[-1] if isinstance(content, list) else content  # a photo's largest size
    return str(found["file_id"])


async def test_every_kind_of_file_is_stored_by_reference_and_thanked_for(
    john: BotCustomer, fake: FakeTelegram, bot_hub: Hub
) -> None:
    updates = {kind: fake.media_update(JOHN, kind) for kind in MEDIA_KINDS}

    for kind, update in updates.items():
        [thanks] = await john.feed(update)
        assert (thanks.method, thanks.text) == ("sendMessage", EN.media_received), kind

    stored = await _thread(bot_hub, JOHN)
    assert [m.direction for m in stored] == [Direction.INBOUND] * len(MEDIA_KINDS)
    kinds = {m.attachments[0].kind: m.attachments[0] for m in stored}
    assert sorted(kinds) == sorted(MEDIA_KINDS)
    for kind, update in updates.items():
        attachment = kinds[kind]
        assert attachment.url == f"{FILE_SCHEME}{_file_id(update, kind)}"
        assert fake.token not in attachment.url
        assert fake.token.split(":")[1] not in attachment.url
    assert (kinds["voice"].mime_type, kinds["sticker"].mime_type) == ("audio/ogg", "image/webp")
    assert (kinds["document"].name, kinds["document"].mime_type) == (
        "passport.pdf",
        "application/pdf",
    )
    assert kinds["animation"].name == "hello.mp4"  # not mistaken for its twin document


async def test_a_caption_is_the_text_and_an_album_is_thanked_for_once(
    ivan: BotCustomer, bot_hub: Hub
) -> None:
    first = await ivan.send_file("photo", caption="Вот такой отель хотим", album="a1")
    rest = [await ivan.send_file("photo", album="a1") for _ in range(2)]

    assert [c.text for c in first] == [RU.media_received]
    assert rest == [[], []]
    stored = await _thread(bot_hub, IVAN)
    assert [(m.text, m.attachments[0].kind) for m in stored] == [
        ("Вот такой отель хотим", "photo"),
        ("", "photo"),
        ("", "photo"),
    ]
    assert len({m.attachments[0].url for m in stored}) == 3

    [thanks] = await ivan.send_file("photo", album="a2")  # the next album is thanked for again
    assert thanks.text == RU.media_received


async def test_a_file_in_the_middle_of_the_wizard_is_kept_and_the_question_stays(
    ivan: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")

    [thanks] = await ivan.send_file("voice")

    assert thanks.text == RU.media_received
    assert await dispatcher.fsm.get_context(bot, IVAN, IVAN).get_state() == "Search:country"
    [stored] = await _thread(bot_hub, IVAN)
    assert stored.attachments[0].kind == "voice"
    [edit, _] = await ivan.press("Vietnam")  # the question above still works
    assert (edit.method, edit.text) == ("editMessageText", RU.ask_dates)


@pytest.mark.parametrize(("owner", "phones"), [(None, ("+77011234567",)), (999, ())])
async def test_a_contact_shared_outside_a_booking_is_kept(
    ivan: BotCustomer, bot_hub: Hub, owner: int | None, phones: tuple[str, ...]
) -> None:
    [thanks] = await ivan.share_phone("77011234567", owner=owner)

    assert thanks.text == RU.media_received
    [stored] = await _thread(bot_hub, IVAN)
    assert "77011234567" in stored.text
    contact = await bot_hub.contacts.get(
        (await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")]))[0]
    )
    assert contact.phones == phones  # only the customer's own number is theirs
