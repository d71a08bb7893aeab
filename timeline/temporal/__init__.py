"""Temporal expression tagging (TIMEX3) for Indonesian news."""

from timeline.temporal.tagger import tag

__all__ = ["tag"]
