"""The fake Bot API behaves like Telegram: encodings, errors, edits, callbacks, polling."""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING

import httpx

from crystalbay_plugins.telegram.testing import NOT_MODIFIED

if TYPE_CHECKING:
    from crystalbay_plugins.telegram.testing import FakeTelegram

CUSTOMER = 555


def _url(fake: FakeTelegram, method: str, token: str | None = None) -> str:
    return f"{fake.url}/bot{token or fake.token}/{method}"


async def test_wrong_token_and_unknown_method_get_telegrams_bodies(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    wrong = await http.post(_url(fake, "getMe", "42:NOPE"))
    unknown = await http.post(_url(fake, "sendTelepathy"))
    outside = await http.get(f"{fake.url}/favicon.ico")

    assert (wrong.status_code, wrong.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found")
    assert outside.status_code == 404


async def test_all_four_encodings_and_case_insensitive_methods(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    markup = {"inline_keyboard": [[{"text": "Тур 17", "callback_data": "tour:pick:17"}]]}
    form = await http.post(
        _url(fake, "sendmessage"),
        data={"chat_id": str(CUSTOMER), "text": "42", "reply_markup": json.dumps(markup)},
    )
    query = await http.get(_url(fake, "SENDMESSAGE"), params={"chat_id": CUSTOMER, "text": "q"})
    body = {"chat_id": CUSTOMER, "text": "json", "reply_markup": markup}
    as_json = await http.post(_url(fake, "sendMessage"), json=body)
    multipart = await http.post(
        _url(fake, "sendDocument"),
        data={"chat_id": str(CUSTOMER)},
        files={"document": ("voucher.pdf", b"%PDF-1.4 ...", "application/pdf")},
    )

    assert all(r.status_code == 200 for r in (form, query, as_json, multipart))
    first = fake.calls[0]
    assert first.method == "sendMessage"
    assert first.params == {"chat_id": CUSTOMER, "text": "42", "reply_markup": markup}
    assert first.buttons() == [("Тур 17", "tour:pick:17")]
    assert form.json()["result"]["reply_markup"] == markup
    assert fake.calls[1].text == "q"
    assert fake.calls[2].params["reply_markup"] == markup
    assert fake.calls[3].params["document"] == {"filename": "voucher.pdf", "size": 12}
    assert [m["message_id"] for m in fake.messages(CUSTOMER)] == [1, 2, 3, 4]


async def test_edits_and_callback_answers_follow_telegrams_rules(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    sent = await http.post(_url(fake, "sendMessage"), json={"chat_id": CUSTOMER, "text": "A"})
    message_id = sent.json()["result"]["message_id"]
    edit = {"chat_id": CUSTOMER, "message_id": message_id, "text": "B"}

    first = await http.post(_url(fake, "editMessageText"), json=edit)
    same = await http.post(_url(fake, "editMessageText"), json=edit)
    missing = await http.post(_url(fake, "editMessageText"), json={**edit, "message_id": 99})
    update = fake.callback_update(CUSTOMER, message_id, "x:1")
    query_id = update["callback_query"]["id"]  # type: ignore[index]
    answer = {"callback_query_id": query_id}
    answered = await http.post(_url(fake, "answerCallbackQuery"), json=answer)
    twice = await http.post(_url(fake, "answerCallbackQuery"), json=answer)

    assert first.json()["result"]["text"] == "B"
    assert "edit_date" in first.json()["result"]
    assert (same.status_code, same.json()["description"]) == (400, NOT_MODIFIED)
    assert missing.json()["description"] == "Bad Request: message to edit not found"
    assert answered.json() == {"ok": True, "result": True}
    assert twice.status_code == 400
    assert twice.json()["description"].startswith("Bad Request: query is too old")
    user_message = fake.message_update(CUSTOMER, "hi")["message"]["message_id"]  # type: ignore[index]
    theirs = await http.post(
        _url(fake, "editMessageText"),
        json={"chat_id": CUSTOMER, "message_id": user_message, "text": "x"},
    )
    assert theirs.json()["description"] == "Bad Request: message can't be edited"


async def test_get_updates_confirms_by_offset_and_waits_for_new_updates(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    first = fake.push(fake.message_update(CUSTOMER, "/start"))
    second = fake.push(fake.message_update(CUSTOMER, "hello"))

    both = (await http.post(_url(fake, "getUpdates"), data={"timeout": "0"})).json()["result"]
    assert [u["update_id"] for u in both] == [first["update_id"], second["update_id"]]
    offset = str(second["update_id"] + 1)  # type: ignore[operator]
    assert (await http.post(_url(fake, "getUpdates"), data={"offset": offset})).json()[
        "result"
    ] == []

    async def push_later() -> None:
        await asyncio.sleep(0.2)
        fake.push(fake.message_update(CUSTOMER, "later"))

    started = time.monotonic()
    pusher = asyncio.create_task(push_later())
    waited = await http.post(_url(fake, "getUpdates"), data={"offset": offset, "timeout": "5"})
    await pusher
    assert [u["message"]["text"] for u in waited.json()["result"]] == ["later"]
    assert time.monotonic() - started < 1.5  # answered when the update came, not at timeout


async def test_get_updates_conflicts_with_a_webhook_and_deliveries_carry_the_secret(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    await http.post(
        _url(fake, "setWebhook"),
        data={"url": "https://hub.example/webhooks/telegram", "secret_token": "s3cr3t_X"},
    )
    conflict = await http.post(_url(fake, "getUpdates"))
    not_https = await http.post(_url(fake, "setWebhook"), data={"url": "http://hub.example/x"})

    assert conflict.status_code == 409
    assert conflict.json()["description"].startswith("Conflict: can't use getUpdates")
    assert not_https.status_code == 400
    body, headers = fake.webhook_request(fake.message_update(CUSTOMER, "/start"))
    assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cr3t_X"
    assert json.loads(body)["message"]["text"] == "/start"
