"""Dashboard sessions: who is logged in, and the guards pages use.

The session lives in an encrypted, signed cookie (Litestar's client-side session backend).
It holds the username and a stamp of the password hash, so a password change ends the other
sessions of that user. Each page request re-reads the user, so a deactivated account or a
changed role takes effect at once.

Pages use :func:`require_user` (every dashboard page; routers get it by default) and
:func:`require_admin` (settings, users). Inside a handler, :func:`current_user` returns the
:class:`SessionUser` the guard stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException

from crystalbay.domain.accounts import Role, User
from crystalbay_web.deps import AnyConnection, AnyRequest

if TYPE_CHECKING:
    from litestar.handlers.base import BaseRouteHandler

    from crystalbay.hub import Hub

__all__ = [
    "LoginRequired",
    "SessionUser",
    "current_user",
    "end_session",
    "require_admin",
    "require_user",
    "start_session",
]

_USER_KEY = "user"
_STAMP_KEY = "stamp"


class LoginRequired(NotAuthorizedException):
    """No valid session: pages answer with a redirect to ``/login``."""


class SessionUser(msgspec.Struct, frozen=True, kw_only=True):
    """The logged-in dashboard user.

    Attributes:
        actor: How the activity log names this user (``user:<username>``).
    """

    username: str
    role: Role
    display_name: str = ""

    @property
    def is_admin(self) -> bool:
        """Admins see and change everything, settings and users included."""
        return self.role is Role.ADMIN

    @property
    def actor(self) -> str:
        """The activity-log name of this user."""
        return f"user:{self.username}"

    @property
    def label(self) -> str:
        """Display name, or the username when there is none."""
        return self.display_name or self.username

    def can_see(self, assignee: str | None) -> bool:
        """Whether a lead assigned to ``assignee`` is visible: admins all, managers own or free."""
        return self.is_admin or assignee in (None, self.username)


def start_session(request: AnyRequest, user: User, stamp: str) -> None:
    """Log ``user`` in: the session cookie is replaced as a whole (nothing carries over)."""
    request.set_session({_USER_KEY: user.username, _STAMP_KEY: stamp})


def end_session(request: AnyRequest) -> None:
    """Log out."""
    request.clear_session()


async def _load(connection: AnyConnection) -> SessionUser | None:
    cached = connection.state.get("user")
    if isinstance(cached, SessionUser):
        return cached
    session = connection.scope.get("session")
    if not isinstance(session, dict):
        return None
    username, stamp = session.get(_USER_KEY), session.get(_STAMP_KEY)
    if not isinstance(username, str):
        return None
    hub: Hub = connection.app.state.hub
    found = await hub.accounts.session_user(username)
    if found is None or found[1] != stamp:
        return None
    user = found[0]
    who = SessionUser(username=user.username, role=user.role, display_name=user.display_name)
    connection.state.user = who
    return who


async def require_user(connection: AnyConnection, _: BaseRouteHandler) -> None:
    """Guard: a logged-in, active user (otherwise :class:`LoginRequired`)."""
    if await _load(connection) is None:
        raise LoginRequired("log in to use the dashboard")


async def require_admin(connection: AnyConnection, _: BaseRouteHandler) -> None:
    """Guard: a logged-in administrator (403 for managers)."""
    user = await _load(connection)
    if user is None:
        raise LoginRequired("log in to use the dashboard")
    if not user.is_admin:
        raise PermissionDeniedException("only administrators may open this page")


def current_user(connection: AnyConnection) -> SessionUser:
    """The user a guard stored on this request.

    Raises:
        LoginRequired: The handler has no :func:`require_user` guard in front of it.
    """
    user = connection.state.get("user")
    if not isinstance(user, SessionUser):
        raise LoginRequired("log in to use the dashboard")
    return user
