"""Paying a bill with its reference: council tax, a parking Penalty Charge Notice, an invoice.
Which bills, their reference formats and check digits come from the council profile's
`[payments]`; the amount due from the council's bills system (`system.py`)."""
