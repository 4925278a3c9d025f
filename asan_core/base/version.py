"""The version of asan-sdk (the distribution); the plugin contract has its own."""

__version__ = "0.4.0"
