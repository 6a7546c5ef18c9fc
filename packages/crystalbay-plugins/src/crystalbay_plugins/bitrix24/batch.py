"""``batch``: up to 50 calls in one HTTP request (one unit of the portal's limit, contract 1.12)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import msgspec

from crystalbay.errors import IntegrationError
from crystalbay_plugins.bitrix24.client import decode_result
from crystalbay_plugins.bitrix24.errors import error_for
from crystalbay_plugins.bitrix24.models import BatchBody, ErrorBody
from crystalbay_plugins.bitrix24.params import to_query

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from crystalbay_plugins.bitrix24.client import BitrixClient

__all__ = ["MAX_COMMANDS", "BatchOutcome", "Command", "run_batch", "run_each"]

MAX_COMMANDS = 50

T = TypeVar("T")


class Command(msgspec.Struct, frozen=True):
    """One call inside a batch: a method and its (nested) parameters."""

    method: str
    params: dict[str, object] = msgspec.field(default_factory=dict)

    def encode(self) -> str:
        """``"crm.status.add?fields%5BNAME%5D=..."``: the form the ``cmd`` map carries."""
        return f"{self.method}?{to_query(self.params)}"


@dataclass
class BatchOutcome:
    """Results and errors of one batch, by command key."""

    results: dict[str, msgspec.Raw] = field(default_factory=dict)
    errors: dict[str, IntegrationError] = field(default_factory=dict)


async def run_batch(
    client: BitrixClient, commands: Mapping[str, Command], *, halt: bool = False
) -> BatchOutcome:
    """Run at most 50 commands in one request; failed commands land in ``errors``.

    Keys should not be plain numbers: Bitrix may then answer with lists instead of maps.

    Raises:
        ValueError: More than 50 commands.
    """
    if len(commands) > MAX_COMMANDS:
        raise ValueError(f"a batch takes at most {MAX_COMMANDS} commands, got {len(commands)}")
    if not commands:
        return BatchOutcome()
    cmd = {key: command.encode() for key, command in commands.items()}
    body = await client.result("batch", {"halt": 1 if halt else 0, "cmd": cmd}, BatchBody)
    keys = list(commands)
    outcome = BatchOutcome(results=_keyed(body.result, keys))
    # An unkeyed error list cannot be matched to commands (contract 1.12): keys "0", "1", ...
    for key, error in _keyed(body.result_error, []).items():
        method = commands[key].method if key in commands else "batch"
        outcome.errors[key] = _error(method, error)
    return outcome


async def run_each(client: BitrixClient, commands: Sequence[Command], type_: type[T]) -> list[T]:
    """Run any number of commands in batches of 50 and decode every result as ``type_``.

    Raises:
        IntegrationError: The first failed command's error (after the whole chunk ran).
    """
    results: list[T] = []
    for first in range(0, len(commands), MAX_COMMANDS):
        chunk = commands[first : first + MAX_COMMANDS]
        keyed = {f"c{first + i}": command for i, command in enumerate(chunk)}
        outcome = await run_batch(client, keyed)
        if outcome.errors:
            raise next(iter(outcome.errors.values()))
        for key, command in keyed.items():
            raw = outcome.results.get(key)
            if raw is None:
                raise error_for(command.method, 200, "", "batch returned no result")
            results.append(decode_result(command.method, raw, type_))
    return results


def _keyed(value: Mapping[str, T] | list[T], keys: list[str]) -> dict[str, T]:
    """Bitrix sends some maps as lists (empty ones always); fall back to command order."""
    if isinstance(value, list):
        return {keys[i] if i < len(keys) else str(i): item for i, item in enumerate(value)}
    return dict(value)


def _error(method: str, error: ErrorBody) -> IntegrationError:
    return error_for(method, 200, error.error, error.error_description)
