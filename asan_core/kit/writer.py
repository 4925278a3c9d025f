"""Writing a kit: files under a staging folder, the manifest, the atomic swap."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asan_core.base.version import __version__
from asan_core.contract.franchise import Franchise


@dataclass(frozen=True)
class WrittenFile:
    """What the manifest says of a file: its sha256 and size (not its bytes)."""

    sha256: str
    bytes: int


class KitWriter:
    """Writes files under the temporary kit folder and remembers, for the manifest, each
    file's hash and size — hashed as it is written, so memory does not grow with the kit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, WrittenFile] = {}
        self._folders: set[Path] = set()

    def write(self, relative: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = self.root / relative
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        path.write_bytes(data)
        self.files[relative] = WrittenFile(hashlib.sha256(data).hexdigest(), len(data))

    @property
    def total_bytes(self) -> int:
        """The size of everything written."""
        return sum(f.bytes for f in self.files.values())


RENAME_EXCHANGE = 2
"""``renameat2(2)``'s flag: swap two paths atomically (Linux 3.15+)."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one atomic step where the system can (Linux's renameat2);
    False where it cannot (another OS, an old kernel, a filesystem without it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), ctypes.c_uint(RENAME_EXCHANGE)
    )
    return bool(result == 0)


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` (same folder, same filesystem) with no moment in which
    ``out`` is missing: on Linux one atomic exchange (``renameat2(RENAME_EXCHANGE)``), then
    the old kit, now at the staging path, is removed; elsewhere two renames, with the old
    kit put back if the second fails."""
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # the old kit, swapped out
        return
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
        retired.rmdir()
        out.rename(retired)
        try:
            staging.rename(out)
        except BaseException:
            retired.rename(out)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out)


def remove_stale_folders(out: Path) -> list[Path]:
    """Remove the temporary folders that killed builds of ``out`` left beside it
    (``.<kit>.building-<pid>-*``, ``.<kit>.old-<pid>-*``) whose process has ended."""
    removed = []
    for folder in out.parent.glob(f".{out.name}.*-*"):
        kind, _, rest = folder.name[len(out.name) + 2 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in {"building", "old"} or not pid.isdigit() or not folder.is_dir():
            continue
        if _alive(int(pid)):
            continue  # another build is running now
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this very process, not the one running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def as_json(data: Any) -> str:
    """Sorted, indented JSON with a final newline: the same data gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(franchise: Franchise, chosen: list[str], writer: KitWriter) -> None:
    """``manifest.json``: generator, country, locales, plugins and every file's sha256."""
    plugins = {
        plugin.name: {"distribution": plugin.distribution, "version": plugin.version}
        for plugin in franchise.plugins.versions
    }
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    manifest = {
        "version": 1,
        "generator": f"asan-sdk {__version__}",
        "country": franchise.country.code,
        "locales": chosen,
        "plugins": plugins,
        "source_date_epoch": int(epoch) if epoch and epoch.isdigit() else None,
        "files": {
            name: {"sha256": written.sha256, "bytes": written.bytes}
            for name, written in sorted(writer.files.items())
        },
    }
    writer.write("manifest.json", as_json(manifest))
