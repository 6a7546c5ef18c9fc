"""Text helpers for inbound mail: charset decoding, HTML to text, quoted-history stripping."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["decode_text", "html_to_text", "strip_quoted"]


def decode_text(data: bytes, charset: str | None) -> str:
    """Decode ``data`` in ``charset`` without ever failing.

    Bad bytes become U+FFFD (``errors="replace"``) instead of raising, so one broken byte
    does not lose a customer's message. An unknown or non-text charset name falls back to
    UTF-8 (also with ``errors="replace"``): ASCII text survives intact and the rest is
    replaced rather than mangled by a guess.
    """
    name = (charset or "utf-8").strip().strip("\"'") or "utf-8"
    try:
        # Unknown names and non-text codecs (``base64``, ``zlib``) raise LookupError here.
        return data.decode(name, errors="replace")
    except (LookupError, ValueError, TypeError):
        return data.decode("utf-8", errors="replace")


# -- HTML ------------------------------------------------------------------------------------

_BLOCK = frozenset({"div", "li", "tr", "hr", "pre"})
_PARAGRAPH = frozenset({"p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "divRplyFwdMsg")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._newlines = 2  # trailing line breaks so far; the start counts as a paragraph
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag
            return
        classes = " ".join(value or "" for key, value in attrs if key in ("class", "id"))
        if tag in _HIDDEN or tag == "blockquote" or any(c in classes for c in _QUOTE_CLASSES):
            self._skip_tag, self._skip_depth = tag, 1
        elif tag == "br":
            self._newline(force=True)
        else:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            self._skip_depth -= tag == self._skip_tag
            if self._skip_depth <= 0:
                self._skip_tag = None
        else:
            self._break(tag)

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self._skip_tag is None and text:
            if data[:1].isspace() and not self._newlines:
                text = " " + text
            self.parts.append(text + (" " if data[-1:].isspace() else ""))
            self._newlines = 0

    def _break(self, tag: str) -> None:
        """Block tags end a line, paragraphs leave a blank line; never more than that."""
        wanted = 2 if tag in _PARAGRAPH else 1 if tag in _BLOCK else 0
        while self._newlines < wanted:
            self._newline()

    def _newline(self, *, force: bool = False) -> None:
        if force or self._newlines < 2:  # noqa: PLR2004
            self.parts.append("\n")
            self._newlines += 1


def html_to_text(html: str) -> str:
    """Visible text of ``html``: no scripts, styles or quoted (``blockquote``) history."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # very old or odd markup; keep what was read
        pass
    raw = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in raw.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- quoted history --------------------------------------------------------------------------

_REPLY_HEADERS = (
    re.compile(r"^\s*on\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^.{0,300}(пишет|написал|написала|написал\(а\)):\s*$", re.IGNORECASE),
    re.compile(
        r"^.{0,300}<[^<>\s]+@[^<>\s]+>\s*:\s*$"
    ),  # Gmail/Yandex in Russian: "..., Имя <a@b>:"
    re.compile(r"^\s*-{2,}\s*(original message|исходное сообщение)\s*-{2,}\s*$", re.IGNORECASE),
)
_OUTLOOK_FROM = re.compile(r"^\s*\**(from|от|de):\**\s", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*\**(sent|отправлено):\**\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\**(date|дата|to|кому):\**\s", re.IGNORECASE)


def _is_outlook_header(line: str, following: str) -> bool:
    """Outlook's "From: ... / Sent: ..." block (a bare "From: Almaty" line is not one)."""
    if not _OUTLOOK_FROM.match(line):
        return False
    return bool(_OUTLOOK_SENT.match(following) or ("@" in line and _OUTLOOK_NEXT.match(following)))


def strip_quoted(text: str) -> str:
    """Drop quoted reply history: from the first reply header (or ``>`` block at the end) on.

    Heuristic and conservative: forwarded messages are kept whole, and when stripping would
    leave nothing the original text is returned.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = len(lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        joined = f"{line} {following}"
        if any(p.match(line) for p in _REPLY_HEADERS) or (
            _REPLY_HEADERS[0].match(joined) and line.lower().lstrip().startswith("on ")
        ):
            cut = index
            break
        if _is_outlook_header(line, following):
            cut = index
            break
    kept = lines[:cut]
    while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith(">")):
        kept.pop()
    result = "\n".join(kept).strip()
    return result or text.strip()
