"""Digests made ahead by a forked copy of the build (site/digests_ahead.py): they are the
digests the build would make itself, the build makes none of them again, and it makes
them itself whenever the copy cannot answer (no fork, another thread, a failed copy)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace

from site_builder.site.digests_ahead import DigestsAhead
from site_builder.site.fingerprints import Fingerprinter
from site_builder.site.forked_task import can_fork
from site_builder.site.views import Image

from .conftest import REPO
from .test_fingerprints import SAMPLE

VALUES = {
    "tin-tuc/a.md": SAMPLE,
    "tin-tuc/b.md": replace(SAMPLE, name="Quảng Tân"),
    "mo-hinh/c.md": (SAMPLE, Image("/anh/vuon-mau.jpg", "Vườn mẫu"), None),
    "index.md": None,
}
PHOTOS = {"/anh/vuon-mau.jpg": ("vuon-mau-640.webp", 640)}


def expected() -> dict[str, str]:
    """Each value digested in this process, with a fingerprinter of its own."""
    fingerprints = Fingerprinter(PHOTOS.get)
    return {key: fingerprints.digest(value) for key, value in VALUES.items()}


class Recorder:
    """`value_of`, noting which values this process asked for."""

    def __init__(self, fail_in_copy: bool = False) -> None:
        self.parent = os.getpid()
        self.asked: list[str] = []
        self.fail_in_copy = fail_in_copy

    def __call__(self, key: str) -> object:
        if os.getpid() != self.parent:
            if self.fail_in_copy:
                raise RuntimeError("a copy that fails")
        else:
            self.asked.append(key)
        return VALUES[key]


def ahead(recorder: Recorder, fork: bool = True) -> DigestsAhead[str]:
    return DigestsAhead(Fingerprinter(PHOTOS.get), {key: key for key in VALUES}, recorder, fork)


def check_the_copy_makes_every_digest_the_build_would_make() -> None:
    assert can_fork()
    recorder = Recorder()
    digests = ahead(recorder)
    assert digests._copy is not None
    answer_file = digests._copy._answer_file
    assert {key: digests.digest(key, key) for key in VALUES} == expected()
    assert recorder.asked == []  # none made again by the build
    assert not os.path.exists(answer_file)  # read once, then removed
    digests.close()


def check_a_copy_stopped_before_it_answered_leaves_nothing_behind() -> None:
    assert can_fork()
    digests = ahead(Recorder())
    assert digests._copy is not None
    pid, answer_file = digests._copy._pid, digests._copy._answer_file
    digests.close()
    assert not os.path.exists(answer_file)
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass  # reaped: no process left behind
    else:
        raise AssertionError("the stopped copy was not reaped")
    assert digests.digest("index.md", "index.md") == expected()["index.md"]


IN_A_PROCESS_OF_ITS_OWN = """
import sys
sys.path.insert(0, sys.argv[1])
from tests import test_digests_ahead as checks
checks.check_the_copy_makes_every_digest_the_build_would_make()
checks.check_a_copy_stopped_before_it_answered_leaves_nothing_behind()
checks.check_a_value_the_copy_was_not_given_is_digested_by_the_build()
checks.check_a_failed_copy_leaves_every_digest_to_the_build()
print("checked")
"""


def test_a_forked_copy_makes_the_build_s_digests_or_leaves_them_to_it() -> None:
    """The `check_` functions, in a process of its own with one thread: pytest's may hold
    other tests' threads, beside which nothing is forked."""
    result = subprocess.run(
        [sys.executable, "-c", IN_A_PROCESS_OF_ITS_OWN, str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.strip() == "checked", result.stderr


def check_a_value_the_copy_was_not_given_is_digested_by_the_build() -> None:
    assert can_fork()
    recorder = Recorder()
    digests = DigestsAhead(Fingerprinter(PHOTOS.get), {"index.md": "index.md"}, recorder)
    assert digests.digest("tin-tuc/a.md", "tin-tuc/a.md") == expected()["tin-tuc/a.md"]
    assert recorder.asked == ["tin-tuc/a.md"]
    digests.close()


def check_a_failed_copy_leaves_every_digest_to_the_build() -> None:
    assert can_fork()
    recorder = Recorder(fail_in_copy=True)
    digests = ahead(recorder)
    assert {key: digests.digest(key, key) for key in VALUES} == expected()
    assert sorted(recorder.asked) == sorted(VALUES)
    digests.close()


def test_without_a_fork_each_digest_is_made_when_asked() -> None:
    recorder = Recorder()
    digests = ahead(recorder, fork=False)
    assert recorder.asked == []
    assert digests.digest("index.md", "index.md") == expected()["index.md"]
    assert recorder.asked == ["index.md"]
    digests.close()


def test_no_copy_is_forked_while_another_thread_runs() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        recorder = Recorder()
        digests = ahead(recorder)
        assert {key: digests.digest(key, key) for key in VALUES} == expected()
        assert sorted(recorder.asked) == sorted(VALUES)
    finally:
        release.set()
        other.join()
