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
from timeline.pipeline import (  # noqa: E402
    DocumentResult,
    RunSummary,
    extract,
    process_document,
    run_extract,
)
from timeline.temporal import tag  # noqa: E402

__all__ = [
    "Actor",
    "Document",
    "DocumentResult",
    "EntityMention",
    "Event",
    "Reject",
    "RunSummary",
    "Sentence",
    "Timeline",
    "Timex",
    "__version__",
    "extract",
    "process_document",
    "run_extract",
    "tag",
]
