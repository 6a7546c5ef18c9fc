"""Durable background jobs (taskiq wakes workers; the jobs table is the truth)."""

from crystalbay.jobs.backoff import retry_delay
from crystalbay.jobs.broker import QUEUE_NAME, make_broker
from crystalbay.jobs.model import Job
from crystalbay.jobs.queue import JobQueue, JobSettings

__all__ = ["QUEUE_NAME", "Job", "JobQueue", "JobSettings", "make_broker", "retry_delay"]
