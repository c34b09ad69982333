"""Public pages list priorities, pledges and actions, so a change to any of them empties the page cache.

The home, group and meeting pages an anonymous visitor reads come from `portal.page_cache`; without
this, a new priority or a closed action would wait out the cache's lifetime before anyone saw it.
"""

from django.db.models.signals import post_delete, post_save

from actions.models import (
    Action,
    ActionUpdate,
    ComparatorMember,
    ComparatorSet,
    IndicatorImport,
    Milestone,
    Pledge,
    Priority,
)
from portal.page_cache import forget_all_pages

for model in (Action, ActionUpdate, Priority, Pledge):
    post_save.connect(forget_all_pages, sender=model, dispatch_uid=f"actions_page_cache_saved_{model.__name__}")
    post_delete.connect(forget_all_pages, sender=model, dispatch_uid=f"actions_page_cache_deleted_{model.__name__}")

# Figures, comparator lists and milestones are shown on cached public pages too.
for model in (Milestone, IndicatorImport, ComparatorSet, ComparatorMember):
    post_save.connect(forget_all_pages, sender=model, dispatch_uid=f"figures_page_cache_saved_{model.__name__}")
    post_delete.connect(forget_all_pages, sender=model, dispatch_uid=f"figures_page_cache_deleted_{model.__name__}")
