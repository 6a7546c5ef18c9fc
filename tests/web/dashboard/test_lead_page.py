"""The lead page in a real browser: details form, conversation, reply box, assistant, modes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import Page, expect

from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import ConversationMode, DeliveryStatus, Direction
from crystalbay.domain.pipeline import Stage
from crystalbay.errors import IntegrationRejected
from crystalbay.events import MessageReceived
from crystalbay.services.leads import LeadDraft
from crystalbay.storage.tables import MessageRow

pytestmark = pytest.mark.asyncio(loop_scope="module")

ASK = "Здравствуйте! Хотим в Турцию в июле на 7 ночей, двое взрослых, вылет из Алматы"


async def _lead_with_whatsapp(hub, *, hours_ago: float):
    contact = await hub.contacts.resolve(Contact(name="Айгерим", phones=("+77015551234",)))
    lead = await hub.leads.create(LeadDraft(title="Турция", contact_id=contact.id), actor="t")
    conv = await hub.conversations.open(lead.id, "whatsapp", "77015551234", contact_id=contact.id)
    message = await hub.conversations.repo.add_message(
        conversation_id=conv.id,
        direction=Direction.INBOUND,
        channel="whatsapp",
        text=ASK,
        status=DeliveryStatus.RECEIVED,
    )
    when = datetime.now(UTC) - timedelta(hours=hours_ago)
    await MessageRow.update({MessageRow.created_at: when}).where(MessageRow.id == message.id)
    return lead, conv, message


async def test_details_form_saves_and_logs(manager_page: Page, live_server) -> None:
    hub = live_server.hub
    lead = await hub.leads.create(LeadDraft(title="Bali"), actor="t")
    await manager_page.goto(live_server.url(f"/leads/{lead.id}"))
    form = manager_page.get_by_test_id("details-form")
    await form.locator("select[name=stage]").select_option("consultation")
    await form.locator("input[name=tags]").fill("VIP, family")
    await form.locator("select[name=assignee]").select_option("dana")
    await form.locator("input[name=next_touch_at]").fill("2030-05-01T10:30")
    await form.locator("input[name=score]").fill("55")
    await form.get_by_test_id("save").click()
    await expect(manager_page.get_by_test_id("details-saved")).to_be_visible()
    await expect(manager_page.get_by_test_id("activity-entry").first).to_contain_text("dana")
    saved = await hub.leads.get(lead.id)
    assert (saved.stage, saved.tags, saved.assignee, saved.score) == (
        Stage.CONSULTATION,
        ("family", "vip"),
        "dana",
        55,
    )
    assert saved.next_touch_at == datetime(2030, 5, 1, 5, 30, tzinfo=UTC)  # Almaty is UTC+5
    await form.locator("select[name=stage]").select_option("completed")
    await form.get_by_test_id("save").click()
    await expect(manager_page.get_by_test_id("details-error")).to_contain_text("оплату")
    assert (await hub.leads.get(lead.id)).stage is Stage.CONSULTATION


async def test_conversation_reply_draft_and_window(
    admin_page: Page, live_server, fake_channels
) -> None:
    hub = live_server.hub
    lead, conv, inbound = await _lead_with_whatsapp(hub, hours_ago=30)
    await hub.assistant_flow.run(inbound.id)  # the rules assistant: brief, score and a draft
    await admin_page.goto(live_server.url(f"/leads/{lead.id}"))
    await expect(admin_page.get_by_test_id("message")).to_have_count(1)
    await expect(admin_page.get_by_test_id("wa-window")).to_contain_text("24 час")
    await expect(admin_page.get_by_test_id("brief")).to_contain_text("Turkey")
    draft = admin_page.get_by_test_id("draft")
    await expect(draft).to_contain_text("Здравствуйте")
    await admin_page.get_by_test_id("insert-draft").click()
    box = admin_page.get_by_test_id("reply-text")
    assert (await box.input_value()).startswith("Здравствуйте")
    await box.fill("Добрый день! Подберу варианты в Анталье.")
    await admin_page.get_by_test_id("send").click()
    await expect(admin_page.get_by_test_id("message")).to_have_count(2)
    await expect(box).to_have_value("")
    await hub.jobs.drain()
    assert [m.text for m in fake_channels["whatsapp"].sent] == [
        "Добрый день! Подберу варианты в Анталье."
    ]
    sent = (await hub.conversations.lead_messages(lead.id))[-1]
    assert sent.author == "user:admin"
    assert sent.external_id
    await hub.inbox.update_status("whatsapp", sent.external_id, DeliveryStatus.READ)
    await admin_page.reload()
    await expect(admin_page.locator(".ticks-read")).to_have_count(1)
    await expect(admin_page.get_by_test_id("activity")).to_contain_text("ответил(а) клиенту")
    del conv


async def test_failed_message_retry_and_mode_switch(
    admin_page: Page, live_server, fake_channels
) -> None:
    hub = live_server.hub
    lead, conv, _ = await _lead_with_whatsapp(hub, hours_ago=1)
    fake_channels["whatsapp"].fail_with(IntegrationRejected("blocked", integration="whatsapp"))
    await hub.conversations.reply(conv.id, "Первый вариант", author="user:admin")
    await hub.jobs.drain()
    await admin_page.goto(live_server.url(f"/leads/{lead.id}"))
    await expect(admin_page.get_by_test_id("wa-window")).to_have_count(0)  # inside 24 h
    failed = admin_page.locator("[data-testid=message][data-status=failed]")
    await expect(failed).to_have_count(1)
    await failed.get_by_test_id("retry").click()
    await expect(failed).to_have_count(0)
    await hub.jobs.drain()
    assert [m.text for m in fake_channels["whatsapp"].sent] == ["Первый вариант"]
    await admin_page.get_by_test_id(f"mode-{conv.id}").select_option("manual")
    await expect(admin_page.get_by_test_id("activity")).to_contain_text(
        re.compile("сменил\\(а\\) режим")
    )
    assert (await hub.conversations.get(conv.id)).mode is ConversationMode.MANUAL


async def test_live_updates_reload_the_thread(admin_page: Page, live_server) -> None:
    hub = live_server.hub
    lead, conv, _ = await _lead_with_whatsapp(hub, hours_ago=1)
    await admin_page.goto(live_server.url(f"/leads/{lead.id}"))
    await admin_page.wait_for_function("window.cb && window.cb.liveReady")
    await expect(admin_page.get_by_test_id("message")).to_have_count(1)
    await admin_page.get_by_test_id("reply-text").fill("Черновик, который нельзя потерять")
    second = await hub.conversations.repo.add_message(
        conversation_id=conv.id,
        direction=Direction.INBOUND,
        channel="whatsapp",
        text="И ещё вопрос про визу",
        status=DeliveryStatus.RECEIVED,
    )
    await hub.emit(MessageReceived(message_id=second.id, lead_id=lead.id))
    await expect(admin_page.get_by_test_id("message")).to_have_count(2)
    await expect(admin_page.get_by_test_id("thread")).to_contain_text("про визу")
    await expect(admin_page.get_by_test_id("reply-text")).to_have_value(
        "Черновик, который нельзя потерять"
    )
