"""Run plain functions off the GUI thread; results come back by signal.

A :class:`Job` wraps a function taking keyword-only ``progress`` and ``cancel`` (the routes/app
convention). Its signals are emitted from the worker thread and delivered, queued, in the GUI
thread, so no widget is ever touched from a worker. A :class:`Runner` built with
``synchronous=True`` runs jobs at once in the calling thread (tests).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from routes.errors import CavalierError
from routes.progress import OperationCancelled
from ui.qt import QObject, Signal, Slot

log = logging.getLogger(__name__)

WorkFunction = Callable[..., Any]


class Job(QObject):
    """Public signals are always emitted in the thread the job was created in (the GUI thread).

    The worker emits private signals connected to the job's own slots: the job is a QObject of
    the GUI thread, so those connections are queued, and any plain callable connected to the
    public signals runs in the GUI thread too.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()
    _w_progress = Signal(float, str)
    _w_result = Signal(object)
    _w_error = Signal(str)
    _w_cancelled = Signal()

    def __init__(self, function: WorkFunction, *, with_callbacks: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function
        self._with_callbacks = with_callbacks
        self._cancel = threading.Event()
        self._w_progress.connect(self._on_progress)
        self._w_result.connect(self._on_result)
        self._w_error.connect(self._on_error)
        self._w_cancelled.connect(self._on_cancelled)

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progressed.emit(fraction, message)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.failed.emit(message)
        self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancelled.emit()
        self.finished.emit()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, fraction: float, message: str) -> None:
        self._w_progress.emit(fraction, message)

    def run(self) -> None:
        try:
            if self._with_callbacks:
                result = self._function(progress=self._progress, cancel=self.is_cancelled)
            else:
                result = self._function()
        except OperationCancelled:
            self._w_cancelled.emit()
        except (CavalierError, OSError, ValueError) as exc:
            self._w_error.emit(str(exc))
        except Exception as exc:
            log.exception("Erreur inattendue dans une tâche de fond")
            self._w_error.emit(f"Erreur inattendue : {exc}")
        else:
            self._w_result.emit(result)


class Runner(QObject):
    """Starts jobs on a thread pool (one thread: jobs run in order) or synchronously."""

    def __init__(self, *, synchronous: bool = False, threads: int = 1,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        # Python threads rather than QThreadPool: PROJ (pyproj) crashes when first used in a
        # QThreadPool thread once QtWebEngine is up, not in threads Python started.
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="cavalier")
        self._futures: list[Future[None]] = []
        self._running: set[Job] = set()
        self._closed = False

    def start(self, job: Job) -> Job:
        if self._closed:
            return job  # the application is closing: new work is not started
        self._running.add(job)
        job.finished.connect(lambda: self._running.discard(job))
        if self.synchronous:
            job.run()
        else:
            self._futures = [f for f in self._futures if not f.done()]
            self._futures.append(self._pool.submit(job.run))
        return job

    def submit(self, function: WorkFunction, *, with_callbacks: bool = False,
               on_success: Callable[[Any], None] | None = None,
               on_failure: Callable[[str], None] | None = None) -> Job:
        job = Job(function, with_callbacks=with_callbacks)
        if on_success is not None:
            job.succeeded.connect(on_success)
        if on_failure is not None:
            job.failed.connect(on_failure)
        return self.start(job)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the running jobs (their results are delivered by the event loop later)."""
        _, pending = wait(self._futures, timeout=None if msecs < 0 else msecs / 1000)
        return not pending

    def shutdown(self) -> None:
        """Cancel what is running (its results are dropped) and wait for the threads to end."""
        self._closed = True
        for job in list(self._running):
            job.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def busy(self) -> bool:
        return bool(self._running)
