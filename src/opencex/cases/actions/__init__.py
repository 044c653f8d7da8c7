"""Every change to a case, one module per family of acts (as Zulip's `zerver/actions/`).

Each action takes the `actor` (None for an anonymous resident), checks the policy, locks the case,
writes the change and its timeline event in one transaction, and queues any message to the
resident in that same transaction (see opencex.jobs), so nothing is half-done.

- `opening`: open a case (every form, API call, assisted contact and email).
- `status`: move along the lifecycle, close with an outcome.
- `clock`: acknowledge, pause and resume for the resident, extend.
- `escalation`: a stage 1 complaint to stage 2.
- `routing`: reassign, priority.
- `messages`: notes, messages to the resident, replies coming back.
- `core`: what they share (the `System` actor, the row lock, the policy check).
"""
