"""bitrix24 plugin (work in progress)."""
