"""wazzup24 plugin (work in progress)."""
