"""Search tours across the installed providers: the price files next to the sandbox.

Run it after ``pip install -e docs/examples/pricefile_provider``::

    python docs/examples/pricefile_provider/search_demo.py

Nothing in the hub knows about the price files: the ``pricefile`` entry point brings the
provider in, ``PRICEFILE_DIR`` configures it, and ``hub.tours.search`` asks every provider.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from crystalbay.builtin.tour_commands import render_table
from crystalbay.domain.tours import TourQuery
from crystalbay.hub import Hub
from crystalbay.plugins import make_plugin_manager
from crystalbay.services.tours import TourSearchResult
from crystalbay.settings import Settings

PRICES = Path(__file__).parent / "prices"


# --8<-- [start:search]
async def search_next_to_sandbox(prices: Path, home: Path) -> TourSearchResult:
    """Start a hub with the ``pricefile`` and ``sandbox`` entry points; search Almaty-Turkey."""
    pm = make_plugin_manager(allow={"pricefile", "sandbox"})  # loads installed entry points
    settings = Settings.from_env(
        {
            "CRYSTALBAY_HOME": str(home),
            "DATABASE_URL": f"sqlite:///{home / 'hub.sqlite3'}",
            "PRICEFILE_DIR": str(prices),
        }
    )
    query = TourQuery(
        departure_city="Almaty",
        country="Turkey",
        date_from=date(2026, 10, 5),
        date_to=date(2026, 10, 18),
        nights_min=7,
        nights_max=8,
        page_size=5,
    )
    async with Hub(settings, pm=pm) as hub:
        return await hub.tours.search(query)


# --8<-- [end:search]


def main() -> None:
    """Print the merged offers as a table."""
    with tempfile.TemporaryDirectory() as home:
        result = asyncio.run(search_next_to_sandbox(PRICES, Path(home)))
    print(render_table(result))


if __name__ == "__main__":
    main()
