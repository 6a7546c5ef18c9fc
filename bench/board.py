"""Benchmark of the pipeline board: server time of ``GET /leads`` as the number of leads grows.

Run::

    uv run python bench/board.py                     # 1,000, 10,000, 100,000 leads; both backends
    uv run python bench/board.py --sizes 1000,10000  # a quick check
    uv run python bench/board.py --backends sqlite --runs 50

For every backend and size a fresh database is seeded in bulk (``_board_seed.py``): SQLite in a
temporary file, PostgreSQL in a database created for the run on the server of ``--postgres-url``
(default: ``$CRYSTALBAY_TEST_POSTGRES``, else ``postgresql://postgres@127.0.0.1:5432/test``) and
dropped afterwards. When that server cannot be reached the PostgreSQL runs are skipped with a
message, and the exit status reflects SQLite alone.

Measured by the app in this process through ``httpx.ASGITransport`` (median and 95th percentile
of ``--runs`` runs after ``--warmup`` untimed ones, in milliseconds):

* ``GET /leads``, the whole board page, as an admin (every lead) and as a manager (their own and
  unassigned leads);
* the column counts (one ``GROUP BY stage``), for both;
* the first page of a column, and its last page (keyset paging, the whole column deep).

Goals, on the median board page (admin and manager) on each backend, at every size: under
100 ms, and at most 3 times the figure of the smallest size (the baseline, 1,000 leads by
default), i.e. nearly flat. Exits with status 1 when a goal is missed, and says which.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from _board_measure import Timing, measure
from _board_seed import postgres_database, postgres_problem

BOARD_GOAL_MS = 100.0
RATIO_GOAL = 3.0
BOARD_METRICS = ("board page, admin", "board page, manager")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
MIN_SIZE = 200  # every column needs a few pages
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

Figures = dict[int, dict[str, Timing]]
"""Timings per number of leads, per measured item."""


async def run_backend(backend: str, args: argparse.Namespace) -> Figures:
    """Seed and measure every size on one backend."""
    figures: Figures = {}
    for size in args.sizes:
        if backend == "sqlite":
            figures[size] = await measure(None, size, args.runs, args.warmup)
            continue
        async with postgres_database(args.postgres_url) as url:
            figures[size] = await measure(url, size, args.runs, args.warmup)
    return figures


def print_table(name: str, figures: Figures, runs: int) -> None:
    """One row per measured item, one column per size, ratios against the smallest size."""
    base = min(figures)
    print(f"\n{name}: median / p95 of {runs} runs in ms, (ratio of medians to {base:,} leads)")
    print(f"{'leads':<24}" + "".join(f"{size:>24,}" for size in figures))
    for item, first in figures[base].items():
        cells = []
        for size, row in figures.items():
            cell = f"{row[item].median:.1f} / {row[item].p95:.1f}"
            if size != base:
                cell += f"  ({row[item].median / first.median:.1f}x)"
            cells.append(f"{cell:>24}")
        print(f"{item:<24}" + "".join(cells))


def missed_goals(figures: Figures) -> list[str]:
    """The goals that the board page missed, in words (empty when every goal is met)."""
    base = min(figures)
    missed = []
    for size, row in figures.items():
        for item in BOARD_METRICS:
            median = row[item].median
            if median >= BOARD_GOAL_MS:
                missed.append(
                    f"{item}, {size:,} leads: {median:.1f} ms (goal: < {BOARD_GOAL_MS:.0f})"
                )
            ratio = median / figures[base][item].median
            if ratio > RATIO_GOAL:
                missed.append(
                    f"{item}, {size:,} leads: {ratio:.1f}x baseline (goal: <= {RATIO_GOAL:.0f}x)"
                )
    return missed


async def main(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 when every measured backend meets the goals, else 1."""
    backends = list(args.backends)
    if "postgres" in backends and (problem := await postgres_problem(args.postgres_url)):
        print(f"PostgreSQL is not reachable ({problem}): SKIPPING the PostgreSQL runs")
        backends.remove("postgres")
    results: dict[str, Figures] = {}
    for backend in backends:
        print(f"{NAMES[backend]}:")
        results[backend] = await run_backend(backend, args)
    for backend, figures in results.items():
        print_table(NAMES[backend], figures, args.runs)
    print(f"\ngoals: board page under {BOARD_GOAL_MS:.0f} ms, at most {RATIO_GOAL:.0f}x baseline")
    for skipped in [b for b in args.backends if b not in backends]:
        print(f"  {NAMES[skipped]}: not measured (unreachable)")
    failed = False
    for backend, figures in results.items():
        missed = missed_goals(figures)
        failed = failed or bool(missed)
        print(f"  {NAMES[backend]}: " + ("MISSED" if missed else "ok"))
        for line in missed:
            print(f"    {line}")
    return 1 if failed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="lead counts, comma-separated")
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite and/or postgres")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("CRYSTALBAY_TEST_POSTGRES", DEFAULT_POSTGRES)
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before them")
    args = parser.parse_args()
    args.sizes = sorted({int(size.replace("_", "")) for size in args.sizes.split(",")})
    args.backends = [name.strip() for name in args.backends.split(",")]
    if unknown := set(args.backends) - set(NAMES):
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}; use sqlite, postgres")
    if args.sizes[0] < MIN_SIZE or args.runs < 1 or args.warmup < 0:
        parser.error(f"sizes start at {MIN_SIZE}, --runs at 1 and --warmup at 0")
    return args


if __name__ == "__main__":
    for noisy in ("httpx", "piccolo"):  # a line per request, per engine start
        logging.getLogger(noisy).setLevel(logging.WARNING)
    sys.exit(asyncio.run(main(_arguments())))
