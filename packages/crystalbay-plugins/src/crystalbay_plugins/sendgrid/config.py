"""SendGrid settings: the ``SENDGRID_*`` variables, decoded into :class:`SendGridConfig`."""

from __future__ import annotations

from email.utils import parseaddr
from typing import NoReturn
from urllib.parse import urlsplit

import msgspec

from crystalbay.config import PluginSettings
from crystalbay.domain import normalize_email
from crystalbay.errors import ConfigurationError, InvalidValue
from crystalbay_plugins.sendgrid.signing import load_public_key

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_MAX_INBOUND_BYTES",
    "PLUGIN",
    "SETTINGS",
    "SendGridConfig",
]

PLUGIN = "sendgrid"
DEFAULT_API_URL = "https://api.sendgrid.com"
# SendGrid keeps inbound mail below 30 MB (older guidance: 20 MB; the contract lists the
# ceiling as uncertain). Default-mode posts carry attachments as raw binary parts, so the
# multipart request is a little larger than the message: allow a margin on top of 30 MB.
DEFAULT_MAX_INBOUND_BYTES = 32 * 1024 * 1024


class SendGridConfig(msgspec.Struct, frozen=True, kw_only=True):
    """The SendGrid plugin's settings.

    Raises:
        ConfigurationError: On decoding, when a value is malformed (names the variable).
    """

    api_key: str
    """``SENDGRID_API_KEY``: an API key with the ``mail.send`` scope (secret)."""
    from_email: str
    """``SENDGRID_FROM_EMAIL``: a verified sender, ``tours@agency.kz`` or ``Name <tours@...>``."""
    api_url: str = DEFAULT_API_URL
    """``SENDGRID_API_URL``: base URL (``https://api.eu.sendgrid.com`` for EU subusers)."""
    inbound_secret: str | None = None
    """``SENDGRID_INBOUND_SECRET``: the secret path segment of the Inbound Parse URL (secret)."""
    events_public_key: str | None = None
    """``SENDGRID_EVENTS_PUBLIC_KEY``: the signed Event Webhook key, base64 DER or PEM."""
    inbound_max_bytes: int = DEFAULT_MAX_INBOUND_BYTES
    """Largest Inbound Parse request accepted (settings table only; no variable)."""

    def __post_init__(self) -> None:
        if not self.api_key.strip():
            _fail("SENDGRID_API_KEY is empty; create a key with Mail Send access", "api_key")
        self.sender()  # validates SENDGRID_FROM_EMAIL
        parts = urlsplit(self.api_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            _fail(f"{self.api_url!r} is not an http(s) URL", "api_url")
        if self.inbound_max_bytes <= 0:
            _fail("the inbound size limit must be positive", "inbound_max_bytes")
        if self.events_public_key:
            load_public_key(self.events_public_key)  # raises ConfigurationError

    def sender(self) -> tuple[str, str | None]:
        """The sender as ``(address, display name or None)``.

        Raises:
            ConfigurationError: ``SENDGRID_FROM_EMAIL`` is not an ASCII e-mail address.
        """
        name, address = parseaddr(self.from_email)
        try:
            address = normalize_email(address)
        except InvalidValue:
            _fail(f"{self.from_email!r} is not an e-mail address", "from_email")
        if not address.isascii():  # SendGrid refuses Unicode in the ``from`` address
            _fail(f"{address!r} must be ASCII (SendGrid refuses Unicode senders)", "from_email")
        return address, (name or None)

    def __repr__(self) -> str:
        """Never print the key or the secrets."""
        return f"SendGridConfig(from_email={self.from_email!r}, api_url={self.api_url!r})"


def _fail(detail: str, field: str) -> NoReturn:
    variable = SETTINGS.env.get(field, field)
    raise ConfigurationError(
        f"plugin {PLUGIN!r}: invalid configuration (setting {variable}): {detail}",
        field=variable,
    )


SETTINGS = PluginSettings(
    plugin=PLUGIN,
    config_type=SendGridConfig,
    env={
        "api_key": "SENDGRID_API_KEY",
        "from_email": "SENDGRID_FROM_EMAIL",
        "api_url": "SENDGRID_API_URL",
        "inbound_secret": "SENDGRID_INBOUND_SECRET",
        "events_public_key": "SENDGRID_EVENTS_PUBLIC_KEY",
    },
    secrets=frozenset({"api_key", "inbound_secret"}),
    required=frozenset({"api_key", "from_email"}),
)
