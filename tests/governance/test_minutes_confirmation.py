"""The confirmation screen says where each value was found, points to its doubts, and shows the text it saves."""

import re

import pytest
from django.urls import reverse

from governance.choices import MembershipRole
from governance.factories import MembershipFactory, PersonFactory
from governance.models import MeetingPage
from tests.conftest import posted_form

pytestmark = pytest.mark.django_db

URL = reverse("governance:import_minutes")

MINUTES = """Eastfield Attendance Partnership
Thursday 19 June 2025, 4pm – 5.30pm
Venue: Riverside Hall

Present: Patrick Doyle (Vice-Chair), Imogen Shaw, Karl Benes
Apologies: Adele Fraser (Chair)

1. Welcome
In the absence of the Chair, Patrick Doyle took the chair.
Action: IS to share the attendance figures with heads.
"""


@pytest.fixture
def secretariat(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    return person.user


@pytest.fixture
def screen(client, group, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, {"group": group.pk, "pasted_text": MINUTES})
    assert response.status_code == 200
    return response.text


def test_each_person_says_under_which_heading_and_on_which_line_they_were_found(screen):
    assert 'Found under &#x27;Present&#x27;, <a href="#minutes-line-5">line 5</a>.' in screen
    assert 'Found under &#x27;Apologies&#x27;, <a href="#minutes-line-6">line 6</a>.' in screen


def test_the_date_venue_and_actions_say_where_they_were_found(screen):
    assert 'Found in the heading, <a href="#minutes-line-2">line 2</a>.' in screen
    assert 'Found under &#x27;Venue&#x27;, <a href="#minutes-line-3">line 3</a>.' in screen
    assert 'Found on lines <a href="#minutes-line-10">10</a>.' in screen


def test_a_chair_worked_out_from_a_sentence_is_a_doubt_that_points_to_their_row(screen):
    summary = screen[screen.index('id="unsure-heading"') : screen.index('<form method="post" enctype')]
    assert re.search(r'<a href="#attendee-0">The chair was worked out from a sentence on line 9', summary)
    row = screen[screen.index('id="attendee-0"') :]
    row = row[: row.index("</fieldset>")]
    assert "Patrick Doyle" in row and "Check this:" in row
    assert "The chair was found in the sentence" in screen


def test_the_minutes_text_that_will_be_saved_is_shown_line_by_line(screen):
    assert "The minutes text that will be saved" in screen
    assert '<li id="minutes-line-9">In the absence of the Chair, Patrick Doyle took the chair.</li>' in screen


INITIALS_REGISTER = """Inclusion Partnership Board
Tuesday 11 March 2025, 10:00-12:00

Present:
GW – Assistant Director, County Council
LN – SEND Team Manager
"""


def test_initials_name_the_groups_one_member_with_them_and_the_saved_register_links_to_them(client, group, secretariat):
    gareth = PersonFactory(full_name="Gareth Wynne")
    MembershipFactory(person=gareth, group=group)
    for twin in ("Lara Noon", "Luke Nash"):  # two members share LN, so LN names neither
        MembershipFactory(person=PersonFactory(full_name=twin), group=group)
    client.force_login(secretariat)

    screen = client.post(URL, {"group": group.pk, "pasted_text": INITIALS_REGISTER})

    assert "Matches Gareth Wynne, already on the portal." in screen.text
    row = screen.text[screen.text.index('id="attendee-1"') :]
    assert "New person" in row[: row.index("</fieldset>")]
    client.post(URL, {**posted_form(screen, "upload"), "save": "1"})
    meeting = MeetingPage.objects.child_of(group).get()
    assert meeting.register.filter(person=gareth).exists()
