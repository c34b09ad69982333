"""How pressing an action is, in words, for every table of actions and tasks."""

from django import template

from actions.progress import due_in_words

register = template.Library()


@register.filter(name="due_in_words")
def due_in_words_filter(action):
    return due_in_words(action)
