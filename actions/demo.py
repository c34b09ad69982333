"""The Riverford partnership's priorities, pledges and action log, dated from the day the demo loads.

The demo member (Tom Alder) owns actions due within the reminder window and one overdue; a pledge
has its tasks; a priority is owned by the attendance task-and-finish group. A re-run moves dates and
statuses back to these, keeping each action's reference.
"""

import datetime

from actions import demo_figures
from actions.models import Action, ActionStatus, ActionUpdate, Pledge, Priority, PriorityStatus
from actions.services import create_action
from governance.models import MeetingPage, Organisation

PRIORITIES = {
    "secondary": (
        "Persistent absence in secondary schools",
        "One in four secondary pupils misses a tenth of their lessons. Schools see the absence, health and "
        "housing often see why: only together can the partnership reach the families behind the figures.",
        PriorityStatus.ACTIVE,
    ),
    "send": (
        "Attendance of children with special educational needs",
        "Pupils with an education, health and care plan are absent far more often; the answers sit across "
        "schools, therapists and transport, which no single service controls.",
        PriorityStatus.CONSULTING,
    ),
}
PLEDGES = [
    ("secondary", "housing", "fiona", "Our officers will ask why a school-age child is at home during a daytime "
     "visit and point the family to attendance support."),
    ("secondary", "police", "laura", "Every youth justice plan we write will include the young person's "
     "school attendance and what is being done about it."),
    ("secondary", "health", "kwame", "Our clinics will offer children's routine appointments outside school hours "
     "first."),
]  # fmt: skip
# (title, owner, days until due, status, reason or note, priority, pledge organisation, meeting slug)
ACTIONS = [
    ("Circulate the school-level persistent absence breakdown", "tom", 3, ActionStatus.OPEN, "", "secondary", None,
     "meeting-past-3"),
    ("Draft the model attendance policy for consultation", "tom", 6, ActionStatus.IN_PROGRESS,
     "First draft shared with two heads for comment.", "secondary", None, "meeting-past-3"),
    ("Share the Year 9 attendance figures with secondary heads", "tom", -10, ActionStatus.OPEN, "", "secondary",
     None, "meeting-past-2"),
    ("Confirm the housing visit checklist", "fiona", 20, ActionStatus.IN_PROGRESS,
     "Checklist agreed with the tenancy team; training booked.", "secondary", "housing", "meeting-past-3"),
    ("Add attendance to the youth justice plan template", "laura", -30, ActionStatus.DONE,
     "New template in use since the start of term.", "secondary", "police", "meeting-past-2"),
    ("Offer after-school slots for children's routine appointments", "kwame", 45, ActionStatus.OPEN, "",
     "secondary", "health", "meeting-past-3"),
    ("Map early help referrals for persistently absent pupils", "kwame", -5, ActionStatus.BLOCKED,
     "Waiting for the data-sharing agreement between the council and the health trust.", "secondary", None,
     "meeting-past-2"),
    ("Pilot the attendance support letter at Millbrook", "grace", -60, ActionStatus.DROPPED,
     "Replaced by the city-wide letter agreed in the model policy.", None, None, "meeting-past-1"),
]  # fmt: skip


def load(context):
    today, partnership, people = context["today"], context["partnership"], context["people"]
    priorities = {
        key: ensure_priority(partnership, context["attendance_group"] if key == "secondary" else None, today, *spec)
        for key, spec in PRIORITIES.items()
    }
    pledges = {
        organisation: ensure_pledge(priorities[priority], people[signed_by], statement, today)
        for priority, organisation, signed_by, statement in PLEDGES
    }
    for spec in ACTIONS:
        ensure_action(partnership, today, people, priorities, pledges, context["accounts"], *spec)
    demo_figures.load(priorities)


def ensure_priority(partnership, task_group, today, title, rationale, status):
    priority, _ = Priority.objects.update_or_create(
        partnership=partnership,
        title=title,
        defaults={
            "rationale": rationale,
            "status": status,
            "starts_on": today - datetime.timedelta(days=300),
            "review_on": today + datetime.timedelta(days=45),
            "review_every_months": 6,
            "task_and_finish_group": task_group,
        },
    )
    return priority


def ensure_pledge(priority, signer, statement, today):
    organisation = signer.organisation or Organisation.objects.get(name__icontains="Riverford")
    pledge, _ = Pledge.objects.update_or_create(
        priority=priority,
        organisation=organisation,
        defaults={
            "statement": statement,
            "signed_by": signer,
            "made_on": today - datetime.timedelta(days=120),
            "review_on": today + datetime.timedelta(days=60),
        },
    )
    return pledge


def ensure_action(group, today, people, priorities, pledges, accounts, *spec):
    title, owner, days, status, note, priority, pledge, meeting_slug = spec
    fields = {
        "owner": people[owner],
        "due_on": today + datetime.timedelta(days=days),
        "status": status,
        "status_reason": note if status in (ActionStatus.BLOCKED, ActionStatus.DROPPED) else "",
        "priority": priorities.get(priority),
        "pledge": pledges.get(pledge),
        "meeting": MeetingPage.objects.child_of(group).filter(slug=meeting_slug).first(),
    }
    action = Action.objects.filter(group=group, title=title).first()
    if action is None:
        action = create_action(group, title, created_by=accounts.get("secretariat"), **fields)
    else:
        for name, value in fields.items():
            setattr(action, name, value)
        action.save()
    if note and not action.updates.exists():
        author = people[owner].user or accounts.get("secretariat")
        ActionUpdate.objects.create(action=action, author=author, note=note, status_to=status)
