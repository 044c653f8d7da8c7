"""The case: every contact that needs an answer, its lifecycle, clock and timeline."""
