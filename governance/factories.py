"""Test data for groups, people, memberships, terms of reference and meetings."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from governance.models import (
    GroupKind,
    MeetingPage,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    PartnershipGroupPage,
    PartnershipIndexPage,
    Person,
    TermsOfReferencePage,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Riverford Organisation {n}")
    kind = OrganisationKind.SCHOOL


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="en_GB")
    job_title = "Headteacher"
    organisation = factory.SubFactory(OrganisationFactory)


class PartnershipIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnershipIndexPage

    title = "Partnerships"
    slug = "partnerships"


class PartnershipGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnershipGroupPage

    title = factory.Sequence(lambda n: f"Working group {n}")
    kind = GroupKind.WORKING_GROUP
    purpose = "<p>Improve school attendance across the city.</p>"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    group = None
    role = MembershipRole.MEMBER
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class TermsOfReferencePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TermsOfReferencePage

    title = "Terms of reference"
    effective_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    purpose = "<p>To lead the city's work on attendance.</p>"
    quorum = 3


class MeetingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Meeting {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda meeting: meeting.start + datetime.timedelta(hours=2))
    venue = "Civic Centre"
