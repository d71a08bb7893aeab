"""Entity recognition support: the lookup tables `timeline.actors` matches against."""
