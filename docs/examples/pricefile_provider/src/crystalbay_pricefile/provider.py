"""``PriceFileProvider``: the ``TourProvider`` over a folder of operators' price files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.tours import TourOffer, TourQuery, TourSearchPage
from crystalbay.errors import IntegrationError
from crystalbay.ports import Health
from crystalbay.services.tour_validation import check_query

from crystalbay_pricefile.config import PLUGIN
from crystalbay_pricefile.dictionaries import dictionary_items
from crystalbay_pricefile.names import key, meal_code

if TYPE_CHECKING:
    from crystalbay.domain.tours import DictionaryItem
    from crystalbay.ports import DictionaryKind

    from crystalbay_pricefile.folder import PriceFolder
    from crystalbay_pricefile.rows import PriceRow

__all__ = ["PriceFileProvider"]


class PriceFileProvider:
    """Searches the rows of every price file in a folder.

    A city or country no file mentions finds nothing (another provider may sell it). Offers
    in the query's currency come first, cheapest first; prices in other currencies follow,
    because the files carry no exchange rates.

    Args:
        folder: The price folder.
        name: The provider's name, also ``TourOffer.provider``.
    """

    def __init__(self, folder: PriceFolder, *, name: str = PLUGIN) -> None:
        self.name = name
        self.folder = folder

    async def search(self, query: TourQuery) -> TourSearchPage:
        """One page of offers for ``query``.

        Raises:
            InvalidValue: The query breaks a rule (dates, nights, party, paging, budget).
            IntegrationUnavailable: The folder cannot be read.
            IntegrationProtocolError: A price file cannot be read.
        """
        check_query(query)
        rows = [row for row in await self.folder.rows() if _matches(row, query)]
        wanted = query.currency.upper()
        rows.sort(key=lambda r: (r.currency != wanted, r.price, r.check_in, r.offer_id))
        start = (query.page - 1) * query.page_size
        page = rows[start : start + query.page_size]
        return TourSearchPage(
            offers=tuple(self._offer(row, query) for row in page),
            page=query.page,
            has_more=start + query.page_size < len(rows),
        )

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """Cities, countries, resorts, hotels, meals, stars or currencies found in the files.

        ``parent`` narrows to rows whose departure city, country or resort it names.
        """
        return dictionary_items(await self.folder.rows(), kind, parent)

    async def check(self) -> Health:
        """Read the folder; report how many prices from which files."""
        try:
            rows = await self.folder.rows()
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        if not rows:
            detail = (
                f"no prices in {self.folder.path}; save the operators' .csv or .json files there"
            )
            return Health(ok=False, detail=detail)
        files = ", ".join(self.folder.files)
        return Health(ok=True, detail=f"{len(rows)} prices from {files}")

    def _offer(self, row: PriceRow, query: TourQuery) -> TourOffer:
        return TourOffer(
            provider=self.name,
            offer_id=row.offer_id,
            hotel=row.hotel,
            stars=row.stars,
            country=row.country,
            resort=row.resort,
            room=row.room,
            meal=row.meal,
            check_in=row.check_in,
            nights=row.nights,
            adults=row.adults,
            child_ages=tuple(sorted(query.child_ages)),
            price=row.price,
            currency=row.currency,
            departure_city=row.departure_city,
        )


def _matches(row: PriceRow, query: TourQuery) -> bool:
    return (
        row.city_key == key(query.departure_city)
        and row.country_key == key(query.country)
        and (not query.resorts or row.resort_key in {key(r) for r in query.resorts})
        and query.date_from <= row.check_in <= query.date_to
        and query.nights_min <= row.nights <= query.nights_max
        and (row.adults, row.children) == (query.adults, len(query.child_ages))
        and (not query.meals or row.meal in {meal_code(m) for m in query.meals})
        and (not query.stars or row.stars in query.stars)
        and (
            query.budget is None
            or row.currency != query.currency.upper()
            or row.price <= query.budget
        )
    )
