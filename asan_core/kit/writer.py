"""Writing a kit: files under a staging folder, the manifest, the atomic swap."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from asan_core.base.version import __version__
from asan_core.contract.franchise import Franchise


class KitWriter:
    """Writes files under the temporary kit folder and remembers them for the manifest."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, bytes] = {}

    def write(self, relative: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files[relative] = data


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with renames only (same folder, same filesystem)."""
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
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
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(writer.files.items())
        },
    }
    writer.write("manifest.json", as_json(manifest))
