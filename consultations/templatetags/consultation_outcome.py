"""The published outcome for `templates/consultations/includes/outcome.html`, wherever that is included.

The consultation page includes the section without knowing what it needs: the tag reads it through
`consultations.outcome.outcome_for`, with the visitor's request so action links follow their rights.
"""

from django import template

from consultations.outcome import outcome_for

register = template.Library()


@register.simple_tag(takes_context=True)
def outcome_of(context, page):
    return outcome_for(page, context.get("request"))
