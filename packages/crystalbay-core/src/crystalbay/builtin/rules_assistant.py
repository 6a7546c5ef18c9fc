"""The rules assistant (no model needed); see ``crystalbay.assistant_rules``."""
