"""The body of a successful chat completion (contract 1.2), usage included."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from crystalbay.testing import FakeResponse
from crystalbay_plugins.openai.testing.replies import RawContent, Refusal, Reply, Structured

__all__ = ["completion"]


def completion(
    reply: Structured | Refusal | RawContent, body: dict[str, Any]
) -> tuple[FakeResponse, dict[str, Any]]:
    """A 200 answer carrying ``reply``, and the ``usage`` object it reports."""
    if isinstance(reply, Structured):
        content: str | None = json.dumps(reply.payload, ensure_ascii=False)
        refusal, finish = None, "stop"
    elif isinstance(reply, Refusal):
        content, refusal, finish = None, reply.text, "stop"
    else:
        content, refusal, finish = reply.content, None, reply.finish_reason
    usage = _usage(reply, body, content or refusal or "")
    payload = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": content,
                    "refusal": refusal,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": finish,
            }
        ],
        "usage": usage,
        "service_tier": "default",
        "system_fingerprint": "fp_fake",
    }
    headers = {"x-request-id": f"req_{uuid.uuid4().hex}", "x-ratelimit-remaining-requests": "499"}
    return FakeResponse.json(payload, headers=headers), usage


def _usage(reply: Reply, body: dict[str, Any], written: str) -> dict[str, Any]:
    scripted = reply.usage if isinstance(reply, Structured) else None
    prompt = scripted.prompt_tokens if scripted else max(len(json.dumps(body["messages"])) // 4, 1)
    completion = scripted.completion_tokens if scripted else max(len(written) // 4, 1)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": scripted.cached_tokens if scripted else 0},
        "completion_tokens_details": {"reasoning_tokens": 0},
    }
