"""One way in: every sign-in route ends at allauth's form, with its rate limits, verification and two-factor step."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.adapters import ACCOUNT_LOCKED_OUT, ADDRESS_LOCKED_OUT
from portal.factories import TEST_PASSWORD, ContentPageFactory, UserFactory
from tests.conftest import current_totp_code

pytestmark = pytest.mark.django_db

SIGN_IN_URL = reverse("account_login")
MEMBERS_ONLY_PAGE = "a members-only page"
# Where a person starts, and where they were going.
SIGN_IN_ROUTES = [
    ("/admin/", "/admin/"),
    ("/admin/login/?next=/admin/pages/", "/admin/pages/"),
    ("/_util/login/?next=/accessibility/", "/accessibility/"),
    ("/django-admin/", "/django-admin/"),
    ("/django-admin/login/?next=/django-admin/", "/django-admin/"),
    ("/dashboard/", "/dashboard/"),
    (MEMBERS_ONLY_PAGE, MEMBERS_ONLY_PAGE),
]
OLD_SIGN_IN_FORMS = ["/admin/login/", "/_util/login/", "/django-admin/login/"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth keeps its rate limits in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def members_only_page(home_page):
    page = ContentPageFactory(parent=home_page, title="Members' papers", slug="members-papers")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Riverford partnership members"))
    return page


@pytest.fixture(params=SIGN_IN_ROUTES, ids=[start for start, _destination in SIGN_IN_ROUTES])
def route(request):
    """The address a person is sent to sign in from, and the one they were on their way to."""
    start, destination = request.param
    if start == MEMBERS_ONLY_PAGE:
        page_url = request.getfixturevalue("members_only_page").url
        return page_url, page_url
    return start, destination


def walk_to_sign_in(client, route):
    """Follows the redirects from where a person started; returns the sign-in URL they end at."""
    start, _destination = route
    response = client.get(start, follow=True)
    assert response.redirect_chain, f"{start} served a page of its own instead of redirecting"
    assert response.request["PATH_INFO"] == SIGN_IN_URL
    assert "account/login.html" in [template.name for template in response.templates]
    return response.redirect_chain[-1][0]


def next_of(url):
    return parse_qs(urlsplit(url).query)["next"][0]


def sign_in(client, url, email, password=TEST_PASSWORD):
    return client.post(url, {"login": email, "password": password})


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_every_sign_in_route_ends_at_allauths_form_keeping_where_the_person_was_going(client, route):
    _start, destination = route
    assert next_of(walk_to_sign_in(client, route)) == destination


def test_every_sign_in_route_locks_an_account_after_repeated_wrong_passwords(client, route):
    person = UserFactory()
    sign_in_url = walk_to_sign_in(client, route)
    for _attempt in range(5):
        response = sign_in(client, sign_in_url, person.email, "not-the-password")
        assert ACCOUNT_LOCKED_OUT not in response.text

    response = sign_in(client, sign_in_url, person.email)
    assert ACCOUNT_LOCKED_OUT in response.text
    assert not is_signed_in(client)


def test_every_sign_in_route_asks_a_two_factor_account_for_its_code(client, route):
    person = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    sign_in_url = walk_to_sign_in(client, route)

    response = sign_in(client, sign_in_url, person.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert not is_signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert is_signed_in(client)
    _start, destination = route
    assert response.url == destination


def test_every_sign_in_route_refuses_an_unconfirmed_address(client, route):
    person = UserFactory(verified_email=False)
    sign_in_url = walk_to_sign_in(client, route)
    response = sign_in(client, sign_in_url, person.email)
    assert response.url == reverse("account_email_verification_sent")
    assert not is_signed_in(client)


@pytest.mark.parametrize("old_form", OLD_SIGN_IN_FORMS)
@pytest.mark.parametrize("login_field", ["username", "login", "email"])
def test_posting_a_password_to_an_old_sign_in_form_signs_no_one_in(client, old_form, login_field):
    person = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(f"{old_form}?next=/admin/", {login_field: person.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == f"{SIGN_IN_URL}?next=/admin/"
    assert not is_signed_in(client)


@pytest.mark.parametrize("refused_route", ["/admin/", "/django-admin/"])
def test_a_signed_in_person_refused_the_admin_is_offered_the_sign_in_form_not_a_redirect_loop(client, refused_route):
    person = UserFactory()
    client.force_login(person)
    response = client.get(refused_route, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == SIGN_IN_URL
    assert f"You are signed in as {person.email}, and that account may not open the page you asked for" in (
        response.text
    )


def test_one_persons_wrong_passwords_lock_their_account_but_not_colleagues_at_the_same_address(client):
    locked_out, colleague = UserFactory(), UserFactory()
    # Five wrong passwords lock the account; a frustrated person keeps trying well past that.
    for _attempt in range(15):
        sign_in(client, SIGN_IN_URL, locked_out.email, "not-the-password")

    response = sign_in(client, SIGN_IN_URL, locked_out.email)
    assert ACCOUNT_LOCKED_OUT in response.text
    assert "Other people can still sign in" in response.text
    assert not is_signed_in(client)

    response = sign_in(client, SIGN_IN_URL, colleague.email)
    assert response.url == reverse("portal:dashboard")
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_many_failed_accounts_from_one_address_lock_the_address_and_say_so(client):
    low_address_limit = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "5/5m/key,3/5m/ip"}
    with override_settings(ACCOUNT_RATE_LIMITS=low_address_limit):
        for person in UserFactory.create_batch(3):
            sign_in(client, SIGN_IN_URL, person.email, "not-the-password")
        response = sign_in(client, SIGN_IN_URL, UserFactory().email)
    assert ADDRESS_LOCKED_OUT in response.text
    assert ACCOUNT_LOCKED_OUT not in response.text
    assert not is_signed_in(client)


def test_wagtails_password_reset_sends_nothing_allauths_is_the_only_one(client, mailoutbox):
    person = UserFactory()
    client.post("/admin/password_reset/", {"email": person.email})
    assert mailoutbox == []
    client.post(reverse("account_reset_password"), {"email": person.email})
    assert [message.to for message in mailoutbox] == [[person.email]]


def test_django_admins_password_change_leads_to_allauths(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:password_change"))
    assert response.url == reverse("account_change_password")
