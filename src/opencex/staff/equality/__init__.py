"""Equality and reach, and the Tenant Satisfaction Measures, for managers."""
