"""Validated adapter registries, filled from the registration hooks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

from crystalbay.errors import PluginValidationError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Mapping[str, T], Generic[T]):
    """Adapters of one port by name; who registered each is remembered.

    Args:
        port: The runtime-checkable Protocol every adapter must satisfy.
        hook: The registration hook's name (for error messages).
    """

    def __init__(self, port: Any, hook: str) -> None:  # noqa: ANN401 - a Protocol class
        self.port = port
        self.hook = hook
        self._items: dict[str, T] = {}
        self.owners: dict[str, str] = {}

    def add_all(self, plugin: str, adapters: Iterable[object] | None) -> None:
        """Validate and add what one plugin returned.

        Raises:
            PluginValidationError: An adapter does not satisfy the port or its name is taken.
        """
        for adapter in adapters or ():
            if not isinstance(adapter, self.port):
                raise PluginValidationError(
                    f"{adapter!r} does not implement {self.port.__name__}",
                    plugin=plugin,
                    hook=self.hook,
                )
            name = getattr(adapter, "name", None)
            if not isinstance(name, str) or not name:
                raise PluginValidationError("adapter has no name", plugin=plugin, hook=self.hook)
            if name in self._items:
                raise PluginValidationError(
                    f"name {name!r} is already registered by plugin {self.owners[name]!r}",
                    plugin=plugin,
                    hook=self.hook,
                )
            self._items[name] = cast("T", adapter)
            self.owners[name] = plugin

    def __getitem__(self, name: str) -> T:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def replace_with(self, other: Registry[T]) -> None:
        """Take ``other``'s adapters in place of this one's (services keep their reference)."""
        self._items = dict(other._items)
        self.owners = dict(other.owners)

    def fresh(self) -> Registry[T]:
        """An empty registry for the same port and hook."""
        return Registry(self.port, self.hook)
