"""Contacts resolved at first contact: questions answered and signposting, logged without a case."""
