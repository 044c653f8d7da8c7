"""A case of a service routed to a back office becomes a record there, and the back office's
status changes come back as the case's, through the one door, on the timeline and to the
resident. The back offices are their fakes, over real HTTP."""

import pytest
from django.core.exceptions import PermissionDenied
from django_tasks_db.models import DBTaskResult

from opencex.cases.actions.core import System
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import CaseEvent, EventKind, Status
from opencex.events.models import Event
from opencex.integrations.models import BackOfficeRecord, BackOfficeRoute, ChangesRead
from opencex.integrations.services import send_case_to_back_office, take_status_changes
from opencex.notify.models import Notification
from tests.events.conftest import open_a_case
from tests.factories import PropertyFactory, ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def routed_case(system: str, slug: str):
    service = ServiceFactory(slug=slug)
    BackOfficeRoute.objects.create(service=service, system=system)
    return open_a_case(service=service, property=PropertyFactory(uprn="100120009999"))


def status_events(case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=EventKind.STATUS_CHANGED).order_by("id"))


def templates_sent(case) -> list[str]:
    return list(
        Notification.objects.filter(case=case).order_by("id").values_list("template", flat=True)
    )


def test_a_planning_breach_goes_to_uniform_and_its_status_comes_back(fake_uniform, run_jobs):
    case = routed_case("uniform", "report-planning-breach")

    run_jobs()

    [(enforcement_id, record)] = fake_uniform.records.items()
    assert record["externalReference"] == case.reference
    assert record["breachType"] == "report-planning-breach"
    assert record["siteUprn"] == "100120009999"
    assert BackOfficeRecord.objects.get(case=case).record_id == enforcement_id
    assert CaseEvent.objects.filter(case=case, summary__contains=enforcement_id).exists()

    fake_uniform.set_status(enforcement_id, "INVESTIGATING")
    take_status_changes(system="uniform")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS

    fake_uniform.set_status(enforcement_id, "BREACH_FOUND")
    fake_uniform.set_status(enforcement_id, "CLOSED")
    take_status_changes(system="uniform")

    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.outcome == "Closed by planning enforcement."
    moves = status_events(case)
    assert [(e.data["from"], e.data["to"]) for e in moves] == [
        ("received", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert all(e.is_visible_to_resident and e.actor is None for e in moves)
    assert all(e.data["by"] == "system" and "planning" in e.data["because"] for e in moves)
    assert templates_sent(case)[-3:] == [
        "case_status_changed",
        "case_status_changed",
        "case_closed",
    ]
    assert Event.objects.filter(subject_id=case.reference, topic="case.closed").exists()


def test_a_housing_repair_goes_to_ql_and_its_job_status_comes_back(fake_ql, run_jobs):
    case = routed_case("ql", "report-housing-repair")
    run_jobs()
    [(job_no, job)] = fake_ql.jobs.items()
    assert job["ExternalRef"] == case.reference
    assert job["Uprn"] == "100120009999"

    for status in ("ISSUED", "COMPLETED"):
        fake_ql.set_status(job_no, status)
    take_status_changes(system="ql")

    case.refresh_from_db()
    assert case.status == Status.RESOLVED
    assert templates_sent(case)[-2:] == ["case_status_changed", "case_status_changed"]
    assert BackOfficeRecord.objects.get(case=case).back_office_status == "COMPLETED"


def test_a_status_change_read_twice_is_applied_once(fake_ql, run_jobs):
    case = routed_case("ql", "report-housing-repair")
    run_jobs()
    [job_no] = fake_ql.jobs
    fake_ql.set_status(job_no, "ISSUED")
    take_status_changes(system="ql")

    ChangesRead.objects.update(position="")  # as if the position was lost in a crash
    assert take_status_changes(system="ql") == 0

    assert len(status_events(case)) == 1


def test_a_case_event_delivered_twice_makes_one_record(fake_ql, run_jobs):
    case = routed_case("ql", "report-housing-repair")
    created = Event.objects.get(subject_id=case.reference, topic="case.created")

    send_case_to_back_office(event_id=created.pk)
    send_case_to_back_office(event_id=created.pk)

    assert len(fake_ql.jobs) == 1
    assert BackOfficeRecord.objects.filter(case=case).count() == 1


def test_a_record_the_back_office_made_but_whose_answer_was_lost_is_not_made_twice(fake_ql):
    case = routed_case("ql", "report-housing-repair")
    created = Event.objects.get(subject_id=case.reference, topic="case.created")
    from opencex.integrations.backoffice import client_for
    from opencex.integrations.services import _for_back_office

    client_for("ql").create_record(_for_back_office(case))  # made there; our side never heard

    record = send_case_to_back_office(event_id=created.pk)

    assert len(fake_ql.jobs) == 1
    assert record.record_id == next(iter(fake_ql.jobs))


def test_a_back_office_that_is_down_is_tried_again_later(fake_ql, run_jobs):
    case = routed_case("ql", "report-housing-repair")
    fake_ql.stop()

    run_jobs()

    assert not BackOfficeRecord.objects.filter(case=case).exists()
    assert DBTaskResult.objects.filter(
        task_path="opencex.integrations.tasks.send_case_to_back_office", status="READY"
    ).exists()


def test_a_case_of_a_service_with_no_route_goes_nowhere(fake_ql, run_jobs):
    open_a_case(service=ServiceFactory(slug="report-graffiti"))

    run_jobs()

    assert fake_ql.jobs == {}
    assert not BackOfficeRecord.objects.exists()


def test_a_back_office_may_not_move_or_close_a_case_it_holds_no_record_of(fake_ql, run_jobs):
    case = open_a_case()
    housing = System(because="the housing system reported ISSUED", back_office="ql")

    with pytest.raises(PermissionDenied):
        change_status(actor=housing, case=case, to=Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        close_case(actor=housing, case=case, outcome="Repair completed.")

    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_time_and_mail_never_close_a_case():
    case = open_a_case()

    with pytest.raises(PermissionDenied):
        close_case(actor=System(because="a year passed"), case=case, outcome="Lapsed.")


def test_a_status_the_case_cannot_follow_is_kept_for_an_officer_not_forced(fake_ql, run_jobs):
    case = routed_case("ql", "report-housing-repair")
    run_jobs()
    [job_no] = fake_ql.jobs
    fake_ql.set_status(job_no, "CANCELLED")  # received → closed is not a request's move

    take_status_changes(system="ql")

    case.refresh_from_db()
    record = BackOfficeRecord.objects.get(case=case)
    assert case.status == Status.RECEIVED
    assert record.back_office_status == "CANCELLED"
    assert record.last_refusal


def test_the_demo_routes_planning_breaches_and_repairs_once():
    from opencex.integrations.demo import load_demo_routes

    for slug in ("report-planning-breach", "report-housing-repair"):
        ServiceFactory(slug=slug)

    assert load_demo_routes() == 2
    assert load_demo_routes() == 0
    assert dict(BackOfficeRoute.objects.values_list("service__slug", "system")) == {
        "report-planning-breach": "uniform",
        "report-housing-repair": "ql",
    }


def test_the_repeating_poll_applies_changes_and_queues_its_next_run_once(fake_ql, run_jobs):
    from io import StringIO

    from django.core.management import call_command

    case = routed_case("ql", "report-housing-repair")
    run_jobs()
    fake_ql.set_status(next(iter(fake_ql.jobs)), "ISSUED")

    out = StringIO()
    call_command("poll_back_offices", every=60, stdout=out)
    call_command("poll_back_offices", every=60, stdout=out)
    run_jobs()

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert "already queued" in out.getvalue()
    [next_poll] = DBTaskResult.objects.filter(
        task_path="opencex.integrations.tasks.poll_back_offices", status="READY"
    )
    assert next_poll.args_kwargs["args"] == [60]
