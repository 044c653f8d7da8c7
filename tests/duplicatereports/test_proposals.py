"""Proposing reports as one job: found and not found, recorded as the model's suggestion, the
switch, the daily sweep, and where a report's point comes from."""

from __future__ import annotations

import dataclasses

import pytest

from opencex.aigovernance.models import Suggestion
from opencex.cases.models import Status
from opencex.duplicatereports.models import DuplicateProposal, PlaceSource, ReportPlace
from opencex.duplicatereports.places import record_place
from opencex.duplicatereports.rule import MODEL_VERSION
from opencex.duplicatereports.services import propose_for, sweep
from tests.factories import CaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db


def test_a_report_near_an_open_one_is_proposed_and_recorded_as_a_suggestion(make_report):
    first = make_report()
    second = make_report(metres=30, hours=26, text="Someone dumped a mattress at the bus stop")

    proposal = propose_for(second)

    assert (proposal.case, proposal.main) == (second, first)
    assert proposal.reasons[:3] == ["30 m apart", "same service", "1 day apart"]
    suggestion = Suggestion.objects.get()
    assert (suggestion.model_key, suggestion.model_version) == ("duplicate_reports", MODEL_VERSION)
    assert (suggestion.subject_type, suggestion.subject_id) == ("case", second.pk)
    assert suggestion.suggested == {"main": first.reference}
    assert suggestion.reasons == proposal.reasons


def test_beyond_the_services_distance_or_days_nothing_is_proposed(make_report):
    make_report(text="sofa")
    far = make_report(metres=60, hours=1, text="fridge")
    late = make_report(metres=5, hours=8 * 24, text="tyres")
    assert propose_for(far) is None
    assert propose_for(late) is None
    assert not Suggestion.objects.exists()


def test_a_closed_report_is_not_a_candidate(make_report):
    make_report(status=Status.CLOSED)
    assert propose_for(make_report(metres=5, hours=1)) is None


def test_a_cluster_is_proposed_as_one_job_with_the_earliest_report_as_main(make_report):
    first = make_report()
    others = [make_report(metres=10 * n, hours=n) for n in range(1, 5)]
    proposals = [propose_for(case) for case in others]
    assert {p.main for p in proposals} == {first}


def test_a_pair_is_proposed_once_even_when_asked_again(make_report):
    make_report()
    second = make_report(metres=5, hours=1)
    assert propose_for(second) is not None
    assert propose_for(second) is None
    assert DuplicateProposal.objects.count() == 1


def test_the_same_text_without_a_map_point_is_proposed(make_report, fly_tipping):
    text = "Three black bags and a broken fridge dumped behind the garages on Howard Street"
    first = make_report(text=text)
    second = CaseFactory(
        service=fly_tipping,
        team=fly_tipping.team,
        subject="Fly-tipping",
        description=text,
        received_at=first.received_at,
    )
    proposal = propose_for(second)
    assert proposal.main == first
    assert "same words" in proposal.reasons


def test_with_the_switch_off_nothing_is_proposed_or_recorded(make_report, settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, duplicate_reports=False),
    )
    make_report()
    assert propose_for(make_report(metres=5, hours=1)) is None
    assert sweep() == 0
    assert not Suggestion.objects.exists()


def test_the_daily_sweep_proposes_and_retires_proposals_whose_reports_closed(make_report):
    first = make_report()
    second = make_report(metres=5, hours=1)
    assert sweep() == 1
    assert sweep() == 0
    first.status = Status.CLOSED
    first.save()
    sweep()
    assert DuplicateProposal.objects.get(case=second).status == "gone"


def test_each_report_has_one_point_from_the_best_source(fly_tipping):
    by_map = CaseFactory(service=fly_tipping, answers={"map": {"lat": 51.75, "long": -1.25}})
    by_form = CaseFactory(
        service=fly_tipping,
        answers={"location": {"description": "by the shop", "postcode": "ox41hr"}},
    )
    by_home = CaseFactory(service=fly_tipping, property=PropertyFactory(postcode="OX4 1HR"))
    places = {case: record_place(case) for case in (by_map, by_form, by_home)}
    assert (places[by_map].source, places[by_map].precision_m) == (PlaceSource.MAP, 10)
    assert (places[by_form].source, places[by_form].postcode) == (PlaceSource.POSTCODE, "OX4 1HR")
    assert places[by_form].precision_m == 1000
    assert places[by_form].latitude is not None
    assert places[by_home].source == PlaceSource.PROPERTY
    assert places[by_home].uprn
    assert ReportPlace.objects.count() == 3


def test_an_open311_map_point_is_the_most_precise_place(fly_tipping):
    from opencex.open311.models import GeoReportRequest
    from tests.factories import UserFactory

    case = CaseFactory(service=fly_tipping, property=PropertyFactory(postcode="OX4 1HR"))
    GeoReportRequest.objects.create(
        case=case, partner=UserFactory(), lat="51.747000", long="-1.237000"
    )
    place = record_place(case)
    assert (place.source, place.precision_m) == (PlaceSource.OPEN311, 10)
    assert (place.latitude, place.longitude) == (51.747, -1.237)
    assert place.postcode == "OX4 1HR"  # the property's, kept beside the point


def test_the_demo_loads_its_distances_and_open_reports_and_proposes_some(fly_tipping):
    from opencex.duplicatereports.demo import load_demo_duplicate_reports
    from opencex.duplicatereports.models import MatchingRule

    said = load_demo_duplicate_reports()
    assert MatchingRule.objects.get(service=fly_tipping).metres == 50
    assert DuplicateProposal.objects.exists()
    assert "open demo reports" in said
    assert load_demo_duplicate_reports().endswith("already loaded.")
