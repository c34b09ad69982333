"""Forms people fill in about themselves, and the renderer that makes every form accessible."""

from django import forms
from django.forms.renderers import TemplatesSetting
from wagtail.admin.forms import WagtailAdminModelForm

from portal.models import Audience, SchoolRole, User
from portal.models.accounts import urn_validator
from portal.search import MAX_QUERY_LENGTH


class PortalFormRenderer(TemplatesSetting):
    """Labels, hints and errors tied to their inputs, for every form on the public site."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


AUDIENCE_HELP = (
    "School staff can answer consultations for school leaders once we have checked they work at the school they name."
)


class AboutYouFields(forms.Form):
    """Who someone is: asked at sign-up and kept up to date on the profile page."""

    first_name = forms.CharField(
        max_length=150, label="First name", widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=150, label="Last name", widget=forms.TextInput({"autocomplete": "family-name"})
    )
    audience = forms.ChoiceField(
        label="Who are you?", choices=Audience.choices, widget=forms.RadioSelect, help_text=AUDIENCE_HELP
    )
    school_name = forms.CharField(max_length=200, required=False, label="School name", help_text="School staff only.")
    school_urn = forms.CharField(
        max_length=6,
        required=False,
        label="School URN",
        validators=[urn_validator],
        help_text="School staff only. The six-digit unique reference number, for example 107106.",
        widget=forms.TextInput({"inputmode": "numeric"}),
    )
    school_role = forms.ChoiceField(
        choices=[("", "Choose your job"), *SchoolRole.choices],
        required=False,
        label="Your job",
        help_text="School staff only.",
    )
    organisation_name = forms.CharField(
        max_length=200,
        required=False,
        label="Organisation",
        help_text="Partner organisation staff only, for example the council, a health trust or a charity.",
        widget=forms.TextInput({"autocomplete": "organization"}),
    )

    SCHOOL_FIELDS = ("school_name", "school_urn", "school_role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each follow-up question shows only for the answer it belongs to (in CSS, so without JavaScript too).
        for name in self.SCHOOL_FIELDS:
            if name in self.fields:
                self.fields[name].shown_for = Audience.SCHOOL_STAFF
        if "organisation_name" in self.fields:
            self.fields["organisation_name"].shown_for = Audience.PARTNER_STAFF

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == Audience.SCHOOL_STAFF:
            for name in self.SCHOOL_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, f"Enter your {self.fields[name].label.lower()}: school staff need it.")
        if audience == Audience.PARTNER_STAFF and not cleaned.get("organisation_name"):
            self.add_error("organisation_name", "Enter the organisation you work for.")
        return cleaned

    def apply_to(self, user):
        """Copies the answers onto the user, dropping details that do not fit who they now are."""
        for name in self.fields:
            if name in self.cleaned_data:
                setattr(user, name, self.cleaned_data[name])
        if user.audience != Audience.SCHOOL_STAFF:
            user.school_name = user.school_urn = user.school_role = ""
        if user.audience != Audience.PARTNER_STAFF:
            user.organisation_name = ""


class SignupDetailsForm(AboutYouFields):
    """allauth's sign-up form inherits these fields; allauth calls signup() once the user exists."""

    field_order = ["first_name", "last_name", "email", "password1", "password2", "audience"]

    def signup(self, request, user):
        self.apply_to(user)
        user.refresh_school_verification()
        user.save()


class ProfileForm(AboutYouFields, forms.ModelForm):
    """The profile page: a person's own details and what we may email them about."""

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "audience",
            "school_name",
            "school_urn",
            "school_role",
            "organisation_name",
            "notify_new_consultations",
            "notify_consultation_outcomes",
            "notify_group_updates",
            "notify_action_reminders",
        ]

    def save(self, commit=True):
        user = super().save(commit=False)
        self.apply_to(user)
        school_changed = any(name in self.changed_data for name in ("audience", *self.SCHOOL_FIELDS))
        user.refresh_school_verification(school_changed=school_changed)
        if commit:
            user.save()
        return user


class SchoolStaffVerificationForm(WagtailAdminModelForm):
    """What a site admin sees when checking that someone works at the school they named."""

    verified = forms.BooleanField(
        required=False,
        label="Works at this school",
        help_text="Tick once you have checked, for example with the school office. Untick to withdraw.",
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "school_name", "school_urn", "school_role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verified"].initial = self.instance.is_verified_school_staff

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data["verified"] and not user.is_verified_school_staff:
            user.verify_school_staff(by=self.for_user)
        elif not self.cleaned_data["verified"]:
            user.revoke_school_staff_verification()
        if commit:
            user.save()
        return user


class SearchForm(forms.Form):
    """The site search's one box; a search longer than anyone types is refused rather than run."""

    q = forms.CharField(
        label="Search the portal",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text="Words from a title or from what a page says, or an action's reference such as RSEP-2025-004.",
        error_messages={
            "max_length": "Search for at most %(limit_value)d characters: this search has %(show_value)d. "
            "A few words from a title work best."
        },
        widget=forms.TextInput({"type": "search", "autocomplete": "off"}),
    )
