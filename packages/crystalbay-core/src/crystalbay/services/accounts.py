"""Dashboard users and API keys: hashing and verification."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from crystalbay.domain.accounts import ApiKey, Role, User
from crystalbay.errors import AuthenticationError, InvalidValue
from crystalbay.storage.repositories import AccountRepository

__all__ = ["AccountService", "hash_password", "verify_password"]

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
