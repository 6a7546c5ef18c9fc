"""Web controllers grouped by domain."""
