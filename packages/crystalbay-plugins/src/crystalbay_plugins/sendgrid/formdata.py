"""``multipart/form-data`` parsing with the standard library, keeping each part's raw bytes.

Framework form parsers decode every field as UTF-8; Inbound Parse fields are in the charsets
its ``charsets`` field names, so the plugin parses the raw body itself.
"""

from __future__ import annotations

import email.errors
import email.policy
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value

import msgspec

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.sendgrid.config import PLUGIN

__all__ = ["FormPart", "parse_form_data"]


class FormPart(msgspec.Struct, frozen=True, kw_only=True):
    """One part: a field (``filename`` is None) or a file."""

    name: str
    data: bytes
    filename: str | None = None
    content_type: str = "text/plain"


def parse_form_data(content_type: str, body: bytes) -> list[FormPart]:
    """Split a ``multipart/form-data`` body into parts.

    Raises:
        IntegrationProtocolError: Not multipart/form-data, no boundary, or no parts.
    """
    header = content_type.strip()
    if not header.isascii() or "\r" in header or "\n" in header:
        raise _error("the Content-Type header is not plain ASCII")
    if not header.lower().startswith("multipart/form-data"):
        raise _error(f"expected multipart/form-data, got {header[:80]!r}")
    envelope = b"MIME-Version: 1.0\r\nContent-Type: " + header.encode() + b"\r\n\r\n"
    try:
        message = BytesParser(policy=email.policy.HTTP).parsebytes(envelope + body)
        if message.get_boundary() is None:
            raise _error("the Content-Type header has no boundary")
        if any(isinstance(d, email.errors.CloseBoundaryNotFoundDefect) for d in message.defects):
            # A cut-off upload: storing it would keep half the customer's text.
            raise _error("the multipart body ends before its closing boundary (truncated)")
        decoded = [_part(part) for part in _form_parts(message)]
    except (email.errors.MessageError, ValueError, TypeError, IndexError, LookupError) as exc:
        raise _error(f"the multipart body cannot be parsed ({type(exc).__name__})") from exc
    parts = [part for part in decoded if part is not None]
    if not parts:
        raise _error("the multipart body has no form fields")
    return parts


def _form_parts(message: Message) -> list[Message]:
    payload = message.get_payload()
    if not message.is_multipart() or not isinstance(payload, list):
        raise _error("the body is not multipart")
    return [part for part in payload if isinstance(part, Message)]


def _part(part: Message) -> FormPart | None:
    param = part.get_param("name", header="content-disposition")
    name = collapse_rfc2231_value(param) if isinstance(param, tuple) else param
    if not isinstance(name, str) or not name:
        return None  # a part without a field name carries nothing we can use
    data = part.get_payload(decode=True)
    filename = part.get_filename()
    return FormPart(
        name=name,
        data=data if isinstance(data, bytes) else b"",
        filename=filename if isinstance(filename, str) else None,
        content_type=part.get_content_type(),
    )


def _error(detail: str) -> IntegrationProtocolError:
    return IntegrationProtocolError(f"Inbound Parse: {detail}", integration=PLUGIN)
