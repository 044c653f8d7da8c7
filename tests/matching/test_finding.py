"""Finding duplicate residents: the nightly search, the review queue's decisions, "someone we
already know?" while an officer types, and sign-up (proposes, never merges)."""

from __future__ import annotations

import dataclasses
from datetime import date
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.db.models.signals import pre_save

from opencex.accounts import sign_in_links
from opencex.accounts.models import Role, SignInLink
from opencex.aigovernance.models import Decision, Outcome, Suggestion
from opencex.matching import linkage, services
from opencex.matching.models import CandidatePair, PairSource, PairStatus, ResidentMerge
from opencex.matching.records import INDEX, person_records
from opencex.people.models import Occupancy, Relationship, Resident
from tests.factories import PropertyFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Robert Smith", date(1980, 3, 14), "robert.smith@example.org", "07700 900123"),
    ("Priya Patel", date(1975, 7, 2), "priya@example.org", "07700 900456"),
    ("Tomasz Nowak", date(1990, 11, 30), "tomasz@example.org", "07700 900789"),
    ("Amina Yusuf", date(1968, 1, 9), "amina@example.org", "07700 900321"),
    ("Grace Hopper", date(1985, 12, 9), "grace@example.org", "07700 900654"),
    ("Alan Turing", date(1972, 6, 23), "alan@example.org", "07700 900987"),
]


@pytest.fixture(autouse=True)
def _fresh_index():
    INDEX.clear()
    yield
    INDEX.clear()


def _resident(name, born, email, phone, street="12 High Street", postcode="OX1 2AB"):
    resident = ResidentFactory(full_name=name, date_of_birth=born, email=email, phone=phone)
    home = PropertyFactory(address_line_1=street, postcode=postcode)
    Occupancy.objects.create(resident=resident, property=home, relationship=Relationship.TENANT)
    return resident


@pytest.fixture
def people():
    return [
        _resident(name, born, email, phone, street=f"{n + 1} Cowley Road", postcode="OX4 1HR")
        for n, (name, born, email, phone) in enumerate(PEOPLE)
    ]


@pytest.fixture
def bob(people):
    """Robert Smith again, as someone typed him in at the desk."""
    return _resident(
        "Bob Smyth", date(1980, 3, 14), "", "07700900123", street="1 Cowley Road", postcode="OX41HR"
    )


def _turn_off(settings):
    ai = dataclasses.replace(settings.COUNCIL_PROFILE.ai, resident_matching=False)
    settings.COUNCIL_PROFILE = dataclasses.replace(settings.COUNCIL_PROFILE, ai=ai)


def test_the_search_proposes_the_same_person_typed_twice(people, bob):
    robert = people[0]

    run = services.find_duplicate_residents()

    pair = CandidatePair.objects.get()
    assert (pair.resident_a, pair.resident_b) == (robert, bob)
    assert pair.status == PairStatus.PROPOSED
    assert pair.source == PairSource.SWEEP
    assert pair.reasons
    assert pair.model_version == services.linkage.MODEL_VERSION
    assert run.new == 1
    assert run.residents == len(PEOPLE) + 1
    suggestion = pair.suggestion
    assert (suggestion.model_key, suggestion.subject_id) == ("resident_matching", robert.pk)
    assert suggestion.suggested == {"same_person_as": bob.pk}


def test_the_search_is_idempotent(people, bob):
    services.find_duplicate_residents()
    suggestions = Suggestion.objects.count()

    run = services.find_duplicate_residents()

    assert CandidatePair.objects.count() == 1
    assert Suggestion.objects.count() == suggestions
    assert run.unchanged == 1
    assert run.new == 0


def test_a_pair_decided_not_the_same_is_proposed_again_only_when_the_details_change(people, bob):
    services.find_duplicate_residents()
    pair = CandidatePair.objects.get()
    officer = UserFactory(role=Role.CASEWORKER)
    services.decide_not_the_same(actor=officer, pair=pair, note="Father and son")

    services.find_duplicate_residents()
    assert CandidatePair.objects.get().status == PairStatus.NOT_THE_SAME

    Resident.objects.filter(pk=bob.pk).update(email="robert.smith@example.org")
    run = services.find_duplicate_residents()
    pair.refresh_from_db()
    assert pair.status == PairStatus.PROPOSED
    assert run.proposed_again == 1


def test_each_decision_is_recorded_on_the_engines_suggestion(people, bob):
    services.find_duplicate_residents()
    pair = CandidatePair.objects.get()
    officer = UserFactory(role=Role.CASEWORKER)

    services.decide_not_the_same(actor=officer, pair=pair, note="Father and son")

    decision = Decision.objects.get(suggestion=pair.suggestion)
    assert (decision.outcome, decision.decided_by, decision.note) == (
        Outcome.DISMISSED,
        officer,
        "Father and son",
    )


def test_an_officer_proposes_and_a_manager_merges(people, bob):
    services.find_duplicate_residents()
    pair = CandidatePair.objects.get()
    services.propose_merge(actor=UserFactory(role=Role.CASEWORKER), pair=pair, note="Same DOB")
    assert CandidatePair.objects.get().status == PairStatus.UNDER_REVIEW
    assert not ResidentMerge.objects.exists()

    manager = UserFactory(role=Role.TEAM_MANAGER)
    services.merge_residents(
        actor=manager, kept=people[0], merged=bob, reason="Same DOB", pair=pair
    )

    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGED
    assert pair.decided_by == manager
    assert Decision.objects.get(suggestion=pair.suggestion).outcome == Outcome.ACCEPTED
    assert not CandidatePair.objects.open().exists()


def test_undoing_a_merge_records_the_officers_correction(people, bob):
    services.find_duplicate_residents()
    pair = CandidatePair.objects.get()
    manager = UserFactory(role=Role.TEAM_MANAGER)
    merge = services.merge_residents(
        actor=manager, kept=people[0], merged=bob, reason="Same", pair=pair
    )

    services.undo_merge(actor=manager, merge=merge, reason="Different people")

    pair.refresh_from_db()
    assert pair.status == PairStatus.NOT_THE_SAME
    outcomes = set(Decision.objects.filter(suggestion=pair.suggestion).values_list("outcome"))
    assert outcomes == {(Outcome.ACCEPTED,), (Outcome.CORRECTED,)}


def test_turned_off_nothing_is_searched_or_suggested(settings, people, bob):
    _turn_off(settings)

    run = services.find_duplicate_residents()

    assert run.turned_off
    assert not CandidatePair.objects.exists()
    assert not Suggestion.objects.exists()
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    assert (
        services.known_residents_like(actor=officer, full_name="Bob Smyth", while_typing=True) == []
    )


def test_the_command_searches_and_says_what_it_found(people, bob):
    out = StringIO()
    call_command("find_duplicate_residents", stdout=out)
    assert "1 likely" in out.getvalue() or "1 uncertain" in out.getvalue()
    assert CandidatePair.objects.count() == 1


def test_someone_we_already_know_gives_only_what_tells_people_apart(people):
    officer = UserFactory(role=Role.CONTACT_CENTRE)

    found = services.known_residents_like(
        actor=officer, full_name="Bob Smyth", postcode="OX4 1HR", date_of_birth=date(1980, 3, 14)
    )

    assert found[0].resident_id == people[0].pk
    assert found[0].full_name == "Robert Smith"
    assert found[0].partial_address == "Cowley Road, OX4"
    assert found[0].birth_year == 1980
    assert found[0].reasons


def _sign_in(email: str):
    sign_in_links.request_sign_in_link(email=email, ip_address="127.0.0.1")
    raw = "known-token-for-test"
    SignInLink.objects.filter(email=email).update(token_hash=sign_in_links._hash(raw))
    token = signing.TimestampSigner(salt=sign_in_links._SALT).sign(raw)
    return sign_in_links.use_sign_in_link(token).user


def test_signing_up_with_a_known_email_proposes_a_pair_and_never_merges_or_links(people, run_jobs):
    robert = people[0]
    Resident.objects.filter(pk=robert.pk).update(user=UserFactory(role=Role.RESIDENT))

    user = _sign_in("robert.smith@example.org")
    assert not CandidatePair.objects.exists()  # the look-up is a job, after the sign-in
    run_jobs()

    newcomer = Resident.objects.get(user=user)
    assert newcomer != robert
    pair = CandidatePair.objects.get()
    assert {pair.resident_a, pair.resident_b} == {robert, newcomer}
    assert pair.source == PairSource.SIGN_UP
    assert pair.status == PairStatus.PROPOSED
    assert not ResidentMerge.objects.exists()
    assert Resident.objects.get(pk=robert.pk).user != user


def test_signing_up_proposes_nothing_when_matching_is_turned_off(settings, people, run_jobs):
    _turn_off(settings)
    Resident.objects.filter(pk=people[0].pk).update(user=UserFactory(role=Role.RESIDENT))

    _sign_in("robert.smith@example.org")
    run_jobs()

    assert not CandidatePair.objects.exists()


def test_the_look_up_learns_new_and_merged_records_without_starting_again(people):
    officer = UserFactory(role=Role.TEAM_MANAGER)
    services.known_residents_like(actor=officer, full_name="Robert Smith")
    built = INDEX.index()

    zofia = _resident("Zofia Wisniewska", date(1991, 5, 5), "zofia@example.org", "07700900111")
    found = services.known_residents_like(actor=officer, full_name="Zofia Wisniewska")
    assert [known.resident_id for known in found] == [zofia.pk]

    twin = _resident("Zofia Wisniewska", date(1991, 5, 5), "", "07700900111")
    services.merge_residents(actor=officer, kept=zofia, merged=twin, reason="Same")
    found = services.known_residents_like(actor=officer, full_name="Zofia Wisniewska")
    assert [known.resident_id for known in found] == [zofia.pk]
    assert INDEX.index() is built


def test_an_exact_email_or_phone_match_is_always_shown_even_when_the_engine_misses_it(people):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    amina = people[3]
    Resident.objects.filter(pk=amina.pk).update(phone="07700900321")  # as create_resident stores

    by_email = services.known_residents_like(
        actor=officer, full_name="Xavier Quill", email="AMINA@example.org", postcode="EH1 1AA"
    )
    by_phone = services.known_residents_like(
        actor=officer, full_name="Xavier Quill", phone="+44 7700 900321", postcode="EH1 1AA"
    )

    assert amina.pk in [known.resident_id for known in by_email]
    assert amina.pk in [known.resident_id for known in by_phone]
    ids = [known.resident_id for known in by_email]
    assert len(ids) == len(set(ids))


def test_the_look_up_never_shows_a_merged_away_record_found_by_the_exact_rule(people):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    Resident.objects.filter(pk=people[3].pk).update(merged_into=people[4])

    found = services.known_residents_like(
        actor=officer, full_name="Xavier Quill", email="amina@example.org", postcode="EH1 1AA"
    )

    assert people[3].pk not in [known.resident_id for known in found]


def test_signing_up_with_the_email_of_someone_known_by_another_name_is_proposed(people, run_jobs):
    amina = people[3]
    Resident.objects.filter(pk=amina.pk).update(
        email="zx81@example.org", user=UserFactory(role=Role.RESIDENT)
    )

    user = _sign_in("zx81@example.org")
    run_jobs()

    newcomer = Resident.objects.get(user=user)
    pair = CandidatePair.objects.get()
    assert {pair.resident_a_id, pair.resident_b_id} == {amina.pk, newcomer.pk}
    assert services.EXACTLY_ALIKE in pair.reasons


def test_a_pair_stored_by_someone_else_between_the_read_and_the_insert_is_updated(people):
    """The nightly search and a sign-up's job may store one pair at once: the second insert
    meets the unique constraint, and the pair the first stored is used instead."""
    robert, priya = people[0], people[1]
    records = person_records([robert, priya])
    pair = linkage.compare(records[robert.pk], records[priya.pk])
    competing = {"done": False}

    def the_other_writer_gets_there_first(sender, instance, **kwargs):
        if instance._state.adding and not competing["done"]:
            competing["done"] = True
            CandidatePair.objects.create(
                resident_a_id=instance.resident_a_id,
                resident_b_id=instance.resident_b_id,
                probability=0.1,
                reasons=["stored by the nightly search"],
                model_version="old",
                fingerprint="",
                suggestion=services._suggest(pair, pair.a, pair.b),
            )

    pre_save.connect(the_other_writer_gets_there_first, sender=CandidatePair)
    try:
        outcome = services._store_pair(
            pair,
            records[pair.a],
            records[pair.b],
            thresholds=linkage.DEFAULT_THRESHOLDS,
            source=PairSource.SWEEP,
        )
    finally:
        pre_save.disconnect(the_other_writer_gets_there_first, sender=CandidatePair)

    # (Here the other writer's row is inside our savepoint, so it goes when the savepoint rolls
    # back; across two connections it stays and the pair is "updated". Either way: no error.)
    stored = CandidatePair.objects.get()
    assert outcome in ("new", "updated")
    assert stored.probability == pair.probability
    assert stored.model_version == linkage.MODEL_VERSION
