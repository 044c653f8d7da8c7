"""factory_boy factories shared by every test module."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.models import Case, CaseKind, Channel
from opencex.catalogue.models import Service, ServiceArea, Team, Topic
from opencex.people.models import Property, Resident

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.add(*extracted)
        if create:
            self.save()


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Service area {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    service_area = factory.SubFactory(ServiceAreaFactory)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    slug = factory.Sequence(lambda n: f"service-{n}")
    title = factory.Sequence(lambda n: f"Report a problem {n}")
    summary = "Tell us about a problem."
    team = factory.SubFactory(TeamFactory)
    service_area = factory.SelfAttribute("team.service_area")
    topic = factory.SubFactory(TopicFactory)
    channels = factory.LazyFunction(lambda: ["online", "phone"])
    case_kind = "service_request"
    standard_days = 2
    standard_text = "We deal with this within 2 working days."
    if_late = "Call us if we have not."


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    phone = factory.Sequence(lambda n: f"07700{n:06d}")


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Property

    uprn = factory.Sequence(lambda n: f"{100120000000 + n}")
    address_line_1 = factory.Sequence(lambda n: f"{n + 1} Cowley Road")
    town = "Oxford"
    postcode = "OX4 1HR"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case row written directly (for read-side tests); use cases.actions to test writes."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"SR-TEST-{n:04d}")
    kind = CaseKind.SERVICE_REQUEST
    channel = Channel.WEB
    contact_name = factory.Faker("name", locale="en_GB")
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    subject = "Bin not emptied"
    description = "My green bin was not emptied on Monday."
    received_at = factory.LazyFunction(timezone.now)
    received_on = factory.LazyAttribute(lambda c: timezone.localdate(c.received_at))
    clock_started_on = factory.SelfAttribute("received_on")
    stage = factory.LazyAttribute(lambda c: 1 if c.kind == CaseKind.COMPLAINT else None)
    due_on = factory.LazyAttribute(lambda c: c.received_on + dt.timedelta(days=14))


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator-app device; compute its current code with django_otp.oath.totp."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory, role=Role.CASEWORKER)
    name = "Authenticator app"
    confirmed = True


# --- Staff directory and reports (engineer D) ---------------------------------------------------


class ContactFactory(factory.django.DjangoModelFactory):
    """A logged contact resolved there and then (pass outcome and case for one that opened one)."""

    class Meta:
        model = "contacts.Contact"

    # No password: hashing one for every contact would make report tests slow.
    officer = factory.SubFactory(UserFactory, role=Role.CONTACT_CENTRE, password=None)
    channel = Channel.PHONE
    outcome = "resolved_at_first_contact"
    at = factory.LazyFunction(timezone.now)


class RatingFactory(factory.django.DjangoModelFactory):
    """A resident's 1 to 5 rating; pass created_at to date it (the model dates it on save)."""

    class Meta:
        model = "feedback.Rating"
        skip_postgeneration_save = True

    channel = Channel.WEB
    score = 5

    @factory.post_generation
    def created_at(self, create, extracted, **kwargs):
        if create and extracted:
            type(self).objects.filter(pk=self.pk).update(created_at=extracted)
            self.created_at = extracted


# --- Standard replies (engineer B, issue 4) ------------------------------------------------------


class StandardReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "replies.StandardReply"

    name = factory.Sequence(lambda n: f"Standard reply {n}")
    case_kinds = factory.LazyFunction(list)
    body = "We have your request {reference} and aim to finish by {due_date}."
    is_active = True


# ---- The partner directory (engineer C: signposting from a logged contact) ------------------

from opencex.directory.models import Organization as DirectoryOrganization  # noqa: E402
from opencex.directory.models import Service as DirectoryService  # noqa: E402
from opencex.directory.models import TaxonomyTerm  # noqa: E402


class DirectoryOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryOrganization

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Community organisation {n}")


class NeedFactory(factory.django.DjangoModelFactory):
    """A need a directory entry meets (ORUK taxonomy term), such as food."""

    class Meta:
        model = TaxonomyTerm
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"need-{n}")
    name = factory.LazyAttribute(lambda term: term.slug.replace("-", " ").capitalize())


class DirectoryServiceFactory(factory.django.DjangoModelFactory):
    """A partner directory entry; pass needs=[NeedFactory(...)] to tag it."""

    class Meta:
        model = DirectoryService
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"directory-entry-{n}")
    organization = factory.SubFactory(DirectoryOrganizationFactory)
    name = factory.Sequence(lambda n: f"Drop-in advice {n}")
    description = "Free advice without an appointment."

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.taxonomy_terms.add(*extracted)


# --- Disclosure log (opencex.disclosure) --------------------------------------------------------


class DisclosureEntryFactory(factory.django.DjangoModelFactory):
    """A published disclosure log entry written directly (for read-side tests); use
    disclosure.services to test preparing, publishing and withdrawing."""

    class Meta:
        model = "disclosure.DisclosureEntry"

    status = "published"
    title = factory.Sequence(lambda n: f"Released response {n}")
    request_text = "Please tell me how many parking permits the council issued last year."
    response_text = "Dear [redacted],\n\nThe council issued 12,400 residents' parking permits."
    decision = "released"
    released_on = factory.LazyFunction(timezone.localdate)
    published_at = factory.LazyFunction(timezone.now)
    service_area = factory.SubFactory(ServiceAreaFactory)


# --- Complaint and information-rights reports (engineer O) --------------------------------------


class ComplaintFactory(factory.django.DjangoModelFactory):
    """The complaint record beside a complaint case."""

    class Meta:
        model = "complaints.Complaint"

    case = factory.SubFactory(CaseFactory, kind=CaseKind.COMPLAINT)


class StageResponseFactory(factory.django.DjangoModelFactory):
    """A stage response written directly (for read-side tests); complaints.services writes them.
    Its due date is its case's unless given."""

    class Meta:
        model = "complaints.StageResponse"

    complaint = factory.SubFactory(ComplaintFactory)
    stage = factory.LazyAttribute(lambda response: response.complaint.case.stage)
    outcome = "not_upheld"
    complaint_as_understood = "The green bin was missed three weeks running."
    decision_and_reasons = "The crew followed the round; the bin was not out on time."
    ombudsman = "lgsco"
    letter = "Our response to your complaint."
    due_on = factory.LazyAttribute(lambda response: response.complaint.case.due_on)
    responded_on = factory.LazyFunction(timezone.localdate)
    responded_by = factory.SubFactory(UserFactory, role=Role.CASEWORKER, password=None)


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """The register entry of an information request; pass decision and decided_on once decided."""

    class Meta:
        model = "inforights.InformationRequest"

    case = factory.SubFactory(CaseFactory, kind=CaseKind.FOI)


class AppliedExemptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inforights.AppliedExemption"

    request = factory.SubFactory(InformationRequestFactory)
    code = "foia-s40(2)"


class IcoComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inforights.IcoComplaint"

    case = factory.SubFactory(CaseFactory, kind=CaseKind.FOI)
    ico_reference = factory.Sequence(lambda n: f"IC-{300000 + n}-T1Z{n % 10}")
    received_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(UserFactory, role=Role.INFORMATION_GOVERNANCE, password=None)


def record_vulnerability(
    resident: Resident,
    *,
    details: str = "Lives alone, hard of hearing.",
    review_on: dt.date = dt.date(2030, 1, 1),
):
    """A vulnerability a caseworker recorded for `resident`, through the one door
    (people.services.record_sensitive_information)."""
    from opencex.people.services import record_sensitive_information

    return record_sensitive_information(
        actor=UserFactory(role=Role.CASEWORKER),
        resident=resident,
        category="vulnerability",
        details=details,
        purpose="Safe contact",
        lawful_basis="Article 9(2)(g)",
        review_on=review_on,
    )
