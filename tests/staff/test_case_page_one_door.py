"""Every staff URL that acts on a case calls the one action registered for its act, and for a
kind a domain app owns that action is the owner's (or a generic door that hands over to it). A
new staff action that calls a case action some other way fails here."""

from __future__ import annotations

import pathlib
import re

import pytest
from django.urls import URLPattern, URLResolver

from opencex.cases import owners
from opencex.cases.models import Case, CaseKind
from opencex.complaints.ownership import OWNER as COMPLAINTS
from opencex.inforights.ownership import OWNER as INFORMATION_RIGHTS
from opencex.staff import urls as staff_urls
from opencex.staff.cases import views as case_page
from opencex.staff.complaints import views as complaint_page
from opencex.staff.inforights import views as register_page

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "opencex"

# Pages about a case that do not change it through a case action: reading pages, and acts on
# other records (a compliment passed on, a comment themed, a disclosure log entry, a complaint
# opened from a request through its own complaints action).
NOT_CASE_ACTS = {
    "case",
    "complaint",
    "information-request",
    "treat-as-complaint",
    "compliment",
    "comment",
    "disclosure-prepare",
    "case-attachment",  # a read (a file download, recorded by cases.attachments.open_attachment)
}
# The acts only the owning app's action may take, on the owner's steps: no interface calls them.
STEPS = (
    "record_acknowledgement",
    "record_extension",
    "record_pause",
    "record_resumption",
    "record_status_change",
)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _case_urls():
    return [
        (route, pattern)
        for route, pattern in _routes(staff_urls.urlpatterns)
        if "<str:reference>" in route
    ]


def test_every_staff_url_that_acts_on_a_case_is_registered_with_its_act():
    unregistered = []
    for _route, pattern in _case_urls():
        name = pattern.name
        if name in NOT_CASE_ACTS:
            continue
        if name.startswith("case-"):
            act = getattr(pattern.callback, "act", None)
            if act != name.removeprefix("case-") or act not in case_page.ACTS:
                unregistered.append(name)
        elif name.startswith("complaint-"):
            if name.removeprefix("complaint-") not in complaint_page.ACTS:
                unregistered.append(name)
        elif name != "information-request-action":
            unregistered.append(name)
    assert unregistered == []


def test_the_case_page_offers_every_case_act_and_only_those():
    assert set(case_page.ACTS) == set(owners.CASE_PAGE_ACTS) == set(case_page.FORMS)


@pytest.mark.parametrize("owner", [COMPLAINTS, INFORMATION_RIGHTS], ids=lambda o: o.app)
def test_a_case_page_act_an_app_owns_reaches_that_apps_action(owner):
    for act in set(owner.acts) & set(case_page.ACTS):
        door = case_page.ACTS[act]
        assert door is owner.acts[act] or getattr(door, "hands_over", None) == act, act
        for kind in owner.kinds:
            assert owners.specialist(Case(kind=kind), act) is owner.acts[act]


def test_the_complaint_page_calls_the_complaints_apps_actions():
    for act, action in complaint_page.ACTS.items():
        assert action is COMPLAINTS.acts[act], act


def test_the_register_page_calls_the_information_rights_apps_actions():
    for act, action in register_page.ACTS.items():
        assert action is INFORMATION_RIGHTS.acts[act], act
    assert set(register_page.ACTS) == set(register_page.FORMS)


def test_every_kind_with_its_own_law_has_an_owner():
    owned = {kind for owner in owners.owners() for kind in owner.kinds}
    assert owned == {
        CaseKind.COMPLAINT,
        CaseKind.FOI,
        CaseKind.EIR,
        CaseKind.SAR,
        CaseKind.FOI_INTERNAL_REVIEW,
    }


@pytest.mark.parametrize("interface", ["staff", "web", "api"])
def test_no_interface_takes_a_step_that_only_an_owning_app_takes(interface):
    takes = [
        f"{path.relative_to(SRC)}: {step}"
        for path in (SRC / interface).rglob("*.py")
        for step in STEPS
        if re.search(rf"\b{step}\b", path.read_text())
    ]
    assert takes == []
