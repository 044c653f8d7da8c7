"""Predicted completion (issue 16): when a request on a service standard is likely to be done,
from how long the service's recent requests took, with the uncertainty
(docs/completion-prediction.md)."""
