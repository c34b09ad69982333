"""Meeting papers: uploaded with the agenda, private to the group until the meeting is published.

Each group has two document collections. Papers land in its drafts collection, which only the group's
chairs, secretariat and members may open. When a chair approves and publishes the meeting, its papers
move to the group's papers collection, which is open to all, or to members only when the group is.
So a paper is never public before the meeting it belongs to.
"""

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from governance.roles import ROLE_GROUP_FIELDS

PAPERS, DRAFTS = "Papers", "Draft papers"


def collection_for(group, kind):
    """The group's collection of this kind, made on first use and found again by the group's id."""
    root = Collection.get_first_root_node()
    suffix = f"[{kind} {group.pk}]"
    collection = Collection.objects.filter(depth=root.depth + 1, name__endswith=suffix).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=f"{kind}: {group.title[:200]} {suffix}"))
        sync_papers_privacy(group, collections={kind: collection})
    return collection


def sync_papers_privacy(group, collections=None):
    """Drafts admit the group's people only; published papers follow the group's own privacy."""
    if collections is None:
        root = Collection.get_first_root_node()
        collections = {}
        for kind in (PAPERS, DRAFTS):
            found = Collection.objects.filter(depth=root.depth + 1, name__endswith=f"[{kind} {group.pk}]").first()
            if found:
                collections[kind] = found
    for kind, collection in collections.items():
        restrictions = CollectionViewRestriction.objects.filter(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        if kind == PAPERS and not group.members_only:
            restrictions.delete()
            continue
        restriction = restrictions.first() or CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([getattr(group, field) for field in ROLE_GROUP_FIELDS if getattr(group, field)])


def add_draft_paper(group, upload, user):
    """A paper for a meeting not yet published, readable only by the group's people."""
    Document = get_document_model()
    title = upload.name.rsplit(".", 1)[0][:255] or "Paper"
    document = Document(title=title, file=upload, collection=collection_for(group, DRAFTS), uploaded_by_user=user)
    document.file_size = upload.size
    document.save()
    return document


def paper_ids(meeting):
    return [paper.pk for block in meeting.agenda for paper in block.value.get("papers") or [] if paper]


@transaction.atomic
def publish_papers(meeting, group):
    """Once the meeting is public, so are its papers (to whoever may see the group)."""
    ids = paper_ids(meeting)
    if ids:
        drafts = collection_for(group, DRAFTS)
        get_document_model().objects.filter(pk__in=ids, collection=drafts).update(
            collection=collection_for(group, PAPERS)
        )
