"""Web plugin."""
