"""Piccolo app configuration: the tables and the migrations folder."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from crystalbay.storage.tables import ALL_TABLES

APP_CONFIG = AppConfig(
    app_name="crystalbay",
    migrations_folder_path=str(Path(__file__).parent / "migrations"),
    table_classes=list(ALL_TABLES),
    migration_dependencies=[],
    commands=[],
)
