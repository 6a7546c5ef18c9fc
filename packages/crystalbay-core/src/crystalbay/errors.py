"""The one exception tree of the hub.

Every error carries a human-readable ``detail`` (what went wrong and what to do) and context:
the integration it concerns, whether a retry may help, and the field at fault.

```
CrystalBayError
├── ConfigurationError          a setting is missing or wrong; names the setting
├── PluginValidationError       a plugin broke the hook contract at start-up
├── AuthenticationError         missing or wrong credentials of a caller (API key, password)
├── DomainError                 a business rule refused the change
│   ├── NotFound                the entity does not exist
│   ├── InvalidTransition       a pipeline move the rules forbid
│   ├── InvalidValue            a value (phone, e-mail, stage, ...) is malformed; names the field
│   └── Conflict                optimistic-concurrency clash or a duplicate
└── IntegrationError            a vendor call failed; names the integration
    ├── IntegrationUnavailable  timeouts, 5xx, rate limits: retryable
    ├── IntegrationRejected     the vendor refused the request (auth, scope, validation)
    └── IntegrationProtocolError  the vendor answered something we cannot understand
```
"""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "Conflict",
    "CrystalBayError",
    "DomainError",
    "IntegrationError",
    "IntegrationProtocolError",
    "IntegrationRejected",
    "IntegrationUnavailable",
    "InvalidTransition",
    "InvalidValue",
    "NotFound",
    "PluginValidationError",
]


class CrystalBayError(Exception):
    """Base of every error the hub raises on purpose.

    Args:
        detail: A sentence a person can act on.
        field: The input field or setting at fault, if any.
    """

    retryable: bool = False

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class ConfigurationError(CrystalBayError):
    """A setting is missing or malformed; ``field`` names the setting."""


class PluginValidationError(CrystalBayError):
    """A plugin broke the hook contract (bad adapter, duplicate name, unknown hook).

    Args:
        detail: What is wrong.
        plugin: The offending plugin's name.
        hook: The hook through which the problem was found.
    """

    def __init__(self, detail: str, *, plugin: str, hook: str | None = None) -> None:
        where = f"plugin {plugin!r}" + (f", hook {hook!r}" if hook else "")
        super().__init__(f"{where}: {detail}")
        self.plugin = plugin
        self.hook = hook


class AuthenticationError(CrystalBayError):
    """The caller's credentials are missing or wrong."""


class DomainError(CrystalBayError):
    """A business rule refused the change."""


class NotFound(DomainError):  # noqa: N818 - reads as a state, like httpx's names
    """The entity does not exist."""


class InvalidTransition(DomainError):  # noqa: N818
    """The pipeline rules forbid this move."""


class InvalidValue(DomainError):  # noqa: N818
    """A value is malformed; ``field`` names it."""


class Conflict(DomainError):  # noqa: N818
    """The entity changed since it was read, or would be duplicated."""


class IntegrationError(CrystalBayError):
    """A vendor call failed.

    Args:
        detail: What failed and what to do about it.
        integration: The plugin name, e.g. ``"samo"``.
        retry_after: Seconds the vendor asked us to wait, when it said so.
    """

    def __init__(
        self,
        detail: str,
        *,
        integration: str,
        retry_after: float | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(f"{integration}: {detail}", field=field)
        self.integration = integration
        self.retry_after = retry_after


class IntegrationUnavailable(IntegrationError):  # noqa: N818
    """Timeouts, 5xx answers and rate limits: trying again later may succeed."""

    retryable = True


class IntegrationRejected(IntegrationError):  # noqa: N818
    """The vendor refused the request (credentials, scope, validation): retrying will not help."""


class IntegrationProtocolError(IntegrationError):
    """The vendor's answer does not match its documented shape."""
