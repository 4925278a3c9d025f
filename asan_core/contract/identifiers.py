"""The answer of :func:`asan_core.contract.hookspecs.asan_validate_identifier`."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IdentifierCheck:
    """Whether an identifier is well formed, and if not, what is expected."""

    valid: bool
    normalised: str
    message: str

    @classmethod
    def of(cls, value: str, pattern: str, expected: str) -> IdentifierCheck:
        """Check ``value`` (spaces dropped, upper-cased) against a full-match ``pattern``."""
        normalised = re.sub(r"\s+", "", value).upper()
        if re.fullmatch(pattern, normalised):
            return cls(True, normalised, "well formed")
        return cls(False, normalised, f"expected {expected}, got {value!r}")
