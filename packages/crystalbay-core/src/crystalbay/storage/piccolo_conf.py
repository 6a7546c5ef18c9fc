"""Piccolo configuration module (``PICCOLO_CONF``).

``DB`` is set by :func:`crystalbay.storage.engine.bind`; Piccolo's migration machinery reads it
from here. The ``piccolo`` CLI (e.g. ``piccolo migrations new crystalbay --auto``) gets an engine
from ``DATABASE_URL`` when it imports this module directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from piccolo.conf.apps import AppRegistry

if TYPE_CHECKING:
    from piccolo.engine.base import Engine

APP_REGISTRY = AppRegistry(apps=["crystalbay.storage.piccolo_app"])

DB: Engine[Any] | None = None


def _default_engine() -> Engine[Any]:
    from crystalbay.settings import Settings  # noqa: PLC0415 - avoids an import cycle
    from crystalbay.storage.engine import make_engine  # noqa: PLC0415

    return make_engine(Settings.from_env().database_url)


if DB is None:
    DB = _default_engine()
