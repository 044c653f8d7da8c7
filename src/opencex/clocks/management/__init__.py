"""Management commands of the clocks app."""
