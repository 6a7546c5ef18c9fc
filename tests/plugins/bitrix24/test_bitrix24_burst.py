"""Bursts through the documented request limit (50 requests, 2 per second) on a virtual clock.

The fake portal's bucket and the client's limiter share a clock that moves only when the client
waits, so hundreds of requests "at 2 per second" take the real time of their HTTP round trips.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
from b24_support import MemoryStages, VirtualTime, limited_client, make_contact, values

from crystalbay.domain.contacts import Contact
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

CAPACITY, RATE = 50, 2.0  # contract 1.4, every plan but Enterprise


def _people(count: int) -> list[Contact]:
    return [
        make_contact(None, name=f"P{i}", phones=(f"+7701{2000000 + i}",), emails=())
        for i in range(count)
    ]


def _crm(client: BitrixClient, stages: MemoryStages) -> Bitrix24CRM:
    return Bitrix24CRM(BitrixApi(client), stage_maps=stages)


def _assert_no_duplicates(fake: FakeBitrix24, people: int) -> None:
    phones = Counter(
        phone for contact in fake.portal.contacts.values() for phone in values(contact, "PHONE")
    )
    assert len(fake.portal.contacts) == people
    assert len(phones) == people
    assert set(phones.values()) == {1}


async def test_a_burst_of_500_upserts_keeps_the_rate_and_arrives_complete(
    fake: FakeBitrix24, config: BitrixConfig, http: httpx.AsyncClient, stages: MemoryStages
) -> None:
    time_ = VirtualTime()
    fake.reset(capacity=CAPACITY, rate=RATE, clock=time_.clock)
    # A few requests of headroom: up to 4 requests are in flight while the clock moves on.
    client = limited_client(config, http, time_, capacity=CAPACITY - 5, rate=RATE)
    crm = _crm(client, stages)
    people = _people(250)

    refs = await asyncio.gather(*(crm.upsert_contact(p) for p in people + people))

    assert fake.bucket.refused == 0  # the portal never had to refuse a request
    assert client.calls == 750  # search + add, then a search
    assert time_.now >= (750 - CAPACITY) / RATE  # 2 requests per second after the burst
    assert time_.now <= (750 - CAPACITY) / RATE + 10  # ... and not much slower
    assert refs[:250] == refs[250:]
    _assert_no_duplicates(fake, 250)


async def test_a_budget_shared_with_another_app_is_waited_out(
    fake: FakeBitrix24, config: BitrixConfig, http: httpx.AsyncClient, stages: MemoryStages
) -> None:
    time_ = VirtualTime()
    fake.reset(capacity=CAPACITY, rate=RATE, clock=time_.clock)
    for _ in range(CAPACITY):  # another application has just used the whole budget
        assert fake.bucket.admit()
    client = limited_client(config, http, time_, capacity=CAPACITY - 5, rate=RATE)
    crm = _crm(client, stages)
    people = _people(60)

    refs = await asyncio.gather(*(crm.upsert_contact(p) for p in people))

    assert fake.bucket.refused > 0  # QUERY_LIMIT_EXCEEDED happened ...
    assert client.calls == 120 + fake.bucket.refused  # ... every refused call was repeated
    assert fake.bucket.refused <= 8  # ... and the client slowed down at once
    assert len(set(refs)) == 60
    _assert_no_duplicates(fake, 60)
