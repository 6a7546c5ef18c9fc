"""Sandbox tour provider."""
