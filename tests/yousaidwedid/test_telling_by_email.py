"""The email a resident gets when a change they asked about is published: through the real queue
and worker, to a real SMTP server on loopback."""

import pytest

from opencex.cases.models import CaseKind
from opencex.yousaidwedid import services
from opencex.yousaidwedid.models import SourceKind
from tests.factories import RatingFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_resident_who_asked_gets_one_email(
    smtp_server, run_jobs, change, manager, make_feedback_case
):
    resident = ResidentFactory(email="amara@example.org")
    comment = make_feedback_case(CaseKind.COMMENT, resident=resident)
    rating = RatingFactory(case=comment, comment="Benches!", hear_of_changes_at=comment.received_at)
    services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=comment)
    services.link_source(actor=manager, change=change, kind=SourceKind.RATING, rating=rating)
    make_feedback_case(CaseKind.COMMENT, opted_in=False)  # not linked, never told

    services.publish_change(actor=manager, change=change)
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "amara@example.org"
    assert message["Subject"] == "You said, we did: More benches in South Park"
    body = message.get_content()
    assert "We put six new benches along the path." in body
    assert comment.reference in body
