"""``/webhooks/...``: vendor deliveries, verified, stored and answered at once."""
