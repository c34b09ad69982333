from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Partnership groups, their terms of reference, membership, meetings and minutes."""

    name = "governance"

    def ready(self):
        from . import signals  # noqa: F401
