"""The kit's Jinja2 settings and its compiled templates, shared by every environment.

Kept apart from :mod:`asan_core.kit.environment` (which needs the country's data) and
light to import, so that ``asan kit build`` can start compiling the templates in a second
process before it loads the country (:func:`compile_ahead`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket, BytecodeCache

from asan_core.base.resources import templates_dir
from asan_core.base.version import __version__


class TemplateCache(BytecodeCache):
    """Compiled templates, shared by every environment of the process (one per locale) and,
    where a cache folder can be written, by later processes.

    Jinja2 keys a template by its name and file name and checks the source's checksum, so
    an edited template (a trainer editing while ``asan kit serve`` runs, or a plugin update)
    is compiled afresh: the cache is never stale. The folder is
    ``$ASAN_CACHE_DIR`` or ``$XDG_CACHE_HOME/asan-sdk`` (``~/.cache/asan-sdk``), one
    subfolder per asan-sdk and Python version; ``ASAN_CACHE_DIR=off`` keeps it in memory. A
    folder that cannot be written is not an error: the cache stays in memory.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._folder: Path | bool | None = False  # False: not looked up yet

    def _disk(self) -> Path | None:
        if self._folder is False:
            self._folder = _cache_folder()
        return self._folder if isinstance(self._folder, Path) else None

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Jinja2's bucket, keyed also by the settings the compiled code depends on (a
        template compiled under other settings is another template, never loaded here)."""
        key = self.get_cache_key(f"{name}|{_settings(environment)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is None and (folder := self._disk()) is not None:
            try:
                code = (folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                code = None
        if code is not None:
            bucket.bytecode_from_string(code)

    def remember(self, key: str, code: bytes) -> None:
        """Keep ``code`` compiled elsewhere (:func:`compile_ahead`) unless this process
        has its own."""
        self._store.setdefault(key, code)

    def compiled(self) -> dict[str, bytes]:
        """The templates compiled in this process, by key."""
        return dict(self._store)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._store[bucket.key] = code
        folder = self._disk()
        if folder is not None:
            try:
                temporary = folder / f"{bucket.key}.{os.getpid()}.tmp"
                temporary.write_bytes(code)
                os.replace(temporary, folder / f"{bucket.key}.cache")
            except OSError:
                self._folder = None  # read-only or full: keep to memory from now on


def _cache_folder() -> Path | None:
    setting = os.environ.get("ASAN_CACHE_DIR", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    base = (
        Path(setting)
        if setting
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asan-sdk"
    )
    folder = base / f"templates-{__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


_BYTECODE = TemplateCache()


def _settings(environment: Environment) -> str:
    """What of an environment its compiled templates depend on."""
    return repr(
        (
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.optimized,
            sorted(environment.extensions),
            getattr(environment, "newstyle_gettext", None),
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
        )
    )


def configured(folders: list[Path]) -> Environment:
    """The environment's settings, which its compiled templates depend on (one place, so a
    template compiled ahead by :func:`compile_ahead` is the one the build would compile)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        bytecode_cache=_BYTECODE,
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Newstyle gettext changes how {% trans %} compiles: set here, the callables follow
    # (asan_core.i18n.templating.install_translations).
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return env


KIT_FILTERS = (
    *("number", "percent", "money", "date", "date_range", "working_days", "weekday"),
    *("digits", "bdi", "plain", "text", "text_in", "channel", "feature", "role", "markdown"),
)
"""The filters the kit's templates use (compiling a template checks that its filters
exist; :func:`make_environment` and the kit's build register them)."""


def can_fork() -> bool:
    """Whether the build may fork a second process: on Linux only. (macOS offers ``fork``
    but its system libraries are not safe in a forked child, which is why Python spawns
    there by default; spawning would cost more start-up than it saves here.)"""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


PR_SET_PDEATHSIG = 1
"""``prctl(2)``'s option: the signal this process gets when the one that forked it ends."""


def end_with_parent(parent: int) -> None:
    """Called first in a forked process: it is killed when ``parent`` (the build that
    forked it) ends, however that ends. A build killed with SIGKILL or SIGTERM otherwise
    left its forked process behind for good, blocked on sending its result into a pipe
    nobody reads, or still writing into a folder the next build removes.

    The kernel watches the *thread* that forked: both forks happen on the build's main
    thread, which lives as long as the build. A C library without ``prctl`` leaves the
    process unprotected, as before, rather than failing the build.

    SIGTERM ends the forked process at once, as by default: the build's own handler (which
    stops the build as Ctrl-C does, ``asan_core.cli.support.stopped_by_sigterm``) is not for
    it, and the build terminates it with SIGTERM when the build fails."""
    import ctypes
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(1)


AHEAD_TIMEOUT_S = 10.0
"""How long the build waits for the templates compiled ahead before compiling them itself
(they take about 0.1 s; only a stuck process takes longer)."""


def compile_ahead() -> Callable[[], None]:
    """Compile the core's kit templates in a second process while this one loads the
    country, and return the function that takes them in (waiting for them if need be).

    A cold build compiles every template (about 0.1 s on this project's machine) in each
    of the two processes that render the pages; compiled here, on the core that is idle
    while the first loads and validates the data, neither does (docs/performance.md).
    Where the second process cannot be made or would not pay (off Linux, one core,
    ``ASAN_JOBS=1``), or fails, the function does nothing and the templates are compiled
    when first used, as always. A plugin's own template is compiled when used: its file
    is another template.
    """
    import multiprocessing

    setting = os.environ.get("ASAN_JOBS", "")
    if (setting.isdigit() and int(setting) < 2) or (os.cpu_count() or 1) < 2 or not can_fork():
        return lambda: None
    fork = multiprocessing.get_context("fork")
    receive, send = fork.Pipe(duplex=False)
    child = fork.Process(target=_compile_in_child, args=(send, os.getpid()), daemon=True)
    try:
        child.start()
    except OSError:  # no process to be had: compile when used
        return lambda: None
    send.close()

    def take_in() -> None:
        compiled: dict[str, bytes] = {}
        try:
            if receive.poll(AHEAD_TIMEOUT_S):
                compiled = receive.recv()
        except (EOFError, OSError):
            compiled = {}
        finally:
            receive.close()
            if child.is_alive() and not compiled:  # stuck or slow: compile when used
                child.terminate()
            child.join()
        for key, code in compiled.items():
            _BYTECODE.remember(key, code)

    return take_in


def _compile_in_child(connection: Any, parent: int) -> None:
    end_with_parent(parent)
    try:
        env = configured([templates_dir()])
        env.filters.update(dict.fromkeys(KIT_FILTERS, str))
        for name in env.list_templates(filter_func=lambda n: n.startswith("kit/")):
            if name.endswith((".html", ".xml", ".txt")):
                env.get_template(name)
        connection.send(dict(_BYTECODE.compiled()))
    except BaseException:
        connection.send({})
    finally:
        connection.close()
