"""Meetings: agenda, attendance register, minutes and decisions, approved by the chair."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from governance.blocks import AgendaItemBlock
from governance.calendar import calendar_response, group_calendar


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    ONLINE = "online", "Present online"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class AttendanceCapacity(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    IN_ATTENDANCE = "in_attendance", "Official or adviser in attendance"
    NOTES = "notes", "Notes"
    OBSERVER = "observer", "Observer"


ATTENDING = {AttendanceStatus.PRESENT, AttendanceStatus.ONLINE}
# People whose attendance counts towards the quorum: officials, note-takers and observers do not.
VOTING_CAPACITIES = {AttendanceCapacity.CHAIR, AttendanceCapacity.MEMBER}


class MeetingPage(RoutablePageMixin, Page):
    """One meeting of a group. Minutes become public only when a chair of the group approves them."""

    start = models.DateTimeField(help_text="When the meeting starts (UK time).")
    end = models.DateTimeField(null=True, blank=True, help_text="When it is due to finish.")
    venue = models.CharField(max_length=250, blank=True, help_text="Where, for example 'Albion House, Room 2'.")
    online_link = models.URLField(blank=True, help_text="The link to join online, if people can.")
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, help_text="Agenda items in order.")
    minutes = RichTextField(
        features=["h3", "bold", "italic", "ul", "ol", "link", "document-link"],
        blank=True,
        help_text="The notes of the discussion. They are published only once a chair approves them.",
    )
    decisions = StreamField(
        [("decision", blocks.TextBlock(icon="success"))], blank=True, help_text="What the meeting decided."
    )
    next_meeting_at = models.DateTimeField(null=True, blank=True, help_text="Date and time of the next meeting.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("venue"), FieldPanel("online_link")],
            heading="When and where",
        ),
        FieldPanel("agenda"),
        InlinePanel("register", heading="Attendance register", label="person"),
        FieldPanel("minutes"),
        FieldPanel("decisions"),
        FieldPanel("next_meeting_at"),
    ]
    parent_page_types = ["governance.PartnershipGroupPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "meeting"
        ordering = ["-start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The meeting must end after it starts."})

    @property
    def group(self):
        return self.get_parent().specific

    def register_by_status(self):
        records = list(self.register.select_related("person", "person__organisation", "represented_by"))
        return {
            "attendees": [r for r in records if r.status in ATTENDING and r.capacity in VOTING_CAPACITIES],
            "apologies": [r for r in records if r.status == AttendanceStatus.APOLOGIES],
            "absent": [r for r in records if r.status == AttendanceStatus.ABSENT],
            "in_attendance": [r for r in records if r.status in ATTENDING and r.capacity not in VOTING_CAPACITIES],
        }

    def quorum_count(self, register=None):
        """Members present in person or online, plus deputies attending for members who sent apologies."""
        register = register or self.register_by_status()
        deputies = [r for r in register["apologies"] if r.represented_by_id and r.capacity in VOTING_CAPACITIES]
        return len(register["attendees"]) + len(deputies)

    def quorum_required(self):
        terms = self.group.terms_in_force(on=self.start.date()) if self.start else None
        return terms.quorum if terms else None

    def is_quorate(self, register=None):
        """True or False against the terms of reference in force that day; None when they set no quorum."""
        required = self.quorum_required()
        return None if required is None else self.quorum_count(register) >= required

    def quorum(self, register):
        required = self.quorum_required()
        count = self.quorum_count(register)
        return {"required": required, "count": count, "quorate": required is not None and count >= required}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        register = self.register_by_status()
        context.update(group=self.group, register=register, quorum=self.quorum(register))
        return context

    @path("meeting.ics/")
    def meeting_calendar(self, request):
        """This one meeting as a file to add to a calendar, for people who don't subscribe to the group's."""
        calendar = group_calendar(self.group, [self], request)
        return calendar_response(calendar, f"{self.slug}.ics", as_attachment=True)


class AttendanceRecord(Orderable):
    """One line of the register: who, in what capacity, and whether they came or sent a deputy."""

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="register")
    person = models.ForeignKey("governance.Person", on_delete=models.PROTECT, related_name="attendance")
    capacity = models.CharField(max_length=20, choices=AttendanceCapacity.choices, default=AttendanceCapacity.MEMBER)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    represented_by = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deputised",
        help_text="With apologies only: the named deputy who came in their place.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="As the minutes put it, e.g. 'for item 3'.")

    panels = [
        FieldPanel("person"),
        FieldPanel("capacity"),
        FieldPanel("status"),
        FieldPanel("represented_by"),
        FieldPanel("note"),
    ]

    def clean(self):
        if self.represented_by_id and self.status != AttendanceStatus.APOLOGIES:
            raise ValidationError({"represented_by": "Only someone who sent apologies can be represented."})
        if self.represented_by_id and self.represented_by_id == self.person_id:
            raise ValidationError({"represented_by": "A person cannot deputise for themselves."})
