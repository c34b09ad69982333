"""Who may answer a consultation and who may read the answers."""

import pytest

from consultations.models import WhoMayRespond
from consultations.rules import may_analyse, may_respond, may_see_names
from governance.factories import MembershipFactory
from governance.models import MembershipRole
from portal.factories import PartnerStaffFactory, SchoolStaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_parent_and_a_verified_head_may_answer_an_unverified_one_is_told_why(consultation):
    assert may_respond(UserFactory(), consultation)
    head = SchoolStaffFactory(school_name="Millbrook Primary")
    head.verify_school_staff()
    head.save()
    assert may_respond(head, consultation)
    unverified = SchoolStaffFactory(school_name="Millbrook Primary")
    refusal = may_respond(unverified, consultation)
    assert not refusal and "not yet checked that you work at Millbrook Primary" in refusal.reason
    partner = may_respond(PartnerStaffFactory(), consultation)
    assert not partner and "school leaders, parents and carers" in partner.reason


def test_verified_school_staff_only_refuses_parents(consultation):
    consultation.who_may_respond = WhoMayRespond.VERIFIED_SCHOOL_STAFF
    assert not may_respond(UserFactory(), consultation)


def test_an_unconfirmed_email_must_be_confirmed_first(consultation):
    refusal = may_respond(UserFactory(verified_email=False), consultation)
    assert not refusal and "Confirm your email address" in refusal.reason


def test_the_groups_chairs_and_secretariat_read_answers_and_only_chairs_see_names(
    consultation, group, other_group, person_with_account
):
    people = {}
    for name, where, role in [
        ("chair", group, MembershipRole.CHAIR),
        ("secretariat", group, MembershipRole.SECRETARIAT),
        ("member", group, MembershipRole.MEMBER),
        ("other_chair", other_group, MembershipRole.CHAIR),
    ]:
        person = person_with_account()
        MembershipFactory(person=person, group=where, role=role)
        people[name] = person.user
    analyse = {name: may_analyse(user, consultation) for name, user in people.items()}
    assert analyse == {"chair": True, "secretariat": True, "member": False, "other_chair": False}
    assert not may_see_names(people["chair"], consultation)
    consultation.identify_respondents = True
    assert may_see_names(people["chair"], consultation) and not may_see_names(people["secretariat"], consultation)
