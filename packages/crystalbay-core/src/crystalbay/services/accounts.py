"""Dashboard users and API keys: hashing and verification."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

from crystalbay.domain.accounts import ApiKey, Role, User
from crystalbay.errors import AuthenticationError, InvalidValue
from crystalbay.services.widget_keys import (
    WIDGET,
    KeyRecord,
    KeyStore,
    normalize_origin,
    normalize_origins,
)
from crystalbay.storage.repositories import AccountRepository

__all__ = ["AccountService", "hash_password", "password_stamp", "verify_password"]

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_MIN_PASSWORD = 8
_KEY_PREFIX = "cb_"


def hash_password(password: str) -> str:
    """Hash a password with scrypt and a random salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Check ``password`` against a :func:`hash_password` result in constant time."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:  # not three parts, or not hex: not a hash we wrote
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return hmac.compare_digest(digest, expected)


def password_stamp(stored: str) -> str:
    """A short fingerprint of a stored password hash: it changes whenever the password does.

    Sessions keep it, so changing a password ends the other sessions of that user.
    """
    return hashlib.sha256(stored.encode()).hexdigest()[:16]


def _key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class AccountService:
    """Creates users and keys and checks credentials."""

    def __init__(self) -> None:
        self.repo = AccountRepository()

    async def create_user(
        self, username: str, password: str, role: Role, display_name: str = ""
    ) -> User:
        """Create a user (raises InvalidValue for a weak password, Conflict for a taken name)."""
        name = username.strip().lower()
        if not name or len(name) > 120 or not name.replace(".", "").replace("_", "").isalnum():  # noqa: PLR2004
            raise InvalidValue("username: letters, digits, dots and underscores", field="username")
        if len(password) < _MIN_PASSWORD:
            raise InvalidValue(
                f"password must be at least {_MIN_PASSWORD} characters", field="password"
            )
        return await self.repo.create_user(name, hash_password(password), role, display_name)

    async def authenticate(self, username: str, password: str) -> User:
        """Return the user if the password matches.

        Raises:
            AuthenticationError: Unknown user, wrong password or inactive account.
        """
        found = await self.repo.find_user(username.strip().lower())
        if found is None or not verify_password(password, found[1]) or not found[0].active:
            raise AuthenticationError("wrong username or password")
        return found[0]

    async def session_user(self, username: str) -> tuple[User, str] | None:
        """The active user named ``username`` and their :func:`password_stamp`, or ``None``."""
        found = await self.repo.find_user(username.strip().lower())
        if found is None or not found[0].active:
            return None
        return found[0], password_stamp(found[1])

    async def change_password(self, username: str, current: str, new: str) -> User:
        """Replace a user's password after checking the current one.

        Raises:
            AuthenticationError: The current password is wrong.
            InvalidValue: The new password is too short.
        """
        user = await self.authenticate(username, current)
        if len(new) < _MIN_PASSWORD:
            raise InvalidValue(
                f"password must be at least {_MIN_PASSWORD} characters", field="new_password"
            )
        await self.repo.set_password(user.username, hash_password(new))
        return user

    async def create_api_key(self, name: str, kind: str = "api") -> tuple[ApiKey, str]:
        """Create a key; return its record and the secret (shown once, stored as a hash)."""
        secret = _KEY_PREFIX + secrets.token_urlsafe(32)
        key = await self.repo.create_key(name.strip() or "key", secret[:8], _key_hash(secret), kind)
        return key, secret

    async def check_api_key(self, secret: str) -> ApiKey:
        """Return the key for ``secret``.

        Raises:
            AuthenticationError: Unknown or revoked key.
        """
        key = await self.repo.find_key(_key_hash(secret.strip()))
        if key is None:
            raise AuthenticationError("unknown or revoked API key")
        return key

    # -- widget keys and key administration (settings page) -------------------------------

    async def create_widget_key(self, name: str, origins: Iterable[str]) -> tuple[KeyRecord, str]:
        """Create a website-widget key accepted only from ``origins``; return it and the secret.

        Raises:
            InvalidValue: An origin is malformed, or none is given (``field`` is ``origins``).
        """
        allowed = normalize_origins(origins)
        key, secret = await self.create_api_key(name, kind=WIDGET)
        store = KeyStore()
        await store.set_origins(key.id, allowed)
        return await store.get(key.id), secret

    async def check_widget_key(self, secret: str, origin: str | None) -> KeyRecord:
        """Return the widget key for ``secret`` when ``origin`` is one of its origins.

        Raises:
            AuthenticationError: Unknown, revoked or not a widget key, or a foreign origin.
        """
        key = await KeyStore().find(_key_hash(secret.strip()), WIDGET)
        if key is None:
            raise AuthenticationError("unknown or revoked widget key")
        try:
            allowed = origin is not None and normalize_origin(origin) in key.allowed_origins
        except InvalidValue:
            allowed = False
        if not allowed:
            raise AuthenticationError("this widget key is not allowed on this site")
        return key

    async def list_keys(self, kind: str | None = None) -> list[KeyRecord]:
        """API and widget keys (or those of ``kind``), newest first; hashes stay in storage."""
        return await KeyStore().list(kind)

    async def revoke_key(self, key_id: int) -> KeyRecord:
        """Revoke an API or widget key (raises NotFound for an unknown id)."""
        store = KeyStore()
        await store.get(key_id)
        await self.repo.revoke_key(key_id)
        return await store.get(key_id)
