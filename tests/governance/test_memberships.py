"""Chairs run their own group's membership from the site; rights follow at once and end on their date."""

import datetime
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from governance.factories import MeetingPageFactory, MembershipFactory, PartnershipGroupPageFactory, PersonFactory
from governance.membership import RIGHTS_CHECKED_KEY
from governance.models import Membership, MembershipRole, Person
from portal.factories import TEST_PASSWORD, UserFactory
from portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(partnerships):
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance panel", members_only=True)


@pytest.fixture
def chair(private_group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=private_group, role=MembershipRole.CHAIR)
    return person.user


def members_url(group):
    return reverse("governance:group_members", args=[group.pk])


def membership_url(membership):
    return reverse("governance:group_membership", args=[membership.group_id, membership.pk])


def add(client, group, **fields):
    data = {"role": MembershipRole.MEMBER, "starts_on": timezone.localdate().isoformat(), **fields}
    return client.post(members_url(group), data)


def in_group(user, django_group):
    return User.objects.get(pk=user.pk).groups.filter(pk=django_group.pk).exists()


def test_chair_adds_someone_already_on_the_portal_and_they_can_see_the_group(client, private_group, chair):
    newcomer = PersonFactory(user=UserFactory())
    client.force_login(chair)
    response = add(client, private_group, person=newcomer.pk, sector="Secondary heads")
    assert response.status_code == 302
    assert in_group(newcomer.user, private_group.members_group)
    assert mail.outbox[-1].to == [newcomer.user.email]

    client.force_login(newcomer.user)
    assert client.get(private_group.url).status_code == 200


def test_chair_adds_a_new_person_who_is_invited_and_linked_when_they_confirm_the_address(client, private_group, chair):
    client.force_login(chair)
    response = add(
        client, private_group, full_name="Priya Shah", organisation="Eastside Health", email="Priya@NHS.example"
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Priya Shah")
    assert (person.email, person.organisation.name, person.user) == ("priya@nhs.example", "Eastside Health", None)
    invitation = mail.outbox[-1]
    assert invitation.to == ["priya@nhs.example"]
    assert "Attendance panel" in invitation.subject
    assert "/accounts/signup/" in invitation.body

    client.logout()
    client.post(
        reverse("account_signup"),
        {
            "email": "priya@nhs.example",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "first_name": "Priya",
            "last_name": "Shah",
            "audience": "partner_staff",
            "organisation_name": "Eastside Health",
        },
    )
    account = User.objects.get(email="priya@nhs.example")
    person.refresh_from_db()
    assert person.user is None, "an unconfirmed address proves nothing"

    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link)
    person.refresh_from_db()
    assert person.user == account
    assert in_group(account, private_group.members_group)
    client.post(reverse("account_login"), {"login": "priya@nhs.example", "password": TEST_PASSWORD})
    assert client.get(private_group.url).status_code == 200


def test_a_new_person_needs_an_email_to_be_invited(client, private_group, chair):
    client.force_login(chair)
    response = add(client, private_group, full_name="No Email")
    assert response.status_code == 400
    assert "email address" in response.content.decode()
    assert not Person.objects.filter(full_name="No Email").exists()


def test_adding_someone_twice_is_refused_with_a_clear_message(client, private_group, chair):
    member = PersonFactory()
    MembershipFactory(person=member, group=private_group, role=MembershipRole.MEMBER)
    client.force_login(chair)
    response = add(client, private_group, person=member.pk)
    assert response.status_code == 400
    assert "already member of this group" in response.content.decode()
    assert Membership.objects.filter(person=member, group=private_group).count() == 1


def test_chair_changes_a_role_and_the_history_says_who_did_it(client, private_group, chair):
    member = PersonFactory(user=UserFactory())
    membership = MembershipFactory(person=member, group=private_group, role=MembershipRole.MEMBER)
    client.force_login(chair)
    response = client.post(membership_url(membership), {"role": MembershipRole.SECRETARIAT, "sector": ""})
    assert response.status_code == 302
    assert in_group(member.user, private_group.secretariat_group)
    assert not in_group(member.user, private_group.members_group)

    page = client.get(membership_url(membership)).content.decode()
    assert f"<td>{escape(str(chair))}</td><td>Role: Member → Secretariat (notes)</td>" in page


def test_chair_ends_a_membership_and_the_next_request_is_refused(client, private_group, chair):
    member = PersonFactory(user=UserFactory())
    membership = MembershipFactory(person=member, group=private_group, role=MembershipRole.MEMBER)
    member_client = client.__class__()
    member_client.force_login(member.user)
    assert member_client.get(private_group.url).status_code == 200

    client.force_login(chair)
    client.post(membership_url(membership), {"end_today": "1"})
    membership.refresh_from_db()
    assert membership.ends_on == timezone.localdate()
    assert member_client.get(private_group.url).status_code == 403
    assert "Ends: none →" in client.get(membership_url(membership)).content.decode()


def test_end_date_before_start_is_explained(client, private_group, chair):
    membership = MembershipFactory(group=private_group)
    client.force_login(chair)
    earlier = (membership.starts_on - datetime.timedelta(days=3)).isoformat()
    response = client.post(membership_url(membership), {"role": "member", "ends_on": earlier})
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()


def test_a_chair_of_another_group_cannot_reach_this_groups_memberships(client, partnerships, private_group):
    other = PartnershipGroupPageFactory(parent=partnerships, title="SEND board")
    other_chair = PersonFactory(user=UserFactory())
    MembershipFactory(person=other_chair, group=other, role=MembershipRole.CHAIR)
    membership = MembershipFactory(group=private_group)
    client.force_login(other_chair.user)

    assert client.get(members_url(private_group)).status_code == 403
    assert add(client, private_group, person=other_chair.pk, role=MembershipRole.CHAIR).status_code == 403
    assert client.post(membership_url(membership), {"end_today": "1"}).status_code == 403
    # Their own group's address with this group's membership finds nothing.
    smuggled = reverse("governance:group_membership", args=[other.pk, membership.pk])
    assert client.post(smuggled, {"end_today": "1"}).status_code == 404
    membership.refresh_from_db()
    assert membership.ends_on is None
    assert not Membership.objects.filter(group=private_group, person=other_chair).exists()


@pytest.mark.parametrize("role", [MembershipRole.MEMBER, MembershipRole.SECRETARIAT])
def test_members_and_secretariat_cannot_manage_membership(client, private_group, person_with_account, role):
    person = person_with_account()
    MembershipFactory(person=person, group=private_group, role=role)
    client.force_login(person.user)
    assert client.get(members_url(private_group)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, private_group):
    response = client.get(members_url(private_group))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_group_page_offers_chairs_the_way_in(client, private_group, chair):
    client.force_login(chair)
    assert members_url(private_group) in client.get(private_group.url).content.decode()


# Rights end on their date, even for someone who never signs out.


def a_day_has_passed(client):
    session = client.session
    session[RIGHTS_CHECKED_KEY] = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    session.save()


def test_a_chair_whose_membership_ends_today_loses_editing_rights_mid_session(client, private_group, chair):
    meeting = MeetingPageFactory(parent=private_group)
    client.force_login(chair)
    edit_url = reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    assert client.get(edit_url).status_code == 200

    # The end date arrives: nothing is saved, the chair is still signed in.
    Membership.objects.filter(person__user=chair).update(ends_on=timezone.localdate())
    a_day_has_passed(client)
    assert client.get(edit_url).status_code in {302, 403}
    assert client.get(private_group.url).status_code == 403


def test_a_membership_that_starts_today_gives_its_rights_mid_session(client, private_group):
    newcomer = PersonFactory(user=UserFactory())
    membership = MembershipFactory(
        person=newcomer, group=private_group, starts_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    client.force_login(newcomer.user)
    assert client.get(private_group.url).status_code == 403
    Membership.objects.filter(pk=membership.pk).update(starts_on=timezone.localdate())
    a_day_has_passed(client)
    assert client.get(private_group.url).status_code == 200


def test_the_scheduled_command_takes_ended_rights_away(private_group, chair):
    Membership.objects.filter(person__user=chair).update(ends_on=timezone.localdate())
    assert in_group(chair, private_group.chairs_group)
    output = StringIO()
    call_command("sync_membership_rights", stdout=output)
    assert not in_group(chair, private_group.chairs_group)
    assert "Checked the rights of 1 account." in output.getvalue()


def test_rights_are_checked_once_a_day_not_on_every_request(
    client, private_group, chair, django_assert_max_num_queries
):
    client.force_login(chair)
    client.get(reverse("portal:profile"))
    with django_assert_max_num_queries(50) as today:
        client.get(reverse("portal:profile"))
    a_day_has_passed(client)
    with django_assert_max_num_queries(200) as next_day:
        client.get(reverse("portal:profile"))
    assert len(next_day) > len(today)


def test_email_confirmation_does_not_link_an_account_that_already_has_a_person(private_group):
    existing = PersonFactory(user=UserFactory(email="kim@example.org"))
    invited = PersonFactory(email="kim@school.example")
    address = EmailAddress.objects.create(user=existing.user, email="kim@school.example", verified=False)
    from allauth.account.signals import email_confirmed

    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    invited.refresh_from_db()
    assert invited.user is None


def test_chair_invites_a_member_who_has_no_account_from_their_membership_page(client, private_group, chair):
    membership = MembershipFactory(group=private_group, person=PersonFactory(full_name="Dave Hollis"))
    client.force_login(chair)
    page = client.get(membership_url(membership)).content.decode()
    assert "to invite them" in page
    response = client.post(
        membership_url(membership), {"role": MembershipRole.MEMBER, "invite_email": "dave@college.example"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["dave@college.example"]
    membership.person.refresh_from_db()
    assert membership.person.email == "dave@college.example"
    assert membership.person.invited_at is not None


def test_members_with_accounts_are_not_offered_an_invitation(client, private_group, chair):
    membership = Membership.objects.get(person__user=chair)
    client.force_login(chair)
    assert "to invite them" not in client.get(membership_url(membership)).content.decode()


def test_current_members_are_listed_chairs_first(client, private_group, chair):
    MembershipFactory(group=private_group, person=PersonFactory(full_name="Aaron Abbott"), role=MembershipRole.OBSERVER)
    client.force_login(chair)
    page = client.get(members_url(private_group)).content.decode()
    assert page.index(str(chair.person.full_name)) < page.index("Aaron Abbott")


def test_chairs_find_people_already_on_the_portal_by_name_not_in_a_list_of_everyone(client, private_group, chair):
    wanted = PersonFactory(full_name="Kwame Asante")
    PersonFactory.create_batch(40, full_name="Someone Else")
    client.force_login(chair)

    before_search = client.get(members_url(private_group)).content.decode()
    assert "Someone Else" not in before_search
    assert "Kwame Asante" not in before_search

    found = client.get(members_url(private_group), {"q": "asante"}).content.decode()
    assert f'<option value="{wanted.pk}">Kwame Asante' in found
    assert "Someone Else" not in found
    assert "1 person matches" in found

    many = client.get(members_url(private_group), {"q": "someone"}).content.decode()
    assert many.count(">Someone Else") == 30

    assert add(client, private_group, person=wanted.pk).status_code == 302
    assert Membership.objects.filter(group=private_group, person=wanted).exists()


def test_the_members_page_costs_the_same_queries_however_many_people_the_portal_holds(
    client, private_group, chair, django_assert_max_num_queries
):
    client.force_login(chair)
    client.get(members_url(private_group))
    with django_assert_max_num_queries(30) as few:
        client.get(members_url(private_group), {"q": "smith"})
    PersonFactory.create_batch(60)
    for _ in range(5):
        MembershipFactory(group=private_group)
    with django_assert_max_num_queries(len(few)):
        client.get(members_url(private_group), {"q": "smith"})
