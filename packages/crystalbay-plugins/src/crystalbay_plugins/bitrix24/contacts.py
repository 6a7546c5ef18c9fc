"""Contacts: find the person in Bitrix24 before creating them (contract 1.8, 1.9).

Search order: phones, then e-mails (``crm.duplicate.findbycomm``, Bitrix's own matching), then,
for people known only by a messenger id, the hub's id (``ORIGINATOR_ID``/``ORIGIN_ID``). The
oldest match wins; missing phones and e-mails are appended to it. A person with one phone (or
one e-mail) and nothing else who is found by it has nothing to add, which saves reading them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_plugins.bitrix24.mapping import ORIGINATOR, contact_fields, contact_update

if TYPE_CHECKING:
    from crystalbay.domain.contacts import Contact
    from crystalbay_plugins.bitrix24.api import BitrixApi

__all__ = ["contact_keys", "find_contact", "upsert_contact"]


def contact_keys(contact: Contact) -> list[str]:
    """Lock keys of a person: every phone and e-mail, and the hub's id."""
    keys = [f"phone:{p}" for p in contact.phones] + [f"email:{e}" for e in contact.emails]
    return keys + ([f"contact:{contact.id}"] if contact.id is not None else [])


async def find_contact(api: BitrixApi, contact: Contact) -> tuple[int, bool] | None:
    """The Bitrix id of the person and whether it may lack something, or ``None``."""
    single = len(contact.phones) + len(contact.emails) == 1
    if contact.phones:
        ids = await api.find_duplicates("PHONE", contact.phones)
        if ids:
            return ids[0], not single
    if contact.emails:
        ids = await api.find_duplicates("EMAIL", contact.emails)
        if ids:
            return ids[0], not single
    if contact.id is not None and not (contact.phones or contact.emails):
        found = await api.find_contacts({"ORIGINATOR_ID": ORIGINATOR, "ORIGIN_ID": str(contact.id)})
        if found:
            return found[0].id, False
    return None


async def upsert_contact(api: BitrixApi, contact: Contact) -> int:
    """Update the matching contact with what it lacks, or create it; return its id."""
    found = await find_contact(api, contact)
    if found is None:
        return await api.add_contact(contact_fields(contact))
    contact_id, may_lack = found
    if may_lack:
        update = contact_update(contact, await api.get_contact(contact_id))
        if update is not None:
            await api.update_contact(contact_id, update)
    return contact_id
