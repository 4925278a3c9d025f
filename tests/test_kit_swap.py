"""No moment without a kit: builds killed at many points leave the previous kit whole, and
the next build removes what they left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FixturePlugin


def complete(kit: Path) -> bool:
    """Every file the manifest lists is there, with its size."""
    manifest = json.loads((kit / "manifest.json").read_text(encoding="utf-8"))
    return all(
        (kit / name).is_file() and (kit / name).stat().st_size == entry["bytes"]
        for name, entry in manifest["files"].items()
    )


def processes_building(out: Path) -> list[int]:
    """The processes whose command line builds into ``out`` (a forked one has its
    parent's command line)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            line = (proc / "cmdline").read_bytes()
        except OSError:  # it ended meanwhile
            continue
        if str(out).encode() in line:
            found.append(int(proc.name))
    return found


def no_process_left(out: Path, wait_s: float = 5.0) -> bool:
    """True once no process builds into ``out`` any more (an orphan is reaped by init a
    moment after it ends). Only Linux forks a build (``can_fork``), and has ``/proc``."""
    if not Path("/proc/self").is_dir():
        return True
    deadline = time.monotonic() + wait_s
    while processes_building(out):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def build(out: Path, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "asan_core.cli.app", "kit", "build", "UZ", "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True)


def a_first_kit(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A kit built at ``site/kit``, and the files its manifest lists."""
    out = tmp_path / "site" / "kit"
    out.parent.mkdir()
    assert build(out).wait() == 0
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]


@pytest.mark.slow
def test_a_build_killed_at_any_point_leaves_the_previous_kit_whole_and_nothing_behind(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out, first = a_first_kit(tmp_path)
    start = time.perf_counter()
    assert build(out).wait() == 0
    whole = time.perf_counter() - start
    for step in range(12):  # kill points spread over a whole build
        process = build(out)
        time.sleep(whole * step / 11)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # the processes it forked (templates compiled ahead, the second renderer) end
        # with it: none is left writing into a folder the next build removes
        assert no_process_left(out), f"killed at {step}/11: {processes_building(out)} left"
        assert out.is_dir() and complete(out), f"killed at {step}/11 of a build"
    assert build(out).wait() == 0
    assert complete(out)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"] == first
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "kit"]
    assert leftovers == [], leftovers  # temporary folders of killed builds are gone


def test_a_kit_folder_is_readable_by_others(country_plugin: FixturePlugin, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    assert build(out).wait() == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask


@pytest.mark.slow
def test_a_build_terminated_removes_what_it_was_writing_and_says_so(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    # SIGTERM (a CI job's timeout) stops a build as Ctrl-C does: the staging folder is
    # removed at once (not left for the next build), the previous kit is untouched, the
    # command says so and exits 143; the processes it forked end with it.
    out, first = a_first_kit(tmp_path)
    stopped = 0
    for after_s in (0.0, 0.0, 0.01, 0.03, 0.1):
        previous = out.stat().st_ino  # the swap puts another folder at this path
        process = build(out, stderr=subprocess.PIPE)
        while process.poll() is None and not any(
            p.name.startswith(".kit.building-") for p in out.parent.iterdir()
        ):
            time.sleep(0.002)
        time.sleep(after_s)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert no_process_left(out)
        assert [p.name for p in out.parent.iterdir()] == ["kit"]  # nothing left beside it
        assert complete(out)
        if out.stat().st_ino != previous:
            # the new kit was in place before SIGTERM came: the build had done its work
            # (after it, SIGTERM ends the process as by default)
            assert process.returncode in (0, 143, -signal.SIGTERM), stderr
            continue
        stopped += 1
        assert process.returncode == 143, stderr
        assert "terminated: the previous kit (if any) is unchanged" in stderr
        assert "Traceback" not in stderr
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["files"] == first
    assert stopped >= 2  # SIGTERM came in the middle of a build at least twice
