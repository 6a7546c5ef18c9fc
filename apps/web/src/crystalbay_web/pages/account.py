"""Log in, log out, choose the language, change the password."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from crystalbay.errors import AuthenticationError, InvalidValue
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.i18n import LANG_COOKIE, LANGUAGES, language_of, t
from crystalbay_web.ratelimit import LoginLimiter
from crystalbay_web.sessions import current_user, end_session, start_session

__all__ = [
    "PUBLIC_HANDLERS",
    "LoginForm",
    "PasswordForm",
    "change_password",
    "login",
    "login_page",
    "logout",
    "password_page",
    "safe_next",
    "set_language",
]

_LANG_COOKIE_AGE = 365 * 24 * 3600


class LoginForm(msgspec.Struct, frozen=True, kw_only=True):
    """The login form."""

    username: str = ""
    password: str = ""
    next: str = ""


class PasswordForm(msgspec.Struct, frozen=True, kw_only=True):
    """The password change form."""

    current_password: str = ""
    new_password: str = ""
    repeat_password: str = ""


def safe_next(target: str | None, default: str = "/leads") -> str:
    """A local path to go to after login (anything else, e.g. ``//evil``, gives ``default``)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def _login_template(request: AnyRequest, status: int = 200, **context: object) -> Template:
    base = {"next": safe_next(request.query_params.get("next")), "username": ""}
    notice = t("login.logged_out", language_of(request)) if "out" in request.query_params else None
    return Template("login.html", context={**base, "notice": notice, **context}, status_code=status)


@get("/login", include_in_schema=False)
async def login_page(request: AnyRequest) -> Template:
    """The login form."""
    return _login_template(request)


@post("/login", include_in_schema=False, status_code=200)
async def login(
    request: AnyRequest,
    hub: HubDep,
    data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    """Check the password (throttled per username and IP) and start a session."""
    limiter: LoginLimiter = request.app.state.login_limiter
    ip = request.client.host if request.client else "unknown"
    lang = language_of(request)
    context = {"next": safe_next(data.next), "username": data.username}
    if await limiter.blocked(data.username, ip):
        minutes = max(1, int(limiter.window // 60))
        error = t("login.limited", lang, minutes=minutes)
        return _login_template(request, 429, error=error, **context)
    try:
        user = await hub.accounts.authenticate(data.username, data.password)
        found = await hub.accounts.session_user(user.username)
    except AuthenticationError:
        found = None
    if found is None:
        await limiter.failed(data.username, ip)
        return _login_template(request, 401, error=t("login.failed", lang), **context)
    await limiter.succeeded(data.username, ip)
    start_session(request, *found)
    return Redirect(safe_next(data.next), status_code=303)


@post("/logout", include_in_schema=False, status_code=303)
async def logout(request: AnyRequest) -> Redirect:
    """End the session."""
    end_session(request)
    return Redirect("/login?out=1", status_code=303)


@get("/lang/{code:str}", include_in_schema=False)
async def set_language(request: AnyRequest, code: FromPath[str]) -> Redirect:
    """Remember the language in a cookie and go back."""
    target = safe_next(request.query_params.get("next"))
    response = Redirect(target)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=_LANG_COOKIE_AGE, samesite="lax")
    return response


@get("/account/password", include_in_schema=False)
async def password_page() -> Template:
    """The password change form."""
    return Template("account/password.html")


@post("/account/password", include_in_schema=False, status_code=200)
async def change_password(
    request: AnyRequest,
    hub: HubDep,
    data: Annotated[PasswordForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template:
    """Change the password; this session stays logged in, the others end."""
    user, lang = current_user(request), language_of(request)
    if data.new_password != data.repeat_password:
        return _password_error(t("password.mismatch", lang))
    try:
        await hub.accounts.change_password(user.username, data.current_password, data.new_password)
    except AuthenticationError:
        return _password_error(t("password.wrong", lang))
    except InvalidValue:
        return _password_error(t("password.short", lang))
    found = await hub.accounts.session_user(user.username)
    if found is not None:
        start_session(request, *found)
    return Template("account/password.html", context={"notice": t("password.changed", lang)})


def _password_error(message: str) -> Template:
    return Template("account/password.html", context={"error": message}, status_code=422)


PUBLIC_HANDLERS = [login_page, login, logout, set_language]
"""Handlers reachable without a session."""
