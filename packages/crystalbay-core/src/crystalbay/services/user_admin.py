"""User administration for the settings page: list, create, change role, (de)activate.

The rules keep the dashboard reachable: the last active administrator can be neither
demoted nor deactivated, and nobody deactivates or demotes themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.accounts import Role, User
from crystalbay.errors import InvalidTransition, NotFound
from crystalbay.storage.tables import UserRow

if TYPE_CHECKING:
    from crystalbay.services.accounts import AccountService

__all__ = ["UserAdminService"]


class UserAdminService:
    """Changes other users' accounts.

    Args:
        accounts: Creates users and hashes passwords.
    """

    def __init__(self, accounts: AccountService) -> None:
        self.accounts = accounts

    async def list_users(self) -> list[User]:
        """Every user by username."""
        return await self.accounts.repo.list_users()

    async def create_user(
        self, username: str, password: str, role: Role, display_name: str = ""
    ) -> User:
        """Create a user (see :meth:`AccountService.create_user` for the rules)."""
        return await self.accounts.create_user(username, password, role, display_name.strip())

    async def set_role(self, username: str, role: Role, *, by: str) -> User:
        """Give ``username`` the ``role``; ``by`` is the administrator doing it.

        Raises:
            NotFound: No such user.
            InvalidTransition: Demoting yourself or the last active administrator.
        """
        user = await self._get(username)
        if user.role is role:
            return user
        if user.role is Role.ADMIN:
            await self._keep_an_admin(user, by, "demote")
        await UserRow.update({UserRow.role: role.value}).where(UserRow.id == user.id)
        return await self._get(username)

    async def set_active(self, username: str, *, active: bool, by: str) -> User:
        """Activate or deactivate ``username`` (a deactivated user cannot log in).

        Raises:
            NotFound: No such user.
            InvalidTransition: Deactivating yourself or the last active administrator.
        """
        user = await self._get(username)
        if user.active is active:
            return user
        if not active:
            await self._keep_an_admin(user, by, "deactivate")
        await UserRow.update({UserRow.active: active}).where(UserRow.id == user.id)
        return await self._get(username)

    async def _get(self, username: str) -> User:
        found = await self.accounts.repo.find_user(username.strip().lower())
        if found is None:
            raise NotFound(f"user {username!r} does not exist", field="username")
        return found[0]

    async def _keep_an_admin(self, user: User, by: str, verb: str) -> None:
        if user.username == by:
            raise InvalidTransition(f"you cannot {verb} yourself", field="username")
        if user.role is not Role.ADMIN or not user.active:
            return
        admins = await UserRow.count().where(
            (UserRow.role == Role.ADMIN.value) & (UserRow.active == True)  # noqa: E712 - SQL
        )
        if admins <= 1:
            raise InvalidTransition(
                f"cannot {verb} the last active administrator; make another user admin first",
                field="username",
            )
