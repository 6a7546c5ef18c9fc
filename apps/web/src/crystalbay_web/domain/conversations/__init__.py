"""``/api/v1/conversations``: threads, messages, replies and retries."""
