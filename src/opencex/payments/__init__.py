"""Payments behind one interface modelled on GOV.UK Pay: start a payment, send the resident to the
provider, settle it by asking the provider, refunds and reconciliation (docs/payments.md)."""
