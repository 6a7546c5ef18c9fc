"""The dashboard's messages: Russian by default, English on request, from gettext catalogues.

The strings live in ``locale/<lang>/LC_MESSAGES/dashboard.po`` (the message key is the
``msgid``); a build compiles them to ``.mo`` files (``apps/web/hatch_build.py``), which this
module loads. Templates call ``t("key")``; the language comes from ``?lang=``, the ``lang``
cookie, then the ``Accept-Language`` header (see :func:`choose_language`). A key missing from
the catalogues is shown as itself, which makes a forgotten string visible.

A plugin with pages of its own adds its strings with :func:`add_messages`; they fill keys the
compiled catalogues do not have::

    add_messages({"myplugin.title": ("Мой модуль", "My module")})
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

from crystalbay_web.deps import AnyConnection

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LANG_COOKIE",
    "CataloguesNotCompiledError",
    "add_messages",
    "catalogue",
    "choose_language",
    "current_language",
    "language_of",
    "remember_language",
    "t",
]

DEFAULT_LANGUAGE = "ru"
LANGUAGES: tuple[str, ...] = ("ru", "en")
LANG_COOKIE = "lang"
DOMAIN = "dashboard"

_EXTRA: dict[str, dict[str, str]] = {"ru": {}, "en": {}}
_CURRENT: ContextVar[str] = ContextVar("crystalbay_language", default=DEFAULT_LANGUAGE)


class CataloguesNotCompiledError(RuntimeError):
    """The ``.mo`` files are missing: the package was not built (or installed) from source."""


@cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (loaded once per process).

    Raises:
        CataloguesNotCompiledError: The package was not built, so there is no ``.mo`` file.
    """
    path = files("crystalbay_web") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except FileNotFoundError as exc:
        raise CataloguesNotCompiledError(
            f"{path} is missing: the dashboard's catalogues are compiled when the package is "
            "built; run `uv sync --reinstall-package crystalbay-web` (or install the wheel)"
        ) from exc


def add_messages(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add ``key -> (russian, english)`` pairs for keys the compiled catalogues lack."""
    for key, (ru, en) in messages.items():
        _EXTRA["ru"][key] = ru
        _EXTRA["en"][key] = en


def _lookup(key: str, lang: str) -> str | None:
    text = catalogue(lang).gettext(key)
    return text if text != key else _EXTRA[lang].get(key)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    text = _lookup(key, lang) or _lookup(key, DEFAULT_LANGUAGE) or key
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
