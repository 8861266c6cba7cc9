"""Admission for user SPARQL queries: a bounded number run, a bounded number wait, the rest are told to retry.

SPARQL has its own limits, separate from the REST lookups and ``/health``: the threads that wait on
query workers come from a limiter of their own, never from the shared thread pool, and a query that
cannot get a worker soon is refused at once with 503 and ``Retry-After`` instead of queueing forever.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import anyio


class Busy(Exception):
    """No room for another query now; ``retry_after`` seconds is a fair wait."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


class QueryGate:
    """At most ``running`` queries at once, at most ``waiting`` more waiting up to ``wait`` seconds each."""

    def __init__(self, running: int, waiting: int, wait: float, retry_after: float):
        self.size, self.max_waiting, self.wait, self.retry_after = running, waiting, wait, retry_after
        self.waiting = 0
        self._slots: anyio.CapacityLimiter | None = None
        self._threads: anyio.CapacityLimiter | None = None
        self._inspect: anyio.CapacityLimiter | None = None

    def _limiters(self) -> tuple[anyio.CapacityLimiter, anyio.CapacityLimiter]:
        if self._slots is None or self._threads is None:  # made inside the event loop, on first use
            self._slots = anyio.CapacityLimiter(self.size)
            self._threads = anyio.CapacityLimiter(self.size)
        return self._slots, self._threads

    async def inspect(self, fn: Any, *args: Any, deadline: float = 5.0) -> Any:
        """Run a parsing step in a thread of its own limiter, giving up (TimeoutError) after ``deadline``."""
        if self._inspect is None:
            self._inspect = anyio.CapacityLimiter(4)
        with anyio.fail_after(deadline):
            return await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True,
                                                  limiter=self._inspect)

    async def run(self, fn: Any, *args: Any, **kw: Any) -> Any:
        """Run blocking ``fn`` once a slot is free; raise :class:`Busy` when none frees up in time."""
        slots, threads = self._limiters()
        if slots.available_tokens == 0 and self.waiting >= self.max_waiting:
            raise Busy(f"all {self.size} query workers are busy and {self.waiting} queries are waiting; "
                       f"retry in {math.ceil(self.retry_after)} s", self.retry_after)
        self.waiting += 1
        try:
            with anyio.move_on_after(self.wait) as scope:
                await slots.acquire()
        finally:
            self.waiting -= 1
        if scope.cancelled_caught:
            raise Busy(f"all {self.size} query workers stayed busy for {self.wait:g} s; "
                       f"retry in {math.ceil(self.retry_after)} s", self.retry_after)
        try:
            return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kw), limiter=threads)
        finally:
            slots.release()
