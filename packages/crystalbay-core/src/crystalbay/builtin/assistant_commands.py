"""Built-in ``crystalbay assistant eval``: score the configured assistant on an evaluation set."""

from __future__ import annotations

from pathlib import Path

import click

from crystalbay.hookspecs import hookimpl
from crystalbay.ports import Assistant
from crystalbay.rules import RulesAssistant
from crystalbay.rules.eval import EvalReport, evaluate, format_report
from crystalbay.rules.evalset import load_eval_set

__all__ = ["DEFAULT_SETS", "register_commands"]

DEFAULT_SETS = (
    Path("tests/data/assistant/cases.json"),
    Path("tests/data/assistant/holdout.json"),
)
"""The sets read when none is named (paths relative to a checkout of the project)."""


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay assistant eval``."""
    cli.add_command(assistant)


@click.group()
def assistant() -> None:
    """The assistant that reads customer messages."""


@assistant.command("eval")
@click.argument("sets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rules", "rules_only", is_flag=True, help="Score the rules assistant only.")
@click.option("--misses", is_flag=True, help="List every wrong field after the table.")
def eval_command(*, sets: tuple[Path, ...], rules_only: bool, misses: bool) -> None:
    """Per-field accuracy of the configured assistant (a model if set up, else the rules).

    SETS are evaluation files like tests/data/assistant/cases.json (the default).
    """
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415 - the CLI imports this module

    paths = sets or tuple(p for p in DEFAULT_SETS if p.exists())
    if not paths:
        raise click.UsageError(
            "name an evaluation file, e.g. tests/data/assistant/cases.json (run from a checkout)"
        )

    async def body() -> list[tuple[str, EvalReport]]:
        async with open_hub() as hub:
            preferred, _ = hub.assistant_flow.choose()
            reports = []
            for path in paths:
                eval_set = load_eval_set(path)
                subject: Assistant
                if rules_only or preferred is None or preferred.name == "rules":
                    subject = RulesAssistant(today=eval_set.today)  # relative dates pinned
                else:
                    subject = preferred
                report = await evaluate(subject, eval_set.cases)
                reports.append((f"{path} — assistant {subject.name}", report))
            return reports

    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise click.BadParameter(f"no such file: {', '.join(missing)}", param_hint="SETS")
    try:
        results = run_async(body)()
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot read the evaluation set: {exc}") from exc
    for title, report in results:
        click.echo(title)
        click.echo(format_report(report, show_misses=misses))
        click.echo()
