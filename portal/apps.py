from django.apps import AppConfig
from wagtail.users import apps as wagtail_users


class PortalConfig(AppConfig):
    """The project's own app: accounts, site-wide pages and the helpers every other app shares."""

    name = "portal"
    verbose_name = "Partnership Portal"

    def ready(self):
        import atexit

        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created
        from django_tasks.signals import task_finished

        from . import signals  # noqa: F401
        from .personal_cache import replace_generations_pending, replace_generations_pending_at_exit, watch_writes

        # Every write to the database empties the signed-in pages' cache (portal.personal_cache).
        connection_created.connect(watch_writes, dispatch_uid="personal_cache_watch_writes")
        watch_writes()
        for finished in (request_finished, task_finished):
            finished.connect(replace_generations_pending, dispatch_uid="personal_cache_pending")
        atexit.register(replace_generations_pending_at_exit)


class WagtailUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's Users screens, with the portal's user form (INSTALLED_APPS names it in place of
    `wagtail.users`). Not chosen for `portal` itself, so Django still picks PortalConfig there."""

    default = False
    user_viewset = "portal.admin_views.UserViewSet"
