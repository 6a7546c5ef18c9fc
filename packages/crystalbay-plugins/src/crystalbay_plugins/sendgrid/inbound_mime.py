"""The two Inbound Parse modes, decoded into one intermediate shape, then an InboundEmail."""

from __future__ import annotations

import email.errors
import email.policy
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser, Parser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import TYPE_CHECKING, TypeVar

import msgspec

from crystalbay.domain import normalize_email
from crystalbay.errors import IntegrationProtocolError, InvalidValue
from crystalbay_plugins.sendgrid.config import PLUGIN
from crystalbay_plugins.sendgrid.formdata import FormPart
from crystalbay_plugins.sendgrid.models import AttachmentInfo, Envelope, InboundEmail, InboundFile
from crystalbay_plugins.sendgrid.text import decode_text, html_to_text, strip_quoted

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["InboundParts", "default_mode_parts", "raw_mode_parts"]

T = TypeVar("T")
_MAX_EXTERNAL_ID = 200  # messages.external_id is a VARCHAR(200)
_FINGERPRINT_FIELDS = ("headers", "from", "to", "subject", "text", "html", "email")


@dataclass(frozen=True, kw_only=True)
class InboundParts:
    """What either mode yields before the common rules (sender, quotes, ids) apply."""

    headers: Message
    from_value: str
    to_value: str
    subject: str
    text: str | None
    html: str | None
    files: tuple[InboundFile, ...]
    envelope: Envelope | None
    fingerprint: bytes
    raw_mode: bool

    def to_email(self) -> InboundEmail:
        """Apply the common rules.

        Raises:
            IntegrationProtocolError: No usable sender address.
        """
        address, name = self._sender()
        body = self.text if self.text and self.text.strip() else html_to_text(self.html or "")
        message_id = _header(self.headers, "Message-ID").strip().strip("<>").strip() or None
        return InboundEmail(
            external_id=_external_id(message_id, self.fingerprint),
            address=address,
            sender_name=name,
            subject=_decode_words(self.subject).strip(),
            text=strip_quoted(body) if body else "",
            html=self.html,
            to=tuple(addr for _, addr in getaddresses([self.to_value]) if addr),
            files=self.files,
            message_id=message_id,
            in_reply_to=_header(self.headers, "In-Reply-To").strip() or None,
            sent_at=_date(_header(self.headers, "Date")),
            raw_mode=self.raw_mode,
        )

    def _sender(self) -> tuple[str, str | None]:
        """Reply-To (web forms put the customer there), then From, then the envelope."""
        candidates = (
            _header(self.headers, "Reply-To"),
            self.from_value,
            self.envelope.from_ if self.envelope and self.envelope.from_ else "",
        )
        for value in candidates:
            name, address = parseaddr(_decode_words(value))
            try:
                return normalize_email(address), (name.strip() or None)
            except InvalidValue:
                continue
        raise IntegrationProtocolError(
            "Inbound Parse: no sender address in from, Reply-To or envelope", integration=PLUGIN
        )


def default_mode_parts(fields: dict[str, bytes], files: list[FormPart]) -> InboundParts:
    """Fields ``headers``, ``from``, ``text``, ``html``, ``attachmentN``... (Send Raw off)."""
    charsets = _json(fields.get("charsets"), dict[str, str]) or {}
    text = _field_reader(fields, charsets)
    headers = Parser(policy=email.policy.default).parsestr(text("headers") or "", headersonly=True)
    info = _json(fields.get("attachment-info"), dict[str, AttachmentInfo]) or {}
    return InboundParts(
        headers=headers,
        from_value=text("from") or _header(headers, "From"),
        to_value=text("to") or _header(headers, "To"),
        subject=text("subject") or _header(headers, "Subject"),
        text=text("text"),
        html=text("html"),
        files=tuple(_form_file(part, info.get(part.name)) for part in files),
        envelope=_json(fields.get("envelope"), Envelope),
        fingerprint=_fingerprint(fields),
        raw_mode=False,
    )


def raw_mode_parts(fields: dict[str, bytes]) -> InboundParts:
    """Field ``email``: the whole MIME message (Send Raw on).

    The docs' raw-mode table lists ``text``/``html`` but the documented example and the SDK
    samples have neither (contract, "Uncertain"), so bodies and files come from the MIME only.
    """
    charsets = _json(fields.get("charsets"), dict[str, str]) or {}
    text = _field_reader(fields, charsets)
    message = BytesParser(policy=email.policy.default).parsebytes(fields["email"])
    plain = (
        message.get_body(preferencelist=("plain",)) if isinstance(message, EmailMessage) else None
    )
    html = message.get_body(preferencelist=("html",)) if isinstance(message, EmailMessage) else None
    attachments = message.iter_attachments() if isinstance(message, EmailMessage) else iter(())
    return InboundParts(
        headers=message,
        from_value=text("from") or _header(message, "From"),
        to_value=text("to") or _header(message, "To"),
        subject=text("subject") or _header(message, "Subject"),
        text=_part_text(plain),
        html=_part_text(html),
        files=tuple(_mime_file(part, number) for number, part in enumerate(attachments, 1)),
        envelope=_json(fields.get("envelope"), Envelope),
        fingerprint=_fingerprint(fields),
        raw_mode=True,
    )


def _field_reader(
    fields: dict[str, bytes], charsets: dict[str, str]
) -> Callable[[str], str | None]:
    def read(name: str) -> str | None:
        data = fields.get(name)
        return None if data is None else decode_text(data, charsets.get(name))

    return read


def _json(data: bytes | None, type_: type[T]) -> T | None:
    """Decode a JSON field leniently: a broken optional field is ignored, not fatal."""
    if not data:
        return None
    try:
        return msgspec.json.decode(data, type=type_)
    except msgspec.DecodeError:
        return None


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    return "" if value is None else str(value)


def _decode_words(value: str) -> str:
    """Decode RFC 2047 words (``=?koi8-r?B?...?=``) that were left in a field."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError, email.errors.HeaderParseError):
        return value


def _part_text(part: Message | None) -> str | None:
    if part is None:
        return None
    payload = part.get_payload(decode=True)
    return decode_text(payload, part.get_content_charset()) if isinstance(payload, bytes) else None


def _form_file(part: FormPart, info: AttachmentInfo | None) -> InboundFile:
    filename = (info and (info.filename or info.name)) or part.filename or part.name
    return InboundFile(
        filename=filename,
        content_type=(info.type if info and info.type else part.content_type),
        content=part.data,
        content_id=info.content_id if info else None,
    )


def _mime_file(part: Message, number: int) -> InboundFile:
    payload = part.get_payload(decode=True)
    content_id = _header(part, "Content-ID").strip().strip("<>") or None
    return InboundFile(
        filename=part.get_filename() or f"attachment{number}",
        content_type=part.get_content_type(),
        content=payload if isinstance(payload, bytes) else b"",
        content_id=content_id,
    )


def _fingerprint(fields: dict[str, bytes]) -> bytes:
    return b"\0".join(fields.get(name, b"") for name in _FINGERPRINT_FIELDS)


def _external_id(message_id: str | None, fingerprint: bytes) -> str:
    """The Message-ID; a stable content hash when it is missing or too long to store."""
    if message_id and len(message_id) <= _MAX_EXTERNAL_ID:
        return message_id
    source = message_id.encode() if message_id else fingerprint
    return "sha256:" + hashlib.sha256(source).hexdigest()


def _date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value) if value.strip() else None
    except (ValueError, TypeError, IndexError):
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
