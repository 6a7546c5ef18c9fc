"""sendgrid plugin (work in progress)."""
