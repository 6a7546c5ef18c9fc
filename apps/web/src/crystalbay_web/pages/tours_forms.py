"""The tour search form: what was typed, the :class:`TourQuery` it becomes, a lead's brief.

The form keeps the raw text so that a rejected value is shown back with its message; the
same rules as the API apply (``parse_nights``, :func:`TourSearchService.search` checks).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import msgspec

from crystalbay.domain.tours import TourQuery
from crystalbay.errors import InvalidValue
from crystalbay.services.tour_params import parse_nights
from crystalbay.services.tour_results import TourSort

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from crystalbay.domain.leads import TripBrief

__all__ = ["PAGE_SIZE", "SearchForm"]

PAGE_SIZE = 20
_LIST_FIELDS = ("resorts", "meals", "stars")
_MAX = 200


class SearchForm(msgspec.Struct, frozen=True, kw_only=True):
    """The search form's values as typed (strings), ready to be shown again."""

    departure_city: str = ""
    country: str = ""
    date_from: str = ""
    date_to: str = ""
    nights: str = "7-10"
    adults: str = "2"
    child_ages: str = ""
    resorts: tuple[str, ...] = ()
    meals: tuple[str, ...] = ()
    stars: tuple[str, ...] = ()
    budget: str = ""
    currency: str = "USD"
    sort: str = TourSort.PRICE.value
    descending: bool = False
    page: int = 1

    @classmethod
    def from_params(
        cls, params: Mapping[str, object], lists: Mapping[str, Sequence[str]]
    ) -> SearchForm:
        """Read the form from query parameters (``lists`` holds the repeated ones)."""
        values: dict[str, object] = {}
        for name in cls.__struct_fields__:
            if name in _LIST_FIELDS:
                values[name] = tuple(str(v)[:_MAX] for v in lists.get(name, ()) if str(v).strip())
            elif name in params:
                values[name] = str(params[name])[:_MAX].strip()
        values["descending"] = values.get("descending") in ("1", "true", "on")
        page = str(values.get("page", "1"))
        values["page"] = min(int(page), 1000) if page.isdigit() and int(page) > 0 else 1
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def from_brief(cls, brief: TripBrief, *, today: date | None = None) -> SearchForm:
        """A search for what the customer asked, with a manager's defaults for the gaps."""
        start = brief.date_from or (today or date.today()) + timedelta(days=14)  # noqa: DTZ011
        end = brief.date_to or start + timedelta(days=7)
        low = brief.nights_min or brief.nights_max or 7
        high = brief.nights_max or low
        return cls(
            departure_city=brief.departure_city or "",
            country=brief.country or "",
            date_from=start.isoformat(),
            date_to=max(end, start).isoformat(),
            nights=f"{low}-{high}" if high != low else str(low),
            adults=str(brief.adults or 2),
            child_ages=", ".join(str(age) for age in brief.child_ages),
            resorts=(brief.resort,) if brief.resort else (),
            meals=(brief.meal,) if brief.meal else (),
            stars=(str(brief.stars),) if brief.stars else (),
            budget=f"{brief.budget.amount:g}" if brief.budget else "",
            currency=brief.budget.currency if brief.budget else "USD",
        )

    @property
    def ready(self) -> bool:
        """True once a city and a country are chosen (a search is possible)."""
        return bool(self.departure_city and self.country)

    def to_query(self) -> TourQuery:
        """The search.

        Raises:
            InvalidValue: A value is malformed; ``field`` names the form field.
        """
        nights_min, nights_max = parse_nights(self.nights)
        date_from = _date(self.date_from, "date_from")
        return TourQuery(
            departure_city=self.departure_city,
            country=self.country,
            date_from=date_from,
            date_to=_date(self.date_to, "date_to") if self.date_to else date_from,
            nights_min=nights_min,
            nights_max=nights_max,
            adults=_int(self.adults, "adults"),
            child_ages=tuple(
                _int(a, "child_ages")
                for a in self.child_ages.replace(";", ",").split(",")
                if a.strip()
            ),
            resorts=self.resorts,
            meals=self.meals,
            stars=tuple(_int(s, "stars") for s in self.stars),
            budget=_budget(self.budget),
            currency=self.currency.upper() or "USD",
            page=self.page,
            page_size=PAGE_SIZE,
        )

    def sort_order(self) -> TourSort:
        """The requested order (price when unknown)."""
        try:
            return TourSort(self.sort)
        except ValueError:
            return TourSort.PRICE

    def query_string(self, **overrides: object) -> str:
        """The form as URL parameters (lists repeated), with ``overrides`` applied."""
        values = msgspec.structs.asdict(self) | overrides
        pairs: list[tuple[str, str]] = []
        for name, value in values.items():
            if isinstance(value, tuple):
                pairs.extend((name, str(item)) for item in value)
            elif isinstance(value, bool):
                if value:
                    pairs.append((name, "1"))
            elif value not in ("", None):
                pairs.append((name, str(value)))
        return urlencode(pairs)


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue("choose a date (YYYY-MM-DD)", field=field) from None


def _int(text: str, field: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidValue(f"{text!r} is not a whole number", field=field) from None


def _budget(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        raise InvalidValue(f"{text!r} is not an amount", field="budget") from None
    if value <= 0:
        raise InvalidValue("the budget must be positive", field="budget")
    return value
