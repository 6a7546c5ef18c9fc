"""Files customers send in Telegram: ``getFile`` then the download, behind ``FileSource``."""

from __future__ import annotations

import pytest

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable, InvalidValue
from crystalbay.ports import FileSource
from crystalbay_plugins.telegram.channel import TelegramChannel
from crystalbay_plugins.telegram.files import file_reference
from crystalbay_plugins.telegram.testing import FakeTelegram

PHOTO = b"\xff\xd8\xff\xe0 a tiny jpeg"


async def test_a_sent_photo_is_downloaded_by_reference(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.put_file("AgACAgIAAxkBAAIBQ2", PHOTO, "photos/file_7.jpg")
    assert isinstance(channel, FileSource)
    reference = file_reference("AgACAgIAAxkBAAIBQ2")
    assert channel.owns_file(reference)
    assert not channel.owns_file("https://cdn.example/photo.jpg")
    found = await channel.open_file(reference)
    assert (found.content, found.mime_type, found.name) == (PHOTO, "image/jpeg", "file_7.jpg")
    assert [c.method for c in fake.calls] == ["getFile"]
    assert fake.calls[0].params == {"file_id": "AgACAgIAAxkBAAIBQ2"}


async def test_refusals_are_explained(channel: TelegramChannel, fake: FakeTelegram) -> None:
    with pytest.raises(InvalidValue, match="not a Telegram file reference"):
        await channel.open_file("https://cdn.example/a.jpg")
    with pytest.raises(IntegrationRejected, match="invalid file_id"):
        await channel.open_file(file_reference("gone"))
    fake.put_file("BIG", b"x", None)  # Telegram names no path for files over 20 MB
    with pytest.raises(IntegrationRejected, match="over 20 MB"):
        await channel.open_file(file_reference("BIG"))
    fake.outage = True
    with pytest.raises(IntegrationUnavailable):
        await channel.open_file(file_reference("BIG"))


async def test_the_download_needs_the_bots_token(fake: FakeTelegram) -> None:
    import httpx  # noqa: PLC0415

    fake.put_file("DOC", b"%PDF-1.7", "documents/file_1.pdf")
    async with httpx.AsyncClient() as http:
        good = await http.get(f"{fake.url}/file/bot{fake.token}/documents/file_1.pdf")
        wrong = await http.get(f"{fake.url}/file/bot1:WRONG/documents/file_1.pdf")
        missing = await http.get(f"{fake.url}/file/bot{fake.token}/documents/none.pdf")
    assert (good.status_code, good.content) == (200, b"%PDF-1.7")
    assert (wrong.status_code, missing.status_code) == (401, 404)
