"""Who may use Wagtail's admin, and how a site admin verifies school staff there."""

import pytest
from django.urls import reverse

from portal.factories import PartnerStaffFactory, SchoolStaffFactory, UserFactory
from portal.models import VerificationMethod

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("factory", [UserFactory, SchoolStaffFactory, PartnerStaffFactory])
def test_non_staff_are_refused_the_wagtail_admin(client, factory):
    client.force_login(factory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get(reverse("school_staff:index")).status_code == 302


def test_anonymous_visitors_are_sent_to_the_sites_own_sign_in(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_non_staff_are_refused_the_django_admin(client):
    client.force_login(UserFactory())
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "login" in response.url


def test_site_admin_dashboard_counts_school_staff_awaiting_a_check(client, site_admin):
    SchoolStaffFactory.create_batch(2)
    client.force_login(site_admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert "2 school staff accounts are waiting to be verified" in response.text


def test_site_admin_lists_only_school_staff_and_verifies_one(client, site_admin):
    head = SchoolStaffFactory(school_name="Hillside Primary")
    parent = UserFactory()
    client.force_login(site_admin)

    listing = client.get(reverse("school_staff:index"))
    assert head.email in listing.text
    assert parent.email not in listing.text

    response = client.post(
        reverse("school_staff:edit", args=[head.pk]),
        {
            "first_name": head.first_name,
            "last_name": head.last_name,
            "school_name": head.school_name,
            "school_urn": head.school_urn,
            "school_role": head.school_role,
            "verified": "on",
        },
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert head.is_verified_school_staff
    assert (head.school_staff_verified_by, head.verification_method) == (site_admin, VerificationMethod.ADMIN)
    assert head.groups.filter(name="Verified school staff").exists()
    assert head.history.latest().history_user == site_admin


def test_site_admin_can_add_a_verified_school_domain(client, site_admin):
    client.force_login(site_admin)
    response = client.post(
        reverse("wagtailsnippets_portal_verifiedschooldomain:add"),
        {"domain": "Millbrook.SCH.example", "organisation_name": "Millbrook Primary"},
    )
    assert response.status_code == 302
    from portal.models import VerifiedSchoolDomain

    assert VerifiedSchoolDomain.covers("office@millbrook.sch.example")


def test_verification_screen_does_not_open_other_accounts(client, site_admin):
    client.force_login(site_admin)
    assert client.get(reverse("school_staff:edit", args=[UserFactory().pk])).status_code == 404
