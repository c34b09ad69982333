"""Test data for actions, priorities and pledges."""

import datetime

import factory
from django.utils import timezone

from actions.models import Pledge, Priority, PriorityStatus
from actions.services import create_action
from governance.factories import OrganisationFactory


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    title = factory.Sequence(lambda n: f"Persistent absence priority {n}")
    rationale = "No one school or service can shift it alone."
    status = PriorityStatus.ACTIVE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=90))
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    priority = factory.SubFactory(PriorityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    statement = "We will check the child's age when booking routine appointments and book outside school hours."


def make_action(group, title="Circulate the attendance figures", **fields):
    """An action numbered as the site numbers them (the factory way would skip the group's sequence)."""
    return create_action(group, title, **fields)
