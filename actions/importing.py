"""Actions found in imported minutes become real actions on the group's log when the draft is saved.

Registered through governance's `keep_imported_actions` hook. The person confirming the import has
already corrected or dropped each one on the confirmation screen; owners are matched to people
already on the portal (honorifics aside) before anyone new is added.
"""

from wagtail import hooks

from actions.services import create_action
from governance.importing import PeopleRegister

TITLE_LENGTH = 250


@hooks.register("keep_imported_actions")
def keep_imported_actions(meeting, group, parsed_actions, user):
    people = PeopleRegister([action.owner for action in parsed_actions if action.owner])
    for parsed in parsed_actions:
        text = parsed.text.strip()
        title = text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
        create_action(
            group,
            title,
            created_by=user,
            detail=text if title != text else "",
            meeting=meeting,
            owner=people.person(parsed.owner) if parsed.owner else None,
        )
