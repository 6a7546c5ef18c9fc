"""The rules assistant's accuracy on the hand-written evaluation sets, and the evaluator itself.

``cases.json`` (118 conversations) was written first and the extractors were developed against
it. ``holdout.json`` (30) was written afterwards in a deliberately different style and first
measured blind: intent 97%, country 97%, resort 90%, dates 90%, nights 93-97%, adults 83%,
child ages 97%. ``blind.json`` (20) was written after the fixes that followed and measured
blind again: intent 90%, date_from 85%, date_to 90%, adults 90%, child ages 90%, every other
field 100%. The generic bugs each blind run revealed were then fixed (a sentence-final period
after an English date, "на эти выходные", "me, my husband and our son", ages with a unit
each), so both sets are now tuned; a new blind set is the honest measure of progress.

The floors sit a little under what the assistant achieves now.
"""

from pathlib import Path

import msgspec
import pytest

from crystalbay.domain import (
    Analysis,
    Budget,
    ConversationContext,
    Draft,
    Intent,
    ReplyContext,
    TripBrief,
)
from crystalbay.rules import EvalSet, RulesAssistant, evaluate, format_report, load_eval_set
from crystalbay.rules.eval import FIELDS, main
from crystalbay.rules.evalset import AgentTurn, EvalCase, Expected, conversation_of

DATA = Path(__file__).parents[2] / "data" / "assistant"

CASES_FLOORS = {
    "intent": 0.97,
    "language": 0.97,
    "country": 0.97,
    "resort": 0.97,
    "departure_city": 0.97,
    "date_from": 0.96,
    "date_to": 0.96,
    "nights_min": 0.97,
    "nights_max": 0.97,
    "adults": 0.97,
    "child_ages": 0.97,
    "meal": 0.97,
    "stars": 0.97,
    "budget": 0.97,
}
HOLDOUT_FLOORS = {
    "intent": 0.95,
    "language": 0.95,
    "country": 0.93,
    "resort": 0.9,
    "departure_city": 0.95,
    "date_from": 0.93,
    "date_to": 0.95,
    "nights_min": 0.95,
    "nights_max": 0.95,
    "adults": 0.9,
    "child_ages": 0.95,
    "meal": 0.95,
    "stars": 0.95,
    "budget": 0.95,
}

BLIND_FLOORS = dict.fromkeys(CASES_FLOORS, 0.95) | {"intent": 0.85}


@pytest.fixture(name="cases", scope="module")
def fx_cases() -> EvalSet:
    return load_eval_set(DATA / "cases.json")


def test_the_set_is_large_and_varied(cases: EvalSet) -> None:
    assert len(cases.cases) >= 80
    assert len({case.id for case in cases.cases}) == len(cases.cases)
    languages = {case.expect.language for case in cases.cases}
    assert languages == {"ru", "en", "kk"}
    assert sum(len(case.messages) > 1 for case in cases.cases) >= 10
    assert {case.expect.intent for case in cases.cases} == set(Intent)


@pytest.mark.parametrize(
    ("name", "floors"),
    [("cases", CASES_FLOORS), ("holdout", HOLDOUT_FLOORS), ("blind", BLIND_FLOORS)],
)
async def test_rules_assistant_accuracy(name: str, floors: dict[str, float]) -> None:
    eval_set = load_eval_set(DATA / f"{name}.json")
    report = await evaluate(RulesAssistant(today=eval_set.today), eval_set.cases)
    accuracy = report.accuracy()
    below = {f: round(accuracy[f], 3) for f, floor in floors.items() if accuracy[f] < floor}
    assert not below, format_report(report, show_misses=True)
    assert set(floors) == set(FIELDS)


class FixedAssistant:
    """Answers every conversation with the same analysis."""

    name = "fixed"

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        del conversation
        return self.analysis

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        del conversation, context
        return Draft(text="", language="ru")


async def test_evaluate_scores_accuracy_recall_and_spurious_values() -> None:
    cases = [
        EvalCase(id="a", messages=("x",), expect=Expected(intent=Intent.TOUR_SEARCH, adults=2)),
        EvalCase(id="b", messages=("y",), expect=Expected(intent=Intent.TOUR_SEARCH, adults=3)),
        EvalCase(id="c", messages=("z",), expect=Expected(intent=Intent.OTHER)),
    ]
    analysis = Analysis(
        intent=Intent.TOUR_SEARCH,
        brief=TripBrief(adults=2, budget=Budget(amount=1003, currency="USD")),
    )
    report = await evaluate(FixedAssistant(analysis), cases)
    adults = next(score for score in report.fields if score.field == "adults")
    assert (adults.correct, adults.total, adults.named, adults.named_correct) == (1, 3, 2, 1)
    assert adults.spurious == 1
    assert adults.recall == 0.5
    assert report.accuracy()["intent"] == pytest.approx(2 / 3)
    assert report.accuracy()["child_ages"] == 1.0
    assert {(m.case, m.field) for m in report.misses if m.field == "adults"} == {
        ("b", "adults"),
        ("c", "adults"),
    }
    table = format_report(report, show_misses=True)
    assert "adults" in table
    assert "33.3%" in table
    assert "b: adults expected 3, got 2" in table


async def test_budgets_match_within_half_a_percent() -> None:
    case = EvalCase(
        id="a",
        messages=("x",),
        expect=Expected(intent=Intent.OTHER, budget=Budget(amount=1000, currency="USD")),
    )
    near = Analysis(
        intent=Intent.OTHER, brief=TripBrief(budget=Budget(amount=1004, currency="USD"))
    )
    other = Analysis(
        intent=Intent.OTHER, brief=TripBrief(budget=Budget(amount=1000, currency="EUR"))
    )
    assert (await evaluate(FixedAssistant(near), [case])).accuracy()["budget"] == 1.0
    assert (await evaluate(FixedAssistant(other), [case])).accuracy()["budget"] == 0.0


def test_agent_turns_become_outbound_messages() -> None:
    case = EvalCase(
        id="a",
        messages=("Турция", AgentTurn(agent="На сколько ночей?"), "10"),
        expect=Expected(intent=Intent.TOUR_SEARCH),
    )
    directions = [turn.direction.value for turn in conversation_of(case).turns]
    assert directions == ["in", "out", "in"]


def test_unknown_keys_in_the_set_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"today": "2025-03-12", "cases": [{"id": "a", "messages": ["x"], '
                    '"expect": {"intent": "other", "contry": "Turkey"}}]}')  # fmt: skip
    with pytest.raises(msgspec.ValidationError, match="contry"):
        load_eval_set(path)


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(DATA / "holdout.json")]) == 0
    assert capsys.readouterr().out.startswith("30 cases")
    assert main([]) == 2
