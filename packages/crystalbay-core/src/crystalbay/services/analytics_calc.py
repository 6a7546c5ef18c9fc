"""Pure computations behind the analytics: the funnel and response times.

They take rows already read from the database (see :mod:`crystalbay.services.analytics_queries`)
and never query anything themselves, so they are tested without a database too.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.pipeline import STAGES, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import datetime

__all__ = ["FunnelStep", "MessageEvent", "ResponseStats", "funnel", "response_stats"]


class FunnelStep(msgspec.Struct, frozen=True, kw_only=True):
    """How many leads reached a stage, and the share of the previous stage's leads that did.

    Attributes:
        stage: The pipeline stage.
        reached: Leads that were at this stage or a later one at some point.
        conversion: ``reached / reached of the previous stage`` (``None`` for the first stage
            or when the previous stage was reached by nobody).
    """

    stage: Stage
    reached: int
    conversion: float | None


class MessageEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One message as the response-time walk needs it (messages of a conversation, in order)."""

    conversation_id: int
    inbound: bool
    author: str | None
    failed: bool
    created_at: datetime


class ResponseStats(msgspec.Struct, frozen=True, kw_only=True):
    """Response times of one author (a manager, ``user:<name>``, or an assistant).

    Attributes:
        author: Who answered, as stored on the outbound message.
        first_responses: Conversations whose first answer came from this author.
        first_response_avg: Mean seconds from a conversation's first customer message to
            its first answer.
        first_response_median: Median of the same.
        responses: Every answer that ended a wait (a run of unanswered customer messages).
        response_median: Median seconds from the first unanswered customer message to the answer.
    """

    author: str
    first_responses: int
    first_response_avg: float | None
    first_response_median: float | None
    responses: int
    response_median: float | None


def funnel(current: Mapping[int, Stage], visited: Iterable[tuple[int, Stage]]) -> list[FunnelStep]:
    """Build the funnel from each lead's current stage and the stages its log shows it visited.

    A lead counts as having reached every stage up to the furthest one it was ever at, so a
    lead moved back (or lost) still counts for the stages it passed.

    Args:
        current: Lead id -> current stage, for the leads in the cohort.
        visited: ``(lead id, stage)`` pairs from the stage-change log (before and after values).
    """
    furthest = {lead_id: stage.position for lead_id, stage in current.items()}
    for lead_id, stage in visited:
        if lead_id in furthest and stage.position > furthest[lead_id]:
            furthest[lead_id] = stage.position
    steps: list[FunnelStep] = []
    previous: int | None = None
    for stage in STAGES:
        reached = sum(1 for position in furthest.values() if position >= stage.position)
        conversion = reached / previous if previous else None
        steps.append(FunnelStep(stage=stage, reached=reached, conversion=conversion))
        previous = reached
    return steps


def response_stats(events: Iterable[MessageEvent], since: datetime) -> list[ResponseStats]:
    """Response times per author from messages ordered by conversation, then time.

    A wait starts with a customer message that follows an answer (or opens the conversation)
    and ends with the next outbound message that has an author and did not fail. A wait
    counts when it started at or after ``since``; the first wait of a conversation is its
    first response.
    """
    first: dict[str, list[float]] = defaultdict(list)
    every: dict[str, list[float]] = defaultdict(list)
    conversation: int | None = None
    waiting_since: datetime | None = None
    answered_before = False
    for event in events:
        if event.conversation_id != conversation:
            conversation, waiting_since, answered_before = event.conversation_id, None, False
        if event.inbound:
            waiting_since = waiting_since or event.created_at
            continue
        if event.author is None or event.failed or waiting_since is None:
            continue
        seconds = max(0.0, (event.created_at - waiting_since).total_seconds())
        if waiting_since >= since:
            every[event.author].append(seconds)
            if not answered_before:
                first[event.author].append(seconds)
        waiting_since, answered_before = None, True
    return [_stats(author, first.get(author, []), every[author]) for author in sorted(every)]


def _stats(author: str, first: list[float], every: list[float]) -> ResponseStats:
    return ResponseStats(
        author=author,
        first_responses=len(first),
        first_response_avg=statistics.fmean(first) if first else None,
        first_response_median=statistics.median(first) if first else None,
        responses=len(every),
        response_median=statistics.median(every) if every else None,
    )
