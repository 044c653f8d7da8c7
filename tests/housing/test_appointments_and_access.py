"""Booking a visit (a slot is never given twice), rating a finished repair with the feedback
app's one rating, and a tenant refused everything that is not theirs (404)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from opencex.cases.models import Status
from opencex.feedback.models import Rating
from opencex.housing.models import AppointmentSlot, Repair, RepairStatus
from opencex.housing.services import SlotTaken, book_slot
from tests.housing.conftest import make_tenant
from tests.housing.test_repairs import DAMP, DRIPPING_TAP, report

pytestmark = pytest.mark.django_db


def slot(ref: str, days: int = 3) -> AppointmentSlot:
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return AppointmentSlot.objects.create(
        slot_ref=ref, starts_at=starts, ends_at=starts + dt.timedelta(hours=4)
    )


@pytest.fixture
def two_tenants_with_repairs(client, repair_form):
    made = []
    for ref in ("T-1", "T-2"):
        user, tenancy = make_tenant(housing_ref=ref)
        client.force_login(user)
        report(client, tenancy, DRIPPING_TAP, "The tap drips.")
        made.append((user, Repair.objects.get(tenancy=tenancy)))
    client.logout()
    return made


def test_a_tenant_books_a_slot_and_sees_the_visit(client, two_tenants_with_repairs):
    (user, repair), _other = two_tenants_with_repairs
    morning = slot("S-1")
    client.force_login(user)
    page = client.get(f"/housing/repairs/{repair.pk}/visit/")
    assert page.status_code == 200
    response = client.post(f"/housing/repairs/{repair.pk}/visit/", {"slot": morning.pk})
    assert response["Location"] == f"/housing/repairs/{repair.pk}/"
    morning.refresh_from_db()
    repair.refresh_from_db()
    assert (morning.repair, repair.status) == (repair, RepairStatus.BOOKED)
    assert 'id="appointment"' in client.get(response["Location"]).content.decode()


def test_a_slot_already_given_is_refused_to_the_next_tenant(client, two_tenants_with_repairs):
    (first, first_repair), (second, second_repair) = two_tenants_with_repairs
    only = slot("S-1")
    book_slot(actor=first, repair=first_repair, slot_id=only.pk)
    with pytest.raises(SlotTaken):
        book_slot(actor=second, repair=second_repair, slot_id=only.pk)
    client.force_login(second)
    response = client.post(f"/housing/repairs/{second_repair.pk}/visit/", {"slot": only.pk})
    assert response.status_code == 400  # no longer offered: the error summary says choose again
    assert "Select one of the times shown" in response.content.decode()
    assert AppointmentSlot.objects.get().repair == first_repair


def test_moving_a_visit_gives_the_first_slot_back(two_tenants_with_repairs):
    (user, repair), _other = two_tenants_with_repairs
    first, second = slot("S-1"), slot("S-2", days=4)
    book_slot(actor=user, repair=repair, slot_id=first.pk)
    book_slot(actor=user, repair=repair, slot_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.repair, second.repair) == (None, repair)


@pytest.mark.django_db(transaction=True)
def test_two_tenants_choosing_the_last_slot_at_once_cannot_both_have_it(client, repair_form):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time anyway")
    tenants = []
    for ref in ("T-1", "T-2"):
        user, tenancy = make_tenant(housing_ref=ref)
        client.force_login(user)
        report(client, tenancy, DRIPPING_TAP, "The tap drips.")
        tenants.append((user, Repair.objects.get(tenancy=tenancy)))
    last = slot("S-1")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def book(user, repair):
        barrier.wait()
        try:
            book_slot(actor=user, repair=repair, slot_id=last.pk)
            outcomes.append("booked")
        except SlotTaken:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=tenant) for tenant in tenants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "taken"]


def test_a_finished_repair_is_rated_once_through_the_feedback_app(client, two_tenants_with_repairs):
    (user, repair), _other = two_tenants_with_repairs
    case = repair.case
    case.status = Status.CLOSED  # a finished repair (the officers' lifecycle is tested elsewhere)
    case.closed_at = timezone.now()
    case.save()
    client.force_login(user)
    page = client.get(f"/housing/repairs/{repair.pk}/").content.decode()
    assert f"/track/{case.reference}/feedback" in page
    client.post(f"/track/{case.reference}/feedback", {"score": 5, "comment": "Quick and tidy."})
    rating = Rating.objects.get()
    assert (rating.case, rating.score) == (case, 5)
    assert (
        f"/track/{case.reference}/feedback"
        not in client.get(f"/housing/repairs/{repair.pk}/").content.decode()
    )


def test_another_residents_tenancy_repair_and_visit_are_not_found(client, two_tenants_with_repairs):
    (user, _repair), (_other, other_repair) = two_tenants_with_repairs
    client.force_login(user)
    for path in (
        f"/housing/tenancies/{other_repair.tenancy.pk}/rent/",
        f"/housing/repairs/{other_repair.pk}/",
        f"/housing/repairs/{other_repair.pk}/visit/",
        f"/housing/repairs/new/?tenancy={other_repair.tenancy.pk}",
        f"{DAMP}?tenancy={other_repair.tenancy.pk}",
    ):
        assert client.get(path).status_code == 404, path
    assert other_repair.case.subject not in client.get("/housing/").content.decode()


def test_a_household_member_does_not_see_the_rent_account(client, db):
    _user, _tenancy = make_tenant()
    member, other_home = make_tenant(housing_ref="T-9", role="household_member")
    client.force_login(member)
    assert client.get(f"/housing/tenancies/{other_home.pk}/rent/").status_code == 404


def test_a_resident_with_no_tenancy_is_told_what_the_portal_is_for(client, db):
    from opencex.accounts.models import Role
    from tests.factories import ResidentFactory, UserFactory

    user = UserFactory(role=Role.RESIDENT)
    ResidentFactory(user=user)
    client.force_login(user)
    page = client.get("/housing/").content.decode()
    assert "This is where council tenants and leaseholders see their tenancy" in page
    assert "01865 249811" in page  # the council's main line, from the profile
    assert client.get("/housing/repairs/new/")["Location"] == "/housing/"


def test_someone_not_signed_in_is_sent_to_sign_in(client, db):
    assert client.get("/housing/")["Location"] == "/account/sign-in/"


def test_staff_are_not_tenants(client, db):
    from opencex.accounts.models import Role
    from tests.factories import UserFactory

    _user, tenancy = make_tenant()
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(f"/housing/tenancies/{tenancy.pk}/rent/").status_code == 302


def test_the_catalogues_tenant_services_lead_to_the_portal(db):
    from opencex.web.housing_views import online_route

    assert online_route("report-damp-and-mould") == "/housing/repairs/new/"
    assert online_route("request-rent-statement") == "/housing/"
    assert online_route("pay-rent") is None
    assert online_route("report-missed-bin") is None


def test_the_times_offered_are_named_in_words(client, two_tenants_with_repairs):
    (user, repair), _other = two_tenants_with_repairs
    starts = timezone.make_aware(dt.datetime(2030, 3, 4, 8, 0))
    AppointmentSlot.objects.create(
        slot_ref="S-9", starts_at=starts, ends_at=starts + dt.timedelta(hours=4)
    )
    client.force_login(user)
    page = client.get(f"/housing/repairs/{repair.pk}/visit/").content.decode()
    assert "Monday 4 March 2030, 8am to midday" in page
