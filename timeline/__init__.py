"""timeline: event timelines from Indonesian news."""

__version__ = "0.1.0"

from timeline.models import (  # noqa: E402
    Actor,
    Document,
    EntityMention,
    Event,
    Reject,
    Sentence,
    Timeline,
    Timex,
)

__all__ = [
    "Actor",
    "Document",
    "EntityMention",
    "Event",
    "Reject",
    "Sentence",
    "Timeline",
    "Timex",
    "__version__",
]
