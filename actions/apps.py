from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """Action logs, priorities, task-and-finish work, agency pledges, milestones and attendance indicators."""

    name = "actions"
