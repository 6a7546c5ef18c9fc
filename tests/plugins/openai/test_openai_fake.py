"""The fake OpenAI itself: it refuses what the API refuses and answers what it answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from crystalbay_plugins.openai.models import AnalysisOut, DraftOut
from crystalbay_plugins.openai.schema import response_format, strict_schema
from crystalbay_plugins.openai.testing import ChatRequest, FakeOpenAI, Structured
from crystalbay_plugins.openai.testing.schema_check import instance_problems


@pytest.fixture(name="http")
def fx_http(fake: FakeOpenAI) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {fake.api_key}"}
    with httpx.Client(base_url=fake.url, headers=headers, timeout=5) as client:
        yield client


def _request(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": "gpt-4.1-mini",
        "messages": [{"role": "user", "content": "Хотим в Турцию на 7 ночей, 2 взрослых"}],
        "response_format": response_format("analysis", AnalysisOut),
    }
    return body | changes


def _error(response: httpx.Response) -> dict[str, Any]:
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    return error  # type: ignore[no-any-return]


def test_a_wrong_key_gets_the_real_401(http: httpx.Client) -> None:
    response = http.post(
        "/chat/completions", json=_request(), headers={"Authorization": "Bearer sk-wrong-0000-9999"}
    )

    assert response.status_code == 401
    error = _error(response)
    assert error["code"] == "invalid_api_key"
    assert error["message"].startswith("Incorrect API key provided: sk-wron****9999.")


def test_an_unknown_path_is_404(http: httpx.Client) -> None:
    response = http.post("/responses", json=_request())

    assert response.status_code == 404
    assert _error(response)["message"] == "Invalid URL (POST /v1/responses)"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"response_format": {"type": "text"}}, "structured outputs only"),
        ({"model": ""}, "model parameter"),
        ({"messages": []}, "non-empty array"),
        ({"messages": [{"role": "tool", "content": "[]"}]}, "tool_call_id"),
    ],
)
def test_malformed_requests_are_400(
    http: httpx.Client, changes: dict[str, Any], message: str
) -> None:
    response = http.post("/chat/completions", json=_request(**changes))

    assert response.status_code == 400
    assert message in _error(response)["message"]


def test_a_schema_that_is_not_strict_is_refused(http: httpx.Client) -> None:
    loose = response_format("analysis", AnalysisOut)
    del loose["json_schema"]["schema"]["$defs"]["BriefOut"]["additionalProperties"]
    loose["json_schema"]["schema"]["required"].remove("urgency")

    response = http.post("/chat/completions", json=_request(response_format=loose))

    assert response.status_code == 400
    error = _error(response)
    assert error["param"] == "response_format"
    assert error["message"].startswith("Invalid schema for response_format 'analysis': ")
    assert "Missing ['urgency']" in error["message"]


def test_a_completion_has_the_documented_shape(http: httpx.Client, fake: FakeOpenAI) -> None:
    response = http.post("/chat/completions", json=_request())

    assert response.status_code == 200
    assert response.headers["x-request-id"].startswith("req_")
    body = response.json()
    assert body["object"] == "chat.completion"
    (choice,) = body["choices"]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert fake.requests[0].usage == usage


def test_the_default_answers_conform_to_their_schemas(http: httpx.Client) -> None:
    for name, type_ in (("analysis", AnalysisOut), ("draft_reply", DraftOut), ("other", DraftOut)):
        response = http.post(
            "/chat/completions", json=_request(response_format=response_format(name, type_))
        )
        content = response.json()["choices"][0]["message"]["content"]
        schema = strict_schema(type_)
        assert instance_problems(json.loads(content), schema, schema) == [], name


def test_the_default_analysis_is_a_keyword_scan(http: httpx.Client) -> None:
    response = http.post("/chat/completions", json=_request())
    analysis = json.loads(response.json()["choices"][0]["message"]["content"])

    assert analysis["intent"] == "tour_search"
    assert analysis["brief"]["country"] == "Turkey"
    assert analysis["brief"]["nights_min"] == 7
    assert analysis["brief"]["adults"] == 2
    assert analysis["language"] == "ru"


def test_a_scripted_answer_that_breaks_the_schema_is_reported(
    http: httpx.Client, fake: FakeOpenAI
) -> None:
    fake.script(Structured(payload={"intent": "tour_search"}))

    response = http.post("/chat/completions", json=_request())

    assert response.status_code == 500
    assert response.headers["x-should-retry"] == "false"
    assert "$: missing 'brief'" in fake.problems
    fake.problems.clear()  # reported on purpose here


def test_the_queue_comes_before_the_responder(http: httpx.Client, fake: FakeOpenAI) -> None:
    seen: list[ChatRequest] = []

    def responder(request: ChatRequest) -> Structured:
        seen.append(request)
        return Structured(
            payload={
                "text": "from responder",
                "language": "en",
                "cited_offer_ids": [],
                "asked_fields": [],
            }
        )

    fake.responder = responder
    fake.script(
        Structured(
            payload={"text": "queued", "language": "en", "cited_offer_ids": [], "asked_fields": []}
        )
    )
    draft = _request(response_format=response_format("draft_reply", DraftOut))

    texts = [
        http.post("/chat/completions", json=draft).json()["choices"][0]["message"]["content"]
        for _ in range(2)
    ]

    assert ['"queued"' in texts[0], '"from responder"' in texts[1]] == [True, True]
    assert [r.schema_name for r in seen] == ["draft_reply"]


def test_models_can_be_limited(http: httpx.Client, fake: FakeOpenAI) -> None:
    fake.models = frozenset({"gpt-4.1-nano"})

    response = http.post("/chat/completions", json=_request())

    assert response.status_code == 404
    assert _error(response)["code"] == "model_not_found"
