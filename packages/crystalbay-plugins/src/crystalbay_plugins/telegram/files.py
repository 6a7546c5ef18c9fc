"""Files customers send in Telegram, stored as ``telegram-file:<file_id>`` references.

A Bot API download URL contains the bot token, so the hub stores only the ``file_id`` and asks
``getFile`` for a fresh path whenever a manager opens the file (:class:`TelegramFiles`).
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from crystalbay.errors import IntegrationRejected, InvalidValue
from crystalbay.ports.files import FileContent
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import PLUGIN_NAME

__all__ = ["FILE_SCHEME", "TelegramFiles", "file_reference"]

FILE_SCHEME = "telegram-file:"
"""Prefix of an attachment's reference: ``telegram-file:<file_id>`` (no token, no URL)."""


def file_reference(file_id: str) -> str:
    """The stored reference of a Telegram file."""
    return FILE_SCHEME + file_id


class TelegramFiles:
    """Downloads referenced files through the Bot API (``getFile`` then ``/file/bot...``)."""

    def __init__(self, client: TelegramClient) -> None:
        self._client = client

    def owns_file(self, reference: str) -> bool:
        """Whether ``reference`` is a ``telegram-file:`` reference."""
        return reference.startswith(FILE_SCHEME) and len(reference) > len(FILE_SCHEME)

    async def open_file(self, reference: str) -> FileContent:
        """Download the file behind ``reference``.

        Raises:
            InvalidValue: Not a ``telegram-file:`` reference.
            IntegrationRejected: Telegram refuses (unknown file, over the Bot API's 20 MB).
            IntegrationUnavailable: Telegram cannot be reached.
        """
        if not self.owns_file(reference):
            raise InvalidValue(f"{reference!r} is not a Telegram file reference", field="url")
        found = await self._client.get_file(reference.removeprefix(FILE_SCHEME))
        if not found.file_path:
            raise IntegrationRejected(
                "Telegram does not hand files over 20 MB to bots; ask the customer to send it "
                "another way",
                integration=PLUGIN_NAME,
            )
        content = await self._client.download(found.file_path)
        name = PurePosixPath(found.file_path).name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return FileContent(content=content, mime_type=mime, name=name)
