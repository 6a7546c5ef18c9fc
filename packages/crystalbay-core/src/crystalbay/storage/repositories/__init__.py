"""Repositories: the only code that builds queries."""

from crystalbay.storage.repositories.accounts import AccountRepository, IdempotencyRepository
from crystalbay.storage.repositories.bookings import BookingFilter, BookingRepository
from crystalbay.storage.repositories.contacts import (
    ContactRepository,
    MergeRecord,
    Point,
    contact_points,
)
from crystalbay.storage.repositories.conversations import ConversationRepository
from crystalbay.storage.repositories.leads import LeadFilter, LeadRepository
from crystalbay.storage.repositories.plugin_settings import PluginSettingRepository

__all__ = [
    "AccountRepository",
    "BookingFilter",
    "BookingRepository",
    "ContactRepository",
    "ConversationRepository",
    "IdempotencyRepository",
    "LeadFilter",
    "LeadRepository",
    "MergeRecord",
    "PluginSettingRepository",
    "Point",
    "contact_points",
]
