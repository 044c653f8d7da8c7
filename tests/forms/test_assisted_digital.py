"""An officer fills in the same citizen form for a resident on the phone or at the desk; the case
records that channel and who logged it."""

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Case, Channel
from tests.factories import UserFactory
from tests.forms.conftest import FormWalker, missed_bin_pages

pytestmark = pytest.mark.django_db


class AssistedWalker(FormWalker):
    def __init__(self, client, slug: str, channel: str) -> None:
        super().__init__(client, slug)
        self.channel = channel

    def start(self):
        url = reverse("web:form-start", kwargs={"slug": self.slug})
        return self.client.post(url, {"channel": self.channel})


def fill_in_by_phone(client, channel: str = Channel.PHONE) -> None:
    walker = AssistedWalker(client, "report-missed-bin", channel)
    walker.start()
    for page_id, data in missed_bin_pages():
        assert walker.answer(page_id, data).status_code == 302
    walker.submit()


def test_an_officer_on_the_phone_logs_a_missed_bin_recorded_as_a_phone_contact(client, forms):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    fill_in_by_phone(client)
    case = Case.objects.get()
    assert (case.channel, case.created_by) == (Channel.PHONE, officer)


def test_the_start_page_tells_the_officer_which_channel_will_be_recorded(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    page = client.get(url, {"channel": "face_to_face"}).text
    assert 'name="channel" value="face_to_face"' in page


def test_a_resident_cannot_claim_to_be_a_phone_contact(client, forms):
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert client.post(url, {"channel": "phone"}).status_code == 403
    assert not Case.objects.exists()


def test_an_unknown_channel_is_not_found(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert client.get(url, {"channel": "pigeon"}).status_code == 404


def test_the_staff_forms_page_links_each_form_for_each_channel(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    page = client.get(reverse("staff:assisted-forms")).text
    start = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert f"{start}?channel=phone" in page
    assert f"{start}?channel=outreach" in page
