"""Work that shares nothing with the rest of the build but the site folder, run on the second core.

The build is single-threaded Python and the machines it must be fast on have 2 cores (issue 16:
a full build in 30 s). A forked child inherits everything already loaded (data, renderers), so
nothing has to be pickled on the way in; only the result or the error comes back. A SiteError in
the child stays a SiteError (problem and fix) in the parent; anything else is reported as a bug
with the child's traceback.
"""
from __future__ import annotations

import multiprocessing
import os
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable, Protocol

from hulproute.errors import SiteError



class Stoppable(Protocol):
    def cancel(self) -> None: ...


# Started and not yet awaited or cancelled, so that a stopped build can stop them all (stop_all):
# the forked tasks, and other processes the build starts (the search index, hulproute/search_index.py).
_RUNNING: set[Stoppable] = set()


def track(task: Stoppable) -> None:
    """Have stop_all stop `task` (a process this build started) until `untrack`."""
    _RUNNING.add(task)


def untrack(task: Stoppable) -> None:
    _RUNNING.discard(task)


def _run(send: Connection, function: Callable[..., Any], args: tuple) -> None:
    try:
        send.send(("ok", function(*args)))
    except SiteError as exc:
        send.send(("site-error", (exc.problem, exc.fix)))
    except BaseException as exc:  # noqa: BLE001 - everything reaches the parent
        send.send(("bug", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    finally:
        send.close()


class ForkedTask:
    """`function(*args)` in a forked child process, started at once; `result()` waits for it."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(send, function, args), daemon=True)
        self._process.start()
        self._owner = os.getpid()  # a process forked later inherits this object, not the child
        send.close()
        self.name = getattr(function, "__qualname__", repr(function))
        track(self)

    def result(self) -> Any:
        """The function's return value; its SiteError, or a RuntimeError naming a bug."""
        try:
            kind, value = self._receive.recv()
        except EOFError:
            kind, value = "bug", f"the process stopped without an answer (exit code {self._process.exitcode})"
        except BaseException:  # SIGTERM or Ctrl-C while waiting: the child stops too
            self.cancel()
            raise
        untrack(self)
        self._receive.close()
        self._process.join()
        if kind == "ok":
            return value
        if kind == "site-error":
            raise SiteError(*value)
        raise RuntimeError(f"{self.name} failed in its own process: {value}")

    def cancel(self) -> None:
        """Stop the child (the build failed elsewhere: what it writes is thrown away). Only the
        process that started it can; in another process forked later, this does nothing."""
        if os.getpid() != self._owner:
            return
        untrack(self)
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def stop_all() -> None:
    """Stop every child still running (the build was stopped or failed: a child must not write
    on into a folder that is being removed)."""
    for task in list(_RUNNING):
        task.cancel()


def available() -> bool:
    """Forking is possible here (POSIX) and worth it (more than one core)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1
