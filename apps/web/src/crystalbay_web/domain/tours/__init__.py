"""``/api/v1/tours``: search across providers and their dictionaries."""
