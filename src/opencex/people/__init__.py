"""Residents, properties and the links between them; special-category data kept apart."""
