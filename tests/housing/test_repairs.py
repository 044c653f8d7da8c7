"""Reporting a repair by room, item and problem: the repairs catalogue agrees with the repair
form, an emergency is told to phone (with the out-of-hours number) and runs on the 24-hour clock
if reported anyway, damp and mould runs on the investigation clock, the tenant sees each step of
Awaab's Law with its date, and a vulnerability raises the priority without ever being shown."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from opencex.accounts.models import Role
from opencex.cases.actions.hazards import conclude_hazard_investigation
from opencex.cases.models import Case, HazardClass, Priority
from opencex.forms.services import clock_for
from opencex.housing.models import Repair
from opencex.housing.repairs_catalogue import Choice, repairs_catalogue
from opencex.housing.services import repair_form_version
from tests.factories import UserFactory, record_vulnerability
from tests.housing.conftest import tiny_png

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
OUT_OF_HOURS = "01865 249811"  # the Oxford profile's emergency repairs line
GAS_EMERGENCY = "0800 111 999"
DAMP = "/housing/repairs/new/bathroom/walls-ceiling/damp-mould/"
EXPOSED_WIRES = "/housing/repairs/new/living-room/sockets-lights/exposed-wires/"
DRIPPING_TAP = "/housing/repairs/new/kitchen/sink-taps/dripping/"


def every_choice():
    for room in repairs_catalogue().rooms:
        for item in room.items:
            for problem in item.problems:
                yield Choice(room, item, problem)


def report(client, tenancy, path, description="Black mould round the window.", **extra):
    page = client.get(f"{path}?tenancy={tenancy.pk}")
    submission = page.context["form"]["submission"].value()
    return client.post(
        f"{path}?tenancy={tenancy.pk}",
        {"description": description, "tenancy": tenancy.pk, "submission": submission, **extra},
    )


def test_every_catalogue_problem_is_an_answer_the_repair_form_knows(repair_form):
    questions = {
        question["id"]: {option["value"] for option in question.get("options", [])}
        for page in repair_form_version().schema["pages"]
        for question in page["questions"]
    }
    for choice in every_choice():
        assert choice.problem.category in questions["problem"], choice
        assert choice.problem.priority in questions["urgency"], choice


def test_the_form_rules_put_damp_on_the_significant_clock_and_emergencies_on_the_24_hours(
    repair_form,
):
    version = repair_form_version()
    for choice in every_choice():
        hazard = clock_for(None, choice.form_answers(), version=version).hazard_class
        if choice.is_emergency:
            assert hazard == HazardClass.EMERGENCY, choice
        elif choice.problem.category == "damp_mould":
            assert hazard == HazardClass.SIGNIFICANT, choice
        else:
            assert hazard == HazardClass.NONE, choice


def test_an_emergency_is_told_to_phone_now_with_the_out_of_hours_number(
    client, repair_form, tenant
):
    user, tenancy = tenant
    client.force_login(user)
    page = client.get(f"{EXPOSED_WIRES}?tenancy={tenancy.pk}").content.decode()
    assert "This is an emergency: phone us now" in page
    assert f"<strong>{OUT_OF_HOURS}</strong>" in page
    assert GAS_EMERGENCY not in page


def test_a_gas_smell_is_given_the_national_gas_emergency_number(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    page = client.get(f"/housing/repairs/new/kitchen/cooker/gas-smell/?tenancy={tenancy.pk}")
    assert GAS_EMERGENCY in page.content.decode()


@time_machine.travel(dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON), tick=False)
def test_an_emergency_reported_online_runs_on_the_24_hour_hazard_clock(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    response = report(client, tenancy, EXPOSED_WIRES, "The socket by the sofa is sparking.")
    repair = Repair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/housing/repairs/{repair.pk}/"
    case = repair.case
    assert case.hazard_class == HazardClass.EMERGENCY
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)
    assert case.resident == user.resident
    assert case.property == tenancy.property
    page = client.get(response["Location"]).content.decode()
    assert "We investigate and make your home safe" in page
    assert "by 9:30pm on Friday 25 December 2026" in page


@time_machine.travel(dt.datetime(2026, 12, 18, 10, tzinfo=LONDON), tick=False)
def test_damp_and_mould_reported_on_friday_18_december_is_investigated_by_6_january(
    client, repair_form, tenant
):
    user, tenancy = tenant
    client.force_login(user)
    report(client, tenancy, DAMP)
    case = Repair.objects.get().case
    assert case.hazard_class == HazardClass.SIGNIFICANT
    assert case.service.slug == "report-damp-and-mould"  # by the form's kind_from
    assert case.due_on == dt.date(2027, 1, 6)
    page = client.get(f"/housing/repairs/{case.repair.pk}/").content.decode()
    assert "We investigate the damp, mould or other hazard" in page
    assert "by Wednesday 6 January 2027" in page
    assert page.count("This date is set when our investigation ends.") == 3  # summary, safe, work


def test_the_tenant_sees_the_summary_and_safety_work_dates_once_the_investigation_concludes(
    client, repair_form, tenant
):
    user, tenancy = tenant
    with time_machine.travel(dt.datetime(2026, 12, 18, 10, tzinfo=LONDON), tick=False):
        client.force_login(user)
        report(client, tenancy, DAMP)
    case = Repair.objects.get().case
    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    with time_machine.travel(dt.datetime(2027, 1, 6, 15, tzinfo=LONDON), tick=False):
        client.force_login(user)
        conclude_hazard_investigation(actor=officer, case=case, significant_hazard_found=True)
        page = client.get(f"/housing/repairs/{case.repair.pk}/").content.decode()
    assert "done on Wednesday 6 January 2027" in page
    assert "by Monday 11 January 2027" in page  # the written summary
    assert "We make your home safe</strong>" in page
    assert "by Wednesday 13 January 2027" in page


def test_a_routine_repair_has_no_hazard_steps(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    report(client, tenancy, DRIPPING_TAP, "The cold tap drips.")
    case = Repair.objects.get().case
    assert case.hazard_class == HazardClass.NONE
    page = client.get(f"/housing/repairs/{case.repair.pk}/").content.decode()
    assert "hazard-steps" not in page


def test_a_vulnerable_tenant_is_prioritised_without_seeing_the_flag(client, repair_form, tenant):
    user, tenancy = tenant
    record_vulnerability(user.resident, details="Lives alone, hard of hearing.")
    client.force_login(user)
    report(client, tenancy, DRIPPING_TAP, "The cold tap drips.")
    case = Repair.objects.get().case
    assert case.priority == Priority.HIGH
    for path in ("/housing/", f"/housing/repairs/{case.repair.pk}/", f"/track/{case.reference}"):
        page = client.get(path).content.decode().lower()
        main = page[page.index("<main") : page.index("</main>")]  # the footer lists every line
        assert "vulnerab" not in main
        assert "hard of hearing" not in main
        assert "priority" not in main
        assert "high" not in main
        assert "hard of hearing" not in page


def test_a_photo_is_kept_with_the_repair(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    photo = SimpleUploadedFile("mould.png", tiny_png(), content_type="image/png")
    report(client, tenancy, DAMP, photo=photo)
    attachment = Repair.objects.get().case.attachments.get()
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "mould.png"


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_reported(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    fake = SimpleUploadedFile("mould.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = report(client, tenancy, DAMP, photo=fake)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert "must be a JPG, PNG, GIF or HEIC photo, or a PDF" in response.content.decode()
    assert not Case.objects.exists()


def test_sending_the_same_report_twice_makes_one_repair(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    page = client.get(f"{DAMP}?tenancy={tenancy.pk}")
    data = {
        "description": "Mould on the ceiling.",
        "tenancy": tenancy.pk,
        "submission": page.context["form"]["submission"].value(),
    }
    first = client.post(f"{DAMP}?tenancy={tenancy.pk}", data)
    second = client.post(f"{DAMP}?tenancy={tenancy.pk}", data)
    assert first["Location"] == second["Location"]
    assert (Case.objects.count(), Repair.objects.count()) == (1, 1)


def test_no_choice_and_no_description_get_the_error_summary(client, repair_form, tenant):
    user, tenancy = tenant
    client.force_login(user)
    empty = client.post(f"/housing/repairs/new/?tenancy={tenancy.pk}", {})
    assert empty.status_code == 400
    assert "Select where the problem is" in empty.content.decode()
    picked = client.post(f"/housing/repairs/new/?tenancy={tenancy.pk}", {"choice": "bathroom"})
    assert picked["Location"] == f"/housing/repairs/new/bathroom/?tenancy={tenancy.pk}"
    blank = report(client, tenancy, DAMP, description="")
    assert blank.status_code == 400
    assert "govuk-error-summary" in blank.content.decode()


def test_the_housing_system_taking_up_a_reported_repair_updates_it_in_place(
    client, repair_form, tenant
):
    from opencex.housing.importing import csv_rows, import_rows

    user, tenancy = tenant
    client.force_login(user)
    report(client, tenancy, DRIPPING_TAP, "The cold tap drips.")
    case = Repair.objects.get().case
    rows = (
        "repair_ref,tenancy_ref,description,priority,status,reported_at,case_reference\n"
        f"JOB-9,{tenancy.housing_ref},Tap washer,routine,in_progress,2026-12-01T10:00,"
        f"{case.reference.lower()}\n"
        f"JOB-10,{tenancy.housing_ref},Tap washer,routine,reported,2026-12-01T10:00,"
        f"{case.reference}\n"
    )
    run = import_rows(actor=None, kind="repairs", rows=csv_rows(rows, "repairs"), source="csv")
    repair = Repair.objects.get()
    assert (repair.repair_ref, repair.case, repair.status) == ("JOB-9", case, "in_progress")
    assert run.errors == [
        {"line": 3, "message": f'Case "{case.reference}" is already repair "JOB-9".'}
    ]
