"""Sign-up, verification of school staff, profile changes and the groups they put people in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.factories import TEST_PASSWORD, PartnerStaffFactory, SchoolStaffFactory, UserFactory
from portal.models import Audience, User, VerificationMethod, VerifiedSchoolDomain

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")


def signup(client, **overrides):
    data = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": "jo@example.org",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "audience": Audience.PARENT_CARER,
        **overrides,
    }
    return client.post(SIGNUP_URL, data)


def confirm_from_outbox(client):
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[-1]
    return client.post(path)


def test_parent_signup_sends_verification_email_and_blocks_sign_in_until_confirmed(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="jo@example.org")
    assert (user.first_name, user.audience) == ("Jo", Audience.PARENT_CARER)
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].subject.lower()

    client.logout()
    client.post(reverse("account_login"), {"login": "jo@example.org", "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session

    confirm_from_outbox(client)
    response = client.post(reverse("account_login"), {"login": "jo@example.org", "password": TEST_PASSWORD})
    assert response.url == reverse("portal:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_school_staff_must_give_school_urn_and_job(client):
    response = signup(client, audience=Audience.SCHOOL_STAFF)
    form = response.context["form"]
    assert set(form.errors) == {"school_name", "school_urn", "school_role"}
    assert not User.objects.exists()


def test_school_urn_must_be_six_digits(client):
    response = signup(
        client, audience=Audience.SCHOOL_STAFF, school_name="Hillside", school_urn="12AB", school_role="headteacher"
    )
    assert "six digits" in str(response.context["form"].errors["school_urn"])


def test_partner_staff_must_name_their_organisation(client):
    response = signup(client, audience=Audience.PARTNER_STAFF)
    assert "organisation_name" in response.context["form"].errors


def test_school_staff_signup_stays_unverified_without_an_allowlisted_domain(client):
    signup(
        client,
        email="head@gmail.example",
        audience=Audience.SCHOOL_STAFF,
        school_name="Hillside Primary",
        school_urn="123456",
        school_role="headteacher",
    )
    confirm_from_outbox(client)
    user = User.objects.get(email="head@gmail.example")
    assert user.awaits_school_verification
    assert not user.groups.filter(name="Verified school staff").exists()


def test_school_staff_on_allowlisted_domain_are_verified_once_their_email_is_confirmed(client):
    VerifiedSchoolDomain.objects.create(domain="@Hillside.SCH.example", organisation_name="Hillside Primary")
    signup(
        client,
        email="head@hillside.sch.example",
        audience=Audience.SCHOOL_STAFF,
        school_name="Hillside Primary",
        school_urn="123456",
        school_role="attendance_lead",
    )
    user = User.objects.get(email="head@hillside.sch.example")
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=False).exists()

    # Anything that re-checks the facts now (a profile save, an email change) must not be fooled by the
    # unconfirmed address on the allow-listed domain.
    user.refresh_school_verification()
    user.save()
    assert user.awaits_school_verification, "an unconfirmed address proves nothing"

    confirm_from_outbox(client)
    user.refresh_from_db()
    assert user.is_verified_school_staff
    assert user.verification_method == VerificationMethod.DOMAIN
    assert user.groups.filter(name="Verified school staff").exists()


@pytest.mark.parametrize(
    ("email", "covered"),
    [
        ("head@hillside.sch.example", True),
        ("Head@HILLSIDE.sch.example", True),
        ("head@evilhillside.sch.example", False),
        ("head@staff.hillside.sch.example", False),
        ("head@hillside.sch.example.evil.example", False),
        ("hillside.sch.example", False),
    ],
)
def test_only_an_address_exactly_on_an_allowlisted_domain_is_covered(email, covered):
    VerifiedSchoolDomain.objects.create(domain="hillside.sch.example", organisation_name="Hillside Primary")
    assert VerifiedSchoolDomain.covers(email) is covered


@pytest.mark.parametrize("email", ["head@evilhillside.sch.example", "head@staff.hillside.sch.example"])
def test_a_confirmed_address_near_an_allowlisted_domain_does_not_verify_school_staff(email):
    VerifiedSchoolDomain.objects.create(domain="hillside.sch.example", organisation_name="Hillside Primary")
    head = SchoolStaffFactory(email=email)
    head.refresh_school_verification()
    assert head.has_verified_email()
    assert head.awaits_school_verification


def test_audience_groups_follow_who_a_person_is():
    parent = UserFactory()
    partner = PartnerStaffFactory()
    assert list(parent.groups.values_list("name", flat=True)) == ["Parents and carers"]
    assert list(partner.groups.values_list("name", flat=True)) == ["Partner organisation staff"]

    parent.audience = Audience.PARTNER_STAFF
    parent.save()
    assert list(parent.groups.values_list("name", flat=True)) == ["Partner organisation staff"]


def test_profile_page_shows_and_saves_details_and_email_preferences(client):
    user = UserFactory(first_name="Sam")
    client.force_login(user)
    response = client.get(reverse("portal:profile"))
    assert response.status_code == 200
    assert 'value="Sam"' in response.text

    response = client.post(
        reverse("portal:profile"),
        {
            "first_name": "Samantha",
            "last_name": "Walker",
            "audience": Audience.PARENT_CARER,
            "notify_group_updates": "on",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.notify_new_consultations, user.notify_group_updates) == ("Samantha", False, True)


def test_naming_another_school_withdraws_an_admins_check(client):
    head = SchoolStaffFactory()
    head.verify_school_staff(method=VerificationMethod.ADMIN)
    head.save()
    client.force_login(head)
    client.post(
        reverse("portal:profile"),
        {
            "first_name": head.first_name,
            "last_name": head.last_name,
            "audience": Audience.SCHOOL_STAFF,
            "school_name": "Another School",
            "school_urn": "654321",
            "school_role": "headteacher",
        },
    )
    head.refresh_from_db()
    assert head.awaits_school_verification


def test_leaving_an_allowlisted_domain_withdraws_domain_verification():
    VerifiedSchoolDomain.objects.create(domain="hillside.sch.example", organisation_name="Hillside")
    head = SchoolStaffFactory(email="head@hillside.sch.example")
    head.refresh_school_verification()
    head.save()
    assert head.verification_method == VerificationMethod.DOMAIN

    EmailAddress.objects.filter(user=head).update(email="head@gmail.example")
    head.email = "head@gmail.example"
    head.refresh_school_verification()
    assert head.awaits_school_verification


def test_profile_page_needs_sign_in(client):
    response = client.get(reverse("portal:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_history_names_the_person_who_made_a_change(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("portal:profile"), {"first_name": "New", "last_name": "Name", "audience": Audience.PARENT_CARER}
    )
    latest = user.history.latest()
    assert latest.first_name == "New"
    assert latest.history_user == user


@pytest.fixture
def chair():
    return UserFactory(is_staff=True, is_superuser=True, email="chair@riverford.example")


def open_admin_account_page(client):
    """The admin's account page, and what its forms would send back if saved unchanged."""
    page = client.get(reverse("wagtailadmin_account"))
    unchanged = {}
    for panels in page.context["panels_by_tab"].values():
        for form in (panel.get_form() for panel in panels):
            for field in form:
                if field.value() not in (None, "", False) and not field.field.widget.needs_multipart_form:
                    unchanged[field.html_name] = field.value()
    return page, unchanged


def test_admin_account_page_cannot_change_an_email_address(client, chair):
    client.force_login(chair)
    page, unchanged = open_admin_account_page(client)
    assert 'name="name_email-email"' not in page.text

    client.post(
        reverse("wagtailadmin_account"),
        {**unchanged, "name_email-first_name": "Pat", "name_email-email": "pat@elsewhere.example"},
    )
    chair.refresh_from_db()
    assert (chair.first_name, chair.email) == ("Pat", "chair@riverford.example")


def test_admin_account_page_cannot_change_a_password(client, chair):
    client.force_login(chair)
    page, unchanged = open_admin_account_page(client)
    assert 'name="password-new_password1"' not in page.text

    new_password = "a-brand-new-password-2"  # noqa: S105 - test data
    client.post(
        reverse("wagtailadmin_account"),
        {
            **unchanged,
            "name_email-first_name": "Pat",
            "password-old_password": TEST_PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        },
    )
    chair.refresh_from_db()
    assert chair.first_name == "Pat"
    assert chair.check_password(TEST_PASSWORD)


@pytest.mark.parametrize("page_name", ["wagtailadmin_account", "portal:profile"])
def test_account_pages_lead_to_allauths_email_and_password_changes(client, chair, page_name):
    client.force_login(chair)
    page = client.get(reverse(page_name))
    for allauth_page in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(allauth_page)}"' in page.text


def test_site_admins_cannot_set_an_address_or_password_in_the_admins_user_screens(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory(email="kept@example.org")
    client.force_login(admin_user)
    django_admin = client.get(reverse("admin:portal_user_change", args=[person.pk])).content.decode()
    assert 'name="email"' not in django_admin
    wagtail_admin = client.get(reverse("wagtailusers_users:edit", args=[person.pk])).content.decode()
    assert 'name="password1"' not in wagtail_admin


def test_site_admins_cannot_change_someones_address_in_wagtails_user_screen(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    person = UserFactory(email="kept@example.org", first_name="Kim", last_name="Lee")
    edit_url = reverse("wagtailusers_users:edit", args=[person.pk])

    response = client.post(
        edit_url,
        {"email": "taken-over@elsewhere.example", "first_name": "Kimberley", "last_name": "Lee", "is_active": "on"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.email) == ("Kimberley", "kept@example.org")
    assert "change their own address" in client.get(edit_url).content.decode()
