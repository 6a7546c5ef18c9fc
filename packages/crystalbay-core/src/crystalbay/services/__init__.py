"""Use cases: each service owns one area and is the only writer of it."""

from crystalbay.services.accounts import AccountService
from crystalbay.services.contacts import ContactService
from crystalbay.services.intake import ImportResult, IntakeService, LeadImport
from crystalbay.services.leads import LeadChanges, LeadDraft, LeadService

__all__ = [
    "AccountService",
    "ContactService",
    "ImportResult",
    "IntakeService",
    "LeadChanges",
    "LeadDraft",
    "LeadImport",
    "LeadService",
]
