"""The plugin manager: built-in defaults first, then the ``asan`` entry points.

Environment switches (read when the manager is built):

``ASAN_LOAD_PLUGINS=a,b``
    load only these entry points (by entry-point name); the built-ins always load.
``ASAN_DISABLE_PLUGIN_AUTOLOAD=1``
    load no entry points at all (tests register plugins by hand).
``ASAN_TRACE_PLUGINS=1``
    trace every hook call and its result to stderr.
``ASAN_EXTRA_PLUGINS=module:attribute,...``
    also register these objects (or modules) as plugins, without installing them: for
    trying a plugin under development, and for tests.

A plugin that fails to import, or whose declared contract range excludes this
asan-sdk's (:mod:`asan_core.contract.version`), is recorded in :attr:`PluginHost.failures`
with its cause; the others still load. Plugins that declare no range, or implement a
deprecated hook, load with a note in :attr:`PluginHost.warnings`.

Only :func:`asan_core.franchise.resolve` (and the CLI's listing of plugins) talks to the
host; services read the :class:`~asan_core.contract.franchise.Franchise` it builds.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.version import __version__
from asan_core.contract import hookspecs
from asan_core.contract.markers import PROJECT_NAME
from asan_core.contract.version import DEPRECATED_HOOKS, compatibility

ENTRY_POINT_GROUP = PROJECT_NAME

DEFAULT_PLUGINS = (
    "asan_core.builtins.principles",
    "asan_core.builtins.curriculum",
    "asan_core.builtins.calendar",
    "asan_core.builtins.typography",
    "asan_core.builtins.planning",
    "asan_core.builtins.rules",
    "asan_core.builtins.indicators",
)
"""Built-in behaviour, registered first, exactly like third-party plugins."""


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not be loaded, or that raised in a hook."""

    plugin: str
    cause: str
    hook: str | None = None
    traceback: str = field(default="", compare=False)
    problems: tuple[Problem, ...] = field(default=(), compare=False)
    """Set when the plugin reported problems in its own input (its data files)."""

    def as_problems(self) -> list[Problem]:
        """What to tell the user: the plugin's own located problems, else its bug, by name."""
        if self.problems:
            return list(self.problems)
        return [
            Problem(
                f"the plugin raised in {self.hook}: {self.cause}",
                plugin=self.plugin,
                hint="this is a bug in the plugin: report it to its authors, or leave it "
                "out with ASAN_LOAD_PLUGINS (ASAN_DEBUG=1 shows the traceback)",
                detail=self.traceback,
            )
        ]

    def render(self) -> str:
        """One line naming the plugin, the hook (if any) and the cause."""
        where = f" in {self.hook}" if self.hook else ""
        verb = "raised" if self.hook else "failed to load"
        return f'plugin "{self.plugin}" {verb}{where}: {self.cause}'


@dataclass(frozen=True)
class PluginInfo:
    """What ``asan plugins`` shows about one plugin."""

    name: str
    distribution: str | None
    version: str | None
    builtin: bool
    hooks: tuple[str, ...]


@dataclass
class PluginHost:
    """The plugin manager together with what loading it found."""

    manager: pluggy.PluginManager
    failures: list[PluginFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Plugins that load but should change: no declared contract, a deprecated hook."""
    distributions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def plugin_names(self) -> list[str]:
        """Registered plugin names, in registration order (built-ins first)."""
        return [name for name, _ in self.manager.list_name_plugin()]

    def info(self) -> list[PluginInfo]:
        """Name, distribution, version and implemented hooks of every plugin."""
        result = []
        for name, plugin in self.manager.list_name_plugin():
            hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or [])
            dist = self.distributions.get(name)
            if name in DEFAULT_PLUGINS:
                dist = ("asan-sdk", __version__)
            result.append(
                PluginInfo(
                    name=name,
                    distribution=dist[0] if dist else None,
                    version=dist[1] if dist else None,
                    builtin=name in DEFAULT_PLUGINS,
                    hooks=tuple(hooks),
                )
            )
        return result

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a hook plugin by plugin, in registration order, isolating failures.

        Returns ``(plugin_name, result)`` pairs for the plugins that answered; a plugin
        that raises is added to :attr:`failures` (with ``hook_name``) and skipped, so one
        broken plugin does not take the others down.
        """
        answers: list[tuple[str, Any]] = []
        hook = getattr(self.manager.hook, hook_name)
        plugins = self.manager.get_plugins()
        for impl in hook.get_hookimpls():
            others = [p for p in plugins if p is not impl.plugin]
            caller: Callable[..., Any] = self.manager.subset_hook_caller(hook_name, others)
            try:
                results = caller(**kwargs)
            except ProblemsError as exc:  # the plugin's data files are wrong
                self.failures.append(
                    PluginFailure(
                        plugin=impl.plugin_name,
                        cause=f"{len(exc.problems)} problem(s) in its data files",
                        hook=hook_name,
                        problems=tuple(exc.problems),
                    )
                )
                continue
            except Exception as exc:  # a plugin's bug must not stop the others
                self.failures.append(
                    PluginFailure(
                        plugin=impl.plugin_name,
                        cause=f"{type(exc).__name__}: {exc}",
                        hook=hook_name,
                        traceback=traceback.format_exc(),
                    )
                )
                continue
            if not (hook.spec and hook.spec.opts.get("firstresult")):
                # A non-firstresult caller returns the list of non-None answers.
                results = results[0] if results else None
            answers.append((impl.plugin_name, results))
        return answers

    def call_first(self, hook_name: str, **kwargs: Any) -> Any:
        """Call a ``firstresult`` hook: the first non-None answer, plugin by plugin.

        Plugins are asked in pluggy's order (later-registered first). A plugin that
        raises is not skipped silently: :class:`ProblemsError` names it and the hook.
        """
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            try:
                answer = impl.function(*(kwargs[name] for name in impl.argnames))
            except ProblemsError:
                raise
            except Exception as exc:  # a plugin's bug is reported by name, not as a traceback
                failure = PluginFailure(
                    plugin=impl.plugin_name,
                    cause=f"{type(exc).__name__}: {exc}",
                    hook=hook_name,
                    traceback=traceback.format_exc(),
                )
                raise ProblemsError(failure.as_problems()) from exc
            if answer is not None:
                return answer
        return None


def _env_list(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


def get_plugin_manager(extra_plugins: Sequence[ModuleType | object] = ()) -> PluginHost:
    """Build the plugin manager: specs, built-ins, entry points, then ``extra_plugins``.

    ``extra_plugins`` are registered last (so they are asked first by ``firstresult``
    hooks and contribute after everyone else); tests and embedding applications use it.
    """
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager)
    for module_name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    if not _truthy("ASAN_DISABLE_PLUGIN_AUTOLOAD"):
        _load_entry_points(host, _env_list("ASAN_LOAD_PLUGINS"))
    _load_extra_plugins(host, _env_list("ASAN_EXTRA_PLUGINS") or [])
    for plugin in extra_plugins:
        _register(host, getattr(plugin, "__name__", None) or repr(plugin), plugin, dist=None)
    if _truthy("ASAN_TRACE_PLUGINS"):
        manager.trace.root.setwriter(sys.stderr.write)
        manager.enable_tracing()
    return host


def hookimpl_defaults(manager: pluggy.PluginManager, plugin: object) -> list[str]:
    """Hook implementations of ``plugin`` that give a parameter a default value."""
    offenders = []
    for caller in manager.get_hookcallers(plugin) or []:
        for impl in caller.get_hookimpls():
            if impl.plugin is not plugin:
                continue
            signature = inspect.signature(impl.function)
            if any(p.default is not inspect.Parameter.empty for p in signature.parameters.values()):
                offenders.append(caller.name)
    return offenders


def _load_extra_plugins(host: PluginHost, specs: list[str]) -> None:
    for spec in specs:
        module_name, _, attribute = spec.partition(":")
        try:
            plugin: Any = importlib.import_module(module_name)
            if attribute:
                plugin = getattr(plugin, attribute)
        except Exception as exc:  # reported like a broken entry point
            host.failures.append(
                PluginFailure(
                    plugin=spec,
                    cause=f"{type(exc).__name__}: {exc} (from ASAN_EXTRA_PLUGINS)",
                    traceback=traceback.format_exc(),
                )
            )
            continue
        _register(host, module_name, plugin, dist=None, declared_in=sys.modules.get(module_name))


def _register(
    host: PluginHost,
    name: str,
    plugin: object,
    dist: metadata.Distribution | None,
    declared_in: ModuleType | None = None,
) -> None:
    if host.manager.is_registered(plugin):
        return
    declared = getattr(plugin, "asan_contract", None) or getattr(declared_in, "asan_contract", None)
    verdict = compatibility(declared, name)
    if not verdict.loads:
        host.failures.append(PluginFailure(plugin=name, cause=verdict.message or ""))
        return
    if verdict.message:
        host.warnings.append(verdict.message)
    try:
        host.manager.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        host.failures.append(PluginFailure(plugin=name, cause=f"{type(exc).__name__}: {exc}"))
        return
    defaults = hookimpl_defaults(host.manager, plugin)
    if defaults:
        host.manager.unregister(plugin)
        host.failures.append(
            PluginFailure(
                plugin=name,
                cause=f"{defaults[0]} gives a parameter a default value; pluggy would "
                "silently not pass the caller's value (pluggy #442): remove the default",
            )
        )
        return
    for caller in host.manager.get_hookcallers(plugin) or []:
        if caller.name in DEPRECATED_HOOKS:
            host.warnings.append(f'plugin "{name}": {DEPRECATED_HOOKS[caller.name].message()}')
    if dist is not None:
        host.distributions[name] = (dist.name, dist.version)


def _load_entry_points(host: PluginHost, only: list[str] | None) -> None:
    entry_points = sorted(
        metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value)
    )
    seen: set[str] = set()
    for ep in entry_points:
        if only is not None and ep.name not in only:
            continue
        if ep.name in seen:
            continue  # the same distribution visible twice on sys.path
        seen.add(ep.name)
        try:
            plugin = ep.load()
        except Exception as exc:  # an installed plugin's import error is reported, not fatal
            host.failures.append(
                PluginFailure(
                    plugin=ep.name,
                    cause=f"{type(exc).__name__}: {exc}",
                    traceback=traceback.format_exc(),
                )
            )
            continue
        _register(host, ep.name, plugin, ep.dist, sys.modules.get(ep.module))
    if only:
        missing = sorted(set(only) - seen)
        for name in missing:
            host.failures.append(
                PluginFailure(
                    plugin=name,
                    cause="named in ASAN_LOAD_PLUGINS but no 'asan' entry point has that name",
                )
            )
