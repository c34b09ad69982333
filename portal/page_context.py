"""Sections other apps add to the site's pages, so a page shows them without importing those apps.

Dependencies point one way (portal ← governance ← actions): a group page lists its priorities and a
meeting page its actions, yet neither `portal` nor `governance` may import `actions`. A page's
`get_context` ends by calling `extend_context`; each `portal_page_context` Wagtail hook takes the
page, the request and the context so far, and returns the sections it adds (or None). Templates show
a section only when it is there, so a page renders the same when no hook adds anything.
"""

from wagtail import hooks


def extend_context(page, request, context):
    for hook in hooks.get_hooks("portal_page_context"):
        context.update(hook(page, request, context) or {})
    return context
