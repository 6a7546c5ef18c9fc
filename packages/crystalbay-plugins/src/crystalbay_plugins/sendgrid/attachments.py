"""Outbound attachments: resolve each :class:`~crystalbay.domain.Attachment` URL to base64."""

from __future__ import annotations

import base64
import binascii
import mimetypes
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import httpx

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.sendgrid.config import PLUGIN
from crystalbay_plugins.sendgrid.models import MailAttachment

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crystalbay.domain import Attachment

__all__ = ["MAX_MAIL_BYTES", "load_attachments"]

MAX_MAIL_BYTES = 30 * 1024 * 1024
"""SendGrid's total message limit: "< 30 MB" (an older page says 20 MB; contract: uncertain)."""


async def load_attachments(
    attachments: Sequence[Attachment], http: httpx.AsyncClient
) -> tuple[MailAttachment, ...]:
    """Fetch (``http(s)://``) or decode (``data:``) every attachment.

    Raises:
        IntegrationRejected: An unsupported URL, a 4xx from the file's host, or more than
            :data:`MAX_MAIL_BYTES` in total.
        IntegrationUnavailable: The file's host is unreachable or failing.
    """
    result: list[MailAttachment] = []
    budget = MAX_MAIL_BYTES
    for number, attachment in enumerate(attachments, start=1):
        content, media_type = await _content(attachment.url, http, budget)
        budget -= len(content)
        filename = attachment.name or _url_name(attachment.url) or f"attachment{number}"
        result.append(
            MailAttachment(
                content=base64.b64encode(content).decode(),
                filename=filename,
                type=attachment.mime_type
                or media_type
                or mimetypes.guess_type(filename)[0]
                or "application/octet-stream",
                disposition="attachment",
            )
        )
    return tuple(result)


async def _content(url: str, http: httpx.AsyncClient, budget: int) -> tuple[bytes, str | None]:
    if url.startswith("data:"):
        content, media_type = _decode_data_url(url)
    elif urlsplit(url).scheme in ("http", "https"):
        content, media_type = await _download(url, http, budget)
    else:
        raise IntegrationRejected(
            f"cannot attach {url[:60]!r}: use an http(s) or data: URL", integration=PLUGIN
        )
    if len(content) > budget:
        raise _too_large()
    return content, media_type


def _url_name(url: str) -> str | None:
    if url.startswith("data:"):
        return None
    return PurePosixPath(unquote(urlsplit(url).path)).name or None


def _decode_data_url(url: str) -> tuple[bytes, str | None]:
    header, sep, data = url[len("data:") :].partition(",")
    if not sep:
        raise IntegrationRejected("a data: URL without a comma", integration=PLUGIN)
    params = header.split(";")
    media_type = params[0] or None
    try:
        if "base64" in params[1:]:
            return base64.b64decode(data, validate=True), media_type
        return unquote_to_bytes(data), media_type
    except (binascii.Error, ValueError) as exc:
        raise IntegrationRejected("a data: URL with broken base64", integration=PLUGIN) from exc


async def _download(url: str, http: httpx.AsyncClient, budget: int) -> tuple[bytes, str | None]:
    try:
        async with http.stream("GET", url) as response:
            if response.is_error:
                error = IntegrationUnavailable if response.is_server_error else IntegrationRejected
                raise error(
                    f"attachment {url} answered HTTP {response.status_code}", integration=PLUGIN
                )
            chunks: list[bytes] = []
            async for chunk in response.aiter_bytes():
                budget -= len(chunk)
                if budget < 0:
                    raise _too_large()
                chunks.append(chunk)
            media_type = response.headers.get("content-type", "").split(";")[0].strip() or None
    except httpx.HTTPError as exc:
        raise IntegrationUnavailable(
            f"cannot download attachment {url}: {exc}", integration=PLUGIN
        ) from exc
    return b"".join(chunks), media_type


def _too_large() -> IntegrationRejected:
    return IntegrationRejected(
        "attachments exceed SendGrid's 30 MB message limit; send a link instead",
        integration=PLUGIN,
    )
