"""Recording a meeting on the site: each step writes to the meeting's latest draft, never to what is public.

The secretariat (or a chair) works through the meeting's details, agenda, register and minutes. Every
step saves a new revision of the meeting page, so work is never lost between steps and a published
meeting is changed only when a chair approves the new revision. A meeting that has never been
published also has its own row kept up to date, so lists of drafts and the "already a meeting that
day" check see what was typed.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from governance.choices import AttendanceCapacity, AttendanceStatus, register_capacity
from governance.importing import PeopleRegister, rich_text_paragraphs
from governance.models import AttendanceRecord, MeetingPage, PartnershipGroupPage, Person
from governance.services import groups_user_can_add_meetings_to, meetings_on
from portal.html import text_of_html


def can_record_for(user, group) -> bool:
    """The group's chairs and secretariat record its meetings (whoever Wagtail lets add pages under it)."""
    return user.is_authenticated and groups_user_can_add_meetings_to(user).filter(pk=group.pk).exists()


def draft_of(meeting: MeetingPage) -> MeetingPage:
    """The meeting as its latest revision has it: what the secretariat last saved, published or not."""
    return meeting.get_latest_revision_as_object()


def is_with_the_chair(meeting: MeetingPage) -> bool:
    state = meeting.current_workflow_state
    return bool(state and state.status == state.STATUS_IN_PROGRESS)


@transaction.atomic
def start_meeting(group: PartnershipGroupPage, user, details: dict) -> MeetingPage:
    """A new, unpublished meeting under the group from the first step's answers."""
    group = PartnershipGroupPage.objects.select_for_update(of=("self",)).get(pk=group.pk)
    meeting = MeetingPage(live=False, owner=user, start=details["start"])
    apply_details(meeting, details)
    group.add_child(instance=meeting)
    meeting.save_revision(user=user, log_action=True)
    return meeting


@transaction.atomic
def save_draft(draft: MeetingPage, user) -> MeetingPage:
    """Keep this step's answers as the meeting's latest revision; a never-published meeting's row follows."""
    if not draft.live:
        draft.save()
    draft.save_revision(user=user, log_action=True)
    return draft


def default_title(day: datetime.date) -> str:
    return f"Meeting on {day:%-d %B %Y}"


def apply_details(draft: MeetingPage, details: dict) -> None:
    draft.title = details["title"] or default_title(details["start"].date())
    draft.start = details["start"]
    draft.end = details["end"]
    draft.venue = details["venue"]
    draft.online_link = details["online_link"]
    draft.next_meeting_at = details["next_meeting_at"]


def other_meetings_that_day(group, draft: MeetingPage):
    """The group's other meetings on the draft's day, so a second record of one meeting is a choice."""
    day = timezone.localtime(draft.start).date()
    return [meeting for meeting in meetings_on(group, day) if meeting.pk != draft.pk]


# The agenda ------------------------------------------------------------------------------------------


@dataclass
class AgendaLine:
    title: str
    owner_id: int | None = None
    summary: str = ""
    paper_ids: list[int] = field(default_factory=list)


def agenda_lines(draft: MeetingPage) -> list[AgendaLine]:
    lines = []
    for block in draft.agenda:
        value = block.value
        owner = value.get("owner")
        lines.append(
            AgendaLine(
                title=value.get("title") or "",
                owner_id=owner.pk if owner else None,
                summary=value.get("summary") or "",
                paper_ids=[paper.pk for paper in value.get("papers") or [] if paper],
            )
        )
    return lines


def apply_agenda(draft: MeetingPage, lines: list[AgendaLine]) -> None:
    # In the stream's stored form, so people and papers are given by id.
    draft.agenda = [
        {
            "type": "item",
            "value": {"title": line.title, "owner": line.owner_id, "summary": line.summary, "papers": line.paper_ids},
        }
        for line in lines
    ]


# The register ----------------------------------------------------------------------------------------


@dataclass
class RegisterRow:
    """One person on the register as the register step shows them, with the deputy who came in their place."""

    name: str
    capacity: str
    status: str
    person_id: int | None = None
    organisation: str = ""
    deputy: str = ""


def register_rows(draft: MeetingPage, group: PartnershipGroupPage) -> list[RegisterRow]:
    """The register so far; a meeting with none yet starts from the group's members on the meeting's day.

    Deputies are shown against the member they stood in for, not as lines of their own.
    """
    records = sorted(draft.register.all(), key=lambda record: record.sort_order or 0)
    people = Person.objects.in_bulk(
        {record.person_id for record in records} | {record.represented_by_id for record in records} - {None}
    )
    if not records:
        return rows_for_members(group, timezone.localtime(draft.start).date())
    deputies = {record.represented_by_id for record in records if record.status == AttendanceStatus.APOLOGIES}
    rows = []
    for record in records:
        if record.capacity == AttendanceCapacity.DEPUTY and record.person_id in deputies:
            continue
        deputy = people.get(record.represented_by_id)
        rows.append(
            RegisterRow(
                name=people[record.person_id].full_name,
                capacity=record.capacity,
                status=record.status,
                person_id=record.person_id,
                deputy=deputy.full_name if deputy else "",
            )
        )
    return rows


def rows_for_members(group, day) -> list[RegisterRow]:
    memberships = group.active_memberships(day).select_related("person")
    chair_first = lambda m: (register_capacity(m.role) != AttendanceCapacity.CHAIR, m.person.full_name)  # noqa: E731
    ordered = sorted(memberships, key=chair_first)
    return [
        RegisterRow(
            name=membership.person.full_name,
            capacity=register_capacity(membership.role),
            status=AttendanceStatus.PRESENT,
            person_id=membership.person_id,
        )
        for membership in ordered
    ]


def apply_register(draft: MeetingPage, rows: list[RegisterRow]) -> None:
    """The register as records: a deputy who came is a line of their own, in the room, standing in.

    Names typed in are matched to people already on the portal (honorifics aside) before anyone new
    is added.
    """
    typed = [row.name for row in rows if not row.person_id] + [row.deputy for row in rows if row.deputy]
    people = PeopleRegister(typed)
    known = Person.objects.in_bulk([row.person_id for row in rows if row.person_id])
    records, on_register = [], set()
    deputies = []
    for row in rows:
        person = known[row.person_id] if row.person_id else people.person(row.name, row.organisation)
        deputy = people.person(row.deputy) if row.deputy and row.status == AttendanceStatus.APOLOGIES else None
        records.append(AttendanceRecord(person=person, capacity=row.capacity, status=row.status, represented_by=deputy))
        on_register.add(person.pk)
        if deputy:
            deputies.append(deputy)
    for deputy in deputies:
        if deputy.pk not in on_register:
            records.append(
                AttendanceRecord(person=deputy, capacity=AttendanceCapacity.DEPUTY, status=AttendanceStatus.PRESENT)
            )
            on_register.add(deputy.pk)
    for order, record in enumerate(records):
        record.sort_order = order
    draft.register = records


def register_for_display(draft: MeetingPage) -> dict:
    """The register in the parts the meeting page shows, people read in one query."""
    records = list(draft.register.all())
    people = Person.objects.in_bulk(
        {record.person_id for record in records} | {record.represented_by_id for record in records} - {None}
    )
    for record in records:
        record.person = people[record.person_id]
        record.represented_by = people.get(record.represented_by_id)
    return draft.register_by_status(records)


# The minutes -----------------------------------------------------------------------------------------


def minutes_as_text(draft: MeetingPage) -> str:
    return text_of_html(draft.minutes)


def apply_minutes(draft: MeetingPage, text: str, decisions: list[str], unchanged_text: str | None = None) -> None:
    """Minutes typed as plain paragraphs; text left as it was keeps the formatting it had."""
    if unchanged_text is None or text.strip() != unchanged_text.strip():
        draft.minutes = rich_text_paragraphs(text.strip()) if text.strip() else ""
    draft.decisions = [("decision", decision) for decision in decisions]


def decisions_of(draft: MeetingPage) -> list[str]:
    return [str(block.value) for block in draft.decisions]


def who_is_told(group: PartnershipGroupPage, sender) -> list[str]:
    """The chairs who get the email asking them to approve (Wagtail tells the task's group, not the sender)."""
    if not group.chairs_group_id:
        return []
    users = group.chairs_group.user_set.filter(is_active=True).exclude(email="").exclude(pk=sender.pk)
    names = []
    for user in users.select_related("person").order_by("first_name", "last_name"):
        person = getattr(user, "person", None)
        names.append(person.full_name if person else user.get_full_name() or user.email)
    return names
