"""How the action pages name the people who wrote notes and made changes."""

from django import template

from actions.changes import person_name

register = template.Library()


@register.filter(name="person_name")
def person_name_filter(user):
    return person_name(user)
