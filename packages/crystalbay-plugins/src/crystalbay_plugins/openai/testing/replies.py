"""What the fake OpenAI can be scripted to answer, with the real error shapes (contract 1.4)."""

from __future__ import annotations

import msgspec

__all__ = [
    "Failure",
    "RawContent",
    "Refusal",
    "Reply",
    "Structured",
    "Usage",
    "bad_request",
    "model_not_found",
    "quota_exceeded",
    "rate_limited",
    "server_error",
    "unauthorized",
]


class Usage(msgspec.Struct, frozen=True, kw_only=True):
    """Token counts to report instead of the fake's estimate."""

    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0


class Structured(msgspec.Struct, frozen=True, kw_only=True):
    """A structured answer; the fake checks it against the request's JSON schema.

    Attributes:
        payload: The JSON value the model "writes" (serialised into ``message.content``).
        usage: Token counts to report (estimated from the sizes otherwise).
        delay: Seconds to wait before answering (beyond a client timeout: a timeout).
    """

    payload: object
    usage: Usage | None = None
    delay: float = 0.0


class Refusal(msgspec.Struct, frozen=True, kw_only=True):
    """The model refuses: ``content: null``, ``refusal`` set, ``finish_reason: stop``."""

    text: str = "I'm sorry, I can't help with that."
    delay: float = 0.0


class RawContent(msgspec.Struct, frozen=True, kw_only=True):
    """Content sent unchecked (malformed JSON, an answer cut by ``finish_reason: length``)."""

    content: str | None
    finish_reason: str = "stop"
    delay: float = 0.0


class Failure(msgspec.Struct, frozen=True, kw_only=True):
    """An HTTP error answer; ``body`` is JSON unless it is a string."""

    status: int
    body: dict[str, object] | str
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    delay: float = 0.0


Reply = Structured | Refusal | RawContent | Failure


def _error(
    message: str, type_: str, code: str | None, param: str | None = None
) -> dict[str, object]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def rate_limited(retry_after: float | None = 0.05, *, milliseconds: bool = False) -> Failure:
    """429 ``rate_limit_exceeded`` with ``retry-after`` (or ``retry-after-ms``) and rate headers."""
    headers = {
        "x-ratelimit-limit-requests": "3",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "20s",
    }
    if retry_after is not None:
        if milliseconds:
            headers["retry-after-ms"] = f"{retry_after * 1000:g}"
        else:
            headers["retry-after"] = f"{retry_after:g}"
    message = (
        "Rate limit reached for gpt-4.1-mini in organization org-fake on requests per min "
        "(RPM): Limit 3, Used 3, Requested 1. Please try again in 20s."
    )
    return Failure(
        status=429, body=_error(message, "requests", "rate_limit_exceeded"), headers=headers
    )


def quota_exceeded() -> Failure:
    """429 ``insufficient_quota``: retrying does not help."""
    message = "You exceeded your current quota, please check your plan and billing details."
    return Failure(status=429, body=_error(message, "insufficient_quota", "insufficient_quota"))


def server_error(status: int = 500) -> Failure:
    """A 5xx ``server_error``."""
    message = "The server had an error while processing your request. Sorry about that!"
    return Failure(status=status, body=_error(message, "server_error", None))


def unauthorized(key_hint: str = "sk-test****1234") -> Failure:
    """401 ``invalid_api_key``."""
    message = (
        f"Incorrect API key provided: {key_hint}. You can find your API key at "
        "https://platform.openai.com/account/api-keys."
    )
    return Failure(status=401, body=_error(message, "invalid_request_error", "invalid_api_key"))


def model_not_found(model: str) -> Failure:
    """404 ``model_not_found``."""
    message = f"The model `{model}` does not exist or you do not have access to it."
    return Failure(status=404, body=_error(message, "invalid_request_error", "model_not_found"))


def bad_request(message: str, param: str | None = None) -> Failure:
    """400 ``invalid_request_error``."""
    return Failure(status=400, body=_error(message, "invalid_request_error", None, param))
