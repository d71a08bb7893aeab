"""The event builder: timeline rows (what, when, who, where) from a tagged, segmented document."""

from .builder import build_events

__all__ = ["build_events"]
