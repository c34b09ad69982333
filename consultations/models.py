"""Consultations put to school leaders, parents and partners."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ConsultationIndexPage(Page):
    """Every consultation, open ones first, with what was done with the answers once published."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text="Who consultations are for, and how the partnership uses what people say.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = self.get_children().live().public().specific()
        return context
