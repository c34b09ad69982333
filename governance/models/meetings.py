"""Meetings: agenda, attendance register, minutes and decisions, approved by the chair."""

import uuid
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from governance.blocks import AgendaItemBlock
from governance.calendar import calendar_response, group_calendar
from governance.choices import ATTENDING, QUORUM_CAPACITIES, AttendanceCapacity, AttendanceStatus
from portal.page_context import extend_context


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
    # The site search finds published minutes by what was said and decided, not only by their title.
    search_fields = [*Page.search_fields, index.SearchField("minutes"), index.SearchField("decisions")]
    parent_page_types = ["governance.PartnershipGroupPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "meeting"
        ordering = ["-start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The meeting must end after it starts."})

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A revision's register checked against the people on the portal in one query, not one per line.

        As modelcluster would, a line whose person has gone is dropped and a deputy who has gone is
        cleared; every revision read (the editor, previews, 'Record a meeting') costs the same
        however long the register.
        """
        register = data.get("register")
        if not check_fks or not register:
            return super().from_serializable_data(data, check_fks, strict_fks)
        from governance.models.people import Person

        named = {line.get("person") for line in register} | {line.get("represented_by") for line in register}
        known = set(Person.objects.filter(pk__in=named - {None}).values_list("pk", flat=True))
        meeting = super().from_serializable_data({**data, "register": []}, check_fks, strict_fks)
        if meeting is not None:
            meeting.register = [
                model_from_serializable_data(
                    AttendanceRecord,
                    {
                        **line,
                        "represented_by": line.get("represented_by") if line.get("represented_by") in known else None,
                    },
                    check_fks=False,
                )
                for line in register
                if line.get("person") in known
            ]
        return meeting

    @property
    def group(self):
        return self.get_parent().specific

    def register_by_status(self, records=None):
        """The register in the parts a meeting page shows, each deputy labelled with whom they stood in for."""
        if records is None:
            records = list(self.register.select_related("person", "represented_by"))
        attending = [r for r in records if r.status in ATTENDING]
        apologies = [r for r in records if r.status == AttendanceStatus.APOLOGIES]
        stood_in_for = defaultdict(list)
        for apology in apologies:
            stood_in_for[apology.represented_by_id].append(apology.person)
        for record in attending:
            record.deputising_for = stood_in_for.get(record.person_id, [])
        return {
            "attendees": [r for r in attending if r.capacity in QUORUM_CAPACITIES],
            "apologies": apologies,
            "absent": [r for r in records if r.status == AttendanceStatus.ABSENT],
            "in_attendance": [r for r in attending if r.capacity not in QUORUM_CAPACITIES],
        }

    def quorum_count(self, register=None):
        """Members present in person or online, and deputies for members who sent apologies, each person once.

        A deputy may be on the register twice, as someone present and as the deputy named in an
        apology; they are still one person at the table.
        """
        register = register or self.register_by_status()
        present = {r.person_id for r in register["attendees"]}
        members_away = [r for r in register["apologies"] if r.capacity in QUORUM_CAPACITIES]
        deputies = {r.represented_by_id for r in members_away if r.represented_by_id}
        return len(present | deputies)

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
        from governance.recorder import can_record_for

        group = self.group
        context.update(
            group=group,
            register=register,
            quorum=self.quorum(register),
            can_record=can_record_for(request.user, group),
        )
        return extend_context(self, request, context)

    @path("meeting.ics/")
    def meeting_calendar(self, request):
        """This one meeting as a file to add to a calendar, for people who don't subscribe to the group's."""
        calendar = group_calendar(self.group, [self], request)
        return calendar_response(calendar, f"{self.slug}.ics", as_attachment=True)


class AttendanceRecord(Orderable):
    """One line of the register: who, in what capacity, and how they attended (in the room, online, or not).

    Capacity and attendance are separate: a chair who joined online is a chair, and online.
    """

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="register")
    person = models.ForeignKey("governance.Person", on_delete=models.PROTECT, related_name="attendance")
    capacity = models.CharField(
        max_length=20,
        choices=AttendanceCapacity.choices,
        default=AttendanceCapacity.MEMBER,
        help_text="The part they took: a deputy came in place of a member who sent apologies.",
    )
    status = models.CharField(
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
        verbose_name="attendance",
        help_text="Whether they were in the room, joined online, sent apologies or were absent.",
    )
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


class MinutesUpload(models.Model):
    """Minutes the importer has read, waiting for the person who uploaded them to confirm and save them.

    The text of an upload can run to megabytes, more than a form may post back, so it waits here and
    the confirmation screen carries only this record's key. Saving links the meeting, so the same
    upload is never saved twice; records older than a day are removed when the next upload arrives.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source_text = models.TextField()
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    meeting = models.ForeignKey(MeetingPage, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"Minutes uploaded by {self.uploaded_by} at {self.uploaded_at:%d %B %Y %H:%M}"
