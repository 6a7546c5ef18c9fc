"""OpenAI SDK exceptions -> the hub's error tree, with messages that say what to do.

```
IntegrationError (integration="openai")
├── IntegrationUnavailable    429 rate limit, 408/409, 5xx, timeouts, connection failures
├── IntegrationRejected       401 (OPENAI_API_KEY), 403, 404 (OPENAI_MODEL), 400/422, no quota
└── IntegrationProtocolError  refusal, cut or filtered answer, JSON that breaks the schema
    └── GroundingError        a draft cites unknown offers or quotes prices it was not given
```
No message repeats the API key; OpenAI's own messages are quoted only for 400/403/404, where
they name the parameter or model at fault.
"""

from __future__ import annotations

import openai

from crystalbay.errors import (
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_plugins.openai.config import PLUGIN, OpenAIConfig

__all__ = ["GroundingError", "map_error", "protocol_error"]


class GroundingError(IntegrationProtocolError):
    """The model's draft is not grounded in the offers it was given; it must not be used.

    Attributes:
        problems: What is wrong, one sentence each.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "the reply draft was rejected because it "
            + "; ".join(problems)
            + ". Use the rules assistant's draft or write the reply by hand.",
            integration=PLUGIN,
        )
        self.problems = tuple(problems)


def protocol_error(what: str) -> IntegrationProtocolError:
    """An answer we cannot use; ``what`` says how it was wrong."""
    return IntegrationProtocolError(
        f"{what}. The rules assistant is the fallback; if this repeats, check that OPENAI_MODEL "
        "supports structured outputs (json_schema).",
        integration=PLUGIN,
    )


def map_error(
    exc: Exception, config: OpenAIConfig, *, attempts: int, retry_after: float | None = None
) -> IntegrationError:
    """The hub error for an SDK exception raised after ``attempts`` attempts."""
    tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}"
    if isinstance(exc, openai.APITimeoutError):
        return _unavailable(
            f"no answer within {config.timeout:g} s{tries}; try again later or raise "
            "OPENAI_TIMEOUT",
            retry_after,
        )
    if isinstance(exc, openai.APIConnectionError):
        return _unavailable(
            f"cannot reach {config.base_url}{tries}; check OPENAI_BASE_URL, the network and "
            "any proxy",
            retry_after,
        )
    if isinstance(exc, openai.APIResponseValidationError):
        return protocol_error(f"the API answered a body that does not decode ({exc.message})")
    if isinstance(exc, openai.APIStatusError):
        return _status_error(exc, config, tries, retry_after)
    return protocol_error(f"unexpected SDK error {type(exc).__name__}: {exc}")


def _status_error(
    exc: openai.APIStatusError, config: OpenAIConfig, tries: str, retry_after: float | None
) -> IntegrationError:
    status, ref = exc.status_code, _ref(exc)
    if isinstance(exc, openai.AuthenticationError):
        return IntegrationRejected(
            f"OpenAI refused the API key (HTTP 401{ref}); set a valid OPENAI_API_KEY "
            "(platform.openai.com → API keys)",
            integration=PLUGIN,
            field="OPENAI_API_KEY",
        )
    if status == 429 and exc.code == "insufficient_quota":  # noqa: PLR2004
        return IntegrationRejected(
            f"the OpenAI quota is exhausted (HTTP 429 insufficient_quota{ref}); check the "
            "plan and billing of the key's organisation",
            integration=PLUGIN,
        )
    if status == 429:  # noqa: PLR2004
        wait = f"; OpenAI asked to wait {retry_after:g} s" if retry_after else ""
        return _unavailable(f"rate limited (HTTP 429{ref}){tries}{wait}", retry_after)
    if status in (408, 409) or status >= 500:  # noqa: PLR2004
        return _unavailable(f"OpenAI failed (HTTP {status}{ref}){tries}; try again later", None)
    return _rejected(exc, config, ref)


def _rejected(exc: openai.APIStatusError, config: OpenAIConfig, ref: str) -> IntegrationError:
    status = exc.status_code
    if isinstance(exc, openai.NotFoundError):
        hint, field = f"check OPENAI_MODEL ({config.model!r}) and OPENAI_BASE_URL", "OPENAI_MODEL"
    elif isinstance(exc, openai.PermissionDeniedError):
        hint, field = "the key's project may not use this model, or the region is blocked", None
    else:
        hint = f"check that OPENAI_MODEL ({config.model!r}) supports structured outputs"
        field = None
    return IntegrationRejected(
        f"OpenAI rejected the request (HTTP {status}{ref}: {_message(exc)}); {hint}",
        integration=PLUGIN,
        field=field,
    )


def _unavailable(detail: str, retry_after: float | None) -> IntegrationUnavailable:
    return IntegrationUnavailable(detail, integration=PLUGIN, retry_after=retry_after)


def _ref(exc: openai.APIStatusError) -> str:
    parts = [
        f"code {exc.code}" if exc.code else "",
        f"request {exc.request_id}" if exc.request_id else "",
    ]
    text = ", ".join(p for p in parts if p)
    return f", {text}" if text else ""


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])[:300]
    return exc.message[:300]
