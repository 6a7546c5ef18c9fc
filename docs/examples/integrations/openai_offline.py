"""The OpenAI assistant offline: the hub's ``openai`` adapter against ``FakeOpenAI``."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import crystalbay_plugins.openai
from crystalbay.domain import ChatTurn, ConversationContext, Direction
from crystalbay.hub import Hub
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.testing import FakeOpenAI, rate_limited

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]

CUSTOMER = "Хотим в Турцию в июле, двое взрослых. Оплачу картой 4111 1111 1111 1111"


async def test_a_rate_limit_is_waited_out_and_the_card_masked(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.openai, name="openai")
    conversation = ConversationContext(
        turns=(ChatTurn(direction=Direction.INBOUND, text=CUSTOMER),), lead_id=42
    )
    with FakeOpenAI() as fake:
        env = {"OPENAI_API_KEY": fake.api_key, "OPENAI_BASE_URL": fake.url}
        async with hub_factory(env, mock_http=False) as hub:
            assistant = hub.assistants["openai"]
            assert isinstance(assistant, OpenAIAssistant)
            fake.script(rate_limited(0.05))  # a 429 first; then the fake answers by itself
            analysis = await assistant.analyse(conversation)

        assert [r.status for r in fake.requests] == [429, 200]
        assert "4111" not in fake.requests[-1].text  # masked before sending
        assert "[CARD]" in fake.requests[-1].text
    assert analysis.language == "ru"
    [usage] = assistant.usage.for_lead(42)  # one TokenUsage per answered request
    assert assistant.usage.totals(42).total_tokens == usage.total_tokens > 0
