"""Forms a chair uses to run their group's membership from the site."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.membership import find_or_create_person
from governance.models import Membership, MembershipRole, Person


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        where = person.organisation.name if person.organisation_id else person.job_title
        return f"{person.full_name} – {where}" if where else person.full_name


SEARCH_RESULTS = 30


def people_named(search):
    """Up to thirty people whose name contains the words searched for; nobody before a search."""
    words = search.split()
    if not words:
        return Person.objects.none()
    people = Person.objects.select_related("organisation").order_by("full_name")
    for word in words:
        people = people.filter(full_name__icontains=word)
    return people[:SEARCH_RESULTS]


class AddMemberForm(forms.Form):
    """Someone already on the portal, or a new person by name, organisation and email."""

    person = PersonChoiceField(
        queryset=Person.objects.select_related("organisation").order_by("full_name"),
        required=False,
        label="Someone already on the portal",
        empty_label="Choose a person, or fill in a new person below",
        help_text="Anyone who has been in a group's register or membership before.",
    )
    full_name = forms.CharField(
        required=False, max_length=200, label="Or a new person: full name", help_text="As it should appear in minutes."
    )
    organisation = forms.CharField(required=False, max_length=200, label="Their organisation")
    email = forms.EmailField(
        required=False,
        label="Their email address",
        help_text="We email an invitation. When they confirm this address on their account, they join the group.",
    )
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    sector = forms.CharField(
        required=False, max_length=100, help_text="The sector they speak for, for example 'Secondary heads'."
    )
    starts_on = forms.DateField(
        label="From", widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"), initial=timezone.localdate
    )

    def __init__(self, *args, group, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        # The portal may hold thousands of people: the list offers only those matching a search, and
        # a posted choice is checked against everyone.
        if not self.is_bound:
            self.fields["person"].queryset = people_named(search)
            self.fields["person"].empty_label = (
                "Choose from the people found" if search else "Search for a name above, or fill in a new person below"
            )

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), (cleaned.get("full_name") or "").strip()
        if person and name:
            raise ValidationError("Choose a person already on the portal, or give a new person's name: not both.")
        if not person and not name:
            raise ValidationError("Choose a person already on the portal, or give a new person's name.")
        if name and not cleaned.get("email"):
            self.add_error("email", "Give their email address, so they can be invited and see the group's pages.")
        return cleaned

    def chosen_person(self):
        data = self.cleaned_data
        if data["person"]:
            return data["person"]
        return find_or_create_person(data["full_name"], data["email"], data["organisation"])

    def check_not_already_member(self, person):
        current = Membership.objects.active().filter(group=self.group, person=person).first()
        if current:
            self.add_error(
                None,
                f"{person.full_name} is already {current.get_role_display().lower()} of this group. "
                "Change their role instead.",
            )
            return False
        return True


class ChangeMembershipForm(forms.ModelForm):
    """A chair changes a role or sets the day a membership ends, and invites someone with no account."""

    invite_email = forms.EmailField(
        required=False,
        label="Their email address, to invite them",
        help_text="They have no account yet. We email an invitation; confirming this address links their account.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.person
        if person.user_id:
            del self.fields["invite_email"]
        else:
            self.fields["invite_email"].initial = person.email

    class Meta:
        model = Membership
        fields = ["role", "sector", "ends_on"]
        widgets = {"ends_on": forms.DateInput({"type": "date"}, format="%Y-%m-%d")}
        labels = {"ends_on": "Ends on"}
        help_texts = {"ends_on": "Their rights end at the start of this day. Leave blank while they stay a member."}
