"""The test suite of asan-sdk (a package, so ``tests.conftest`` is ours even where an
installed distribution ships a top-level ``tests`` package, as Ciw does)."""
