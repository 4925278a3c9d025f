"""Writing files so that a failure or an interruption never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from asan_core.base.problems import Problem, ProblemsError, display_path


def write_atomically(path: Path, content: str | bytes, field: str | None = None) -> None:
    """Write ``content`` to ``path`` through a temporary file beside it, then rename.

    A failure (or Ctrl-C) leaves no partial file: the previous content, if any, stays as
    it was. The file keeps its permissions, or gets the usual ones (not mkstemp's 0600).

    :param field: the option that named the file (``--output``), for the error message.
    :raises ProblemsError: when the file cannot be written, with the reason.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _file_mode(path)
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(path, exc, field) from exc
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc, field) from exc
        raise


def _unwritable(path: Path, exc: OSError, field: str | None) -> ProblemsError:
    return ProblemsError(
        [
            Problem(
                f"cannot write {display_path(path)}: {exc.strerror or exc}",
                field=field,
                hint="choose a file in a folder you can write to",
            )
        ]
    )


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
