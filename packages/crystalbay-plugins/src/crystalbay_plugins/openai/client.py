"""One structured chat completion, with retries and error mapping."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec
import openai
from openai.types.chat import ChatCompletion

from crystalbay_plugins.openai.errors import map_error, protocol_error
from crystalbay_plugins.openai.retry import backoff, is_retryable, server_wait
from crystalbay_plugins.openai.schema import response_format

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

    from crystalbay_plugins.openai.config import OpenAIConfig

__all__ = ["Answer", "ChatClient"]

T = TypeVar("T", bound=msgspec.Struct)
logger = logging.getLogger(__name__)


class Answer(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """A decoded structured answer and what it cost."""

    value: T
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cached_prompt_tokens: int = 0
    request_id: str | None = None


class ChatClient:
    """Sends chat completions that must answer JSON of a given Struct type.

    Args:
        config: The plugin's settings.
        sdk: A ready SDK client (tests); by default one is built from ``config``.
    """

    def __init__(self, config: OpenAIConfig, *, sdk: openai.AsyncOpenAI | None = None) -> None:
        self.config = config
        # The one exception to "plugins never build HTTP clients" (DESIGN.md section 3): the
        # OpenAI SDK brings its own HTTP stack (httpx2 since 3.0), so it cannot take the hub's
        # shared httpx client. Retries are ours (see ``retry``), hence ``max_retries=0``.
        self.sdk = sdk or openai.AsyncOpenAI(
            api_key=config.api_key,
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=0,
        )

    async def aclose(self) -> None:
        """Release the SDK's connections."""
        await self.sdk.close()

    async def structured(
        self, messages: list[ChatCompletionMessageParam], name: str, type_: type[T]
    ) -> Answer[T]:
        """Ask for an answer of ``type_`` (strict JSON schema ``name``), retrying transient errors.

        Raises:
            IntegrationUnavailable: Rate limits, 5xx or timeouts outlasted the retries.
            IntegrationRejected: The key, model or request was refused.
            IntegrationProtocolError: A refusal, a cut answer, or JSON that breaks the schema.
        """
        request: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "response_format": response_format(name, type_),
            "max_completion_tokens": self.config.max_completion_tokens,
        }
        if self.config.temperature is not None:
            request["temperature"] = self.config.temperature
        completion = await self._with_retries(request)
        return _decode(completion, type_)

    async def _with_retries(self, request: dict[str, Any]) -> ChatCompletion:
        attempt = 0
        while True:
            try:
                completion: object = await self.sdk.chat.completions.create(**request)
            except ValueError as exc:  # the SDK lets a body that is not JSON through as is
                raise protocol_error(f"the API answered a body that is not JSON ({exc})") from exc
            except openai.OpenAIError as exc:
                wait = self._wait(exc, attempt)
                if wait is None:
                    raise map_error(
                        exc, self.config, attempts=attempt + 1, retry_after=_asked(exc)
                    ) from exc
                logger.info("openai: %s, attempt %d; retrying in %.2f s", exc, attempt + 1, wait)
                await asyncio.sleep(wait)
                attempt += 1
            else:
                if not isinstance(completion, ChatCompletion):  # parsed leniently (contract 1.1)
                    raise protocol_error("the API answered JSON that is not a chat completion")
                return completion

    def _wait(self, exc: Exception, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to give up now."""
        if attempt >= self.config.max_retries or not is_retryable(exc):
            return None
        asked = _asked(exc)
        if asked is None:
            return backoff(attempt, self.config.retry_backoff)
        return asked if asked <= self.config.max_retry_wait else None


def _asked(exc: Exception) -> float | None:
    if isinstance(exc, openai.APIStatusError):
        return server_wait(exc.response.headers)
    return None


def _decode(completion: ChatCompletion, type_: type[T]) -> Answer[T]:
    if not completion.choices:
        raise protocol_error("the answer has no choices")
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise protocol_error("the answer was cut at max_completion_tokens")
    if choice.finish_reason == "content_filter":
        raise protocol_error("the answer was stopped by OpenAI's content filter")
    if choice.message.refusal:
        raise protocol_error(f"the model refused: {choice.message.refusal[:200]}")
    if not choice.message.content:
        raise protocol_error("the answer has no content")
    try:
        value = msgspec.json.decode(choice.message.content, type=type_)
    except msgspec.DecodeError as exc:
        raise protocol_error(
            f"the answer does not match the {type_.__name__} schema ({exc})"
        ) from exc
    usage = completion.usage
    details = usage.prompt_tokens_details if usage else None
    return Answer(
        value=value,
        model=completion.model,
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
        total_tokens=usage.total_tokens if usage else 0,
        cached_prompt_tokens=(details.cached_tokens or 0) if details else 0,
        request_id=getattr(completion, "_request_id", None),
    )
