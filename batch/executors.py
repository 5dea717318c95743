"""Where batch tasks run: in this process, in a local process pool, or on a Dask cluster.

All three hand back futures with ``result()`` and wait with ``wait_any``, so the runner is
the same for each. Tasks are plain module-level functions of picklable arguments (see
``runner.py``); they catch their own errors, so a future only raises when a worker died.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
from collections.abc import Callable, Iterable
from concurrent import futures
from typing import Any, Protocol

from sohoa.errors import SohoaError


class Executor(Protocol):
    slots: int  # how many tasks can run at once
    window: int  # how many tasks to keep submitted: enough to keep every slot busy

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def wait_any(self, pending: Iterable[Any]) -> set[Any]:
        """Block until at least one of ``pending`` is done; return the done ones."""
        ...

    def close(self, cancel: bool = False) -> None: ...


class SerialExecutor:
    """``--jobs 1``: run each task right here when it is submitted."""

    slots = 1
    window = 1  # one task at a time: documents finish in input order

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future[Any]:
        future: futures.Future[Any] = futures.Future()
        future.set_result(fn(*args))
        return future

    def wait_any(self, pending: Iterable[Any]) -> set[Any]:
        return {f for f in pending if f.done()}

    def close(self, cancel: bool = False) -> None:
        pass


class LocalExecutor:
    """``--jobs N``: a pool of N worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.slots = jobs
        self.window = 2 * jobs  # the next task is already queued when a worker frees up
        self._pool = self._new_pool()

    def _new_pool(self) -> futures.ProcessPoolExecutor:
        # fork: workers inherit the already-imported package, however it was made importable.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return futures.ProcessPoolExecutor(self.slots, mp_context=context, initializer=_worker_init)

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future[Any]:
        try:
            return self._pool.submit(fn, *args)
        except futures.process.BrokenProcessPool:
            # A worker died (its tasks' futures say so); carry on with a fresh pool.
            self._pool.shutdown(wait=False)
            self._pool = self._new_pool()
            return self._pool.submit(fn, *args)

    def wait_any(self, pending: Iterable[Any]) -> set[Any]:
        done, _ = futures.wait(list(pending), return_when=futures.FIRST_COMPLETED)
        return done

    def close(self, cancel: bool = False) -> None:
        if cancel:
            # Interrupted: do not wait for running OCR; the workers die with their pool.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class DaskExecutor:
    """``--executor dask``: the same tasks on a ``dask.distributed`` cluster."""

    def __init__(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise SohoaError(
                "--executor dask",
                "dask.distributed is not installed",
                "install it with: pip install 'sohoa[dask]'",
            ) from None
        try:
            self._client = Client(scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise SohoaError(
                scheduler,
                f"cannot reach the Dask scheduler ({error})",
                "check the address (tcp://HOST:PORT) and that the scheduler is running",
            ) from None
        threads = sum(w["nthreads"] for w in self._client.scheduler_info()["workers"].values())
        self.slots = max(1, threads)
        self.window = 2 * self.slots

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def wait_any(self, pending: Iterable[Any]) -> set[Any]:
        from distributed import wait

        with self._client.as_current():
            done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done)

    def close(self, cancel: bool = False) -> None:
        self._client.close()


def make_executor(kind: str, jobs: int, scheduler: str | None) -> Executor:
    if kind == "dask":
        assert scheduler, "the CLI checks that --scheduler is given"
        return DaskExecutor(scheduler)
    return SerialExecutor() if jobs == 1 else LocalExecutor(jobs)


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (and stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One thread per worker: the pool already uses every core, OpenCV's threads would fight.
    import cv2

    cv2.setNumThreads(1)
    _die_with_parent()


def _die_with_parent() -> None:
    """If the parent is killed (even by kill -9), stop instead of OCR'ing for nobody (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
