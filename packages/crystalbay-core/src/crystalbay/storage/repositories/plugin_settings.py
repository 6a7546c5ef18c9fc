"""Plugin settings edited in the dashboard."""

from __future__ import annotations

from crystalbay.storage.tables import PluginSetting

__all__ = ["PluginSettingRepository"]


class PluginSettingRepository:
    """The only code that queries the plugin settings table."""

    async def all(self) -> dict[str, dict[str, str]]:
        """Every stored value, by plugin then key."""
        result: dict[str, dict[str, str]] = {}
        for row in await PluginSetting.select():
            result.setdefault(row["plugin"], {})[row["key"]] = row["value"]
        return result

    async def put(self, plugin: str, key: str, value: str) -> None:
        """Store (or replace) one value."""
        await PluginSetting.delete().where(
            (PluginSetting.plugin == plugin) & (PluginSetting.key == key)
        )
        await PluginSetting.insert(PluginSetting(plugin=plugin, key=key, value=value))
