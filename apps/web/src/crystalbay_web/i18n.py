"""A tiny message catalogue for the dashboard: Russian by default, English on request.

Templates call ``t("key")``; the language comes from ``?lang=``, the ``lang`` cookie, then the
``Accept-Language`` header (see :func:`choose_language`). A page module keeps its own strings
with :func:`add_messages` so that modules never edit one shared dictionary::

    add_messages({"tours.title": ("Туры", "Tours")})

A key missing from the catalogue is shown as itself, which makes a forgotten string visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar

from crystalbay_web.catalogue import MESSAGES
from crystalbay_web.catalogue_leads import LEAD_MESSAGES
from crystalbay_web.deps import AnyConnection

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANG_COOKIE",
    "add_messages",
    "choose_language",
    "current_language",
    "language_of",
    "remember_language",
    "t",
]

DEFAULT_LANGUAGE = "ru"
LANGUAGES: tuple[str, ...] = ("ru", "en")
LANG_COOKIE = "lang"

_CATALOGUE: dict[str, dict[str, str]] = {"ru": {}, "en": {}}
_CURRENT: ContextVar[str] = ContextVar("crystalbay_language", default=DEFAULT_LANGUAGE)


def add_messages(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add ``key -> (russian, english)`` pairs to the catalogue (a later call wins)."""
    for key, (ru, en) in messages.items():
        _CATALOGUE["ru"][key] = ru
        _CATALOGUE["en"][key] = en


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    text = _CATALOGUE.get(lang, _CATALOGUE[DEFAULT_LANGUAGE]).get(key)
    if text is None:
        text = _CATALOGUE[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**values) if values else text


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """Pick the language: explicit query, then cookie, then the browser's preference."""
    for explicit in (query, cookie):
        if explicit in LANGUAGES:
            return explicit
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def language_of(connection: AnyConnection) -> str:
    """The language of this request (computed once, then kept on the connection's state)."""
    cached = connection.state.get("lang")
    if isinstance(cached, str):
        return cached
    lang = choose_language(
        connection.query_params.get("lang"),
        connection.cookies.get(LANG_COOKIE),
        connection.headers.get("accept-language"),
    )
    connection.state.lang = lang
    return lang


async def remember_language(connection: AnyConnection) -> None:
    """``before_request`` hook: make the request's language the :func:`current_language`.

    Templates imported without context (``{% import "_macros.html" as m %}``) have no
    ``request``; their ``t()`` calls fall back to this.
    """
    _CURRENT.set(language_of(connection))


def current_language() -> str:
    """The language set by :func:`remember_language` for the request being handled."""
    return _CURRENT.get()


add_messages(MESSAGES)
add_messages(LEAD_MESSAGES)
