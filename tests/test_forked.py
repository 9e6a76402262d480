"""Work on the second core (hulproute/forked.py): its result comes back, and so does its failure,
as the same kind of error a maintainer would get without it."""
from __future__ import annotations

import os

import pytest

from hulproute import forked
from hulproute.errors import SiteError


def child_pid() -> int:
    return os.getpid()


def bad_data() -> None:
    raise SiteError("data/x.yaml: record 1, field 'y': wrong", "write it right")


def bug() -> None:
    raise KeyError("missing")


def test_the_result_comes_from_another_process():
    assert forked.ForkedTask(child_pid).result() != os.getpid()


def test_a_site_error_stays_a_site_error_with_its_fix():
    with pytest.raises(SiteError) as raised:
        forked.ForkedTask(bad_data).result()
    assert raised.value.problem == "data/x.yaml: record 1, field 'y': wrong" and raised.value.fix == "write it right"


def test_a_bug_is_reported_with_the_childs_traceback():
    with pytest.raises(RuntimeError, match=r"bug failed in its own process: KeyError: 'missing'") as raised:
        forked.ForkedTask(bug).result()
    assert "Traceback" in str(raised.value) and "raise KeyError" in str(raised.value)


def test_a_child_that_dies_is_reported():
    with pytest.raises(RuntimeError, match="stopped without an answer"):
        forked.ForkedTask(os._exit, 3).result()


def test_cancel_stops_the_child(tmp_path):
    import time

    task = forked.ForkedTask(time.sleep, 30)
    started = time.monotonic()
    task.cancel()
    assert time.monotonic() - started < 5


def test_a_stopped_build_stops_every_child_still_running():
    import time

    tasks = [forked.ForkedTask(time.sleep, 30) for _ in range(2)]
    started = time.monotonic()
    forked.stop_all()
    assert time.monotonic() - started < 5
    assert all(not task._process.is_alive() for task in tasks)


def test_only_the_process_that_started_a_child_can_stop_it():
    """A process forked later inherits the task object; its cancel must not touch the child."""
    import time

    task = forked.ForkedTask(time.sleep, 30)
    try:
        assert forked.ForkedTask(task.cancel).result() is None
        assert task._process.is_alive()
    finally:
        task.cancel()
