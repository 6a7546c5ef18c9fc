"""What Telegram puts in a message for each kind of file a person sends (Bot API objects).

Only the fields aiogram requires and a few realistic extras; ``file_id`` values are unique
per fake and look nothing like a URL (Telegram's are opaque base64 strings).
"""

from __future__ import annotations

__all__ = ["MEDIA_KINDS", "media_content"]

MEDIA_KINDS = (
    "photo",
    "sticker",
    "voice",
    "video",
    "video_note",
    "audio",
    "document",
    "animation",
)
"""Kinds :func:`media_content` builds."""

_EXTRAS: dict[str, dict[str, object]] = {
    "sticker": {
        "type": "regular", "width": 512, "height": 512, "is_animated": False,
        "is_video": False, "emoji": "👍", "set_name": "CrystalBayFriends",
    },
    "voice": {"duration": 4, "mime_type": "audio/ogg"},
    "video": {"width": 1280, "height": 720, "duration": 12, "mime_type": "video/mp4"},
    "video_note": {"length": 384, "duration": 6},
    "audio": {"duration": 185, "mime_type": "audio/mpeg", "file_name": "song.mp3"},
    "document": {"file_name": "passport.pdf", "mime_type": "application/pdf"},
    "animation": {
        "width": 320, "height": 240, "duration": 3, "file_name": "hello.mp4",
        "mime_type": "video/mp4",
    },
}  # fmt: skip


def media_content(kind: str, number: int) -> dict[str, object]:
    """The message fields for one file of ``kind``; ``number`` makes its ids unique.

    Raises:
        ValueError: ``kind`` is not one of :data:`MEDIA_KINDS`.
    """
    if kind not in MEDIA_KINDS:
        raise ValueError(f"unknown media kind {kind!r}; use one of {', '.join(MEDIA_KINDS)}")
    file = {"file_id": _file_id(kind, number), "file_unique_id": f"AQAD{number:06d}"}
    if kind == "photo":
        small = {**file, "file_id": file["file_id"] + "s", "width": 90, "height": 68}
        return {"photo": [small, {**file, "width": 1280, "height": 960, "file_size": 154_321}]}
    content: dict[str, object] = {kind: {**file, **_EXTRAS[kind]}}
    if kind == "animation":  # Telegram adds the document too, for older clients
        content["document"] = {**file, "file_name": "hello.mp4", "mime_type": "video/mp4"}
    return content


def _file_id(kind: str, number: int) -> str:
    return f"BQACAgIAAxkBAAI{kind.upper().replace('_', '')}{number:06d}AAHZ"
