"""Which app owns which act on which kind of case.

`cases` owns what every case shares (notes, messages, routing, the lifecycle, closing). A domain
app that adds law to an act for its kinds registers an `Owner` here when Django starts
(`AppConfig.ready`): complaints own a complaint's acknowledgement, extension, escalation and
response; information rights own an FOI/EIR/SAR extension, fees, identity and decision. The
generic action then hands such an act to the owner's own action (as Wagtail's `Page.unpublish`
hands over to `UnpublishPageAction`), or refuses it with a message naming the owner's page, so
every door reaches the same rules and sends the same letter. `cases` never imports the domain
apps: they come to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from opencex.cases.models import Case

# Every act an officer can take on a case, by the name the pages, the policy and this registry
# share. The staff case page offers the generic ones; the owners' pages the rest.
CASE_PAGE_ACTS = (
    "note",
    "message",
    "log-reply",
    "status",
    "acknowledge",
    "pause",
    "resume",
    "extend",
    "reassign",
    "route",
    "priority",
    "close",
    "escalate",
    "link",
    "duplicate",
    "expected-date",
    "hazard",
    "investigation",
    "summary",
    "made-safe",
    "further-work",
)


@dataclass(frozen=True)
class Owner:
    """A domain app's claim on some kinds of case.

    - `acts`: the acts it performs itself, each by its own action; a generic action for one of
      them hands over to it (same keyword arguments).
    - `pause_reasons`: the waits its own acts start and end (a fees notice records the fee), so
      the generic pause and resume refuse them and name `place`.
    - `statuses`: the statuses only its own acts set (a complaint is *responded* by its stage
      response), refused to "change status".
    - `may_handle(actor, case)`: its rule on who handles a case, on top of `cases.policies`
      (stage 2 of a complaint is never handled by who handled stage 1).
    - `offers(actor, case)`: which of its acts the actor may take now.
    """

    app: str
    kinds: frozenset[str]
    place: str
    acts: Mapping[str, Callable[..., Any]]
    offers: Callable[[Any, Case], set[str]]
    may_handle: Callable[[Any, Case], bool] = lambda actor, case: True
    pause_reasons: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)


_OWNERS: dict[str, Owner] = {}


def register(owner: Owner) -> None:
    """Claim `owner.kinds` for `owner.app`. A kind has at most one owner."""
    for kind in owner.kinds:
        held = _OWNERS.get(kind)
        if held is not None and held.app != owner.app:
            raise ValueError(f"{kind} is already owned by {held.app}")
        _OWNERS[kind] = owner


def owner_of(case: Case) -> Owner | None:
    return _OWNERS.get(case.kind)


def owners() -> list[Owner]:
    """Each registered owner once."""
    return list({owner.app: owner for owner in _OWNERS.values()}.values())


def specialist(case: Case, act: str) -> Callable[..., Any] | None:
    """The owning app's own action for `act` on `case`, if its kind's owner performs it."""
    owner = owner_of(case)
    return owner.acts.get(act) if owner is not None else None


Action = TypeVar("Action", bound=Callable[..., Any])


def hands_over(act: str) -> Callable[[Action], Action]:
    """Make a generic action a door for `act`: on a case whose kind's owner performs `act`, the
    owner's action is called instead, with the same keyword arguments. The door is marked
    (`door.hands_over == act`) so a test can check every page's act reaches its owner."""

    def decorate(action: Action) -> Action:
        @functools.wraps(action)
        def door(*, case: Case, **kwargs: Any) -> Any:
            owned = specialist(case, act)
            return (owned or action)(case=case, **kwargs)

        door.hands_over = act  # type: ignore[attr-defined]
        return door  # type: ignore[return-value]

    return decorate


def may_handle(actor, case: Case) -> bool:
    owner = owner_of(case)
    return owner is None or owner.may_handle(actor, case)
