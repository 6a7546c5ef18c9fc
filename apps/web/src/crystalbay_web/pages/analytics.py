"""``/analytics``: lead sources and stages, the funnel, response times and won revenue.

Every table is also a CSV download at ``/analytics/<table>.csv`` with the same date range
(``sources``, ``stages``, ``funnel``, ``response_times``, ``revenue``). Definitions are in
:mod:`crystalbay.services.analytics`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec
from litestar import Controller, Response, get
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from crystalbay.domain.pipeline import Stage, stage_label
from crystalbay.errors import InvalidValue, NotFound
from crystalbay.services.analytics import AnalyticsReport, AnalyticsService, DateRange
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.i18n import language_of, t
from crystalbay_web.pages.analytics_charts import BarChart, bar_chart, csv_text, duration

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

    from crystalbay.hub import Hub

__all__ = ["DEFAULT_DAYS", "TABLES", "AnalyticsController", "csv_rows"]


DEFAULT_DAYS = 30
TABLES = ("sources", "stages", "funnel", "response_times", "revenue")
"""Tables offered as CSV."""


def _service(hub: Hub) -> AnalyticsService:
    found = getattr(hub, "analytics", None)
    return found if isinstance(found, AnalyticsService) else AnalyticsService(hub.db)


def _period(start: date | None, end: date | None) -> DateRange:
    default = DateRange.last_days(DEFAULT_DAYS)
    return DateRange(start=start or default.start, end=end or default.end)


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def csv_rows(report: AnalyticsReport, table: str) -> tuple[list[str], Sequence[Sequence[object]]]:
    """Header and rows of one table (English column names, raw values)."""
    if table == "sources":
        return ["source", "leads"], [[r.key, r.count] for r in report.by_source]
    if table == "stages":
        return ["stage", "leads"], [[r.key, r.count] for r in report.by_stage]
    if table == "funnel":
        rows = [
            [s.stage.value, s.reached, "" if s.conversion is None else f"{s.conversion:.4f}"]
            for s in report.funnel
        ]
        return ["stage", "reached", "conversion"], rows
    if table == "response_times":
        header = ["author", "first_responses", "first_response_avg_s"]
        header += ["first_response_median_s", "responses", "response_median_s"]
        rows = [
            [
                r.author,
                r.first_responses,
                _seconds(r.first_response_avg),
                _seconds(r.first_response_median),
                r.responses,
                _seconds(r.response_median),
            ]
            for r in report.response_times
        ]
        return header, rows
    if table == "revenue":
        rows = [[r.month, r.currency, r.bookings, f"{r.revenue:.2f}"] for r in report.revenue]
        return ["month", "currency", "bookings", "revenue"], rows
    raise NotFound(f"no table {table!r}; use one of: {', '.join(TABLES)}", field="table")


def _charts(report: AnalyticsReport, lang: str) -> dict[str, BarChart]:
    def label(key: str) -> str:
        return stage_label(Stage(key), lang)

    funnel = [
        (label(s.stage), float(s.reached), _share(s.reached, s.conversion)) for s in report.funnel
    ]
    charts = {
        "sources": bar_chart(
            t("analytics.by_source", lang),
            [(r.key, float(r.count), str(r.count)) for r in report.by_source],
        ),
        "stages": bar_chart(
            t("analytics.by_stage", lang),
            [(label(r.key), float(r.count), str(r.count)) for r in report.by_stage],
        ),
        "funnel": bar_chart(t("analytics.funnel", lang), funnel),
    }
    for currency in sorted({r.currency for r in report.revenue}):
        rows = [r for r in report.revenue if r.currency == currency]
        charts[f"revenue_{currency}"] = bar_chart(
            f"{t('analytics.revenue', lang)}, {currency}",
            [(r.month, r.revenue, f"{r.revenue:,.2f}".replace(",", " ")) for r in rows],
        )
    return charts


async def _one_table(service: AnalyticsService, period: DateRange, table: str) -> AnalyticsReport:
    """A report with only ``table`` filled (one export runs only its own queries)."""
    empty = AnalyticsReport(
        range=period, by_source=(), by_stage=(), funnel=(), response_times=(), revenue=()
    )
    loaders: dict[str, tuple[str, Callable[[DateRange], Awaitable[Sequence[object]]]]] = {
        "sources": ("by_source", service.leads_by_source),
        "stages": ("by_stage", service.leads_by_stage),
        "funnel": ("funnel", service.funnel),
        "response_times": ("response_times", service.response_times),
        "revenue": ("revenue", service.won_revenue),
    }
    field, load = loaders[table]
    rows: list[object] = list(await load(period))
    return msgspec.structs.replace(empty, **{field: tuple(rows)})


def _share(reached: int, conversion: float | None) -> str:
    return f"{reached}" if conversion is None else f"{reached} · {conversion:.0%}"


class AnalyticsController(Controller):
    """Analytics tables, charts and CSV exports."""

    path = "/analytics"
    include_in_schema = False

    @get("/")
    async def page(
        self,
        request: AnyRequest,
        hub: HubDep,
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
    ) -> Template:
        """The tables and charts for a date range (the last 30 days by default)."""
        lang = language_of(request)
        error: str | None = None
        try:
            period = _period(start, end)
        except InvalidValue as exc:
            period, error = DateRange.last_days(DEFAULT_DAYS), exc.detail
        report = await _service(hub).report(period)
        context = {
            "report": report,
            "period": period,
            "charts": _charts(report, lang),
            "error": error,
            "tables": TABLES,
            "duration": duration,
        }
        return Template("analytics/page.html", context=context, status_code=422 if error else 200)

    @get("/{filename:str}")
    async def download(
        self,
        hub: HubDep,
        filename: FromPath[str],
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
    ) -> Response[str]:
        """One table as CSV (``sources.csv``, ``funnel.csv``, ...)."""
        table, dot, extension = filename.rpartition(".")
        if not dot or extension != "csv" or table not in TABLES:
            raise NotFound(f"no export {filename!r}", field="table")
        period = _period(start, end)
        header, rows = csv_rows(await _one_table(_service(hub), period, table), table)
        name = f"{table}_{period.start.isoformat()}_{period.end.isoformat()}.csv"
        return Response(
            csv_text(header, rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
