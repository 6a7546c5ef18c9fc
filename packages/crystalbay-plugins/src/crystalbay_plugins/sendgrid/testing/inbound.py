"""Build Inbound Parse requests the way SendGrid does (``multipart/form-data``, boundary xYzZY)."""

from __future__ import annotations

import codecs
import json
import secrets
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["InboundFileSpec", "build_inbound", "encode_form_data"]

InboundFileSpec = tuple[str, str, bytes]
"""``(filename, content type, content)`` of an attachment."""

_FIXED_DATE = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def build_inbound(
    *,
    sender: str = "Анна Петрова <anna@example.com>",
    to: str = "inbox@parse.crystalbay.example",
    subject: str = "Тур в Анталию",
    text: str | None = "Здравствуйте! Ищем тур в Анталию на 7 ночей.",
    html: str | None = None,
    charset: str = "UTF-8",
    declared_charset: str | None = None,
    attachments: Sequence[InboundFileSpec] = (),
    message_id: str | None = "<CAB1234567890@mail.example.com>",
    headers: Mapping[str, str] | None = None,
    raw: bool = False,
) -> tuple[str, bytes]:
    """Return ``(content_type, body)`` of one Inbound Parse post.

    Args:
        sender: The ``From`` header.
        to: The ``To`` header (also the envelope recipient).
        subject: The subject.
        text: The plain body (``None``: the mail had none).
        html: The HTML body (``None``: the mail had none).
        charset: The charset the text fields are encoded in (default mode) or the MIME
            body (raw mode).
        declared_charset: The name written in ``charsets`` when it should differ from
            ``charset`` (to imitate an unknown or lying charset).
        attachments: Files, posted as ``attachment1..N`` with ``attachment-info``.
        message_id: The ``Message-ID`` header (``None``: absent).
        headers: Extra headers (``Reply-To``, ``In-Reply-To``, ...).
        raw: "Send Raw" mode: the whole MIME message in the ``email`` field.
    """
    message = _mime(sender, to, subject, message_id, headers or {})
    envelope = json.dumps({"to": [parseaddr(to)[1]], "from": parseaddr(sender)[1]})
    common = {"to": to, "from": sender, "subject": subject}
    name = declared_charset or charset
    charsets = json.dumps(dict.fromkeys(("to", "from", "subject", "text", "html"), name))
    if raw:
        _raw_body(message, text, html, charset, attachments)
        fields = [("dkim", b"{@example.com : pass}"), ("email", message.as_bytes())]
        fields += [(key, value.encode(_codec(charset))) for key, value in common.items()]
        files: list[tuple[str, str, str, bytes]] = []
    else:
        header_block = message.as_bytes(policy=policy.SMTP).split(b"\r\n\r\n", 1)[0]
        fields = [("headers", header_block + b"\r\n"), ("dkim", b"{@example.com : pass}")]
        bodies = {**common, **({"text": text} if text is not None else {})}
        bodies |= {"html": html} if html is not None else {}
        fields += [(key, value.encode(_codec(charset))) for key, value in bodies.items()]
        fields += [("attachments", str(len(attachments)).encode())]
        info = {
            f"attachment{n}": {"filename": f, "name": f, "type": t}
            for n, (f, t, _) in enumerate(attachments, 1)
        }
        fields += [("attachment-info", json.dumps(info).encode())] if attachments else []
        files = [(f"attachment{n}", f, t, c) for n, (f, t, c) in enumerate(attachments, 1)]
    fields += [("sender_ip", b"203.0.113.7"), ("envelope", envelope.encode())]
    fields += [("charsets", charsets.encode()), ("SPF", b"pass")]
    return encode_form_data(fields, files)


def encode_form_data(
    fields: Sequence[tuple[str, bytes]], files: Sequence[tuple[str, str, str, bytes]] = ()
) -> tuple[str, bytes]:
    """Encode ``multipart/form-data``; files are ``(field, filename, content type, bytes)``."""
    contents = [value for _, value in fields] + [content for *_, content in files]
    boundary = "xYzZY"
    while any(boundary.encode() in content for content in contents):
        boundary = "xYzZY" + secrets.token_hex(8)
    chunks: list[bytes] = []
    for name, value in fields:
        chunks += [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        ]
        chunks += [value, b"\r\n"]
    for name, filename, content_type, content in files:
        quoted = filename.replace('"', "%22")
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{quoted}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        chunks += [head.encode(), content, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(chunks)


def _mime(
    sender: str, to: str, subject: str, message_id: str | None, extra: Mapping[str, str]
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(_FIXED_DATE)
    if message_id is not None:
        message["Message-ID"] = message_id
    for key, value in extra.items():
        message[key] = value
    return message


def _raw_body(
    message: EmailMessage,
    text: str | None,
    html: str | None,
    charset: str,
    attachments: Sequence[InboundFileSpec],
) -> None:
    codec = _codec(charset)
    if text is not None:
        message.set_content(text, charset=codec)
        if html is not None:
            message.add_alternative(html, subtype="html", charset=codec)
    elif html is not None:
        message.set_content(html, subtype="html", charset=codec)
    for filename, content_type, content in attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)


def _codec(charset: str) -> str:
    """``charset`` if Python knows it, else UTF-8 (for "unknown charset" scenarios)."""
    try:
        codecs.lookup(charset)
    except LookupError:
        return "utf-8"
    return charset
