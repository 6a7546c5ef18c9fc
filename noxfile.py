"""Developer sessions: ``uv run nox -s lint|typing|tests|bench|docs``."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["lint", "typing", "tests"]

SELECTORS = {
    "core": "tests/core",
    "plugins": "tests/plugins",
    "web": "tests/web",
    "bot": "tests/bot",
    "docs": "tests/docs",
}


def _sync(session: nox.Session, *groups: str) -> None:
    args = [f"--group={g}" for g in groups]
    session.run_install(
        "uv", "sync", "--locked", *args, env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location}
    )


@nox.session
def lint(session: nox.Session) -> None:
    _sync(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typing(session: nox.Session) -> None:
    _sync(session, "typing", "dev")
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the tests; ``-- core`` (or plugins, web, bot, docs) selects a part."""
    _sync(session, "dev")
    args = [SELECTORS.get(a, a) for a in session.posargs]
    session.run("pytest", *args)


@nox.session
def bench(session: nox.Session) -> None:
    _sync(session, "dev")
    for script in ("bench/tour_search.py", "bench/ingest.py", "bench/board.py", "bench/bot.py"):
        session.run("python", script)


@nox.session
def docs(session: nox.Session) -> None:
    _sync(session, "docs")
    session.run("mkdocs", "build", "--strict")
