"""The kit's pages render in two processes where the machine can (``ASAN_JOBS``): the kit
is the same file for file, and a template that fails in either half is reported the same
way — located, exit 2, no traceback, no partial kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from asan_core.kit.build import render_jobs, units
from asan_core.kit.pages import pages
from tests.conftest import FixturePlugin, run_cli


def build(out: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_JOBS", jobs)
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 0, result.output


def files(kit: Path) -> dict[str, bytes]:
    return {str(p.relative_to(kit)): p.read_bytes() for p in sorted(kit.rglob("*")) if p.is_file()}


def test_one_or_two_processes_build_the_same_kit(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path / "one", "1", monkeypatch)
    build(tmp_path / "two", "2", monkeypatch)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_asan_jobs_chooses_the_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_JOBS", "1")
    assert render_jobs() == 1
    monkeypatch.setenv("ASAN_JOBS", "8")
    assert render_jobs() == 2  # two halves at most


# The fixture country's locales are uz, ru, en: this process takes pages from the front
# (uz first), the forked one from the back (en first). A template broken in the first
# locale only fails here, in the last only there; both are reported the same way.
@pytest.mark.parametrize(
    ("template", "locale"), [("centres.html", "uz"), ("principles.html", "en")]
)
def test_a_broken_template_in_either_process_is_located_and_leaves_no_kit(
    country_plugin: FixturePlugin,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    locale: str,
) -> None:
    monkeypatch.setenv("ASAN_JOBS", "2")
    broken = country_plugin.package_dir / "templates" / "kit"
    broken.mkdir(parents=True)
    (broken / template).write_text(
        "{% extends 'kit/base.html' %}{% block main %}"
        f"{{% if locale == '{locale}' %}}{{{{ no_such_variable }}}}{{% endif %}}"
        "{% endblock %}\n"
    )
    out = tmp_path / "kit"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert f"a template failed while rendering {locale}" in result.stderr
    assert f"templates/kit/{template}:1" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".kit.")]


def test_the_two_processes_take_every_unit_once_from_the_two_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from asan_core.franchise import resolve
    from asan_core.kit.build import _Queue

    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
    franchise = resolve("AF")
    chosen = ["fa_AF", "ps_AF", "en"]
    work = units(franchise, chosen, None)
    listed = [(u.locale, p.path) for u in work for p in u.pages]
    assert sorted(listed) == sorted((loc, p.path) for loc in chosen for p in pages(franchise))
    assert len(set(listed)) == len(listed)  # every page of every locale, once
    screen_and_print = [u for u in work if len(u.pages) > 1]
    assert {len(u.pages) for u in screen_and_print} == {2}
    assert all(
        u.pages[1].path == u.pages[0].path.replace(".html", "-print.html") for u in screen_and_print
    )
    # locale after locale, each locale's handbooks last: where the two processes meet,
    # the one from the back takes the handbooks (which share the curriculum's Markdown)
    # and the one from the front the other pages, so no module is rendered by both
    assert [u.locale for u in work] == sorted((u.locale for u in work), key=chosen.index)
    for locale in chosen:
        kinds = ["role" in u.pages[0].values for u in work if u.locale == locale]
        assert kinds == sorted(kinds) and kinds.count(True) == 5, (locale, kinds)
    for shared in (True, False):  # two processes, or one taking both ends
        queue = _Queue(len(work), shared=shared)
        taken = {"front": [], "back": []}
        while True:  # the two ends, in turn, as two processes would
            front, back = queue.take(front=True), queue.take(front=False)
            for end, unit in (("front", front), ("back", back)):
                if unit is not None:
                    taken[end].append(unit)
            if front is None and back is None:
                break
        assert sorted(taken["front"] + taken["back"]) == list(range(len(work)))
        assert work[taken["front"][0]].locale == "fa_AF"  # the first locale from the front
        assert work[taken["back"][0]].locale == "en"  # the last from the back


def test_the_filters_compiled_ahead_are_the_kits_filters(country_plugin: FixturePlugin) -> None:
    from asan_core.franchise import resolve
    from asan_core.i18n.context import LocaleContext
    from asan_core.kit.environment import make_environment
    from asan_core.kit.templates import KIT_FILTERS

    plain = make_environment(LocaleContext(resolve("UZ"), "uz"))
    ours = set(plain.filters) - set(__import__("jinja2").Environment().filters)
    assert ours | {"markdown"} == set(KIT_FILTERS)  # markdown: added by the kit's build


def test_a_template_compiled_under_other_settings_is_never_loaded() -> None:

    from asan_core.base.resources import templates_dir
    from asan_core.kit.templates import configured

    ours = configured([templates_dir()])
    other = configured([templates_dir()])
    other.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
    source = "{% trans n=1 %}{{ n }} service{% endtrans %}"
    cache = ours.bytecode_cache
    assert cache is not None
    mine = cache.get_bucket(ours, "kit/x.html", "/x.html", source)
    theirs = cache.get_bucket(other, "kit/x.html", "/x.html", source)
    assert mine.key != theirs.key  # newstyle gettext compiles {% trans %} differently


def test_templates_compiled_ahead_are_taken_in_and_not_compiled_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import jinja2

    from asan_core.kit.templates import _BYTECODE, compile_ahead, configured

    monkeypatch.setenv("ASAN_CACHE_DIR", "off")
    monkeypatch.setenv("ASAN_JOBS", "2")
    monkeypatch.setattr(_BYTECODE, "_store", {})  # nothing compiled in this process yet
    # nor on disk: the cache folder is looked up once per process, and an earlier build in
    # this one may have found a folder holding these templates already
    monkeypatch.setattr(_BYTECODE, "_folder", None)
    compile_ahead()()
    assert len(_BYTECODE.compiled()) >= 15  # every page template of the kit
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *a: object):
        compiled.append(str(name))
        return original(self, source, name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    from asan_core.base.resources import templates_dir
    from asan_core.kit.templates import KIT_FILTERS

    env = configured([templates_dir()])
    env.filters.update(dict.fromkeys(KIT_FILTERS, str))
    env.get_template("kit/handbook.html")
    assert compiled == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_what_fell_back_is_reported_in_the_kits_order_of_locales(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from asan_core.franchise import resolve
    from asan_core.kit import build_kit

    monkeypatch.setenv("ASAN_JOBS", jobs)
    report = build_kit(resolve("UZ"), tmp_path / "kit")
    assert list(report.fallbacks) == ["uz", "ru", "en"]  # never the other process's order


def test_two_processes_build_the_kit_where_the_c_library_has_no_prctl(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The forked processes ask the kernel to end them with the build (prctl); a C library
    # without prctl leaves them unprotected, as before, and the build still succeeds.
    import ctypes
    import signal

    from asan_core.kit import templates

    real = ctypes.CDLL

    class WithoutPrctl:
        def __init__(self, handle: ctypes.CDLL) -> None:
            self.handle = handle

        def __getattr__(self, name: str) -> object:
            if name == "prctl":
                raise AttributeError(name)
            return getattr(self.handle, name)

    def cdll(name: str | None, *args: object, **kwargs: object) -> object:
        return WithoutPrctl(real(name, *args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    previous = signal.getsignal(signal.SIGTERM)  # which it resets, as in a forked process
    try:
        templates.end_with_parent(0)  # no prctl: it returns, whoever the parent is
    finally:
        signal.signal(signal.SIGTERM, previous)
    build(tmp_path / "kit", "2", monkeypatch)
    assert (tmp_path / "kit" / "manifest.json").is_file()
