"""The Jinja environment of the dashboard: templates, globals and filters.

Every template sees (besides Litestar's ``csrf_token()``, ``url_for`` and ``request``):

* ``t(key, default=None, **values)``: the message in the request's language
  (:mod:`crystalbay_web.i18n`); ``default`` (else the key) when the catalogue lacks it;
* ``csrf_field()``: the hidden CSRF input every ``<form method="post">`` must contain;
* ``lang()``: the request's language code; ``user()``: the :class:`SessionUser` or ``None``;
* ``NAV``: the main menu entries; ``stage_label(stage)``, ``outcome_label(outcome)``;
* filters ``dt`` (a ``<time>`` element the browser shows in local time) and ``date_input``
  (the value of an ``<input type="datetime-local">``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
from jinja2 import Environment, FileSystemLoader, pass_context
from jinja2.runtime import Context
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from litestar.utils.scope.state import ScopeState
from markupsafe import Markup, escape

from crystalbay.domain.pipeline import Outcome, Stage, outcome_label, stage_label
from crystalbay_web.i18n import current_language, language_of, t
from crystalbay_web.pages.lead_files import file_url
from crystalbay_web.sessions import SessionUser

__all__ = ["NAV", "TEMPLATES", "NavItem", "template_config"]

TEMPLATES = Path(__file__).parent / "templates"
"""The template folder; page modules put theirs in a sub-folder (``leads/``, ``tours/``...)."""


class NavItem(msgspec.Struct, frozen=True, kw_only=True):
    """A main-menu entry: message key, link, and whether only admins see it."""

    key: str
    href: str
    admin_only: bool = False


NAV: tuple[NavItem, ...] = (
    NavItem(key="nav.leads", href="/leads"),
    NavItem(key="nav.tours", href="/tours"),
    NavItem(key="nav.bookings", href="/bookings"),
    NavItem(key="nav.analytics", href="/analytics"),
    NavItem(key="nav.settings", href="/settings", admin_only=True),
)


def _lang(context: Context) -> str:
    request = context.get("request")
    return language_of(request) if request is not None else current_language()


@pass_context
def _t(context: Context, key: str, default: str | None = None, **values: object) -> str:
    text = t(key, _lang(context), **values)
    return default if text == key and default is not None else text


@pass_context
def _user(context: Context) -> SessionUser | None:
    request = context.get("request")
    user = request.state.get("user") if request is not None else None
    return user if isinstance(user, SessionUser) else None


@pass_context
def _stage_label(context: Context, stage: Stage | str) -> str:
    return stage_label(Stage(stage), _lang(context))


@pass_context
def _outcome_label(context: Context, outcome: Outcome | str) -> str:
    return outcome_label(Outcome(outcome), _lang(context))


@pass_context
def _csrf_field(context: Context) -> Markup:
    request = context.get("request")
    token = ScopeState.from_scope(request.scope).csrf_token if request is not None else ""
    value = escape(token if isinstance(token, str) else "")
    return Markup(f'<input type="hidden" name="_csrf_token" value="{value}">')  # noqa: S704


def _dt(value: datetime | None, fmt: str = "%d.%m.%Y %H:%M") -> Markup:
    """A ``<time>`` element: UTC text, turned into local time by ``app.js``."""
    if value is None:
        return Markup("")
    iso = escape(value.isoformat())
    return Markup(f'<time datetime="{iso}">{escape(value.strftime(fmt))} UTC</time>')  # noqa: S704


def _date_input(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if value else ""


def build_environment() -> Environment:
    """A Jinja environment over :data:`TEMPLATES` with the dashboard's globals."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.globals.update(
        t=_t,
        lang=pass_context(_lang),
        user=_user,
        csrf_field=_csrf_field,
        NAV=NAV,
        STAGES=tuple(Stage),
        stage_label=_stage_label,
        outcome_label=_outcome_label,
        file_url=file_url,
    )
    env.filters.update(dt=_dt, date_input=_date_input)
    return env


def template_config() -> TemplateConfig[Any]:
    """Litestar's template configuration for the dashboard."""
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(build_environment()))
