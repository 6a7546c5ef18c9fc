"""``FakeOpenAI``: ``POST /v1/chat/completions`` with structured outputs, on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Self

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.openai.testing.completions import completion
from crystalbay_plugins.openai.testing.defaults import default_answer
from crystalbay_plugins.openai.testing.replies import (
    Failure,
    Reply,
    Structured,
    bad_request,
    model_not_found,
    unauthorized,
)
from crystalbay_plugins.openai.testing.requests import ChatRequest
from crystalbay_plugins.openai.testing.schema_check import instance_problems
from crystalbay_plugins.openai.testing.validation import check_request

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import TracebackType

__all__ = ["FakeOpenAI"]

_PATH = "/v1/chat/completions"


class FakeOpenAI:
    """Behaves like the chat-completions API for structured outputs (contract 1.2, 1.4).

    Answers, in order of precedence: the scripted queue (:meth:`script`), then
    ``responder(request)`` when set and not ``None``, then a deterministic default
    (``defaults``). Structured answers are checked against the request's schema; a scripted
    answer that does not conform is a test bug: it is listed in ``problems`` and answered
    with a 500 carrying ``x-should-retry: false``.

    Args:
        api_key: The only key accepted (``Authorization: Bearer <key>``), else 401.
        models: Models that exist (others get 404 ``model_not_found``); any when ``None``.

    Attributes:
        requests: Every chat request received (also the refused ones), in order.
        problems: Scripted answers that broke the request's schema.
        responder: Optional callable answering a request when the queue is empty.
    """

    def __init__(
        self, *, api_key: str = "sk-test-fake-0000001234", models: Iterable[str] | None = None
    ) -> None:
        self.api_key = api_key
        self.models = self._models = frozenset(models) if models is not None else None
        self.requests: list[ChatRequest] = []
        self.problems: list[str] = []
        self.responder: Callable[[ChatRequest], Reply | None] | None = None
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._generation = 0
        self._server = FakeHTTPServer(self._handle)

    @property
    def url(self) -> str:
        """The base URL to configure, ending in ``/v1``."""
        return f"{self._server.url}/v1"

    def script(self, *replies: Reply) -> None:
        """Queue answers for the next requests, in order."""
        with self._lock:
            self._queue.extend(replies)

    def reset(self) -> None:
        """Forget requests, problems, the queue and the responder; restore ``models``."""
        with self._lock:
            self.requests.clear()
            self.problems.clear()
            self._queue.clear()
            self.responder = None
            self.models = self._models
            self._generation += 1

    def start(self) -> Self:
        """Start serving."""
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _handle(self, request: FakeRequest) -> FakeResponse:
        arrived, generation = time.monotonic(), self._generation
        try:
            parsed: object = json.loads(request.body or b"null")
        except ValueError:
            parsed = None
        reply = self._reply(request, parsed)
        body: dict[str, Any] = parsed if isinstance(parsed, dict) else {}
        response, usage, problems = _render(reply, body)
        if reply.delay:
            time.sleep(reply.delay)
        record = ChatRequest(
            headers=request.headers, body=body, at=arrived, status=response.status, usage=usage
        )
        with self._lock:
            if generation == self._generation:  # not a late answer to a test already reset
                self.requests.append(record)
                self.problems.extend(problems)
        return response

    def _reply(self, request: FakeRequest, body: object) -> Reply:
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return unauthorized(_hint(request.headers.get("authorization", "")))
        if request.method != "POST" or request.path != _PATH:
            return Failure(
                status=404, body=bad_request(f"Invalid URL ({request.method} {request.path})").body
            )
        refused = check_request(body)
        if refused is not None or not isinstance(body, dict):
            return refused or bad_request("We could not parse the JSON body of your request.")
        if self.models is not None and body["model"] not in self.models:
            return model_not_found(body["model"])
        with self._lock:
            scripted = self._queue.popleft() if self._queue else None
        if scripted is None and self.responder is not None:
            scripted = self.responder(_preview(request, body))
        return scripted if scripted is not None else _default(body)


def _render(
    reply: Reply, body: dict[str, Any]
) -> tuple[FakeResponse, dict[str, Any] | None, list[str]]:
    if isinstance(reply, Failure):
        if isinstance(reply.body, dict):
            response = FakeResponse.json(reply.body, status=reply.status, headers=reply.headers)
        else:
            response = FakeResponse(
                status=reply.status, body=reply.body.encode(), headers=reply.headers
            )
        return response, None, []
    if isinstance(reply, Structured):
        schema = body["response_format"]["json_schema"]["schema"]
        problems = instance_problems(reply.payload, schema, schema)
        if problems:
            message = f"FakeOpenAI: scripted answer breaks the schema: {problems[0]}"
            error = {"message": message, "type": "server_error", "param": None, "code": None}
            headers = {"x-should-retry": "false"}
            return FakeResponse.json({"error": error}, 500, headers), None, problems
    return (*completion(reply, body), [])


def _default(body: dict[str, Any]) -> Structured:
    spec = body["response_format"]["json_schema"]
    users = [m for m in body["messages"] if m.get("role") == "user"]
    content = str(users[-1].get("content") or "") if users else ""
    return Structured(payload=default_answer(spec["name"], spec["schema"], content))


def _preview(request: FakeRequest, body: dict[str, Any]) -> ChatRequest:
    return ChatRequest(headers=request.headers, body=body, at=time.monotonic())


def _hint(authorization: str) -> str:
    key = authorization.removeprefix("Bearer ").strip()
    return f"{key[:7]}****{key[-4:]}" if len(key) > 12 else "****"  # noqa: PLR2004
