"""Crystal Bay hub core: domain, hook contract, hub, services and storage."""

from crystalbay.config import PluginSettings
from crystalbay.errors import (
    AuthenticationError,
    ConfigurationError,
    Conflict,
    CrystalBayError,
    DomainError,
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
    InvalidTransition,
    InvalidValue,
    NotFound,
    PluginValidationError,
)
from crystalbay.hookspecs import hookimpl, hookspec
from crystalbay.hub import Hub
from crystalbay.plugins import list_plugins, make_plugin_manager
from crystalbay.settings import Settings, get_settings

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "Conflict",
    "CrystalBayError",
    "DomainError",
    "Hub",
    "IntegrationError",
    "IntegrationProtocolError",
    "IntegrationRejected",
    "IntegrationUnavailable",
    "InvalidTransition",
    "InvalidValue",
    "NotFound",
    "PluginSettings",
    "PluginValidationError",
    "Settings",
    "get_settings",
    "hookimpl",
    "hookspec",
    "list_plugins",
    "make_plugin_manager",
]
