"""``/settings`` (administrators only): API keys, website-widget keys and users.

A new key's secret is shown once, in the answer to the request that created it; only its
hash is stored.
"""

from __future__ import annotations

import re
from typing import Annotated

import msgspec
from litestar import Controller, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Template

from crystalbay.domain.accounts import Role
from crystalbay.errors import Conflict, InvalidTransition, InvalidValue, NotFound
from crystalbay.services.user_admin import UserAdminService
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.pages.settings import index_context
from crystalbay_web.sessions import current_user, require_admin

__all__ = ["KeyForm", "SettingsAccountsController", "UserForm"]

Form = Body(media_type=RequestEncodingType.URL_ENCODED)
Short = Annotated[str, msgspec.Meta(max_length=200)]


class KeyForm(msgspec.Struct, frozen=True, kw_only=True):
    """A new key: its name and, for a widget key, the allowed origins (one per line)."""

    name: Short = ""
    origins: Annotated[str, msgspec.Meta(max_length=4000)] = ""


class UserForm(msgspec.Struct, frozen=True, kw_only=True):
    """A new user."""

    username: Short = ""
    display_name: Short = ""
    password: Short = ""
    role: Role = Role.MANAGER


class RoleForm(msgspec.Struct, frozen=True, kw_only=True):
    """A user's new role."""

    role: Role


class ActiveForm(msgspec.Struct, frozen=True, kw_only=True):
    """``1`` activates, anything else deactivates."""

    active: str = ""


async def _page(request: AnyRequest, *, error: str | None = None, **extra: object) -> Template:
    context = await index_context(request, error=error, **extra)
    return Template("settings/index.html", context=context, status_code=422 if error else 200)


class SettingsAccountsController(Controller):
    """Keys and users."""

    path = "/settings"
    include_in_schema = False
    guards = [require_admin]  # noqa: RUF012 - Litestar's declared attribute

    @post("/keys", status_code=200)
    async def create_key(
        self, request: AnyRequest, hub: HubDep, data: Annotated[KeyForm, Form]
    ) -> Template:
        """Create an API key and show its secret once."""
        key, secret = await hub.accounts.create_api_key(data.name)
        return await _page(request, new_key=key, new_secret=secret)

    @post("/widget-keys", status_code=200)
    async def create_widget_key(
        self, request: AnyRequest, hub: HubDep, data: Annotated[KeyForm, Form]
    ) -> Template:
        """Create a widget key bound to the given origins and show its secret once."""
        origins = [o for o in re.split(r"[\s,]+", data.origins) if o]
        try:
            key, secret = await hub.accounts.create_widget_key(data.name, origins)
        except InvalidValue as exc:
            return await _page(request, error=exc.detail, widget_form=data)
        return await _page(request, new_key=key, new_secret=secret)

    @post("/keys/{key_id:int}/revoke", status_code=200)
    async def revoke_key(self, request: AnyRequest, hub: HubDep, key_id: FromPath[int]) -> Template:
        """Revoke a key at once."""
        key = await hub.accounts.revoke_key(key_id)
        return await _page(request, notice_key=key)

    @post("/users", status_code=200)
    async def create_user(
        self, request: AnyRequest, hub: HubDep, data: Annotated[UserForm, Form]
    ) -> Template:
        """Create a dashboard user."""
        users = UserAdminService(hub.accounts)
        try:
            user = await users.create_user(
                data.username, data.password, data.role, data.display_name
            )
        except (InvalidValue, Conflict) as exc:
            return await _page(request, error=exc.detail, user_form=data)
        return await _page(request, notice_user=user.username)

    @post("/users/{username:str}/role", status_code=200)
    async def set_role(
        self,
        request: AnyRequest,
        hub: HubDep,
        username: FromPath[str],
        data: Annotated[RoleForm, Form],
    ) -> Template:
        """Change a user's role (the last administrator stays one)."""
        me = current_user(request)
        try:
            user = await UserAdminService(hub.accounts).set_role(
                username, data.role, by=me.username
            )
        except (InvalidTransition, NotFound) as exc:
            return await _page(request, error=exc.detail)
        return await _page(request, notice_user=user.username)

    @post("/users/{username:str}/active", status_code=200)
    async def set_active(
        self,
        request: AnyRequest,
        hub: HubDep,
        username: FromPath[str],
        data: Annotated[ActiveForm, Form],
    ) -> Template:
        """Activate or deactivate a user (not yourself, not the last administrator)."""
        me = current_user(request)
        users = UserAdminService(hub.accounts)
        try:
            user = await users.set_active(username, active=data.active == "1", by=me.username)
        except (InvalidTransition, NotFound) as exc:
            return await _page(request, error=exc.detail)
        return await _page(request, notice_user=user.username)
