"""A small portal with someone in every role, for the permission matrix (tests/test_permission_matrix.py).

Group A is a members-only partnership with everything that must stay inside it: meetings published and
in every state of approval, terms, a priority with a pledge and a milestone, actions, papers and a
consultation. Group B is an open working group chaired by someone with no role in A. The head is a
verified member of staff at a school whose figures are loaded; the unverified member of staff names
the same school.
"""

import datetime
from dataclasses import dataclass, field

import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
    TaskState,
    UploadedFile,
    WorkflowState,
)

from actions.factories import (
    MilestoneFactory,
    PledgeFactory,
    PriorityFactory,
    an_area,
    an_indicator,
    figures_for,
    make_action,
)
from actions.models import ComparatorKind, ComparatorSet
from actions.reminders import stop_token
from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import Commitment, ConsultationIndexPage
from governance.approval import approve, send_back
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
    TermsOfReferencePageFactory,
)
from governance.models import GroupKind, MembershipRole
from governance.papers import DRAFTS, PAPERS, collection_for
from governance.services import send_for_approval
from portal.factories import ContentPageFactory, PartnerStaffFactory, SchoolStaffFactory, UserFactory, ensure_site_tree
from portal.models import VerifiedSchoolDomain

ROLES = (
    "anonymous",
    "parent",
    "unverified_staff",
    "verified_head",
    "member_a",
    "secretariat_a",
    "chair_a",
    "chair_b",
    "site_admin",
)
SCHOOL_URN = "107106"
OTHER_SCHOOL_URN = "107107"


@dataclass
class World:
    """Everyone, and the records and pages the matrix fills addresses with."""

    users: dict
    pages: dict
    records: dict = field(default_factory=dict)


def member_of(group, role, **account):
    user = PartnerStaffFactory(**account)
    person = PersonFactory(user=user, full_name=user.get_full_name())
    MembershipFactory(person=person, group=group, role=role)
    return person.user


def people(group_a, group_b) -> dict:
    """Everyone with an address of their own, so a page showing someone's address says whose it is."""
    staff = {"school_urn": SCHOOL_URN, "school_name": "Hillside Academy"}
    head = SchoolStaffFactory(email="head@matrix.example", **staff)
    head.verify_school_staff()
    head.save()
    return {
        "anonymous": None,
        "parent": UserFactory(email="parent@matrix.example"),
        "unverified_staff": SchoolStaffFactory(email="unverified@matrix.example", **staff),
        "verified_head": head,
        "member_a": member_of(group_a, MembershipRole.MEMBER, email="member-a@matrix.example"),
        "secretariat_a": member_of(
            group_a,
            MembershipRole.SECRETARIAT,
            email="notes-a@matrix.example",
            first_name="Samira",
            last_name="Notetaker",
        ),
        "chair_a": member_of(group_a, MembershipRole.CHAIR, email="chair-a@matrix.example"),
        "chair_b": member_of(group_b, MembershipRole.CHAIR, email="chair-b@matrix.example"),
        "site_admin": UserFactory(email="admin@matrix.example", is_staff=True, is_superuser=True),
    }


def minutes_sent(group, secretariat, title, **fields):
    """An unpublished meeting whose minutes the secretariat has sent to the chairs."""
    meeting = MeetingPageFactory(parent=group, title=title, live=False, **fields)
    meeting.minutes = f"<p>Draft minutes of {title}: not public.</p>"
    meeting.save_revision(user=secretariat)
    send_for_approval(meeting, secretariat)
    return meeting


def governance_pages(home):
    partnerships = PartnershipIndexPageFactory(parent=home)
    group_a = PartnershipGroupPageFactory(
        parent=partnerships, title="Attendance partnership", kind=GroupKind.PARTNERSHIP, members_only=True
    )
    group_a.save_revision().publish()
    group_b = PartnershipGroupPageFactory(parent=partnerships, title="SEND working group")
    return partnerships, group_a, group_b


def meetings(group_a, group_b, users):
    past = timezone.now() - datetime.timedelta(days=20)
    published_a = MeetingPageFactory(parent=group_a, title="Spring meeting", start=past)
    published_a.minutes = "<p>Approved minutes of group A.</p>"
    published_a.save_revision().publish()
    secretariat, chair = users["secretariat_a"], users["chair_a"]
    waiting = minutes_sent(group_a, secretariat, "Summer meeting", start=past + datetime.timedelta(days=1))
    approved = minutes_sent(group_a, secretariat, "Autumn meeting", start=past + datetime.timedelta(days=2))
    approve(approved, chair)
    sent_back = minutes_sent(group_a, secretariat, "Winter meeting", start=past + datetime.timedelta(days=3))
    send_back(sent_back, chair, "Correct item 2.")
    return {
        "meeting_a": published_a,
        "waiting_minutes_a": waiting,
        "approved_minutes_a": approved,
        "sent_back_minutes_a": sent_back,
        "terms_a": TermsOfReferencePageFactory(parent=group_a),
        "meeting_b": MeetingPageFactory(parent=group_b, title="SEND meeting", start=past),
        "draft_meeting_b": MeetingPageFactory(parent=group_b, title="SEND draft meeting", live=False),
    }


def consultations(home, group_a):
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    home.add_child(instance=index)
    open_a = ConsultationPageFactory(parent=index, group=group_a, title="Open consultation")
    add_every_kind_of_question(open_a)
    closed_a = ConsultationPageFactory(
        parent=index,
        group=group_a,
        title="Closed consultation",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    add_every_kind_of_question(closed_a)
    commitment = Commitment.objects.create(page=closed_a, text="We will write a model attendance policy.")
    return {"consultations": index, "consultation_a": open_a, "closed_consultation_a": closed_a}, commitment


def figures():
    england = an_area("national", "E92000001", "England")
    region = an_area("regional", "E12000003", "Yorkshire and The Humber", parent=england)
    sheffield = an_area("local_authority", "E08000019", "Sheffield", parent=region, old_code="373")
    school = an_area("school", SCHOOL_URN, "Hillside Academy", parent=sheffield)
    other_school = an_area("school", OTHER_SCHOOL_URN, "Millbrook Primary", parent=sheffield)
    indicator = an_indicator()
    for area, value in ((england, 21), (region, 23), (sheffield, 25), (school, 19), (other_school, 30)):
        figures_for(indicator, area, {2022: value + 2, 2023: value})
    return {"england": england, "sheffield": sheffield, "school": school, "indicator": indicator}


def actions_and_priorities(group_a, group_b, pages, areas):
    priority_a = PriorityFactory(partnership=group_a, title="Persistent absence in Year 9")
    priority_b = PriorityFactory(partnership=group_b, title="SEND transport")
    milestone = dict(area=areas["sheffield"], indicator=areas["indicator"], baseline_period="2022/23")
    return {
        "priority_a": priority_a,
        "priority_b": priority_b,
        "pledge_a": PledgeFactory(priority=priority_a),
        "milestone_a": MilestoneFactory(priority=priority_a, intent="Group A attendance milestone", **milestone),
        "milestone_b": MilestoneFactory(priority=priority_b, **milestone),
        "action_a": make_action(group_a, "Circulate group A's figures", priority=priority_a),
        "action_b": make_action(group_b, "Agree the SEND transport letter"),
        "action_b_from_draft": make_action(group_b, "From minutes not yet approved", meeting=pages["draft_meeting_b"]),
    }


def admin_records(group_a, pages, users, areas):
    """Records only the admin lists: papers, an image, a redirect, a trusted school domain."""
    papers = collection_for(group_a, PAPERS)
    document = wagtail_factories.DocumentFactory(collection=papers, title="Group A paper on absence")
    image = wagtail_factories.ImageFactory(collection=Collection.get_first_root_node(), title="Riverford skyline")
    waiting = pages["waiting_minutes_a"]
    workflow_state = WorkflowState.objects.filter(object_id=str(waiting.pk)).latest("created_at")
    return {
        "document": document,
        "draft_papers": collection_for(group_a, DRAFTS),
        "uploaded_file": UploadedFile.objects.create(
            file=ContentFile(b"agenda", name="agenda.txt"), for_content_type=None, uploaded_by_user=users["chair_a"]
        ),
        "tag": Tag.objects.create(name="attendance", slug="attendance"),
        "neighbours": ComparatorSet.objects.create(
            kind=ComparatorKind.STATISTICAL_NEIGHBOURS, name="Sheffield's neighbours", subject=areas["sheffield"]
        ),
        "peer_set": ComparatorSet.objects.create(kind=ComparatorKind.PEER_SET, name="Core cities"),
        "papers_restriction": CollectionViewRestriction.objects.get(collection=papers),
        "image": image,
        "redirect": Redirect.objects.create(old_path="/old-page", redirect_page=pages["meeting_b"]),
        "domain": VerifiedSchoolDomain.objects.create(domain="hillside.sch.example", organisation_name="Hillside"),
        "group_a_restriction": PageViewRestriction.objects.get(page=group_a),
        "workflow_state": workflow_state,
        "task_state": TaskState.objects.filter(workflow_state=workflow_state).latest("started_at"),
        "site": Site.objects.get(is_default_site=True),
        "content_type": ContentType.objects.get_for_model(Page),
    }


def build_world() -> World:
    home = ensure_site_tree()
    content = ContentPageFactory(parent=home, title="Accessibility", slug="accessibility")
    partnerships, group_a, group_b = governance_pages(home)
    users = people(group_a, group_b)
    pages = {"home": home, "content": content, "partnerships": partnerships, "group_a": group_a, "group_b": group_b}
    pages.update(meetings(group_a, group_b, users))
    consultation_pages, commitment = consultations(home, group_a)
    pages.update(consultation_pages)
    areas = figures()
    records = {**areas, **actions_and_priorities(group_a, group_b, pages, areas), "commitment": commitment}
    records["membership_a"] = group_a.memberships.get(person__user=users["member_a"])
    records["stop_token"] = stop_token(users["member_a"])
    records.update(admin_records(group_a, pages, users, areas))
    return World(users=users, pages=pages, records=records)
