"""Test data for actions, priorities and pledges."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from actions.models import Area, Indicator, IndicatorImport, Milestone, Observation, Pledge, Priority, PriorityStatus
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


def an_area(level="local_authority", code="E08000019", name="Sheffield", **fields):
    area, _ = Area.objects.get_or_create(level=level, code=code, defaults={"name": name, **fields})
    return area


def an_indicator(code="persistent_absence", name="Persistent absence (10%+)", **fields):
    indicator, _ = Indicator.objects.get_or_create(code=code, defaults={"name": name, **fields})
    return indicator


def figures_for(indicator, area, by_year, phase="total", kind="academic_year"):
    """Hand-made whole-year figures: {2022: Decimal('28.1'), 2019: 'x'} (a string is DfE's missing code)."""
    source = IndicatorImport.objects.create(file_name="hand-made.csv", format="test")
    for year, value in by_year.items():
        missing = value if isinstance(value, str) else ""
        Observation.objects.update_or_create(
            indicator=indicator,
            area=area,
            phase=phase,
            period=f"{year}/{(year + 1) % 100:02d}",
            defaults={
                "period_kind": kind,
                "period_start": datetime.date(year, 9, 1),
                "value": None if missing else Decimal(str(value)),
                "missing_code": missing,
                "source": source,
            },
        )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    priority = factory.SubFactory(PriorityFactory)
    intent = "Fewer pupils persistently absent"
    indicator = factory.LazyFunction(an_indicator)
    area = factory.LazyFunction(an_area)
    phase = "total"
    baseline_period = "2022/23"
    target_period = "2026/27"
    target_value = 20
