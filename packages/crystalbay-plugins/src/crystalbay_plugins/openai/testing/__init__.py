"""A fake OpenAI for tests: chat completions with structured outputs over real HTTP.

```python
with FakeOpenAI() as fake:
    config = OpenAIConfig(api_key=fake.api_key, base_url=fake.url, max_retries=0)
    fake.script(rate_limited(0.05), Structured(payload={...}))
    ...
    assert "4111" not in fake.requests[-1].text
```
"""

from crystalbay_plugins.openai.testing.replies import (
    Failure,
    RawContent,
    Refusal,
    Reply,
    Structured,
    Usage,
    bad_request,
    model_not_found,
    quota_exceeded,
    rate_limited,
    server_error,
    unauthorized,
)
from crystalbay_plugins.openai.testing.requests import ChatRequest
from crystalbay_plugins.openai.testing.server import FakeOpenAI

__all__ = [
    "ChatRequest",
    "Failure",
    "FakeOpenAI",
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
