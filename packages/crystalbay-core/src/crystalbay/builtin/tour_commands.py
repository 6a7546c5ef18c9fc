"""Built-in ``crystalbay tours`` commands: search every enabled provider from a terminal."""

from __future__ import annotations

from datetime import date

import click

from crystalbay.domain.tours import TourOffer, TourQuery
from crystalbay.hookspecs import hookimpl
from crystalbay.services.tour_params import parse_nights
from crystalbay.services.tour_results import TourSearchResult, TourSort

__all__ = ["register_commands", "render_table"]

_COLUMNS = ("Hotel", "*", "Resort", "Check-in", "Nights", "Meal", "Room", "Price", "Provider")


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay tours search``."""
    cli.add_command(tours)


@click.group()
def tours() -> None:
    """Tour search across the enabled providers."""


@tours.command("search")
@click.option("--from", "departure_city", required=True, help="Departure city, e.g. Almaty.")
@click.option("--to", "country", required=True, help="Destination country, e.g. Vietnam.")
@click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--nights", default="7", show_default=True, help="A number or a range: 7-10.")
@click.option("--adults", type=int, default=2, show_default=True)
@click.option("--child-age", "child_ages", type=int, multiple=True, help="Repeat per child.")
@click.option("--resort", "resorts", multiple=True, help="Limit to a resort; repeatable.")
@click.option("--budget", type=float, default=None, help="Highest total price.")
@click.option("--currency", default="USD", show_default=True)
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--sort", type=click.Choice([s.value for s in TourSort]), default="price")
def search(
    *,
    departure_city: str,
    country: str,
    date_from: object,
    date_to: object,
    nights: str,
    adults: int,
    child_ages: tuple[int, ...],
    resorts: tuple[str, ...],
    budget: float | None,
    currency: str,
    page: int,
    sort: str,
) -> None:
    """Search tours and print the offers as a table."""
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415 - the CLI imports this module

    nights_min, nights_max = _nights(nights)
    query = TourQuery(
        departure_city=departure_city,
        country=country,
        date_from=_day(date_from),
        date_to=_day(date_to),
        nights_min=nights_min,
        nights_max=nights_max,
        adults=adults,
        child_ages=child_ages,
        resorts=resorts,
        budget=budget,
        currency=currency,
        page=page,
    )

    async def body() -> TourSearchResult:
        async with open_hub() as hub:
            return await hub.tours.search(query, sort=TourSort(sort))

    result = run_async(body)()
    click.echo(render_table(result))


def render_table(result: TourSearchResult) -> str:
    """The offers as an aligned text table, with failed providers and paging noted below."""
    rows = [_COLUMNS, *(_row(offer) for offer in result.offers)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if not result.offers:
        lines.append("No offers match this search.")
    lines.extend(f"! {f.provider}: {f.detail}" for f in result.failures)
    if any(offer.sandbox for offer in result.offers):
        lines.append("(sandbox) marks demonstration data that cannot be booked.")
    if result.has_more:
        lines.append(f"More offers: add --page {result.query.page + 1}.")
    return "\n".join(line.rstrip() for line in lines)


def _row(offer: TourOffer) -> tuple[str, ...]:
    sandbox_marked = offer.sandbox and "sandbox" not in offer.provider
    provider = f"{offer.provider} (sandbox)" if sandbox_marked else offer.provider
    return (
        offer.hotel,
        str(offer.stars or ""),
        offer.resort,
        offer.check_in.isoformat(),
        str(offer.nights),
        offer.meal,
        offer.room,
        f"{offer.price:,.2f} {offer.currency}".replace(",", " "),
        provider,
    )


def _nights(value: str) -> tuple[int, int]:
    from crystalbay.errors import CrystalBayError  # noqa: PLC0415

    try:
        return parse_nights(value)
    except CrystalBayError as exc:
        raise click.BadParameter(exc.detail, param_hint="--nights") from exc


def _day(value: object) -> date:
    return value.date() if hasattr(value, "date") else date.fromisoformat(str(value))
