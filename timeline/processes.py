"""Local worker processes, started the same way wherever the package uses them."""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def process_context() -> BaseContext:
    """Forked where the platform allows, so workers inherit the loaded language data instead of loading it again."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
