"""Fixtures for dashboard tests in a real browser against the real app.

* ``browser``: one headless Chromium per test module (Playwright's async API).
* ``live_server``: the web app on uvicorn at ``http://127.0.0.1:<random port>``, around a hub
  from ``hub_factory`` (so each test runs on SQLite and on PostgreSQL), with three users:
  ``admin`` (admin) and the managers ``dana`` and ``erik`` (passwords in :data:`PASSWORDS`),
  and the fake channels of ``fake_channels`` (``whatsapp``, ``telegram``: ``FakeChannel``).
* ``admin_page`` / ``manager_page``: a fresh browser context logged in as ``admin`` / ``dana``.
* ``anon_page``: a fresh browser context, not logged in.
* ``open_page``: ``async with open_page() as page`` gives another fresh context;
  ``login_as(page, "erik")`` logs a page in through the form.

The browser lives on the module's event loop, so a test module must run its tests there::

    pytestmark = pytest.mark.asyncio(loop_scope="module")
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio
import uvicorn
from playwright.async_api import Browser, Page, async_playwright

from crystalbay.domain.accounts import Role
from crystalbay.hookspecs import hookimpl
from crystalbay.testing.fakes import FakeChannel
from crystalbay_web.asgi import create_app

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from crystalbay.hub import Hub

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORDS = {"admin": "admin-secret-1", "dana": "dana-secret-1", "erik": "erik-secret-1"}
ROLES = {"admin": Role.ADMIN, "dana": Role.MANAGER, "erik": Role.MANAGER}
TIMEOUT_MS = 5_000
TIMEZONE = "Asia/Almaty"
"""The browser's time zone (UTC+5 all year), so local times in tests are predictable."""


@dataclass
class LiveServer:
    """The running app: its address and the hub behind it."""

    base_url: str
    hub: Hub

    def url(self, path: str) -> str:
        """Absolute URL of ``path``."""
        return self.base_url + path


@pytest_asyncio.fixture(name="browser", scope="module", loop_scope="module")
async def fx_browser() -> AsyncIterator[Browser]:
    """Headless Chromium shared by the tests of a module."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


async def _serve(app: object) -> tuple[uvicorn.Server, asyncio.Task[None], int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(500):
        if server.started or task.done():
            break
        await asyncio.sleep(0.01)
    if not server.started:
        task.cancel()
        pytest.fail("uvicorn did not start")
    return server, task, port


@pytest.fixture(name="fake_channels")
def fx_fake_channels(register_plugin: Callable[..., None]) -> dict[str, FakeChannel]:
    """``whatsapp`` and ``telegram`` channels that record what they send."""
    channels = {name: FakeChannel(name) for name in ("whatsapp", "telegram")}

    class FakeChannelsPlugin:
        @hookimpl
        def register_channels(self) -> list[object]:
            return list(channels.values())

    register_plugin(FakeChannelsPlugin(), name="dashboard-fake-channels")
    return channels


@pytest.fixture(name="live_http")
def fx_live_http() -> bool:
    """Whether the live server's hub mocks outbound HTTP; a module that drives a vendor fake
    over real HTTP overrides this fixture to return ``False``."""
    return True


@pytest_asyncio.fixture(name="live_server", loop_scope="module")
async def fx_live_server(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
    fake_channels: dict[str, FakeChannel],
    live_http: bool,  # noqa: FBT001 - a fixture, not a flag argument
) -> AsyncIterator[LiveServer]:
    """The app on uvicorn (127.0.0.1, random port) with the users of :data:`PASSWORDS`."""
    del fake_channels
    async with hub_factory(mock_http=live_http) as hub:
        for name, password in PASSWORDS.items():
            await hub.accounts.create_user(name, password, ROLES[name], name.title())
        server, task, port = await _serve(create_app(hub))
        try:
            yield LiveServer(base_url=f"http://127.0.0.1:{port}", hub=hub)
        finally:
            server.should_exit = True
            await asyncio.wait_for(task, timeout=10)


async def login(page: Page, server: LiveServer, username: str) -> None:
    """Log ``username`` in through the login form and wait for the board."""
    await page.goto(server.url("/login"))
    await page.fill("input[name=username]", username)
    await page.fill("input[name=password]", PASSWORDS[username])
    await page.click("button[type=submit]")
    await page.wait_for_url("**/leads**")


@contextlib.asynccontextmanager
async def new_page(browser: Browser) -> AsyncIterator[Page]:
    """A page in a fresh context (own cookies), closed afterwards."""
    context = await browser.new_context(locale="ru-RU", timezone_id=TIMEZONE)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield await context.new_page()
    finally:
        await context.close()


@pytest_asyncio.fixture(name="anon_page", loop_scope="module")
async def fx_anon_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    """A page with no session."""
    del live_server
    async with new_page(browser) as page:
        yield page


@pytest_asyncio.fixture(name="admin_page", loop_scope="module")
async def fx_admin_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    """A page logged in as ``admin``."""
    async with new_page(browser) as page:
        await login(page, live_server, "admin")
        yield page


@pytest_asyncio.fixture(name="manager_page", loop_scope="module")
async def fx_manager_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[Page]:
    """A page logged in as the manager ``dana``."""
    async with new_page(browser) as page:
        await login(page, live_server, "dana")
        yield page


@pytest.fixture(name="open_page")
def fx_open_page(browser: Browser) -> Callable[[], contextlib.AbstractAsyncContextManager[Page]]:
    """``async with open_page() as page``: a page in a fresh browser context."""
    return lambda: new_page(browser)


@pytest.fixture(name="login_as")
def fx_login_as(live_server: LiveServer) -> Callable[[Page, str], Awaitable[None]]:
    """``await login_as(page, "dana")``: log in through the login form."""
    return lambda page, username: login(page, live_server, username)
