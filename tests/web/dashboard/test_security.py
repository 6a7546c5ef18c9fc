"""Login throttling stores (memory and Redis), the generated secret key, cookie flags."""

from __future__ import annotations

import asyncio
import re
import stat
import uuid

import httpx
import pytest

from crystalbay.domain.accounts import Role
from crystalbay_web.asgi import create_app
from crystalbay_web.ratelimit import (
    LoginLimiter,
    MemoryAttemptStore,
    RedisAttemptStore,
)

TOKEN = re.compile(r'name="_csrf_token" value="([0-9a-f]+)"')


@pytest.fixture(name="store", params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def fx_store(request: pytest.FixtureRequest):
    if request.param == "memory":
        store = MemoryAttemptStore()
    else:
        url = request.getfixturevalue("redis_env")["REDIS_URL"]
        store = RedisAttemptStore(url, prefix=f"crystalbay-test:{uuid.uuid4().hex}:")
    yield store
    await store.close()


async def test_limiter_blocks_a_pair_after_five_failures(store) -> None:
    limiter = LoginLimiter(store=store, max_failures=5, window=300)
    for _ in range(4):
        await limiter.failed("Dana", "10.0.0.1")
    assert not await limiter.blocked("dana", "10.0.0.1")
    await limiter.failed("dana", "10.0.0.1")
    assert await limiter.blocked("DANA ", "10.0.0.1")  # the username is normalised
    assert not await limiter.blocked("dana", "10.0.0.2")  # another address is not blocked
    assert not await limiter.blocked("erik", "10.0.0.1")  # nor another user
    await limiter.succeeded("dana", "10.0.0.1")
    assert not await limiter.blocked("dana", "10.0.0.1")


async def test_window_expires(store) -> None:
    limiter = LoginLimiter(store=store, max_failures=2, window=1)
    await limiter.failed("dana", "ip")
    await limiter.failed("dana", "ip")
    assert await limiter.blocked("dana", "ip")
    if isinstance(store, MemoryAttemptStore):  # age the events instead of sleeping
        store._events = {k: [t - 2 for t in v] for k, v in store._events.items()}
    else:
        await store._redis.pexpire(store._prefix + "dana|ip", 1)
        await _until_gone(store, "dana|ip")
    assert not await limiter.blocked("dana", "ip")


async def _until_gone(store: RedisAttemptStore, key: str) -> None:
    for _ in range(100):
        if not await store._redis.exists(store._prefix + key):
            return
        await asyncio.sleep(0.002)
    pytest.fail("the Redis key did not expire")


async def test_app_uses_redis_store_with_redis_url(hub_factory, redis_env) -> None:
    async with hub_factory(env=redis_env) as hub:
        app = create_app(hub)
        assert isinstance(app.state.login_limiter.store, RedisAttemptStore)


async def test_secret_key_is_generated_once_and_sessions_survive_a_restart(
    hub_factory, crystalbay_env
) -> None:
    async with hub_factory() as hub:
        await hub.accounts.create_user("admin", "admin-secret-1", Role.ADMIN)
        first = create_app(hub)
        key_file = hub.settings.home / "secret_key"
        key = key_file.read_text()
        assert len(key) >= 48
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        cookies = await _login(first)
        second = create_app(hub)  # a restart: the key is read back, not regenerated
        assert key_file.read_text() == key
        async with _client(second, cookies) as client:
            board = await client.get("/leads")
        assert board.status_code == 200
    del crystalbay_env


async def test_cookies_are_secure_behind_https(hub_factory) -> None:
    async with hub_factory(env={"PUBLIC_URL": "https://hub.example.org"}) as hub:
        await hub.accounts.create_user("admin", "admin-secret-1", Role.ADMIN)
        async with _client(create_app(hub), base_url="https://hub.example.org") as client:
            page = await client.get("/login")
            cookies = page.headers.get_list("set-cookie")
            token = TOKEN.search(page.text)
            assert token is not None
            answer = await client.post(
                "/login",
                data={"username": "admin", "password": "admin-secret-1", "_csrf_token": token[1]},
            )
        cookies += answer.headers.get_list("set-cookie")
    by_name = {header.split("=", 1)[0]: header.lower() for header in cookies}
    assert set(by_name) >= {"cb_csrf", "cb_session"}
    for flags in by_name.values():
        assert "httponly" in flags
        assert "secure" in flags
        assert "samesite=lax" in flags


def _client(
    app, cookies: httpx.Cookies | None = None, base_url: str = "http://testserver"
) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=base_url, cookies=cookies
    )


async def _login(app) -> httpx.Cookies:
    async with _client(app) as client:
        token = TOKEN.search((await client.get("/login")).text)
        assert token is not None
        answer = await client.post(
            "/login",
            data={"username": "admin", "password": "admin-secret-1", "_csrf_token": token[1]},
        )
        assert answer.status_code == 303
        return client.cookies
