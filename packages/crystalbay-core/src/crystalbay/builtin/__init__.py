"""Built-in plugins, registered from ``DEFAULT_PLUGINS`` like third-party ones."""
