"""A signed-in person's pages come from the shared cache until anything in the database changes, and only
ever back to the same signed-in browser."""

import datetime

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse

from actions.factories import make_action
from actions.models import Action
from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole, Person
from portal import personal_cache
from portal.factories import PartnerStaffFactory
from portal.personal_cache import GENERATION_KEY, PersonalCache, replace_generation

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("portal:dashboard")


@pytest.fixture
def group(home_page):
    partnerships = PartnershipIndexPageFactory(parent=home_page)
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


def member_of(group, role=MembershipRole.MEMBER):
    person = PersonFactory(user=PartnerStaffFactory())
    MembershipFactory(person=person, group=group, role=role)
    return person


@pytest.fixture
def member(group):
    return member_of(group)


def signed_in(client, person):
    client.force_login(person.user)
    # The day's first request re-checks rights and changes the session, so it is never stored.
    client.get(DASHBOARD)
    return client


def generation():
    return cache.get(GENERATION_KEY)


def test_a_second_look_at_the_dashboard_is_served_from_the_cache(client, group, member, django_assert_max_num_queries):
    make_action(group, "Ring every absent child's family", owner=member)
    signed_in(client, member)

    first = client.get(DASHBOARD)
    with django_assert_max_num_queries(3):  # the session and the account; the page from the cache
        second = client.get(DASHBOARD)

    assert first["X-Page-Cache"] == "personal-miss"
    assert second["X-Page-Cache"] == "personal-hit"
    assert second.content == first.content
    assert "Ring every absent child" in second.content.decode()
    assert "private" in second["Cache-Control"]


def test_any_write_shows_at_once_even_one_that_sends_no_signal(client, group, member):
    action = make_action(group, "Ring every absent child's family", owner=member)
    signed_in(client, member)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"

    # queryset.update() sends no signal: the write itself empties the cache.
    Action.objects.filter(pk=action.pk).update(title="Visit the families of every absent child")

    page = client.get(DASHBOARD)
    assert page["X-Page-Cache"] == "personal-miss"
    assert "Visit the families of every absent child" in page.content.decode()
    assert "Ring every absent child" not in page.content.decode()


def test_a_page_is_only_ever_served_to_the_session_that_asked_for_it(client, group, member):
    other = member_of(group)
    make_action(group, "Ring every absent child's family", owner=member)
    signed_in(client, member)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"

    # The same person in a second browser, then someone else: each rendered for themselves.
    for person in (member, other):
        client.logout()
        signed_in(client, person)
        page = client.get(DASHBOARD)
        assert page["X-Page-Cache"] == "personal-miss"
    assert "Ring every absent child" not in page.content.decode()


def test_a_signed_out_session_cookie_gets_the_sign_in_page_not_the_stored_dashboard(client, group, member):
    signed_in(client, member)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"
    old_cookie = client.cookies["sessionid"].value

    client.post(reverse("account_logout"))
    client.cookies["sessionid"] = old_cookie
    page = client.get(DASHBOARD)

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_login"))


def test_a_waiting_message_is_shown_not_hidden_behind_a_stored_page(client, rf, group, member):
    signed_in(client, member)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"

    # A message left for the next page in its cookie, as a view does before it redirects.
    carrier = HttpResponse()
    CookieStorage(rf.get("/"))._store([Message(messages.SUCCESS, "Your update is saved.")], carrier)
    client.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    page = client.get(DASHBOARD)

    assert "X-Page-Cache" not in page
    assert "Your update is saved." in page.content.decode()
    # Shown once; the page stored before it is still true.
    again = client.get(DASHBOARD)
    assert again["X-Page-Cache"] == "personal-hit"
    assert "Your update is saved." not in again.content.decode()


def test_the_next_day_is_rendered_afresh(client, group, member, monkeypatch):
    signed_in(client, member)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"

    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(personal_cache.timezone, "localdate", lambda: tomorrow)

    # A new day re-checks the person's rights before anything is stored, then stores that day's page.
    assert client.get(DASHBOARD).get("X-Page-Cache") != "personal-hit"
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-miss"
    assert client.get(DASHBOARD)["X-Page-Cache"] == "personal-hit"


def test_writes_to_sessions_alone_change_nothing_a_page_shows(member):
    replace_generation()
    before = generation()

    session = SessionStore()
    session["anything"] = "at all"
    session.save()

    assert generation() == before


def test_an_evicted_generation_is_replaced_by_a_new_one_never_by_an_old_one(rf, member):
    request = rf.get(DASHBOARD)
    request.user = member.user
    request.session = SessionStore()
    store = PersonalCache()
    _, first = store.lookup(request)
    store.store(request, "the page as it was", first)

    cache.delete(GENERATION_KEY)
    found, second = store.lookup(request)

    assert found is None
    assert second != first


@pytest.mark.django_db(transaction=True)
def test_a_transaction_replaces_the_generation_once_when_it_commits(home_page):
    replace_generation()
    at_start = generation()
    with transaction.atomic():
        PersonFactory()
        PersonFactory()
        # No other connection sees the change yet, so a page rendered now is still true until the commit.
        assert generation() == at_start
        queued = [callback for _, callback, _ in connection.run_on_commit]
        assert queued.count(replace_generation) == 1
    assert generation() != at_start


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_replaces_the_generation_before_the_next_statement(home_page):
    replace_generation()
    at_start = generation()
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).exists()
    assert generation() != at_start


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_replaces_the_generation_when_the_request_ends(home_page):
    replace_generation()
    at_start = generation()
    PersonFactory()
    request_finished.send(sender=None)
    assert generation() != at_start


@pytest.mark.django_db(transaction=True)
def test_with_the_database_cache_a_write_in_autocommit_is_kept(home_page):
    """SQLite keeps an INSERT … RETURNING open until its row is read: writing the generation to the
    database cache inside that statement would roll the insert back."""
    database_cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}
    with override_settings(CACHES=database_cache):
        call_command("createcachetable", verbosity=0)
        replace_generation()
        at_start = generation()

        person = PersonFactory()

        assert Person.objects.filter(pk=person.pk).exists()
        assert generation() != at_start


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_does_not_stop_the_next_one_replacing_the_generation(home_page):
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory()
        raise RuntimeError("the save failed")
    replace_generation()
    before = generation()
    with transaction.atomic():
        PersonFactory()
        assert replace_generation in [callback for _, callback, _ in connection.run_on_commit]
    assert generation() != before


def test_the_same_search_by_anonymous_visitors_is_answered_once_until_the_index_changes(client, group):
    search = reverse("portal:search") + "?q=attendance"
    first = client.get(search)
    assert first["X-Page-Cache"] == "personal-miss"
    assert client.get(search)["X-Page-Cache"] == "personal-hit"
    assert "Attendance working group" in first.content.decode()

    PartnershipGroupPageFactory(parent=group.get_parent(), title="Attendance alliance")

    again = client.get(search)
    assert again["X-Page-Cache"] == "personal-miss"
    assert "Attendance alliance" in again.content.decode()
