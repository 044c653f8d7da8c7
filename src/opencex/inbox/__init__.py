"""Email intake: requests and replies that arrive by email become cases and timeline entries.

How mail gets in (both keep the raw email first, then the worker reads it):

- `opencex receive_mail --host 0.0.0.0 --port 2525` runs the receiving SMTP server (aiosmtpd).
  Point the council's mail gateway (MX or forwarding) for the profile's mailboxes at it; it
  refuses any other address, keeps each email before answering 250, and answers 451 (try later)
  if it cannot. Put it behind the gateway, which does TLS and spam filtering.
- `opencex poll_mailbox foi@oxford.gov.uk --host imap.example --user foi-reader [--every 60]`
  fetches unseen email from an IMAP mailbox (Exchange, Microsoft 365), the password taken from
  $OPENCEX_IMAP_PASSWORD; it marks each email seen once it is kept. Run once from cron, or with
  --every to keep polling.
- `opencex worker` then reads each kept email (tasks.read_email_into_case, retried):

  1. sent by a machine (Auto-Submitted, Precedence: bulk, a bounce, an out-of-office): recorded,
     ignored, never answered;
  2. continuing a case (In-Reply-To/References naming our email or one already on the case, the
     request site's reference such as WhatDoTheyKnow's request number, or the case reference in
     the subject) and from the address on the case: a message from the resident on the case,
     with its files, and, if the council was waiting for their clarification, the clock
     restarted from the day the email arrived; from any other address: held for an officer;
  3. otherwise a new case on the email channel: its kind from the mailbox (the profile's
     [inbox]), dated by the email's arrival so the statutory clocks count from the right day,
     the request site's title and reference kept, and acknowledged to the sender with a
     Reply-To of the mailbox.

Files are judged by content (cases.attachments); one refused is noted on the case, never
silently dropped. Every email and what became of it is in the admin (InboundEmail).

Held emails, and those still unread after the last retry, wait on the staff screen /staff/inbox/
(policies.py says who sees which) for an officer to add each to a case, open a case from it (dated
by its arrival), have it read again, or set it aside as not a request: services.py, each decision
recorded in OfficerAction with who made it and when.
"""
