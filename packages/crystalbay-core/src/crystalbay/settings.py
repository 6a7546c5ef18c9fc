"""Hub settings from the environment (and a ``.env`` file when present)."""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import msgspec
from dotenv import dotenv_values

from crystalbay.errors import ConfigurationError

__all__ = ["Settings", "get_settings"]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Process-wide settings; plugin settings live in each plugin's config Struct."""

    home: Path
    """``CRYSTALBAY_HOME``: data folder of the embedded default (SQLite file, secret key)."""
    database_url: str
    """``DATABASE_URL``: ``sqlite:///path`` or ``postgresql://user:pass@host:5432/db``."""
    redis_url: str | None = None
    """``REDIS_URL``: switches broker, pub/sub and stores to Redis."""
    secret_key: str = ""
    """``CRYSTALBAY_SECRET_KEY``: signs sessions and CSRF tokens."""
    public_url: str | None = None
    """``PUBLIC_URL``: the hub's public address, used to register webhooks with vendors."""
    plugins_allow: frozenset[str] | None = None
    """``CRYSTALBAY_PLUGINS``: comma-separated allowlist of plugin names."""
    trace_plugins: bool = False
    """``CRYSTALBAY_TRACE_PLUGINS``: log every hook call."""
    default_region: str = "KZ"
    """``CRYSTALBAY_DEFAULT_REGION``: country assumed for phones typed without a prefix."""
    environ: Mapping[str, str] = msgspec.field(default_factory=dict)
    """The environment the settings were read from; plugins' settings are resolved from it."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``environ`` (default: ``.env`` overlaid by ``os.environ``).

        Raises:
            ConfigurationError: A variable is malformed; the message names it.
        """
        if environ is None:
            env = {k: v for k, v in dotenv_values(".env").items() if v is not None}
            env.update(os.environ)
        else:
            env = dict(environ)
        home = Path(env.get("CRYSTALBAY_HOME") or ".crystalbay").expanduser().resolve()
        database_url = env.get("DATABASE_URL") or f"sqlite:///{home / 'crystalbay.sqlite3'}"
        if not database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
            raise ConfigurationError(
                "DATABASE_URL must start with sqlite:/// or postgresql://", field="DATABASE_URL"
            )
        allow = env.get("CRYSTALBAY_PLUGINS")
        return cls(
            home=home,
            database_url=database_url,
            redis_url=env.get("REDIS_URL") or None,
            secret_key=env.get("CRYSTALBAY_SECRET_KEY") or "",
            public_url=(env.get("PUBLIC_URL") or "").rstrip("/") or None,
            plugins_allow=frozenset(p.strip() for p in allow.split(",") if p.strip())
            if allow
            else None,
            trace_plugins=env.get("CRYSTALBAY_TRACE_PLUGINS", "") not in ("", "0", "false"),
            default_region=(env.get("CRYSTALBAY_DEFAULT_REGION") or "KZ").upper(),
            environ=env,
        )

    def ensure_secret_key(self) -> str:
        """Return the secret key, generating one into ``home/secret_key`` when unset."""
        if self.secret_key:
            return self.secret_key
        path = self.home / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key

    def __repr__(self) -> str:
        """Never print secrets or the raw environment."""
        return f"Settings(home={self.home!s}, database={self.database_url.split('@')[-1]})"


@functools.cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings.from_env()
