"""Consultations and the horizon scan (issue 15): planned consultations, their clash, duplicate
and equality checks, and their published results."""
