"""openai plugin (work in progress)."""
