"""Crystal Bay web app: JSON API, webhooks and dashboard (Litestar).

``create_app`` is imported on first use: every ``crystalbay`` command loads this package's
plugin (for ``crystalbay serve`` and live updates), and building the whole app's import graph
would slow down commands that never serve HTTP.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crystalbay_web.asgi import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the named module defines
    if name == "create_app":
        return importlib.import_module("crystalbay_web.asgi").create_app
    raise AttributeError(f"module 'crystalbay_web' has no attribute {name!r}")
