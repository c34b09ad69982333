"""Partnership groups, the index that lists them, and who sits on each in which role."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from governance.calendar import calendar_response, group_calendar
from governance.choices import MembershipRole
from portal.page_context import extend_context
from portal.visibility import can_open, visible_to


class GroupKind(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    ALLIANCE = "alliance", "Alliance"
    WORKING_GROUP = "working_group", "Working group"
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"


class GroupStatus(models.TextChoices):
    FORMING = "forming", "Forming"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSED = "closed", "Closed"


CHAIR_ROLES = {MembershipRole.CHAIR, MembershipRole.INDEPENDENT_CHAIR, MembershipRole.VICE_CHAIR}
ROLE_ORDER = list(MembershipRole.values)


class PartnershipIndexPage(Page):
    """The list of every partnership, alliance and working group on the site."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text="A sentence or two on how the partnerships fit together."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["governance.PartnershipGroupPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = visible_to(request, PartnershipGroupPage.objects.child_of(self)).select_related("parent_group")
        context["groups"] = groups.order_by("kind", "title")
        return context


class PartnershipGroupPage(RoutablePageMixin, Page):
    """A partnership, alliance, working group or task-and-finish group, and the home of its paperwork.

    Each group owns three Django groups (chairs, secretariat, members). Memberships put people in
    them; Wagtail's page permissions, workflow and page privacy on this page do the rest.
    """

    kind = models.CharField(max_length=20, choices=GroupKind.choices, default=GroupKind.PARTNERSHIP)
    status = models.CharField(max_length=10, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    purpose = RichTextField(
        features=["bold", "italic", "ul", "ol", "link"],
        help_text="What the group is for, in a short paragraph a parent could follow.",
    )
    parent_group = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_and_finish_groups",
        help_text="Task-and-finish groups only: the group that set it up and receives its reports.",
    )
    lead = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Task-and-finish groups only: who leads the work.",
    )
    starts_on = models.DateField(null=True, blank=True, help_text="When the group first met or was set up.")
    review_on = models.DateField(null=True, blank=True, help_text="When the group's work is next reviewed.")
    ends_on = models.DateField(null=True, blank=True, help_text="When the group is due to finish, if it is.")
    members_only = models.BooleanField(
        default=False,
        help_text="Only the group's members can see its pages, minutes included. Leave unticked to govern in the open.",
    )
    chairs_group = models.ForeignKey(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    secretariat_group = models.ForeignKey(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    members_group = models.ForeignKey(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("status"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldPanel("parent_group"),
                FieldPanel("lead"),
                FieldPanel("starts_on"),
                FieldPanel("review_on"),
                FieldPanel("ends_on"),
            ],
            heading="Dates and lead",
        ),
        FieldPanel("members_only"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]
    parent_page_types = ["governance.PartnershipIndexPage"]
    subpage_types = ["governance.MeetingPage", "governance.TermsOfReferencePage"]
    # "Members only" is this page's privacy control: Wagtail's own would let the two disagree.
    private_page_options: list[str] = []

    class Meta:
        verbose_name = "partnership group"

    def clean(self):
        super().clean()
        if self.parent_group_id and self.kind != GroupKind.TASK_AND_FINISH:
            raise ValidationError({"parent_group": "Only task-and-finish groups have a parent group."})
        if self.parent_group_id and self.parent_group_id == self.pk:
            raise ValidationError({"parent_group": "A group cannot be its own parent."})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date is before the start date."})

    def memberships_managed_by(self, user) -> bool:
        """A group's chairs run its membership; site admins can run any group's."""
        if not user.is_authenticated:
            return False
        return user.is_superuser or user.groups.filter(pk=self.chairs_group_id).exists()

    def terms_amendable_by(self, user) -> bool:
        """The group's chairs and secretariat (whoever may add its pages) start new versions of its terms."""
        return user.is_authenticated and self.permissions_for_user(user).can_add_subpage()

    def active_memberships(self, on=None):
        return Membership.objects.active(on).filter(group=self)

    def members_by_role(self):
        memberships = self.active_memberships().select_related("person", "organisation", "person__organisation")
        return sorted(memberships, key=lambda m: (ROLE_ORDER.index(m.role), m.person.full_name))

    def terms_in_force(self, on=None):
        from governance.models.terms import TermsOfReferencePage

        return TermsOfReferencePage.in_force_for(self, on)

    def get_context(self, request, *args, **kwargs):
        from governance.models.meetings import MeetingPage
        from governance.recorder import can_record_for

        context = super().get_context(request, *args, **kwargs)
        # Listed by title and date only: their agendas and decisions are not read.
        meetings = visible_to(request, MeetingPage.objects.child_of(self)).defer_streamfields().order_by("start")
        now = timezone.now()
        terms = self.terms_in_force()
        context.update(
            members=self.members_by_role(),
            terms=terms if can_open(request, terms) else None,
            upcoming_meetings=meetings.filter(start__gte=now)[:5],
            recent_minutes=meetings.filter(start__lt=now).exclude(minutes="").order_by("-start")[:5],
            task_and_finish_groups=visible_to(request, self.task_and_finish_groups.all()).order_by("title"),
            parent_group_visible=can_open(request, self.parent_group),
            can_manage_members=self.memberships_managed_by(request.user),
            can_record_meetings=can_record_for(request.user, self),
        )
        return extend_context(self, request, context)

    @path("meetings.ics/")
    def meetings_calendar(self, request):
        """The group's meetings as a feed people subscribe to, so new and moved meetings reach their diaries."""
        from governance.models.meetings import MeetingPage

        meetings = visible_to(request, MeetingPage.objects.child_of(self)).order_by("start")
        return calendar_response(group_calendar(self, meetings, request), f"{self.slug}.ics", as_attachment=False)


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gt=on)))


class Membership(models.Model):
    """Who sits on a group, in which role, for which organisation and sector, from when until when.

    Memberships give rights: chairs edit, approve and publish; the secretariat drafts; members see
    members-only pages. Ending a membership takes the rights away at once.
    """

    person = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(PartnershipGroupPage, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    organisation = models.ForeignKey(
        "governance.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="The organisation they represent on this group, if not their employer.",
    )
    sector = models.CharField(
        max_length=100, blank=True, help_text="The sector they speak for, for example 'Secondary heads' or 'Health'."
    )
    starts_on = models.DateField(default=timezone.localdate, help_text="When they joined the group in this role.")
    ends_on = models.DateField(
        null=True, blank=True, help_text="The day they stop being a member: their rights end at the start of this day."
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "person__full_name"]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.group.title}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "A membership cannot end before it starts."})

    @property
    def is_chair(self):
        return self.role in CHAIR_ROLES

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)

    def represents(self):
        return self.organisation or self.person.organisation
