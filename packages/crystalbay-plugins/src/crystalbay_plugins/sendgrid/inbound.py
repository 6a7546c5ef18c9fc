"""Inbound Parse: verify the webhook's secret path and decode its multipart body.

SendGrid posts one ``multipart/form-data`` request per received e-mail. Two modes exist:
the default one (fields ``headers``, ``from``, ``subject``, ``text``, ``html``, ``charsets``,
``attachment1..N`` + ``attachment-info``, ...) and "Send Raw" (the whole MIME message in the
``email`` field). ``'email' in form`` tells them apart.

Parse posts are not signed by default. SendGrid's newer optional "security policies" can sign
them, but which headers and bytes are signed is unconfirmed (contract, "Uncertain"), so the
hub relies on a secret path segment (``SENDGRID_INBOUND_SECRET``).

Answering SendGrid: current docs say it retries on 5xx (older docs: 4xx too, for up to three
days), so the web route should answer 2xx for anything stored *and* for garbage it drops
(:class:`~crystalbay.errors.IntegrationProtocolError`), and 5xx only for transient failures.
"""

from __future__ import annotations

import hmac
import re
from typing import TYPE_CHECKING

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.sendgrid.config import DEFAULT_MAX_INBOUND_BYTES, PLUGIN
from crystalbay_plugins.sendgrid.formdata import FormPart, parse_form_data
from crystalbay_plugins.sendgrid.inbound_mime import (
    InboundParts,
    default_mode_parts,
    raw_mode_parts,
)
from crystalbay_plugins.sendgrid.mapping import data_url, inbound_to_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from crystalbay.domain import InboundMessage
    from crystalbay_plugins.sendgrid.config import SendGridConfig
    from crystalbay_plugins.sendgrid.models import InboundEmail, InboundFile

__all__ = [
    "InboundPayloadTooLarge",
    "parse_inbound",
    "parse_inbound_email",
    "verify_inbound_secret",
]

_ATTACHMENT_FIELD = re.compile(r"^attachment\d+$")


class InboundPayloadTooLarge(IntegrationProtocolError):  # noqa: N818 - like the core names
    """The Inbound Parse body is larger than the configured limit.

    Args:
        size: The body's size in bytes.
        max_bytes: The limit.
    """

    def __init__(self, size: int, max_bytes: int) -> None:
        super().__init__(
            f"Inbound Parse body of {size} bytes exceeds the {max_bytes}-byte limit; "
            "the e-mail was not accepted",
            integration=PLUGIN,
        )
        self.size = size
        self.max_bytes = max_bytes


def verify_inbound_secret(path_secret: str, config: SendGridConfig) -> bool:
    """True when ``path_secret`` equals ``SENDGRID_INBOUND_SECRET`` (constant-time).

    Always False when no secret is configured: an unauthenticated Parse URL is refused.
    """
    expected = config.inbound_secret
    if not expected:
        return False
    return hmac.compare_digest(path_secret.encode(), expected.encode())


def parse_inbound(
    content_type: str,
    body: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_INBOUND_BYTES,
    attachment_url: Callable[[InboundFile], str] = data_url,
) -> InboundMessage:
    """Decode an Inbound Parse request into the hub's :class:`InboundMessage`.

    Args:
        content_type: The request's ``Content-Type`` header (with the boundary).
        body: The raw request body.
        max_bytes: Refuse larger bodies (use ``SendGridConfig.inbound_max_bytes``).
        attachment_url: Stores a file and returns its URL; by default a ``data:`` URL.

    Raises:
        InboundPayloadTooLarge: ``body`` is over ``max_bytes``.
        IntegrationProtocolError: The body is not a usable Inbound Parse post.
    """
    email = parse_inbound_email(content_type, body, max_bytes=max_bytes)
    return inbound_to_message(email, attachment_url=attachment_url)


def parse_inbound_email(
    content_type: str, body: bytes, *, max_bytes: int = DEFAULT_MAX_INBOUND_BYTES
) -> InboundEmail:
    """Decode an Inbound Parse request, keeping subject, HTML and files.

    Raises:
        InboundPayloadTooLarge: ``body`` is over ``max_bytes``.
        IntegrationProtocolError: The body is not a usable Inbound Parse post.
    """
    if len(body) > max_bytes:
        raise InboundPayloadTooLarge(len(body), max_bytes)
    parts = parse_form_data(content_type, body)
    fields: dict[str, bytes] = {}
    files: list[FormPart] = []
    for part in parts:
        if part.filename is not None or _ATTACHMENT_FIELD.match(part.name):
            files.append(part)
        else:
            fields.setdefault(part.name, part.data)
    try:
        decoded: InboundParts = (
            raw_mode_parts(fields) if "email" in fields else default_mode_parts(fields, files)
        )
        return decoded.to_email()
    except IntegrationProtocolError:
        raise
    except (LookupError, ValueError, TypeError, IndexError, AttributeError) as exc:
        # The stdlib header parser has raised on pathological input before; never let that
        # escape as anything but a protocol error.
        raise IntegrationProtocolError(
            f"Inbound Parse: the e-mail cannot be decoded ({type(exc).__name__})",
            integration=PLUGIN,
        ) from exc
