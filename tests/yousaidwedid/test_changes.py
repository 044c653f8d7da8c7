"""Recording a change, linking the feedback behind it, publishing it (telling the residents who
asked, once each, in their language) and withdrawing it; the audit trail of each act."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.notify.models import Notification
from opencex.yousaidwedid import selectors, services
from opencex.yousaidwedid.consent import wants_to_hear_of_changes
from opencex.yousaidwedid.models import ChangeEvent, ChangeNotice, ChangeStatus, SourceKind
from tests.audit.test_refusals import refused
from tests.factories import RatingFactory, ResidentFactory, UserFactory
from tests.yousaidwedid.conftest import MADE_ON

pytestmark = pytest.mark.django_db


def _page_feedback():
    from opencex.feedback.services import record_page_feedback

    return record_page_feedback(path="/services/parks/", is_useful=False, what_went_wrong="x")


def test_a_change_is_recorded_as_a_draft_and_audited(change, manager):
    assert change.status == ChangeStatus.DRAFT
    assert change.published_at is None
    assert change.made_on == MADE_ON
    [event] = ChangeEvent.objects.all()
    assert (event.actor, event.action, event.change) == (manager, "recorded", change)


def test_a_change_needs_its_words(manager, service):
    with pytest.raises(services.ChangeError, match="what we did"):
        services.record_change(
            actor=manager,
            title="Benches",
            you_said="Nowhere to sit",
            we_did="  ",
            service_area=service.service_area,
            made_on=MADE_ON,
        )


def test_a_resident_or_contact_centre_officer_cannot_record_a_change(service):
    for role in (Role.RESIDENT, Role.CONTACT_CENTRE):
        with pytest.raises(PermissionDenied):
            services.record_change(
                actor=UserFactory(role=role),
                title="Benches",
                you_said="Nowhere to sit",
                we_did="Six benches",
                service_area=service.service_area,
                made_on=MADE_ON,
            )


def test_each_kind_of_feedback_is_linked_in_its_own_column(change, manager, make_feedback_case):
    comment = make_feedback_case(CaseKind.COMMENT)
    complaint = make_feedback_case(CaseKind.COMPLAINT)
    rating = RatingFactory(case=complaint, comment="Paths are muddy")
    page = _page_feedback()
    services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=comment)
    services.link_source(actor=manager, change=change, kind=SourceKind.COMPLAINT, case=complaint)
    services.link_source(actor=manager, change=change, kind=SourceKind.RATING, rating=rating)
    services.link_source(
        actor=manager, change=change, kind=SourceKind.PAGE_FEEDBACK, page_feedback=page
    )
    assert [s.feedback for s in change.sources.all()] == [comment, complaint, rating, page]
    assert selectors.feedback_counts([change])[change.pk].total == 4
    assert ChangeEvent.objects.filter(action="linked").count() == 4


def test_the_same_feedback_is_linked_once_and_of_its_own_kind(change, manager, make_feedback_case):
    comment = make_feedback_case(CaseKind.COMMENT)
    services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=comment)
    with pytest.raises(services.ChangeError, match="already linked"):
        services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=comment)
    with pytest.raises(services.ChangeError, match="complaint"):
        services.link_source(actor=manager, change=change, kind=SourceKind.COMPLAINT, case=comment)
    with pytest.raises(services.ChangeError, match="comment"):
        services.link_source(
            actor=manager, change=change, kind=SourceKind.RATING, rating=RatingFactory()
        )
    with pytest.raises(services.ChangeError, match="survey response"):
        services.link_source(actor=manager, change=change, kind=SourceKind.SURVEY_ANSWER)


def test_a_case_the_officer_cannot_see_cannot_be_linked(change, make_feedback_case):
    stranger = UserFactory(role=Role.CASEWORKER)  # in none of the case's teams
    with pytest.raises(PermissionDenied):
        services.link_source(
            actor=stranger, change=change, kind=SourceKind.COMMENT, case=make_feedback_case()
        )


def test_only_managers_and_administrators_publish(change, caseworker):
    with pytest.raises(PermissionDenied):
        services.publish_change(actor=caseworker, change=change)
    services.publish_change(actor=UserFactory(role=Role.ADMINISTRATOR), change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.PUBLISHED


def test_opt_in_is_read_from_the_form_answer_and_the_rating(change, manager, make_feedback_case):
    asked = make_feedback_case(CaseKind.COMMENT, opted_in=True)
    silent = make_feedback_case(CaseKind.COMPLAINT, opted_in=False)
    rating_asked = RatingFactory(case=silent, comment="Muddy", hear_of_changes_at=asked.received_at)
    rating_silent = RatingFactory(comment="Cold")
    page = _page_feedback()
    link = services.link_source
    sources = [
        link(actor=manager, change=change, kind=SourceKind.COMMENT, case=asked),
        link(actor=manager, change=change, kind=SourceKind.COMPLAINT, case=silent),
        link(actor=manager, change=change, kind=SourceKind.RATING, rating=rating_asked),
        link(actor=manager, change=change, kind=SourceKind.RATING, rating=rating_silent),
        link(actor=manager, change=change, kind=SourceKind.PAGE_FEEDBACK, page_feedback=page),
    ]
    assert [wants_to_hear_of_changes(s) for s in sources] == [True, False, True, False, False]


def test_publishing_tells_each_opted_in_resident_once_in_their_language(
    change, manager, make_feedback_case
):
    # Hand-counted: 5 sources, 3 people who asked, one of them behind two sources -> 2 told.
    polish = ResidentFactory(preferred_language="pl", email="ola@example.org")
    comment = make_feedback_case(CaseKind.COMMENT, resident=polish)
    complaint = make_feedback_case(CaseKind.COMPLAINT, resident=polish)  # the same person again
    arabic = make_feedback_case(
        CaseKind.COMPLAINT, resident=None, contact_email="sami@example.org", language="ar"
    )
    silent = make_feedback_case(CaseKind.COMMENT, opted_in=False)
    rating = RatingFactory(case=silent, comment="ok")  # a rating with no opt-in
    for kind, case in [
        (SourceKind.COMMENT, comment),
        (SourceKind.COMPLAINT, complaint),
        (SourceKind.COMPLAINT, arabic),
        (SourceKind.COMMENT, silent),
    ]:
        services.link_source(actor=manager, change=change, kind=kind, case=case)
    services.link_source(actor=manager, change=change, kind=SourceKind.RATING, rating=rating)
    assert len(selectors.people_to_tell(change)) == 2
    assert Notification.objects.count() == 0  # a draft tells nobody

    notices = services.publish_change(actor=manager, change=change)

    sent = {n.recipient: n for n in Notification.objects.filter(template="change_made")}
    assert set(sent) == {"ola@example.org", "sami@example.org"}
    assert sent["ola@example.org"].language == "pl"
    assert sent["sami@example.org"].language == "ar"
    assert "We put six new benches along the path." in sent["ola@example.org"].body
    assert "/you-said-we-did/#change-" in sent["sami@example.org"].body
    assert len(notices) == 2
    event = ChangeEvent.objects.get(action="published")
    assert event.detail == "Told 2 residents"


def test_withdrawing_and_publishing_again_tells_nobody_twice(change, manager, make_feedback_case):
    services.link_source(
        actor=manager, change=change, kind=SourceKind.COMMENT, case=make_feedback_case()
    )
    services.publish_change(actor=manager, change=change)
    services.withdraw_change(actor=manager, change=change, reason="Benches removed for repair")
    change.refresh_from_db()
    assert change.status == ChangeStatus.WITHDRAWN
    services.publish_change(actor=manager, change=change)
    assert Notification.objects.count() == 1
    assert ChangeNotice.objects.count() == 1
    assert [e.action for e in ChangeEvent.objects.order_by("pk")] == [
        "recorded",
        "linked",
        "published",
        "withdrawn",
        "published",
    ]


def test_feedback_linked_after_publishing_is_told_then(change, manager, make_feedback_case):
    services.publish_change(actor=manager, change=change)
    assert Notification.objects.count() == 0
    services.link_source(
        actor=manager, change=change, kind=SourceKind.COMMENT, case=make_feedback_case()
    )
    assert Notification.objects.count() == 1


def test_withdrawing_needs_a_reason_and_a_publisher(change, manager, caseworker):
    services.publish_change(actor=manager, change=change)
    with pytest.raises(PermissionDenied):
        services.withdraw_change(actor=caseworker, change=change, reason="Wrong")
    with pytest.raises(services.ChangeError):
        services.withdraw_change(actor=manager, change=change, reason=" ")
    change.refresh_from_db()
    assert change.is_published


def test_the_audit_trail_cannot_be_rewritten(change):
    event = ChangeEvent.objects.get()
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        ChangeEvent.objects.all().delete()
    update = "UPDATE yousaidwedid_changeevent SET detail = %s WHERE id = %s"
    assert refused(update, ["Rewritten", event.pk])
    assert refused("DELETE FROM yousaidwedid_changeevent WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.detail == "More benches in South Park"


def test_a_rating_of_a_case_the_officer_cannot_see_cannot_be_linked(change, make_feedback_case):
    stranger = UserFactory(role=Role.CASEWORKER)  # in none of the case's teams
    rating = RatingFactory(case=make_feedback_case(CaseKind.COMPLAINT), comment="Muddy")
    with pytest.raises(services.ChangeError, match="cannot see the case"):
        services.link_source(actor=stranger, change=change, kind=SourceKind.RATING, rating=rating)
    assert not change.sources.exists()


def test_a_person_signed_in_for_one_and_unsigned_for_another_is_told_once(
    change, manager, make_feedback_case
):
    # Ola signs in for a comment; later, not signed in, she rates a complaint she made giving
    # the same address in other capitals and with spaces: one person, one message.
    ola = ResidentFactory(email="ola@example.org")
    signed_in = make_feedback_case(CaseKind.COMMENT, resident=ola)
    unsigned = make_feedback_case(
        CaseKind.COMPLAINT, resident=None, contact_email="  Ola@Example.ORG "
    )
    rating = RatingFactory(case=unsigned, comment="Muddy", hear_of_changes_at=unsigned.received_at)
    services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=signed_in)
    services.link_source(actor=manager, change=change, kind=SourceKind.RATING, rating=rating)

    assert list(selectors.people_to_tell(change)) == ["email:ola@example.org"]
    notices = services.publish_change(actor=manager, change=change)
    assert len(notices) == 1
    assert Notification.objects.filter(recipient__iexact="ola@example.org").count() == 1
    assert Notification.objects.count() == 1
