"""Measure any assistant against a hand-written set of customer conversations.

Every field of :data:`FIELDS` is graded in every case (the file format is described in
:mod:`crystalbay.rules.evalset`): a field the case leaves out must stay empty, so a spurious
value counts as a miss. Accuracy is over all cases; recall over the cases that name the field.

Run ``python -m crystalbay.rules tests/data/assistant/cases.json [--misses]`` to print the
table for the rules assistant.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain import Analysis, Budget
from crystalbay.rules.assistant import RulesAssistant
from crystalbay.rules.evalset import Expected, conversation_of, load_eval_set

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from crystalbay.ports import Assistant
    from crystalbay.rules.evalset import EvalCase

__all__ = ["FIELDS", "EvalReport", "FieldScore", "Miss", "evaluate", "format_report", "main"]

FIELDS: tuple[str, ...] = (
    "intent",
    "language",
    "country",
    "resort",
    "departure_city",
    "date_from",
    "date_to",
    "nights_min",
    "nights_max",
    "adults",
    "child_ages",
    "meal",
    "stars",
    "budget",
)
"""Graded fields, in table order."""

_BUDGET_TOLERANCE = 0.005


class FieldScore(msgspec.Struct, frozen=True, kw_only=True):
    """How one field did: over all cases, over cases that name it, and spurious values."""

    field: str
    total: int
    correct: int
    named: int
    named_correct: int
    spurious: int

    @property
    def accuracy(self) -> float:
        """Share of cases where the field came out exactly as expected (empty included)."""
        return self.correct / self.total if self.total else 1.0

    @property
    def recall(self) -> float | None:
        """Share of cases naming the field where it was read right; ``None`` if none name it."""
        return self.named_correct / self.named if self.named else None


class Miss(msgspec.Struct, frozen=True, kw_only=True):
    """A field read wrong in one case."""

    case: str
    field: str
    expected: str
    got: str


class EvalReport(msgspec.Struct, frozen=True, kw_only=True):
    """Per-field scores and every miss."""

    cases: int
    fields: tuple[FieldScore, ...]
    misses: tuple[Miss, ...]

    def accuracy(self) -> dict[str, float]:
        """Accuracy by field name."""
        return {score.field: score.accuracy for score in self.fields}


def _value(source: Analysis | Expected, field: str) -> object:
    if field in {"intent", "language"}:
        return getattr(source, field)
    brief = source.brief if isinstance(source, Analysis) else source
    value = getattr(brief, field)
    return tuple(sorted(value)) if field == "child_ages" else value


def _same(field: str, expected: object, got: object) -> bool:
    if field == "budget" and isinstance(expected, Budget) and isinstance(got, Budget):
        close = abs(got.amount - expected.amount) <= expected.amount * _BUDGET_TOLERANCE
        return close and got.currency == expected.currency
    return expected == got


def _empty(value: object) -> bool:
    return value is None or value == ()


def _score(
    field: str, pairs: Sequence[tuple[str, object, object]]
) -> tuple[FieldScore, list[Miss]]:
    correct = [_same(field, expected, got) for _, expected, got in pairs]
    named = [not _empty(expected) for _, expected, _ in pairs]
    spurious = sum(_empty(e) and not _empty(g) for _, e, g in pairs)
    score = FieldScore(
        field=field,
        total=len(pairs),
        correct=sum(correct),
        named=sum(named),
        named_correct=sum(c and n for c, n in zip(correct, named, strict=True)),
        spurious=spurious,
    )
    misses = [
        Miss(case=case, field=field, expected=str(expected), got=str(got))
        for (case, expected, got), ok in zip(pairs, correct, strict=True)
        if not ok
    ]
    return score, misses


async def evaluate(assistant: Assistant, cases: Iterable[EvalCase]) -> EvalReport:
    """Run ``assistant.analyse`` over every case and score each field of :data:`FIELDS`."""
    results = [(case, await assistant.analyse(conversation_of(case))) for case in cases]
    scores: list[FieldScore] = []
    misses: list[Miss] = []
    for field in FIELDS:
        pairs = [(c.id, _value(c.expect, field), _value(a, field)) for c, a in results]
        score, missed = _score(field, pairs)
        scores.append(score)
        misses += missed
    return EvalReport(cases=len(results), fields=tuple(scores), misses=tuple(misses))


def format_report(report: EvalReport, *, show_misses: bool = False) -> str:
    """The per-field table (and, optionally, every miss) as text."""
    lines = [
        f"{report.cases} cases",
        f"{'field':<16}{'accuracy':>9}{'recall':>9}{'named':>7}{'spurious':>9}",
    ]
    for score in report.fields:
        recall = "-" if score.recall is None else f"{score.recall:.1%}"
        lines.append(
            f"{score.field:<16}{score.accuracy:>9.1%}{recall:>9}{score.named:>7}{score.spurious:>9}"
        )
    if show_misses:
        lines += [f"{m.case}: {m.field} expected {m.expected}, got {m.got}" for m in report.misses]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rules assistant's table for the set named on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_misses = "--misses" in args
    paths = [arg for arg in args if arg != "--misses"]
    if len(paths) != 1:
        sys.stderr.write("usage: python -m crystalbay.rules CASES.json [--misses]\n")
        return 2
    eval_set = load_eval_set(paths[0])
    report = asyncio.run(evaluate(RulesAssistant(today=eval_set.today), eval_set.cases))
    sys.stdout.write(format_report(report, show_misses=show_misses) + "\n")
    return 0
