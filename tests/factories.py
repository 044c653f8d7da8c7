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
    """A case row written directly (for read-side tests); use cases.services to test writes."""

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
