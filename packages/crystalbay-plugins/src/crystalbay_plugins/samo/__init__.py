"""samo plugin (work in progress)."""
