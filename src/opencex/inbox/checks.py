"""System checks: every mailbox in the council profile opens a kind of case that can be opened
from an email alone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from opencex.cases.models import CaseKind
from opencex.inbox.policies import KINDS_NEEDING_A_PARENT


@checks.register()
def check_mailboxes(**kwargs: Any) -> list[checks.CheckMessage]:
    openable = [kind.value for kind in CaseKind if kind not in KINDS_NEEDING_A_PARENT]
    return [
        checks.Error(
            f"The council profile's mailbox {box.address} opens '{box.kind}' cases.",
            hint=f"Choose one of {', '.join(openable)}.",
            id="inbox.E001",
        )
        for box in settings.COUNCIL_PROFILE.inbox.mailboxes
        if box.kind not in openable
    ]
