"""Crystal Bay web app: JSON API, webhooks and dashboard (Litestar)."""

from crystalbay_web.asgi import create_app

__all__ = ["create_app"]
