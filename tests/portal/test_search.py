"""The site search finds what a person may open, grouped by kind, and nothing they may not."""

import pytest
from django.urls import reverse

from actions.factories import PledgeFactory, PriorityFactory, make_action
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationIndexPage
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
    TermsOfReferencePageFactory,
)
from governance.models import MembershipRole
from portal.factories import ContentPageFactory, PartnerStaffFactory
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db

MEMBERS_ONLY_TITLES = ["Kestrel panel", "Kestrel panel meeting", "Kestrel figures to heads", "Kestrel priority"]


def search(client, query):
    return client.get(reverse("portal:search"), {"q": query})


def kinds_found(response) -> list[tuple[str, int]]:
    return [(group["kind"], group["count"]) for group in response.context["groups"]]


@pytest.fixture
def partnerships(home_page):
    return PartnershipIndexPageFactory(parent=home_page)


@pytest.fixture
def group(partnerships):
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


@pytest.fixture
def consultations_index(home_page):
    return home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))


@pytest.fixture
def members_only_group(partnerships):
    """A published members-only group (so its privacy is in force) with a meeting, an action and a priority."""
    closed = PartnershipGroupPageFactory(parent=partnerships, title="Kestrel panel", members_only=True)
    closed.save_revision().publish()
    MeetingPageFactory(parent=closed, title="Kestrel panel meeting")
    make_action(closed, title="Kestrel figures to heads")
    PriorityFactory(partnership=closed, title="Kestrel priority")
    return closed


def sign_in_as(client, group=None, role=MembershipRole.MEMBER):
    """Someone with an account, on the group in that role if one is named, signed in."""
    person = PersonFactory(user=PartnerStaffFactory())
    if group:
        MembershipFactory(person=person, group=group, role=role)
    client.force_login(person.user)
    return person


def test_results_are_grouped_by_kind_in_order_each_heading_with_its_count(
    client, home_page, group, consultations_index
):
    MeetingPageFactory(parent=group, title="Autumn meeting", minutes="<p>The attendance figures were shared.</p>")
    TermsOfReferencePageFactory(parent=group, purpose="<p>To lead the city's work on attendance.</p>")
    ConsultationPageFactory(parent=consultations_index, group=group, title="Consultation on attendance")
    make_action(group, title="Circulate the attendance figures")
    priority = PriorityFactory(partnership=group, title="Attendance in Year 9")
    PledgeFactory(priority=priority, statement="We will share attendance data with schools every week.")
    ContentPageFactory(parent=home_page, title="Attendance statistics")

    response = search(client, "attendance")

    assert kinds_found(response) == [
        ("groups", 1),
        ("minutes", 1),
        ("terms", 1),
        ("consultations", 1),
        ("actions", 1),
        ("priorities", 1),
        ("pledges", 1),
        ("pages", 1),
    ]
    html = response.content.decode()
    assert '<h2 id="results-minutes">Meeting minutes <span class="search-group__count">(1)</span></h2>' in html
    assert "8 results for “attendance”" in html
    consultation = response.context["groups"][3]["results"][0]
    assert (consultation.title, consultation.note) == ("Consultation on attendance", "Open")


def test_an_action_is_found_by_its_reference(client, group):
    action = make_action(group, title="Circulate the figures")
    response = search(client, action.reference.lower())
    assert [result.title for result in response.context["groups"][0]["results"]] == ["Circulate the figures"]


@pytest.mark.parametrize("visitor", ["anonymous", "outsider"])
def test_a_members_only_groups_pages_actions_and_priorities_never_reach_anyone_outside_it(
    client, members_only_group, visitor
):
    if visitor == "outsider":
        sign_in_as(client)
    response = search(client, "kestrel")
    assert response.context["groups"] == []
    html = response.content.decode()
    assert not [title for title in MEMBERS_ONLY_TITLES if title in html]


def test_a_members_only_groups_pages_actions_and_priorities_are_found_by_its_members(client, members_only_group):
    sign_in_as(client, members_only_group)
    response = search(client, "kestrel")
    assert kinds_found(response) == [("groups", 1), ("minutes", 1), ("actions", 1), ("priorities", 1)]
    html = response.content.decode()
    assert [title for title in MEMBERS_ONLY_TITLES if title in html] == MEMBERS_ONLY_TITLES


def test_draft_minutes_are_never_found_not_even_by_the_groups_chair(client, group):
    MeetingPageFactory(parent=group, title="Kestrel meeting in draft", live=False)
    assert search(client, "kestrel").context["groups"] == []
    sign_in_as(client, group, MembershipRole.CHAIR)
    response = search(client, "kestrel")
    assert response.context["groups"] == []
    assert "Kestrel meeting in draft" not in response.content.decode()


def test_changes_to_published_minutes_are_found_only_once_published(client, group):
    meeting = MeetingPageFactory(parent=group, title="Spring meeting", minutes="<p>Figures were shared.</p>")
    meeting.minutes = "<p>Kestrel sightings near the school.</p>"
    meeting.save_revision()
    assert search(client, "kestrel").context["groups"] == []
    assert kinds_found(search(client, "figures")) == [("minutes", 1)]
    meeting.get_latest_revision().publish()
    assert kinds_found(search(client, "kestrel")) == [("minutes", 1)]


def test_an_action_from_unpublished_minutes_is_found_by_the_group_but_not_by_outsiders(client, group):
    draft = MeetingPageFactory(parent=group, title="Summer meeting", live=False)
    make_action(group, title="Kestrel audit of the registers", meeting=draft)
    assert search(client, "kestrel").context["groups"] == []
    sign_in_as(client)
    assert search(client, "kestrel").context["groups"] == []
    sign_in_as(client, group)
    assert kinds_found(search(client, "kestrel")) == [("actions", 1)]


def test_every_page_has_the_search_box_in_its_header(client, home_page):
    html = client.get(home_page.url).content.decode()
    assert '<form class="site-search" role="search" aria-label="Site" method="get" action="/search/">' in html
    assert '<label class="visually-hidden" for="site-search-q">Search the portal</label>' in html
    assert 'name="q"' in html


@pytest.mark.parametrize("query", [None, "", "   "])
def test_an_empty_search_shows_the_box_and_a_hint(client, query):
    response = client.get(reverse("portal:search"), {} if query is None else {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_q"' in html and "Type a few words and press Search" in html
    assert response.context["groups"] == []


def test_a_search_over_200_characters_is_refused_with_the_reason(client, group):
    response = search(client, "attendance " * 20)
    html = response.content.decode()
    assert response.context["groups"] == [], "a refused search is not run"
    assert "There is a problem with your search" in html
    assert "Search for at most 200 characters: this search has 219." in html
    assert "There is a problem" not in search(client, "a" * 200).content.decode(), "200 characters are searched"


def add_matches(home_page, group, consultations_index, count, start=0):
    """Something of every kind whose title holds 'kestrel', `count` of each."""
    for n in range(start, start + count):
        MeetingPageFactory(parent=group, title=f"Kestrel meeting {n}")
        TermsOfReferencePageFactory(parent=group, title=f"Kestrel terms {n}")
        ConsultationPageFactory(parent=consultations_index, group=group, title=f"Kestrel consultation {n}")
        make_action(group, title=f"Kestrel action {n}")
        priority = PriorityFactory(partnership=group, title=f"Kestrel priority {n}")
        PledgeFactory(priority=priority, statement=f"Kestrel pledge {n}")
        ContentPageFactory(parent=home_page, title=f"Kestrel page {n}")


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_a_search_costs_the_same_queries_however_much_it_finds(
    client, home_page, group, consultations_index, visitor, django_assert_max_num_queries
):
    if visitor == "member":
        sign_in_as(client, group)
    add_matches(home_page, group, consultations_index, 2)
    html = assert_queries_stay_flat(
        client,
        f"{reverse('portal:search')}?q=kestrel",
        lambda: add_matches(home_page, group, consultations_index, 23, start=2),
        django_assert_max_num_queries,
    )
    assert html.count("And 5 more. Add a word to narrow the search.") == 7, "every kind capped at 20 of 25"


@pytest.mark.parametrize(
    "query", ['"attendance', "attendance*", '"', "(year 9", "NEAR(a b)", "-absence", "a:b OR c", "'; --", "£ ü —"]
)
def test_punctuation_in_a_search_never_breaks_it(client, group, query):
    assert search(client, query).status_code == 200


def test_a_search_in_quotes_finds_what_its_words_find(client, group):
    assert kinds_found(search(client, '"attendance working"')) == [("groups", 1)]
