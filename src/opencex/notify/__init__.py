"""Notifications: one interface, adapters for SMTP, GOV.UK Notify and a local SMS outbox."""
