"""Queries of the jobs table: idempotent insert, atomic claim, completion and the due scan."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from crystalbay.storage.repositories._common import as_utc, utcnow
from crystalbay.storage.tables import JobRow

__all__ = ["JobRecord", "JobRepository"]


class JobRecord:
    """A claimed job as the runner sees it."""

    __slots__ = ("attempts", "id", "key", "kind", "max_attempts", "payload")

    def __init__(self, row: dict[str, Any]) -> None:
        self.id: int = row["id"]
        self.kind: str = row["kind"]
        self.key: str = row["key"]
        self.payload: str = row["payload"]
        self.attempts: int = row["attempts"]
        self.max_attempts: int = row["max_attempts"]


class JobRepository:
    """The jobs table. Every state change is one conditional ``UPDATE``, so it is race-free."""

    async def add(
        self,
        kind: str,
        key: str,
        payload: str,
        *,
        max_attempts: int,
        dispatch_lease: float,
        delay: float = 0.0,
    ) -> tuple[int, bool]:
        """Insert the job unless ``(kind, key)`` exists; return its id and whether it is new.

        A new job is marked as dispatched for ``dispatch_lease`` seconds, so the sweeper leaves
        it to the wake-up sent right after the insert.
        """
        now = utcnow()
        rows = await (
            JobRow.insert(
                JobRow(
                    kind=kind,
                    key=key,
                    payload=payload,
                    status="pending",
                    max_attempts=max_attempts,
                    run_at=now + timedelta(seconds=delay),
                    locked_until=now + timedelta(seconds=dispatch_lease),
                    created_at=now,
                    updated_at=now,
                )
            )
            .on_conflict(action="DO NOTHING")
            .returning(JobRow.id)
        )
        if rows:
            return int(rows[0]["id"]), True
        existing = (
            await JobRow.select(JobRow.id)
            .where((JobRow.kind == kind) & (JobRow.key == key))
            .first()
        )
        if existing is None:  # pragma: no cover - the conflicting row was deleted meanwhile
            raise LookupError(f"job {kind}/{key} vanished")
        return int(existing["id"]), False

    async def claim(self, job_id: int, worker: str, lease: float) -> JobRecord | None:
        """Take the job if it is due, or if its previous runner's lease ran out."""
        now = utcnow()
        due = (JobRow.status == "pending") & (JobRow.run_at <= now)
        abandoned = (JobRow.status == "running") & (JobRow.locked_until < now)
        rows = await (
            JobRow.update(
                {
                    JobRow.status: "running",
                    JobRow.locked_until: now + timedelta(seconds=lease),
                    JobRow.locked_by: worker,
                    JobRow.attempts: JobRow.attempts + 1,
                    JobRow.updated_at: now,
                }
            )
            .where((JobRow.id == job_id) & (due | abandoned))
            .returning(*JobRow.all_columns())
        )
        return JobRecord(rows[0]) if rows else None

    async def finish(self, job_id: int, worker: str) -> None:
        """Mark the job done (only its current runner may)."""
        await JobRow.update(
            {JobRow.status: "done", JobRow.locked_until: None, JobRow.updated_at: utcnow()}
        ).where((JobRow.id == job_id) & (JobRow.locked_by == worker))

    async def retry_at(self, job_id: int, worker: str, when: datetime, error: str) -> None:
        """Put the job back, due at ``when``."""
        await JobRow.update(
            {
                JobRow.status: "pending",
                JobRow.run_at: when,
                JobRow.locked_until: None,
                JobRow.last_error: error,
                JobRow.updated_at: utcnow(),
            }
        ).where((JobRow.id == job_id) & (JobRow.locked_by == worker))

    async def fail(self, job_id: int, worker: str, error: str) -> None:
        """Give up on the job; it stays in the table with its last error."""
        await JobRow.update(
            {
                JobRow.status: "failed",
                JobRow.locked_until: None,
                JobRow.last_error: error,
                JobRow.updated_at: utcnow(),
            }
        ).where((JobRow.id == job_id) & (JobRow.locked_by == worker))

    async def dispatch_due(self, limit: int, dispatch_lease: float) -> list[int]:
        """Ids of due or abandoned jobs, marked as dispatched so others skip them a while."""
        now = utcnow()
        undispatched = JobRow.locked_until.is_null() | (JobRow.locked_until < now)
        due = (JobRow.status == "pending") & (JobRow.run_at <= now) & undispatched
        abandoned = (JobRow.status == "running") & (JobRow.locked_until < now)
        rows = await (
            JobRow.select(JobRow.id).where(due | abandoned).order_by(JobRow.run_at).limit(limit)
        )
        ids = [int(r["id"]) for r in rows]
        if not ids:
            return []
        until = now + timedelta(seconds=dispatch_lease)
        # Abandoned running jobs keep their expired lease: the claim needs it expired. A job
        # another sweeper dispatched meanwhile may be woken twice; the claim runs it once.
        await JobRow.update({JobRow.locked_until: until}).where(
            JobRow.id.is_in(ids) & (JobRow.status == "pending") & undispatched
        )
        return ids

    async def get(self, job_id: int) -> dict[str, Any] | None:
        """The raw row (for status pages and tests)."""
        row = await JobRow.select().where(JobRow.id == job_id).first()
        if row is not None:
            row["run_at"] = as_utc(row["run_at"])
        return row

    async def counts(self) -> dict[str, int]:
        """Jobs per status."""
        rows = await JobRow.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
        return {str(r["status"]): int(r["n"]) for r in rows}

    async def purge_done(self, older_than: datetime) -> None:
        """Forget finished jobs older than ``older_than``."""
        await JobRow.delete().where((JobRow.status == "done") & (JobRow.updated_at < older_than))
