"""``crystalbay bitrix setup`` and ``crystalbay bitrix sync`` as a user runs them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from click.testing import CliRunner

from crystalbay_plugins import bitrix24
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

if TYPE_CHECKING:
    from pathlib import Path


def _env(tmp_path: Path, fake: FakeBitrix24) -> dict[str, str]:
    return {
        "CRYSTALBAY_HOME": str(tmp_path / "home"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "CRYSTALBAY_PLUGINS": "bitrix24",
        "BITRIX_WEBHOOK_URL": fake.webhook_url,
    }


def _cli() -> click.Group:
    group = click.Group("crystalbay")
    bitrix24.register_commands(group)
    return group


def test_setup_twice_then_sync_from_the_command_line(tmp_path: Path, fake: FakeBitrix24) -> None:
    runner = CliRunner()
    env = _env(tmp_path, fake)

    first = runner.invoke(_cli(), ["bitrix", "setup"], env=env)
    second = runner.invoke(_cli(), ["bitrix", "setup"], env=env)
    synced = runner.invoke(_cli(), ["bitrix", "sync", "--since", "2025-01-01"], env=env)

    assert first.exit_code == 0, first.output
    assert "created; new stages: 8" in first.output
    assert "paid              -> C1:CB_PAID" in first.output
    assert second.exit_code == 0, second.output
    assert "pipeline 1 found; new stages: 0" in second.output
    assert len(fake.portal.categories) == 1
    assert synced.exit_code == 0, synced.output
    assert "synced 0 leads, 0 failed" in synced.output


def test_commands_explain_a_missing_webhook(tmp_path: Path, fake: FakeBitrix24) -> None:
    env = {**_env(tmp_path, fake), "BITRIX_WEBHOOK_URL": ""}

    result = CliRunner().invoke(_cli(), ["bitrix", "setup"], env=env)

    assert result.exit_code == 1
    assert "set BITRIX_WEBHOOK_URL" in result.output


def test_a_revoked_webhook_fails_with_advice(tmp_path: Path, fake: FakeBitrix24) -> None:
    fake.revoke_webhook()

    result = CliRunner().invoke(_cli(), ["bitrix", "setup"], env=_env(tmp_path, fake))

    assert result.exit_code == 1
    assert "Incoming webhook" in result.output
    assert fake.code not in result.output
