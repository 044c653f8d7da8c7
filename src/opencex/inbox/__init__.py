"""Requests and replies that arrive by email, turned into cases and timeline entries."""
