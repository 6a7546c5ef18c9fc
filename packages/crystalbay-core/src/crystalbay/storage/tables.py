"""Piccolo tables: the storage schema. Only repositories query them."""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
    Integer,
    Real,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

__all__ = [
    "ALL_TABLES",
    "Activity",
    "ApiKeyRow",
    "BookingRow",
    "ContactMergeRow",
    "ContactPoint",
    "ContactRow",
    "ConversationRow",
    "IdempotencyRow",
    "JobRow",
    "LeadRow",
    "LeadTag",
    "MessageRow",
    "PluginSetting",
    "ShortlistRow",
    "UserRow",
]


class ContactRow(Table, tablename="contacts"):
    """A person; ``merged_into`` is set when merged into another contact."""

    id = Serial(primary_key=True)
    name = Varchar(length=200, default="")
    merged_into = Integer(null=True, default=None, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ContactPoint(Table, tablename="contact_points"):
    """A way to reach a contact: kind ``phone``/``email`` or a channel name for identities."""

    id = Serial(primary_key=True)
    contact_id = Integer(index=True)
    kind = Varchar(length=32)
    value = Varchar(length=320)


class ContactMergeRow(Table, tablename="contact_merges"):
    """A merge, with what moved, so that it can be undone."""

    id = Serial(primary_key=True)
    kept_id = Integer()
    merged_id = Integer(index=True)
    moved = Text()  # JSON: point ids, lead ids and conversation ids that moved
    actor = Varchar(length=120)
    created_at = Timestamptz()
    undone_at = Timestamptz(null=True, default=None)


class LeadRow(Table, tablename="leads"):
    """A lead; ``brief`` and ``external_ids`` are JSON documents."""

    id = Serial(primary_key=True)
    title = Varchar(length=300)
    contact_id = Integer(null=True, default=None, index=True)
    source = Varchar(length=64)
    stage = Varchar(length=32)
    outcome = Varchar(length=16, default="open")
    lost_reason = Text(null=True, default=None)
    tags = Text(default="[]")
    assignee = Varchar(length=120, null=True, default=None, index=True)
    score = Integer(default=0)
    next_touch_at = Timestamptz(null=True, default=None)
    brief = Text(default="{}")
    external_ids = Text(default="{}")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class LeadTag(Table, tablename="lead_tags"):
    """One tag on one lead (for filtering)."""

    id = Serial(primary_key=True)
    lead_id = Integer(index=True)
    tag = Varchar(length=64, index=True)


class Activity(Table, tablename="activity"):
    """The activity log of leads."""

    id = Serial(primary_key=True)
    lead_id = Integer(index=True)
    actor = Varchar(length=120)
    action = Varchar(length=64)
    changes = Text(default="[]")
    note = Text(null=True, default=None)
    created_at = Timestamptz()


class ConversationRow(Table, tablename="conversations"):
    """A chat in one channel with one customer."""

    id = Serial(primary_key=True)
    lead_id = Integer(index=True)
    contact_id = Integer(index=True)
    channel = Varchar(length=32)
    chat_address = Varchar(length=320)
    mode = Varchar(length=16, default="suggest")
    created_at = Timestamptz()


class MessageRow(Table, tablename="messages"):
    """A message; (channel, external_id) is unique so redeliveries are no-ops."""

    id = Serial(primary_key=True)
    conversation_id = Integer(null=True, default=None, index=True)
    direction = Varchar(length=8)
    text = Text(default="")
    attachments = Text(default="[]")
    channel = Varchar(length=32)
    external_id = Varchar(length=200, null=True, default=None)
    chat_address = Varchar(length=320, default="")
    payload = Text(default="{}")
    status = Varchar(length=16)
    author = Varchar(length=120, null=True, default=None)
    error = Text(null=True, default=None)
    processed = Boolean(default=False, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class BookingRow(Table, tablename="bookings"):
    """A booking; offer, travellers and payments are JSON documents."""

    id = Serial(primary_key=True)
    lead_id = Integer(index=True)
    offer = Text()
    travellers = Text(default="[]")
    status = Varchar(length=32)
    claim_number = Varchar(length=64, null=True, default=None)
    price = Real()
    currency = Varchar(length=8)
    payments = Text(default="[]")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class UserRow(Table, tablename="users"):
    """A dashboard account."""

    id = Serial(primary_key=True)
    username = Varchar(length=120, unique=True)
    display_name = Varchar(length=200, default="")
    password_hash = Text()
    role = Varchar(length=16)
    active = Boolean(default=True)
    created_at = Timestamptz()


class ApiKeyRow(Table, tablename="api_keys"):
    """An API key: only the SHA-256 of the secret is stored."""

    id = Serial(primary_key=True)
    name = Varchar(length=120)
    prefix = Varchar(length=16)
    key_hash = Varchar(length=64, unique=True)
    kind = Varchar(length=16, default="api")
    allowed_origins = Text(default="[]")
    created_at = Timestamptz()
    revoked = Boolean(default=False)


class IdempotencyRow(Table, tablename="idempotency_keys"):
    """A remembered request: the same scope and key return the same result."""

    id = Serial(primary_key=True)
    scope = Varchar(length=64)
    key = Varchar(length=200)
    request_hash = Varchar(length=64)
    result_id = Integer()
    created_at = Timestamptz()


class PluginSetting(Table, tablename="plugin_settings"):
    """A plugin setting edited in the dashboard (wins over the environment)."""

    id = Serial(primary_key=True)
    plugin = Varchar(length=64)
    key = Varchar(length=64)
    value = Text()


class JobRow(Table, tablename="jobs"):
    """Durable background work: the row, not the queue, is the truth.

    ``status`` is ``pending``, ``running`` (claimed until ``locked_until``), ``done`` or
    ``failed``; ``(kind, key)`` is unique so that enqueuing the same work twice is a no-op.
    """

    id = Serial(primary_key=True)
    kind = Varchar(length=64)
    key = Varchar(length=200)
    payload = Text(default="{}")
    status = Varchar(length=16, default="pending")
    attempts = Integer(default=0)
    max_attempts = Integer(default=8)
    run_at = Timestamptz()
    locked_until = Timestamptz(null=True, default=None)
    locked_by = Varchar(length=120, null=True, default=None)
    last_error = Text(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ShortlistRow(Table, tablename="lead_shortlist"):
    """One offer on a lead's shortlist (migration ``m0004_shortlist``)."""

    id = Serial(primary_key=True)
    lead_id = Integer(index=True)
    offer_key = Varchar(length=200)
    offer = Text()
    added_by = Varchar(length=120)
    created_at = Timestamptz()


ALL_TABLES: tuple[type[Table], ...] = (
    ContactRow,
    ContactPoint,
    ContactMergeRow,
    LeadRow,
    LeadTag,
    Activity,
    ConversationRow,
    MessageRow,
    BookingRow,
    UserRow,
    ApiKeyRow,
    IdempotencyRow,
    PluginSetting,
    JobRow,
    ShortlistRow,
)
