"""Free text through the inbox, managers' replies back through the channel, hand-over."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from crystalbay.domain.messages import ConversationMode, DeliveryStatus, Direction
from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot.texts import RU

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.domain.messages import Message
    from crystalbay.hub import Hub
    from crystalbay_bot.testing import BotCustomer
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN, MANAGERS = 555, -100500


async def _lead_of(hub: Hub, chat: int) -> Lead:
    for _ in range(300):  # the inbox links messages in a background job
        ids = await hub.contacts.repo.find_by_points([("identity", f"telegram:{chat}")])
        if ids:
            leads, _ = await hub.leads.list(LeadFilter(contact_id=ids[0]))
            if leads and await hub.conversations.lead_messages(leads[0].id):
                return leads[0]
        await asyncio.sleep(0.02)
    raise AssertionError("the inbox did not process the message")


async def _messages(hub: Hub, lead: Lead) -> list[Message]:
    return await hub.conversations.lead_messages(lead.id)


async def test_free_text_goes_through_the_inbox_once(
    ivan: BotCustomer, fake: FakeTelegram, bot_hub: Hub
) -> None:
    update = fake.message_update(IVAN, "Здравствуйте! Хотим во Вьетнам в марте, двое взрослых")
    message_id = update["message"]["message_id"]  # type: ignore[index]

    calls = await ivan.feed(update)
    await ivan.feed(update)  # Telegram redelivers (webhook timeout, restart)

    assert calls == []  # the bot stays quiet: managers or the assistant answer
    lead = await _lead_of(bot_hub, IVAN)
    [stored] = await _messages(bot_hub, lead)
    assert (stored.channel, stored.direction, stored.external_id) == (
        "telegram",
        Direction.INBOUND,
        f"{IVAN}:{message_id}",
    )
    assert stored.text.startswith("Здравствуйте! Хотим во Вьетнам")
    [conversation] = await bot_hub.conversations.for_lead(lead.id)
    assert (conversation.channel, conversation.chat_address) == ("telegram", str(IVAN))
    assert (await bot_hub.contacts.get(lead.contact_id or 0)).name == "Иван Петров"


async def test_a_managers_reply_reaches_the_customer_through_the_channel(
    ivan: BotCustomer, fake: FakeTelegram, bot_hub: Hub
) -> None:
    await ivan.send("Есть ли туры на майские?")
    lead = await _lead_of(bot_hub, IVAN)
    [conversation] = await bot_hub.conversations.for_lead(lead.id)
    before = len(fake.calls)

    reply = await bot_hub.conversations.reply(
        conversation.id, "Добрый день! Да, подберу варианты.", author="user:anna"
    )

    sent = await fake.wait_for(
        lambda c: c.method == "sendMessage" and c.chat_id == IVAN, after=before
    )
    assert sent.text == "Добрый день! Да, подберу варианты."
    for _ in range(300):
        stored = await bot_hub.conversations.repo.get_message(reply.id)
        if stored.status is DeliveryStatus.SENT:
            break
        await asyncio.sleep(0.02)
    newest = fake.messages(IVAN)[-1]
    assert stored.status is DeliveryStatus.SENT
    assert stored.external_id == f"{IVAN}:{newest['message_id']}"


async def test_text_while_looking_at_results_also_reaches_the_inbox(
    ivan: BotCustomer, bot_hub: Hub
) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Egypt", RU.dates_two_weeks, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    await ivan.press("2")
    await ivan.press("0")
    await ivan.press(RU.budget_any)

    await ivan.send("А с перелётом бизнес-классом можно?")

    lead = await _lead_of(bot_hub, IVAN)
    assert [m.text for m in await _messages(bot_hub, lead)] == [
        "А с перелётом бизнес-классом можно?"
    ]


async def test_talk_to_a_manager_hands_the_chat_over(ivan: BotCustomer, bot_hub: Hub) -> None:
    await ivan.send("/start")
    calls = await ivan.press(RU.menu_manager)

    sent = [c for c in calls if c.method == "sendMessage"]
    assert (sent[0].chat_id, sent[0].text) == (IVAN, RU.manager_called)
    [notice] = [c for c in sent if c.chat_id == MANAGERS]
    [contact_id] = await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")])
    [lead], _ = await bot_hub.leads.list(LeadFilter(contact_id=contact_id))
    assert f"лид №{lead.id}" in notice.text
    assert "Иван Петров" in notice.text
    [conversation] = await bot_hub.conversations.for_lead(lead.id)
    assert (conversation.chat_address, conversation.mode) == (str(IVAN), ConversationMode.MANUAL)

    await ivan.send("/manager")  # asking again changes nothing and opens nothing new
    assert len(await bot_hub.conversations.for_lead(lead.id)) == 1
    assert len((await bot_hub.leads.list(LeadFilter(contact_id=contact_id)))[0]) == 1


async def test_a_reply_to_a_customer_who_blocked_the_bot_fails_with_the_reason(
    ivan: BotCustomer, fake: FakeTelegram, bot_hub: Hub
) -> None:
    await ivan.send("Пришлите варианты, пожалуйста")
    lead = await _lead_of(bot_hub, IVAN)
    [conversation] = await bot_hub.conversations.for_lead(lead.id)
    fake.blocked.add(IVAN)

    reply = await bot_hub.conversations.reply(conversation.id, "Вот варианты", author="user:anna")

    for _ in range(300):
        stored = await bot_hub.conversations.repo.get_message(reply.id)
        if stored.status is DeliveryStatus.FAILED:
            break
        await asyncio.sleep(0.02)
    assert stored.status is DeliveryStatus.FAILED
    assert stored.error is not None
    assert "blocked the bot" in stored.error
    refused = [c for c in fake.calls if c.method == "sendMessage" and not c.ok]
    assert [c.error_code for c in refused] == [403]  # refused for good: not retried
