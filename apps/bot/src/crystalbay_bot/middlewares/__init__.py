"""The bot's guards against bad input: floods and flows abandoned for too long."""

from crystalbay_bot.middlewares.expiry import EXPIRED, TOUCHED, FlowExpiryMiddleware
from crystalbay_bot.middlewares.rates import MemoryRateStore, RateStore, RedisRateStore
from crystalbay_bot.middlewares.throttle import ThrottleMiddleware, make_rate_store

__all__ = [
    "EXPIRED",
    "TOUCHED",
    "FlowExpiryMiddleware",
    "MemoryRateStore",
    "RateStore",
    "RedisRateStore",
    "ThrottleMiddleware",
    "make_rate_store",
]
