"""Contacts: one person across channels, with normalised phones and e-mails."""

from __future__ import annotations

import re
from datetime import datetime

import msgspec
import phonenumbers

from crystalbay.errors import InvalidValue

__all__ = ["ChannelIdentity", "Contact", "normalize_email", "normalize_phone"]

# Deliberately simple: one "@", a non-empty local part without spaces, and a dotted domain whose
# labels are letters, digits or hyphens. Full RFC 5322 syntax (quoted locals, IP literals) is
# not accepted from customers' forms on purpose.
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@"
    r"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
)


def normalize_phone(raw: str, *, region: str = "KZ", field: str = "phone") -> str:
    """Return ``raw`` as an E.164 number (``+77011234567``).

    Args:
        raw: A phone as people type it: spaces, brackets, dashes, a leading ``8`` or ``+``.
        region: ISO country code used when the number has no international prefix.
        field: The input field named in the error.

    Raises:
        InvalidValue: The text is not a possible phone number.
    """
    text = raw.strip()
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidValue(f"{raw!r} is not a phone number: {exc}", field=field) from exc
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        raise InvalidValue(
            f"{raw!r} is not a valid phone number; write it with the country code, "
            "e.g. +7 701 123 45 67",
            field=field,
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(raw: str, *, field: str = "email") -> str:
    """Return ``raw`` trimmed and lower-cased.

    Raises:
        InvalidValue: The text is not an e-mail address.
    """
    text = raw.strip().lower()
    if not _EMAIL.match(text) or ".." in text:
        raise InvalidValue(f"{raw!r} is not an e-mail address", field=field)
    return text


class ChannelIdentity(msgspec.Struct, frozen=True, kw_only=True):
    """How a channel knows the person, e.g. ``telegram`` / ``123456789``."""

    channel: str
    address: str


class Contact(msgspec.Struct, frozen=True, kw_only=True):
    """A person, possibly reachable through several channels.

    Attributes:
        id: Database id; ``None`` before the contact is stored.
        name: Display name as the person gave it.
        phones: E.164 phones.
        emails: Lower-cased e-mails.
        identities: Channel-specific identities (Telegram user id, Instagram handle, ...).
        merged_into: Set when this contact was merged into another one.
    """

    id: int | None = None
    name: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    identities: tuple[ChannelIdentity, ...] = ()
    merged_into: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
