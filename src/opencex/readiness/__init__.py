"""The Citizen Experience readiness model: services assess themselves against it, a moderator
confirms, the gaps become the live action plan (issue 15; docs/readiness.md)."""
