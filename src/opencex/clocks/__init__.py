"""Calendars of working days and the statutory and service deadline rules counted in them."""
