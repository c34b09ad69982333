from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project's own app: accounts, site-wide pages and the helpers every other app shares."""

    name = "portal"
    verbose_name = "Partnership Portal"

    def ready(self):
        from . import signals  # noqa: F401
