"""Crystal Bay integrations, each a pluggy plugin."""
