"""`make demo` builds the Riverford demo, and running it again duplicates nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, TaskState

from governance.models import MeetingPage, Membership, MembershipRole, Person
from portal.models import User

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Page.objects.count(), Person.objects.count(), Membership.objects.count())


def test_demo_loads_once_and_reloads_without_duplicates(home_page):
    call_command("load_demo", stdout=None)
    first = counts()
    call_command("load_demo", stdout=None)
    assert counts() == first

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(MembershipRole.values)
    assert TaskState.objects.filter(status="in_progress").count() == 1
    assert MeetingPage.objects.live().exclude(minutes="").count() == 3
    chair = User.objects.get(email="chair@riverford.example")
    assert chair.groups.filter(name__contains="chairs").exists()
