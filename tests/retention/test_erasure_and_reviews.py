"""Erasure on request where the law allows (refused with the reason while a case must be kept),
audited; special-category review dates make one review task per date; the command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseKind, Status
from opencex.people.models import Resident, SensitiveInformation
from opencex.retention.actions import ErasureRefused, erase_resident
from opencex.retention.models import AnonymisedCase, Erasure, SensitiveReview
from opencex.retention.runs import apply_retention
from tests.factories import CaseFactory, ResidentFactory, UserFactory
from tests.retention.conftest import at

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def governance():
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, full_name="Ines Governance")


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")


def _case(resident, kind, *, closed: str | None, **fields):
    with time_machine.travel(at(closed or "2026-03-01"), tick=False):
        status = Status.CLOSED if closed else Status.IN_PROGRESS
        return CaseFactory(
            kind=kind,
            resident=resident,
            status=status,
            closed_at=at(closed) if closed else None,
            **fields,
        )


def _erase(resident, by, reason="She asked by letter on 2 March 2026."):
    with time_machine.travel(at(TODAY.isoformat()), tick=False):
        return erase_resident(resident, by=by, reason=reason)


def test_erasure_is_refused_while_a_case_is_open(resident, governance):
    case = _case(resident, CaseKind.SERVICE_REQUEST, closed=None)
    with pytest.raises(ErasureRefused) as refused:
        _erase(resident, governance)
    assert refused.value.reasons == (f"Service request {case.reference} is still open.",)
    assert not Erasure.objects.exists()


def test_erasure_is_refused_for_a_complaint_within_six_years_saying_until_when(
    resident, governance
):
    case = _case(resident, CaseKind.COMPLAINT, closed="2020-03-10")
    with pytest.raises(ErasureRefused) as refused:
        _erase(resident, governance)
    assert refused.value.reasons == (
        f"Complaint {case.reference} ended on 10 March 2020 and must be kept until "
        "10 March 2026 (6 years after it ended).",
    )
    Resident.objects.get(pk=resident.pk, full_name="Ada Okonkwo")


def test_erasure_is_allowed_once_the_complaint_s_time_is_up(resident, governance):
    case = _case(resident, CaseKind.COMPLAINT, closed="2020-03-08")
    erasure = _erase(resident, governance)
    assert AnonymisedCase.objects.get(case=case).erasure == erasure


def test_a_compliment_the_council_may_erase_on_request_goes_with_the_resident(resident, governance):
    case = _case(resident, CaseKind.COMPLIMENT, closed="2026-02-01")
    SensitiveInformation.objects.create(
        resident=resident,
        category="disability",
        details="Uses a wheelchair",
        purpose="Access",
        lawful_basis="Art 9(2)(g)",
        review_on=TODAY,
    )

    erasure = _erase(resident, governance)

    resident.refresh_from_db()
    assert resident.full_name == "Anonymised resident"
    assert resident.email == ""
    assert not resident.sensitive_information.exists()
    case.refresh_from_db()
    assert case.contact_email == ""
    assert case.resident is None
    assert (erasure.by, erasure.at.date(), erasure.reason, erasure.cases_anonymised) == (
        governance,
        TODAY,
        "She asked by letter on 2 March 2026.",
        1,
    )


def test_an_erasure_also_anonymises_cases_sent_from_the_resident_s_email_address(
    resident, governance
):
    case = _case(None, CaseKind.ENQUIRY, closed="2026-02-01", contact_email="ADA@example.org")
    _erase(resident, governance)
    assert AnonymisedCase.objects.filter(case=case).exists()


def test_an_erasure_leaves_another_resident_s_case_from_the_same_address_alone(
    resident, governance
):
    """A household sharing one email address: erasing Ada neither lists nor touches her
    partner's case."""
    partner = ResidentFactory(full_name="Ben Okonkwo", email="ada@example.org")
    theirs = _case(partner, CaseKind.COMPLAINT, closed=None, contact_email="ada@example.org")

    _erase(resident, governance)

    assert not AnonymisedCase.objects.filter(case=theirs).exists()
    theirs.refresh_from_db()
    assert theirs.contact_email == "ada@example.org"


def test_erasure_needs_a_reason_and_information_governance(resident, governance):
    with pytest.raises(ErasureRefused):
        _erase(resident, governance, reason=" ")
    with pytest.raises(PermissionDenied):
        _erase(resident, UserFactory(role=Role.CASEWORKER))
    assert not Erasure.objects.exists()


def test_a_resident_cannot_be_erased_twice(resident, governance):
    _erase(resident, governance)
    with pytest.raises(ErasureRefused, match="already been removed"):
        _erase(resident, governance)


def test_a_review_date_makes_one_review_task_however_often_the_job_runs(resident):
    entry = SensitiveInformation.objects.create(
        resident=resident,
        category="mental_health",
        details="Anxiety",
        purpose="How to contact her",
        lawful_basis="Art 9(2)(g)",
        review_on=TODAY,
    )
    _case(resident, CaseKind.SERVICE_REQUEST, closed=None)  # keeps her record

    assert apply_retention(TODAY - dt.timedelta(days=1)).lines[-1].count == 0
    assert apply_retention(TODAY).lines[-1].count == 1
    assert apply_retention(TODAY).lines[-1].count == 0
    assert apply_retention(TODAY + dt.timedelta(days=1)).lines[-1].count == 0

    review = SensitiveReview.objects.get()
    assert (review.information, review.resident, review.review_on) == (entry, resident, TODAY)

    SensitiveInformation.objects.filter(pk=entry.pk).update(review_on=TODAY.replace(year=2027))
    assert apply_retention(TODAY.replace(year=2027)).lines[-1].count == 1  # the next review


def test_the_command_prints_the_dry_run_report_and_changes_nothing(resident):
    case = _case(resident, CaseKind.COMPLIMENT, closed="2020-01-06")
    out = StringIO()
    call_command("apply_retention", "--dry-run", "--today", "2026-03-09", stdout=out)
    assert "Compliments (1 year after it was closed): 1 anonymised, oldest 2020-01-06" in (
        out.getvalue()
    )
    assert "dry run" in out.getvalue()
    assert not AnonymisedCase.objects.exists()

    call_command("apply_retention", "--today", "2026-03-09", stdout=out)
    assert AnonymisedCase.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).contact_email == ""


def test_the_command_refuses_a_dry_run_every_day():
    with pytest.raises(CommandError):
        call_command("apply_retention", "--dry-run", "--every-day")


def test_every_day_queues_the_nightly_run_once():
    out = StringIO()
    call_command("apply_retention", "--every-day", stdout=out)
    call_command("apply_retention", "--every-day", stdout=out)
    assert "first run at" in out.getvalue()
    assert "already scheduled" in out.getvalue()


def test_an_erasure_takes_the_records_merged_into_the_resident(resident, governance):
    from opencex.matching.services import merge_residents

    typed_again = ResidentFactory(full_name="Mary Jones-Smith", email="mj@work.example")
    merge_residents(actor=governance, kept=resident, merged=typed_again, reason="Same person")
    _erase(resident, governance)
    typed_again.refresh_from_db()
    assert typed_again.merged_into_id == resident.pk
    assert typed_again.full_name != "Mary Jones-Smith"
    assert typed_again.email == ""
