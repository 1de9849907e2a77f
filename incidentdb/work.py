"""Where reading and extraction run: in this process, in local worker processes, or on a Dask
cluster. Each place is a ``submit(fn, *args)`` that returns something with ``.result()``, so
the loader's pipeline is the same code for all three.

Work is kept in order and bounded: :func:`ordered` keeps at most ``window`` tasks in flight and
hands results back in the order the work was given, so memory stays flat however large the
corpus, and a load gives the same batches whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

from incidentdb.errors import IncidentDBError

# (what the result is paired with, the function to run or None when the payload is the
# result already, its arguments)
Work = tuple[Any, Callable | None, tuple]


def cores() -> int:
    """The cores this process may run on (what ``--jobs`` defaults to)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Done:
    """A result computed on the spot, for work that runs in this process."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def inline(fn: Callable, *args: Any) -> Done:
    return Done(fn(*args))


class Runner(AbstractContextManager):
    """Submits reading and extraction; ``workers`` sizes the window of tasks in flight."""

    workers = 1
    chunk = 8  # documents per extraction task

    def read(self, fn: Callable, *args: Any):
        return inline(fn, *args)

    def extract(self, fn: Callable, *args: Any):
        return inline(fn, *args)

    def __exit__(self, *exc: object) -> None:
        return None


class Processes(Runner):
    """Worker processes on this machine. They are forked, so they start at once and share
    the extraction tables already loaded; nothing else crosses but documents and results."""

    def __init__(self, jobs: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)

        def pool(size: int) -> ProcessPoolExecutor:
            started = ProcessPoolExecutor(max_workers=size, mp_context=context,
                                          initializer=_follow_parent, initargs=(os.getpid(),))
            # Fork the workers now, before the loader walks folders and queues documents,
            # so they do not inherit (and touch) the loader's memory.
            started.submit(_nothing).result()
            return started

        # Readers have a pool of their own: queued behind extraction tasks, reading would
        # leave the extractors without work whenever the pipeline needs new documents.
        self.readers = pool(max(1, jobs // 4))
        self.pool = pool(jobs)
        self.workers = jobs

    def read(self, fn: Callable, *args: Any):
        return self.readers.submit(fn, *args)

    def extract(self, fn: Callable, *args: Any):
        return self.pool.submit(fn, *args)

    def __exit__(self, *exc: object) -> None:
        for pool in (self.pool, self.readers):
            pool.shutdown(wait=True, cancel_futures=True)


def _nothing() -> None:
    return None


def _follow_parent(parent: int) -> None:
    """A worker ends when its loader is gone (killed, say), instead of waiting forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="follow-parent").start()


class Dask(Runner):
    """Extraction on a Dask distributed cluster; files are read here, since the workers may
    not see them, and documents travel to the workers in chunks."""

    chunk = 64

    def __init__(self, address: str, jobs: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise IncidentDBError(
                "--cluster needs Dask: pip install 'incidentdb[cluster]'") from None
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            address = self.cluster
        try:
            self.client = Client(address, timeout="20s")
        except OSError as err:
            raise IncidentDBError(f"cannot reach the Dask scheduler at {address}: {err}") from None
        self.workers = max(1, sum(self.client.nthreads().values()))

    def extract(self, fn: Callable, *args: Any):
        return self.client.submit(fn, *args, pure=False)

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def runner(jobs: int, cluster: str | None = None) -> Runner:
    """Inline for one job, worker processes for more, or a Dask cluster when one is named."""
    if cluster:
        return Dask(cluster, jobs)
    return Processes(jobs) if jobs > 1 else Runner()


def ordered(submit: Callable, work: Iterable[Work], window: int) -> Iterator[tuple[Any, Any]]:
    """(payload, result) for each piece of work, in the order given, at most ``window``
    submitted and not yet handed back."""
    pending: deque = deque()
    for payload, fn, args in work:
        pending.append((payload, submit(fn, *args) if fn is not None else None))
        while len(pending) > window:
            yield _settle(*pending.popleft())
    while pending:
        yield _settle(*pending.popleft())


def _settle(payload: Any, future: Any) -> tuple[Any, Any]:
    return payload, (payload if future is None else future.result())
