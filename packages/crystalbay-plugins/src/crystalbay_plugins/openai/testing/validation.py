"""How the fake OpenAI refuses a malformed chat request (400, as the API does)."""

from __future__ import annotations

import re
from typing import Any

from crystalbay_plugins.openai.testing.replies import Failure, bad_request
from crystalbay_plugins.openai.testing.schema_check import strict_problems

__all__ = ["check_request"]

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})


def check_request(body: object) -> Failure | None:
    """A 400 for a request the API would refuse; ``None`` when it is acceptable.

    The fake insists on structured outputs: ``response_format`` must be a strict
    ``json_schema`` whose schema follows strict mode's rules.
    """
    if not isinstance(body, dict):
        return bad_request("We could not parse the JSON body of your request.")
    if not isinstance(body.get("model"), str) or not body["model"]:
        return bad_request("you must provide a model parameter", "model")
    problem = _messages_problem(body.get("messages"))
    if problem:
        return bad_request(problem, "messages")
    return _format_problem(body.get("response_format"))


def _messages_problem(messages: object) -> str | None:
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in _ROLES:
            return f"Invalid value for 'messages[{i}].role'"
        if message["role"] == "tool" and not message.get("tool_call_id"):
            return f"Missing required parameter: 'messages[{i}].tool_call_id'"
    return None


def _format_problem(fmt: object) -> Failure | None:
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return bad_request(
            "FakeOpenAI answers structured outputs only: send response_format json_schema",
            "response_format",
        )
    spec: Any = fmt.get("json_schema")
    if not isinstance(spec, dict) or not _NAME.match(str(spec.get("name", ""))):
        return bad_request(
            "Invalid 'response_format.json_schema.name': must match ^[A-Za-z0-9_-]{1,64}$",
            "response_format",
        )
    if spec.get("strict") is not True:
        return bad_request("FakeOpenAI expects 'strict': true", "response_format")
    schema = spec.get("schema")
    problems = strict_problems(schema) if isinstance(schema, dict) else ["schema is missing"]
    if problems:
        return bad_request(
            f"Invalid schema for response_format '{spec['name']}': {problems[0]}",
            "response_format",
        )
    return None
