"""Back-office systems behind one seam, in place of the emails forms used to send them.

A case of a catalogue service routed to a back office (`BackOfficeRoute`, data an administrator
keeps in the admin) becomes a record there, made from the `case.created` event (an in-process
consumer of `opencex.events`, applying each event once). Status flows back by polling: each
system's client asks for the changes after the last position seen, and each change becomes a
case status change through the one door (`cases.actions.status.change_status` / `close_case`)
with a `System(because=..., back_office=...)` actor, which `cases.policies.can_system_act`
allows only on a case that system holds a record of. The resident is told as of every change.

- `backoffice`: the seam (`BackOfficeClient`, `StatusChange`, `Act`) and the systems' registry.
- `uniform/`: a planning system (Uniform-style enforcement records); `ql/`: a housing system
  (QL-style repair jobs). Each has `client.py` (HTTP) and `fake.py`, a working local server
  with the same API (`opencex run_fake_back_office`), used by the demo and the tests.
- `services`: send a case to its back office; take the status changes back.
"""
