"""Every staff URL that acts on a case calls the one action registered for its act, and for a
kind a domain app owns that action is the owner's (or a generic door that hands over to it). A
new staff action that calls a case action some other way fails here."""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import pkgutil
import re

import pytest
from django.urls import URLPattern, URLResolver

from opencex.cases import actions as case_actions
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
# The steps only the owning app's action takes (each "The step: ..." of `cases.actions`, found
# below); these must be among them, so that the scan cannot quietly lose one.
KNOWN_STEPS = {
    "record_acknowledgement",
    "record_extension",
    "record_pause",
    "record_resumption",
    "record_status_change",
}
INTERFACES = ("staff", "web", "api", "open311")
# What writes a row: a model instance's save or delete, a QuerySet's update, delete or create.
WRITES = {
    "save",
    "delete",
    "update",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# A written receiver that names a case, its timeline or its clock (`case.save()`,
# `Case.objects.filter(...).update()`, `case.events.create()`, `visible_cases(user).delete()`).
CASE_WORDS = re.compile(r"case|event|pause", re.IGNORECASE)


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


def _steps() -> set[str]:
    """Every step of `cases.actions` (a `record_*` whose docstring says it is "The step"), and
    the timeline's `record_event`, which only an action writes."""
    steps = {"record_event"}
    for module_info in pkgutil.iter_modules(case_actions.__path__):
        module = importlib.import_module(f"{case_actions.__name__}.{module_info.name}")
        for name, value in vars(module).items():
            is_own = inspect.isfunction(value) and value.__module__ == module.__name__
            doc = (inspect.getdoc(value) or "") if is_own else ""
            if name.startswith("record_") and doc.startswith("The step"):
                steps.add(name)
    return steps


def _receiver_names(node: ast.expr) -> list[str]:
    """The names along a call's receiver: `policies.visible_cases(user).filter` gives
    policies, visible_cases, filter."""
    names = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names
        else:
            return names


def bypasses(source: str, steps: set[str]) -> list[str]:
    """Where `source` (an interface module) changes a case other than through an action: it
    names a step or the timeline, or writes a case, its events or its pauses itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "opencex.cases.timeline":
            found.append(f"line {node.lineno}: imports the timeline")
        elif isinstance(node, ast.ImportFrom) and node.module == "opencex.cases":
            if any(alias.name == "timeline" for alias in node.names):
                found.append(f"line {node.lineno}: imports the timeline")
        elif isinstance(node, ast.Name | ast.Attribute | ast.alias):
            name = {ast.Name: "id", ast.Attribute: "attr", ast.alias: "name"}[type(node)]
            if getattr(node, name) in steps:
                found.append(f"line {getattr(node, 'lineno', '?')}: {getattr(node, name)}")
        is_write = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
        )
        if is_write:
            receiver = _receiver_names(node.func.value)
            if any(CASE_WORDS.search(name) for name in receiver):
                written = ".".join(reversed(receiver))
                found.append(f"line {node.lineno}: {written}.{node.func.attr}")
    return found


def test_the_steps_found_include_every_known_step():
    assert KNOWN_STEPS | {"record_event"} <= _steps()


@pytest.mark.parametrize("interface", INTERFACES)
def test_no_interface_changes_a_case_except_through_an_action(interface):
    steps = _steps()
    takes = [
        f"{path.relative_to(SRC)} {where}"
        for path in sorted((SRC / interface).rglob("*.py"))
        for where in bypasses(path.read_text(), steps)
    ]
    assert takes == []


@pytest.mark.parametrize(
    "source",
    [
        "def view(request, case):\n    case.status = 'closed'\n    case.save()",
        "from opencex.cases.models import Case\nCase.objects.filter(pk=1).update(status='closed')",
        "def view(request):\n    visible_cases(request.user).delete()",
        "def view(case):\n    case.events.create(kind='note')",
        "def view(case):\n    case.pauses.filter(ended_on=None).update(ended_on=None)",
        "from opencex.cases.timeline import record_event",
        "from opencex.cases import timeline",
        "from opencex.cases.actions.clock import record_pause",
        "from opencex.cases.actions import status\nstatus.record_status_change(actor=None)",
    ],
    ids=[
        "a case saved",
        "cases updated",
        "cases deleted",
        "an event created",
        "a pause ended",
        "the timeline written",
        "the timeline imported",
        "a step imported",
        "a step called",
    ],
)
def test_a_new_staff_action_that_bypasses_the_actions_is_caught(source):
    assert bypasses(source, _steps()) != []


def test_an_interface_may_call_an_action_and_write_its_own_records():
    source = (
        "from opencex.cases.actions.status import close_case\n"
        "close_case(actor=user, case=case, outcome='Done')\n"
        "token.save(update_fields=['revoked_at'])\n"
        "params.update(filters)\n"
    )
    assert bypasses(source, _steps()) == []
