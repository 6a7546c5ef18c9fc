"""An optional capability of a channel adapter: open a file a customer sent.

Some vendors hand over a file by reference rather than by URL (Telegram gives a ``file_id``
whose download URL contains the bot token, so only the reference is stored). A channel adapter
that stores such references also implements :class:`FileSource`, and the dashboard streams the
file to the manager through the hub: the token never reaches a browser.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import msgspec

__all__ = ["FileContent", "FileSource"]


class FileContent(msgspec.Struct, frozen=True, kw_only=True):
    """A downloaded file.

    Attributes:
        content: The bytes.
        mime_type: Its media type (``application/octet-stream`` when unknown).
        name: A file name to offer when saving it, if the vendor gave one.
    """

    content: bytes
    mime_type: str = "application/octet-stream"
    name: str | None = None


@runtime_checkable
class FileSource(Protocol):
    """Opens the files an adapter stored as references."""

    def owns_file(self, reference: str) -> bool:
        """Whether ``reference`` (an attachment's ``url``) is one of this adapter's."""
        ...

    async def open_file(self, reference: str) -> FileContent:
        """Download the file behind ``reference``.

        Raises:
            InvalidValue: ``reference`` is not one of this adapter's.
            IntegrationRejected: The vendor no longer has the file or refuses to hand it over.
            IntegrationUnavailable: The vendor cannot be reached.
        """
        ...
