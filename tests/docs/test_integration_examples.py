"""The examples of the integration guides run as the pages show them.

Each module under ``docs/examples/integrations`` is a pytest module written against the hub's
testing kit (``register_plugin``, ``hub_factory``) and the plugins' vendor fakes. Its test
functions are bound here, so pytest collects and runs them like its own.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from crystalbay.testing import load_file

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "integrations"


def _load(name: str) -> ModuleType:
    return load_file(EXAMPLES / f"{name}.py", f"integration_example_{name}")


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: Path) -> str:
    """The examples exercise the integrations, not storage: SQLite is enough."""
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"


_samo = _load("samo_offline")
test_samo_names_the_address_it_saw = _samo.test_the_operator_names_the_address_it_saw
test_samo_calls_go_through_the_relay = (
    _samo.test_calls_go_through_the_relay_on_the_whitelisted_server
)

_wazzup = _load("wazzup24_offline")
test_wazzup_message_lead_and_failed_reply = (
    _wazzup.test_a_whatsapp_message_becomes_a_lead_and_the_reply_a_failed_send
)

_sendgrid = _load("sendgrid_offline")
test_sendgrid_email_lead_and_delivered_reply = (
    _sendgrid.test_an_email_becomes_a_lead_and_the_reply_is_delivered
)
test_sendgrid_unverified_sender = _sendgrid.test_an_unverified_sender_is_named_by_the_check

_openai = _load("openai_offline")
test_openai_rate_limit_and_masking = _openai.test_a_rate_limit_is_waited_out_and_the_card_masked

_bitrix24 = _load("bitrix24_offline")
test_bitrix24_setup_and_check = _bitrix24.test_setup_makes_the_pipeline_the_check_wants
test_bitrix24_documented_stage_map = _bitrix24.test_the_documented_stage_map_is_valid

_telegram = _load("telegram_host")
test_telegram_host = _telegram.test_a_host_registers_the_webhook_and_serves_a_delivery
