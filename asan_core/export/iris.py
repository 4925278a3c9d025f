"""Stable IRIs for exported records, built from a base (``--base-iri``).

The default base, ``https://example.org/asan/<country>/``, is illustrative: ``example.org``
is reserved for examples, so the identifiers are stable but not dereferenceable. A
government publishing the data passes its own base (a domain it controls).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from asan_core.base.problems import Problem, ProblemsError

DEFAULT_BASE_IRI = "https://example.org/asan/{country}/"


def default_base_iri(country_code: str) -> str:
    """``https://example.org/asan/az/`` for AZ."""
    return DEFAULT_BASE_IRI.format(country=country_code.lower())


def check_base_iri(value: str) -> str:
    """``value`` as a base IRI ending in ``/``.

    :raises ProblemsError: unless it is an absolute http(s) IRI without query or fragment.
    """
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in {"http", "https"}
        or not parts.netloc
        or "?" in value  # a bare "?" or "#" leaves query and fragment empty
        or "#" in value
        or any(c.isspace() for c in value.strip())
    ):
        raise ProblemsError(
            [
                Problem(
                    f"{value!r} is not a base IRI",
                    field="--base-iri",
                    hint="give an absolute http(s) address without query or fragment, "
                    "e.g. https://data.example.gov/services/",
                )
            ]
        )
    text = value.strip()
    return text if text.endswith("/") else text + "/"


class Iris:
    """Mints IRIs below one base: ``iris("service", "id-card")``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, *parts: str | int) -> str:
        return self.base + "/".join(quote(str(part), safe="-_.~") for part in parts)
