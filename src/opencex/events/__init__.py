"""Outbound events: every case change (and, later, booking and payment) as an `Event` row written
in the same transaction as the change (a transactional outbox), delivered to back-office systems
by signed webhooks (Standard Webhooks), retried with back-off, dead-lettered, and replayable from
a cursor. `services.publish` is the one way in; docs/events.md is the receiving developer's guide.

- `models`: `Event` (its id is the cursor), `Subscription`, `Delivery`, `ReceivedMessage`.
- `topics`: every topic and what its payload carries.
- `services`: publish, subscriptions, dead-letter retry, replay.
- `fanout` / `delivery`: the tasks' work: one delivery per event per matching subscription, and
  one signed POST per delivery, claimed so a dead worker's delivery is taken over (at least once).
- `signing` / `receiving`: the Standard Webhooks signature, and the receiver's helper (verify,
  then apply each message once).
- `consumers`: in-process subscribers (the back-office adapters in `opencex.integrations`).
"""
