"""Every change to a case, one module per family of acts (as Zulip's `zerver/actions/`).

Each action takes the `actor` (None for an anonymous resident), checks the policy, locks the case,
writes the change and its timeline event in one transaction, and queues any message to the
resident in that same transaction (see opencex.jobs), so nothing is half-done.

- `opening`: open a case (every form, API call, assisted contact and email).
- `status`: move along the lifecycle, close with an outcome.
- `clock`: acknowledge, pause and resume for the resident, extend.
- `routing`: reassign, priority.
- `messages`: notes, messages to the resident, replies coming back (`receive_clarification`).
- `core`: what they share (the `System` actor, the row lock, the policy checks).

`cases` owns only what every kind shares. An act a domain app owns for its kinds (a complaint's
acknowledgement, extension, escalation and response; an information request's extension, fees,
identity and decision) is that app's action: the generic one hands it over or refuses it (see
`cases.owners`), and the owning app's action takes the step here (`record_*`) after its own
rules. What an officer may do now is `cases.policies.available_actions`, and every act refuses
what it leaves out.
"""
