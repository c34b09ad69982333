"""The site search: one box that finds what the person asking may open, grouped by kind.

Each app adds its kinds through the `portal_search_results` Wagtail hook, so portal never imports the
apps that lean on it: a hook takes the request and the query and returns a list of groups, each a
dict with `kind`, `label`, `results` (at most `RESULTS_PER_KIND` `Found`), `count` and `more`
(`result_group` and `page_group` build them). Pages are filtered by `visible_to` before they are
searched, so the title of a members-only or unpublished page never reaches the results; a group of
pages names its `page_type`, and pages of no named type are listed last as "Other pages".

Each group costs the same two queries (its first results and its count) however much matches, so a
search costs the same as the site grows.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from wagtail import hooks
from wagtail.models import Page

from portal.visibility import visible_to

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 20


@dataclass(frozen=True)
class Found:
    """One result as the results page lists it: a link, what it belongs to, and a note (with a date) on what it is.

    Many results share a title ("Terms of reference", "Autumn term meeting"); `within` tells them apart.
    """

    title: str
    url: str
    within: str = ""
    note: str = ""
    on: date | None = None


def result_group(kind, label, matches, describe, page_type=None) -> dict:
    """A kind's first results as `Found`, and how many match in all, however many that is."""
    results = [describe(item) for item in matches[:RESULTS_PER_KIND]]
    count = matches.count()
    return {
        "kind": kind,
        "label": label,
        "results": results,
        "count": count,
        "more": count - len(results),
        "page_type": page_type,
    }


def page_group(request, query, pages, kind, label, describe=None) -> dict:
    """The pages of one type this request may open that match, searched only after the others are filtered out."""
    # Every word must match, as for the kinds matched word by word, so a longer search narrows the results.
    matches = visible_to(request, pages).search(query, operator="and")
    describe = describe or (lambda page: Found(page.title, page.get_url(request)))
    return result_group(kind, label, matches, describe, page_type=pages.model)


def other_pages(request, query, claimed_types) -> dict:
    """Every page no hook has listed under its own kind: the home page, site pages, the indexes."""
    pages = Page.objects.filter(depth__gt=1)  # not the tree's root, which no one visits
    if claimed_types:
        pages = pages.not_type(*claimed_types)
    return page_group(request, query, pages, "pages", "Other pages")


def with_parent_title(pages):
    """Each page with its parent's title as `parent_title`, read in the same query as the page."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    parent = Page.objects.filter(path=parent_path).values("title")[:1]
    return pages.annotate(parent_title=Subquery(parent))


def every_word_in(query, *fields) -> Q:
    """Records where each word of the query appears in one of the fields, for models Wagtail does not index."""
    condition = Q()
    for word in query.split():
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        condition &= in_any_field
    return condition


def words_of(query) -> str:
    """The query without double quotes: Wagtail's SQLite full-text search fails on a stray one (wagtail#13227)."""
    return " ".join(query.replace('"', " ").split())


def search_site(request, query) -> list[dict]:
    """Every kind's group in the order the hooks run, then the other pages; groups with no match left out."""
    query = words_of(query)
    if not query:
        return []
    groups = [group for hook in hooks.get_hooks("portal_search_results") for group in hook(request, query)]
    claimed = [group["page_type"] for group in groups if group.get("page_type")]
    groups.append(other_pages(request, query, claimed))
    return [group for group in groups if group["count"]]
