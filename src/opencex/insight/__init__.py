"""Reporting: the figures managers and councillors read, from the other apps' records."""
