"""Crystal Bay customer Telegram bot."""
