"""proxy plugin (work in progress)."""
