"""Mail Send validation as the fake applies it: SendGrid's documented 400 rules.

Messages marked "contract" are quoted verbatim from ``shared/contracts/sendgrid.md``; the
others are constructed in SendGrid's style (the contract names the rule, not the wording).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ErrorDict", "error", "validate_mail"]

ErrorDict = dict[str, str | None]
_HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message."
_EMAIL = re.compile(r"^[^@\s<>;,]+@[^@\s<>;,]+\.[^@\s<>;,]+$")
_MAX_PERSONALIZATIONS = 1000
_MAX_RECIPIENTS = 1000
_MAX_CUSTOM_ARGS_BYTES = 10_000
_MAX_CATEGORIES = 10
_MAX_CATEGORY_LENGTH = 255
_TO_REQUIRED = (  # contract
    "The to array is required for all personalization objects, and must have at least "
    "one email object with a valid email address."
)
_DUPLICATE = (
    "Each email address in the personalization block should be unique between to, cc, and "
    "bcc. We found the first duplicate instance of [{email}] in the {field} field."
)
_TYPE_NAMES = {str: "string", list: "array", int: "integer", float: "number", bool: "boolean"}


def error(message: str, field: str | None = None, *, with_help: bool = True) -> ErrorDict:
    """One ``errors[]`` entry: ``{"message", "field", "help"}``."""
    help_url = _HELP + field.replace(".0", "").replace("_", "-") if field and with_help else None
    return {"message": message, "field": field, "help": help_url}


def validate_mail(
    payload: object, is_verified: Callable[[str], bool]
) -> tuple[int, list[ErrorDict]]:
    """Check a decoded Mail Send body; return ``(status, errors)``, ``(202, [])`` when valid."""
    if not isinstance(payload, dict):
        return 400, [error("Bad Request", None)]  # constructed
    errors = [*_personalizations(payload), *_sender(payload), *_subject(payload)]
    errors += [*_content(payload), *_categories(payload), *_attachments(payload)]
    if errors:
        return 400, errors
    sender = payload["from"]["email"]
    if not is_verified(str(sender).lower()):
        message = (  # contract
            "The from address does not match a verified Sender Identity. Mail cannot be sent "
            "until this error is resolved. Visit https://sendgrid.com/docs/for-developers/"
            "sending-email/sender-identity/ to see the Sender Identity requirements"
        )
        return 403, [{"message": message, "field": "from", "help": None}]
    return 202, []


def _personalizations(payload: dict[str, object]) -> list[ErrorDict]:
    items = payload.get("personalizations")
    if not isinstance(items, list) or not items:
        message = (
            "The personalizations field is required and must have at least one personalization."
        )
        return [error(message, "personalizations")]  # contract
    if len(items) > _MAX_PERSONALIZATIONS:
        return [
            error("The personalizations field may contain at most 1000 items.", "personalizations")
        ]
    errors: list[ErrorDict] = []
    total = 0
    for index, item in enumerate(items):
        item_errors, count = _personalization(index, item)
        errors += item_errors
        total += count
    if total > _MAX_RECIPIENTS:
        errors.append(
            error("The total number of recipients must be no more than 1000.", "personalizations")
        )
    return errors


def _personalization(index: int, item: object) -> tuple[list[ErrorDict], int]:
    where = f"personalizations.{index}"
    if not isinstance(item, dict):
        return [error(f"Invalid type. Expected: object, given: {_type(item)}.", where)], 0
    to = item.get("to")
    if not isinstance(to, list) or not to or not all(_valid_address(a) for a in to):
        return [error(_TO_REQUIRED, f"{where}.to")], 0
    errors: list[ErrorDict] = []
    seen: set[str] = set()
    count = 0
    for kind in ("to", "cc", "bcc"):
        addresses = item.get(kind) or []
        count += len(addresses)
        errors += [*_addresses(f"{where}.{kind}", addresses, seen)]
    custom_args = item.get("custom_args") or {}
    if len(json.dumps(custom_args).encode()) > _MAX_CUSTOM_ARGS_BYTES:
        errors.append(error("custom_args may not exceed 10,000 bytes.", f"{where}.custom_args"))
    return errors, count


def _addresses(field: str, addresses: list[object], seen: set[str]) -> list[ErrorDict]:
    """Duplicates across to/cc/bcc and names with ``;`` or ``,`` are 400s (contract)."""
    errors: list[ErrorDict] = []
    for address in addresses:
        fields = address if isinstance(address, dict) else {}
        email = str(fields.get("email", "")).lower()
        if email in seen:
            errors.append(error(_DUPLICATE.format(email=email, field=field), field))
        seen.add(email)
        if any(c in str(fields.get("name") or "") for c in ";,"):
            errors.append(error("The name of an address may not contain ';' or ','.", field))
    return errors


def _sender(payload: dict[str, object]) -> list[ErrorDict]:
    sender = payload.get("from")
    if sender is None:
        return [error("The from object must be provided for every email send.", "from")]
    if not isinstance(sender, dict):
        # The wording is the contract's ("... given: string.")
        return [error(f"Invalid type. Expected: object, given: {_type(sender)}.", "from")]
    email = sender.get("email")
    if not isinstance(email, str) or not email.isascii() or not _EMAIL.match(email):
        return [error("The from email does not contain a valid address.", "from.email")]
    return []


def _subject(payload: dict[str, object]) -> list[ErrorDict]:
    if _non_empty(payload.get("subject")) or payload.get("template_id"):
        return []
    items = payload.get("personalizations")
    if (
        isinstance(items, list)
        and items
        and all(isinstance(p, dict) and _non_empty(p.get("subject")) for p in items)
    ):
        return []
    return [
        error(
            "The subject is required. You can get around this requirement if you use a "
            "template with a subject defined or if every personalization has a subject "
            "defined.",
            "subject",
        )
    ]


def _content(payload: dict[str, object]) -> list[ErrorDict]:
    content = payload.get("content")
    if content is None and payload.get("template_id"):
        return []
    if not isinstance(content, list) or not content:
        return [
            error(
                "Unless a valid template_id is provided, the content parameter is "
                "required. There must be at least one defined content block.",
                "content",
            )
        ]
    for index, block in enumerate(content):
        if not isinstance(block, dict) or not _non_empty(block.get("value")):
            return [
                error(
                    "The content value must be a string at least one character in length.",
                    f"content.{index}.value",
                )
            ]
    types = [block.get("type") for block in content]
    if (
        "text/plain" in types
        and "text/html" in types
        and types.index("text/plain") > types.index("text/html")
    ):
        return [
            error(
                "If present, text/plain content must be first, followed by text/html, "
                "followed by any other content.",
                "content",
            )
        ]
    return []


def _categories(payload: dict[str, object]) -> list[ErrorDict]:
    categories = payload.get("categories")
    if categories is None:
        return []
    if (
        not isinstance(categories, list)
        or len(categories) > _MAX_CATEGORIES
        or len(set(map(str, categories))) != len(categories)
        or any(len(str(c)) > _MAX_CATEGORY_LENGTH for c in categories)
    ):
        return [
            error(
                "Categories must be unique, at most 10, each at most 255 characters.", "categories"
            )
        ]
    return []


def _attachments(payload: dict[str, object]) -> list[ErrorDict]:
    attachments = payload.get("attachments") or []
    if not isinstance(attachments, list):
        return [
            error(f"Invalid type. Expected: array, given: {_type(attachments)}.", "attachments")
        ]
    for index, item in enumerate(attachments):
        if not isinstance(item, dict) or not _non_empty(item.get("content")):
            return [error("The attachment content is required.", f"attachments.{index}.content")]
        if not _non_empty(item.get("filename")):
            return [error("The attachment filename is required.", f"attachments.{index}.filename")]
    return []


def _valid_address(address: object) -> bool:
    return (
        isinstance(address, dict)
        and isinstance(address.get("email"), str)
        and bool(_EMAIL.match(address["email"]))
    )


def _non_empty(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _type(value: object) -> str:
    return _TYPE_NAMES.get(type(value), "null" if value is None else type(value).__name__)
