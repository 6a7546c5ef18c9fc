"""AccountService: password hashing, users, and API keys stored only as hashes."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.accounts import Role
from crystalbay.errors import AuthenticationError, Conflict, InvalidValue
from crystalbay.services.accounts import hash_password, verify_password
from crystalbay.storage.tables import ApiKeyRow, UserRow

if TYPE_CHECKING:
    from crystalbay.hub import Hub

PASSWORD = "correct horse battery"


def test_password_hashes_are_salted_and_verify() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)

    assert first != second  # a fresh salt each time
    for stored in (first, second):
        scheme, salt, digest = stored.split("$")
        assert (scheme, len(salt), len(digest)) == ("scrypt", 32, 64)
        assert PASSWORD not in stored
        assert verify_password(PASSWORD, stored)
        assert not verify_password(PASSWORD + "!", stored)
        assert not verify_password(PASSWORD.upper(), stored)
        assert not verify_password("", stored)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain-text-password",
        "md5$00$00",
        "scrypt$00",
        "scrypt$a$b$c",
        "scrypt$not-hex$00",
        "scrypt$00$not-hex",
        "scrypt$00$ünïcode",
    ],
)
def test_malformed_stored_hashes_never_verify(stored: str) -> None:
    assert verify_password(PASSWORD, stored) is False


async def test_a_user_authenticates_with_the_right_password_only(hub: Hub) -> None:
    user = await hub.accounts.create_user("  Anna.K ", PASSWORD, Role.MANAGER, "Anna K.")

    assert (user.username, user.role, user.display_name, user.active) == (
        "anna.k",
        Role.MANAGER,
        "Anna K.",
        True,
    )
    assert await hub.accounts.authenticate("ANNA.K", PASSWORD) == user
    with pytest.raises(AuthenticationError):
        await hub.accounts.authenticate("anna.k", "wrong password")
    with pytest.raises(AuthenticationError):
        await hub.accounts.authenticate("boris", PASSWORD)
    row = await UserRow.select().where(UserRow.username == "anna.k").first()
    assert row is not None
    assert PASSWORD not in row["password_hash"]
    assert verify_password(PASSWORD, row["password_hash"])


async def test_an_inactive_user_cannot_sign_in(hub: Hub) -> None:
    await hub.accounts.create_user("anna", PASSWORD, Role.ADMIN)
    await UserRow.update({UserRow.active: False}).where(UserRow.username == "anna")

    with pytest.raises(AuthenticationError):
        await hub.accounts.authenticate("anna", PASSWORD)


async def test_a_weak_password_is_refused(hub: Hub) -> None:
    for password in ("", "short", "1234567"):
        with pytest.raises(InvalidValue) as caught:
            await hub.accounts.create_user("anna", password, Role.MANAGER)
        assert caught.value.field == "password"
    assert await UserRow.count() == 0
    assert (await hub.accounts.create_user("anna", "12345678", Role.MANAGER)).username == "anna"


async def test_a_bad_username_is_refused(hub: Hub) -> None:
    for username in ("", "   ", "...", "anna k", "anna@example.com", "anna-k", "a" * 121):
        with pytest.raises(InvalidValue) as caught:
            await hub.accounts.create_user(username, PASSWORD, Role.MANAGER)
        assert caught.value.field == "username", username
    assert await UserRow.count() == 0
    for username in ("anna_k", "anna.k", "a" * 120, "admin2"):
        assert (
            await hub.accounts.create_user(username, PASSWORD, Role.MANAGER)
        ).username == username


async def test_a_taken_username_is_a_conflict(hub: Hub) -> None:
    await hub.accounts.create_user("anna", PASSWORD, Role.MANAGER)
    with pytest.raises(Conflict) as caught:
        await hub.accounts.create_user(" ANNA ", "another password", Role.ADMIN)
    assert caught.value.field == "username"
    assert await UserRow.count() == 1
    assert (await hub.accounts.authenticate("anna", PASSWORD)).role is Role.MANAGER


async def test_api_keys_are_stored_only_as_hashes(hub: Hub) -> None:
    key, secret = await hub.accounts.create_api_key("  website  ")

    assert secret.startswith("cb_")
    assert len(secret) > 40
    assert (key.name, key.prefix, key.revoked) == ("website", secret[:8], False)
    rows = await ApiKeyRow.select()
    assert len(rows) == 1
    assert all(secret not in str(value) for value in rows[0].values())
    assert rows[0]["key_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert await hub.accounts.check_api_key(secret) == key
    assert await hub.accounts.check_api_key(f" {secret}\n") == key


async def test_each_key_is_unique_and_an_unknown_key_fails(hub: Hub) -> None:
    first, first_secret = await hub.accounts.create_api_key("website")
    second, second_secret = await hub.accounts.create_api_key("website")

    assert first.id != second.id
    assert first_secret != second_secret
    assert (await hub.accounts.check_api_key(second_secret)).id == second.id
    for wrong in ("", "cb_", first_secret[:-1], first_secret + "x", first.prefix):
        with pytest.raises(AuthenticationError):
            await hub.accounts.check_api_key(wrong)


async def test_a_revoked_key_fails(hub: Hub) -> None:
    key, secret = await hub.accounts.create_api_key("website")
    other, other_secret = await hub.accounts.create_api_key("bot", kind="bot")

    await hub.accounts.repo.revoke_key(key.id)

    with pytest.raises(AuthenticationError):
        await hub.accounts.check_api_key(secret)
    assert (await hub.accounts.check_api_key(other_secret)).id == other.id
    listed = {k.id: k.revoked for k in await hub.accounts.repo.list_keys()}
    assert listed == {key.id: True, other.id: False}
