"""Amending terms of reference: a published version never changes; an amendment is a new version.

A new version starts as a copy of the version in force, saved as a draft with the date it takes
effect and what changed, and goes to the group's chairs through the group's approval workflow.
Meetings keep the quorum of the version in force on their day, so earlier meetings never change.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from governance.models import TermsOfReferencePage


def is_fixed_version(page) -> bool:
    """A version that is or has ever been published is part of the record."""
    return isinstance(page, TermsOfReferencePage) and (page.live or page.first_published_at is not None)


class DraftInProgress(ValidationError):
    """A new version is already being drafted: finish that one rather than start a rival."""

    def __init__(self, draft):
        self.draft = draft
        super().__init__(
            f"A new version taking effect on {draft.effective_from:%-d %B %Y} is already being drafted. "
            "Carry on with that one, or delete it first."
        )


def draft_in_progress(group):
    drafts = TermsOfReferencePage.objects.child_of(group).filter(live=False, first_published_at__isnull=True)
    return drafts.order_by("-effective_from").first()


def check_new_version_date(group, effective_from):
    draft = draft_in_progress(group)
    if draft is not None:
        raise DraftInProgress(draft)
    latest = TermsOfReferencePage.objects.child_of(group).order_by("-effective_from").first()
    if latest and effective_from <= latest.effective_from:
        raise ValidationError(
            f"A new version must take effect after the latest one ({latest.effective_from:%-d %B %Y})."
        )


@transaction.atomic
def start_new_version(group, *, effective_from, change_summary, user):
    """A draft copy of the version in force (or an empty draft if there is none), ready to amend."""
    check_new_version_date(group, effective_from)
    title = f"Terms of reference from {effective_from:%-d %B %Y}"
    changes = {
        "title": title,
        "draft_title": title,
        "slug": unique_slug(group, slugify(title)),
        "effective_from": effective_from,
        "effective_until": None,
        "change_summary": change_summary,
    }
    source = group.terms_in_force()
    if source is None:
        draft = TermsOfReferencePage(live=False, owner=user, purpose="", **changes)
        group.add_child(instance=draft)
    else:
        draft = source.copy(
            to=group, update_attrs={**changes, "live": False}, keep_live=False, copy_revisions=False, user=user
        ).specific
    draft.save_revision(user=user)
    return draft


def unique_slug(group, slug):
    taken = set(group.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
