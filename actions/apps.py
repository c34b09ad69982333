from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """Action logs, priorities, task-and-finish work, agency pledges, milestones and attendance indicators."""

    name = "actions"

    def ready(self):
        from . import signals  # noqa: F401
