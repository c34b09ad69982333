"""Every address the portal serves, opened by everyone, against one table of who may see what.

The addresses are discovered, not listed: every pattern in Django's URL resolver (Wagtail's admin,
allauth and Django's admin included), its converters filled from a seeded world
(tests/permission_world.py), and every page of the seeded page tree. Each is opened with a GET as each
role, and what happened is compared with TABLE: one row per URL pattern (by name) and per kind of page
(by type, and whether it is public, members only or not published). An address with no row fails the
test until someone decides who may see it. A GET to an address that only takes a POST is in the table too
(405, or a refusal before the method is looked at).

Status codes are half of it: a page that answers 200 may still show what it should not. So each role's
responses are also searched for words only others may read: group A's records (SECRETS), draft
minutes, other people's email addresses.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from django.utils.html import escape

from tests.permission_world import OTHER_SCHOOL_URN, ROLES, SCHOOL_URN, build_world

# What a request can come to ------------------------------------------------------------------------------

OK = "200"
SIGN_IN = "sign in"  # a redirect to the sign-in form (allauth's, or a form that leads there)
FORBIDDEN = "403"  # or the admin's "you do not have permission" redirect to its home
NOT_FOUND = "404"
NOT_ALLOWED = "405"  # a GET to an address that takes only a POST
REDIRECT = "redirect"  # elsewhere, showing nothing on the way
ERROR = "500"  # only Wagtail's deliberate error page for testing error reporting

SIGN_IN_FORMS = ("/accounts/login/", "/admin/login/", "/django-admin/login/", "/_util/login/")


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = response["Location"].removeprefix("http://testserver")
        if location.startswith(SIGN_IN_FORMS):
            return SIGN_IN
        if location == "/admin/" and refused_by_admin(response):
            return FORBIDDEN
        return REDIRECT
    return {200: OK, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(code, str(code))


def refused_by_admin(response) -> bool:
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return "do not have permission" in said


# Who -------------------------------------------------------------------------------------------------------

SIGNED_IN = ROLES[1:]
ADMIN_USERS = ("secretariat_a", "chair_a", "chair_b", "site_admin")  # page rights give them Wagtail's admin
GROUP_A = ("member_a", "secretariat_a", "chair_a", "site_admin")
A_STAFF = ("secretariat_a", "chair_a", "site_admin")  # group A's chairs and secretariat
A_CHAIR = ("chair_a", "site_admin")
SITE_ADMIN = ("site_admin",)


def rule(*allowed, anonymous=SIGN_IN, others=FORBIDDEN, **exceptions) -> dict:
    """OK for the roles allowed; anonymous visitors and everyone else as given; exceptions by role."""
    expected = {role: OK if role in allowed else others for role in ROLES}
    if "anonymous" not in allowed:
        expected["anonymous"] = anonymous
    return {**expected, **exceptions}


def everyone(result) -> dict:
    return dict.fromkeys(ROLES, result)


def admin(*allowed, others=FORBIDDEN, **exceptions) -> dict:
    """Wagtail's admin: whoever may not enter it is sent to sign in; inside, OK for the roles allowed."""
    inside = {role: others for role in ADMIN_USERS if role not in allowed}
    return rule(*allowed, others=SIGN_IN, **(inside | exceptions))


def django_admin(result=OK) -> dict:
    """Django's admin: staff only, and only the site admin is staff."""
    return rule(others=SIGN_IN, site_admin=result)


def named(namespace, expected, *names) -> dict:
    return {f"{namespace}:{name}": expected for name in names}


PUBLIC = everyone(OK)
SIGNED_IN_ONLY = rule(*SIGNED_IN)
ADMIN_ONLY = admin(*SITE_ADMIN)
IN_THE_ADMIN = admin(*ADMIN_USERS)
SNIPPET_VIEWS = ("list", "list_results", "add", "edit", "delete", "usage", "history", "history_results", "copy")
MODEL_VIEWS = ("index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy")
CHOOSER_VIEWS = ("choose", "choose_results", "chosen", "chosen_multiple")
VIEW_ONLY = {  # indicators, areas and imports come from DfE's files: the admin only looks at them
    **dict.fromkeys(("index", "index_results", "inspect"), ADMIN_ONLY),
    **dict.fromkeys(
        ("add", "edit", "delete", "copy", "history", "history_results", "usage"), admin(site_admin=FORBIDDEN)
    ),
}

# The table: one row per URL pattern (its name, or its pattern when it has none) --------------------------

TABLE = {
    # The portal's own pages.
    "portal:dashboard": SIGNED_IN_ONLY,
    "portal:profile": SIGNED_IN_ONLY,
    "portal:search": PUBLIC,
    # Group A's meetings, recorded by its chairs and secretariat.
    "governance:record_meeting": rule(*A_STAFF),
    "governance:check_meeting": rule(*A_STAFF),
    "governance:record_meeting_step": rule(*A_STAFF),
    "governance:record_meeting_done": rule(*A_STAFF),
    "governance:import_minutes": rule(*A_STAFF, "chair_b"),  # for the groups each may record for
    "governance:new_terms_version": rule(*A_STAFF),
    # Membership: personal data, for the group's chairs only.
    "governance:group_members": rule(*A_CHAIR),
    "governance:group_membership": rule(*A_CHAIR),
    # Draft minutes waiting for group A's chair: only its chairs read or answer them.
    "governance:read_draft": rule(*A_CHAIR),
    "governance:approve": rule(others=FORBIDDEN, chair_a=NOT_ALLOWED, site_admin=NOT_ALLOWED),
    "governance:send_back": rule(*A_CHAIR),
    "governance:approved": rule(*A_CHAIR),
    "governance:sent_back": rule(*A_CHAIR),
    # Group A's priorities, pledges and actions: inside the group only, and not even named outside it.
    "actions:priority": rule(*GROUP_A, anonymous=NOT_FOUND, others=NOT_FOUND),
    "actions:pledge": rule(*GROUP_A, anonymous=NOT_FOUND, others=NOT_FOUND),
    "actions:scorecard": PUBLIC,  # lists only the pledges the person may see (SECRETS)
    "actions:action_log": rule(*GROUP_A),
    "actions:action_log [open group]": PUBLIC,
    "actions:add_action": rule(*A_STAFF),
    "actions:action": rule(*GROUP_A, anonymous=NOT_FOUND, others=NOT_FOUND),
    "actions:action [open group, from unpublished minutes]": rule(
        "chair_b", "site_admin", anonymous=NOT_FOUND, others=NOT_FOUND
    ),
    "actions:edit_action": rule(*A_STAFF, others=NOT_FOUND, member_a=FORBIDDEN),
    "actions:stop_reminders": PUBLIC,  # the signed token in the address is the authority
    # Attendance figures: DfE's published figures are public; milestones follow their priority.
    "actions:figures": PUBLIC,
    "actions:area_figures": PUBLIC,
    "actions:indicator": PUBLIC,
    "actions:indicator_csv": PUBLIC,
    "actions:milestone": rule(*GROUP_A, anonymous=NOT_FOUND, others=NOT_FOUND),
    "actions:milestone [open group's priority]": PUBLIC,
    "actions:add_milestone": rule(*A_CHAIR),
    "actions:edit_milestone": rule(*A_CHAIR),
    # A school's data pack: its own verified staff and site admins; "not found" for everyone else.
    "actions:my_school": rule(others=NOT_FOUND, unverified_staff=REDIRECT, verified_head=REDIRECT),
    "actions:school_pack": rule("verified_head", "site_admin", others=NOT_FOUND),
    "actions:school_pack [another school]": rule("site_admin", others=NOT_FOUND),
    # Consultation answers: the asking group's chairs and secretariat; the outcome, its chairs.
    "consultations:analysis": rule(*A_STAFF),
    "consultations:analysis_written": rule(*A_STAFF),
    "consultations:export": rule(*A_STAFF),
    "consultations:outcome": rule(*A_CHAIR),
    "consultations:publish_outcome": rule(*A_CHAIR),
    "consultations:commitment_action": rule(others=FORBIDDEN, chair_a=NOT_ALLOWED, site_admin=NOT_ALLOWED),
    # Every page of the seeded tree, by its type and whether it is public, members only or not published.
    "page HomePage (public)": PUBLIC,
    "page ContentPage (public)": PUBLIC,
    "page PartnershipIndexPage (public)": PUBLIC,
    "page PartnershipGroupPage (public)": PUBLIC,
    "page PartnershipGroupPage (members only)": rule(*GROUP_A),
    "page MeetingPage (public)": PUBLIC,
    "page MeetingPage (members only)": rule(*GROUP_A),
    "page MeetingPage (not published)": everyone(NOT_FOUND),  # drafts are read through /approvals/<id>/draft/
    "page TermsOfReferencePage (members only)": rule(*GROUP_A),
    "page ConsultationIndexPage (public)": PUBLIC,
    "page ConsultationPage (public)": PUBLIC,
    # Wagtail's page serving itself (the home page), and what it serves beside pages.
    "wagtail_serve": PUBLIC,
    "page_calendar": rule(*GROUP_A),
    "page_calendar [open group]": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,  # a password form; group A has no password
    "wagtailcore_login": everyone(SIGN_IN),
    "_util/login/": everyone(SIGN_IN),
    # Group A's papers: Wagtail sends everyone outside the group to sign in.
    "wagtaildocs_serve": rule(*GROUP_A, others=SIGN_IN),
    "wagtaildocs_authenticate_with_password": PUBLIC,  # a password form; the papers have no password
    # Accounts (allauth): forms for visitors, the account's own pages for the signed in.
    "account_login": PUBLIC,
    "account_logout": rule(*SIGNED_IN, anonymous=REDIRECT),
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": SIGNED_IN_ONLY,
    "account_email": SIGNED_IN_ONLY,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN_ONLY,
    "account_set_password": rule(others=REDIRECT),  # everyone here has a password already
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": rule(others=REDIRECT),  # only part-way through signing in by code
    "account_confirm_email": PUBLIC,  # an unknown key says so
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,  # an unknown key says so
    "account_reset_password_done": PUBLIC,
    "account_request_login_code": PUBLIC,
    "mfa_index": SIGNED_IN_ONLY,
    "mfa_authenticate": rule(others=REDIRECT),  # only part-way through signing in
    "mfa_reauthenticate": rule(others=REDIRECT),
    "mfa_activate_totp": rule(others=REDIRECT),
    "mfa_deactivate_totp": rule(others=NOT_FOUND),  # nobody here has an authenticator app
    "mfa_view_recovery_codes": rule(others=NOT_FOUND),
    "mfa_generate_recovery_codes": rule(others=REDIRECT),
    "mfa_download_recovery_codes": rule(others=NOT_FOUND),
    # Wagtail's admin: its front door and the pages everyone who enters it uses.
    "admin/login/": everyone(SIGN_IN),
    "wagtailadmin_login": everyone(SIGN_IN),
    "wagtailadmin_home": IN_THE_ADMIN,
    "admin/test404/": IN_THE_ADMIN,
    "wagtailadmin_error_test": admin(*ADMIN_USERS, **dict.fromkeys(ADMIN_USERS, ERROR)),
    "wagtailadmin_account": IN_THE_ADMIN,
    "wagtailadmin_logout": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_dismissibles": IN_THE_ADMIN,
    "wagtailadmin_editing_sessions:ping": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_editing_sessions:release": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_block_preview": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),  # needs a block named
    "wagtailadmin_sprite": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
    "wagtailadmin_password_reset": everyone(NOT_FOUND),  # passwords are reset through allauth
    "wagtailadmin_password_reset_done": everyone(NOT_FOUND),
    "wagtailadmin_password_reset_confirm": everyone(NOT_FOUND),
    "wagtailadmin_password_reset_complete": everyone(NOT_FOUND),
    "admin/^.*/$": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),
    "wagtailadmin_tag_autocomplete": IN_THE_ADMIN,
    "wagtailadmin_tag_model_autocomplete": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),  # documents have none
    "wagtailembeds:chooser": IN_THE_ADMIN,
    "wagtailembeds:chooser_upload": IN_THE_ADMIN,
    # The admin's page tree, opened at group A (members only) and its meetings.
    "wagtailadmin_explore_root": admin("site_admin", **dict.fromkeys(A_STAFF[:2] + ("chair_b",), REDIRECT)),
    "wagtailadmin_explore": admin(*A_STAFF, chair_b=REDIRECT),
    "wagtailadmin_explore_results": admin(*A_STAFF, chair_b=REDIRECT),
    "wagtailadmin_pages:add": admin(*A_STAFF),
    "wagtailadmin_pages:preview_on_add": admin(*A_STAFF),
    "wagtailadmin_pages:add_subpage": admin(*A_STAFF),
    "wagtailadmin_pages:choose_parent": admin("site_admin", **dict.fromkeys(A_STAFF[:2] + ("chair_b",), REDIRECT)),
    "wagtailadmin_pages:type_use": IN_THE_ADMIN,  # lists only pages the person may edit (SECRETS)
    "wagtailadmin_pages:type_use_results": IN_THE_ADMIN,
    "wagtailadmin_pages:usage": admin(*A_STAFF),
    "wagtailadmin_pages:edit": admin(*A_STAFF),
    "wagtailadmin_pages:preview_on_edit": admin(*A_STAFF),
    "wagtailadmin_pages:view_draft": admin(*A_STAFF),
    "wagtailadmin_pages:copy": admin(*A_STAFF),
    "wagtailadmin_pages:delete": ADMIN_ONLY,
    "wagtailadmin_pages:unpublish": admin(*A_CHAIR),
    "wagtailadmin_pages:convert_alias": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),  # not an alias
    "wagtailadmin_pages:search": IN_THE_ADMIN,
    "wagtailadmin_pages:search_results": IN_THE_ADMIN,
    "wagtailadmin_pages:move": admin(*A_CHAIR),
    "wagtailadmin_pages:move_confirm": ADMIN_ONLY,  # chair A has no rights on group B, where it would go
    "wagtailadmin_pages:set_page_position": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_pages:lock": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_pages:unlock": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_pages:set_privacy": admin(*A_CHAIR),
    "wagtailadmin_pages:workflow_action": admin(*A_CHAIR),
    "wagtailadmin_pages:collect_workflow_action_data": admin(*A_CHAIR),
    "wagtailadmin_pages:confirm_workflow_cancellation": admin(*A_STAFF),
    "wagtailadmin_pages:workflow_preview": admin(*A_CHAIR),
    "wagtailadmin_pages:workflow_history": admin(*A_STAFF),
    "wagtailadmin_pages:workflow_history_detail": admin(*A_STAFF),
    "wagtailadmin_pages:revisions_index": admin(**dict.fromkeys(ADMIN_USERS, REDIRECT)),
    "wagtailadmin_pages:revisions_view": admin(*A_STAFF),
    "wagtailadmin_pages:revisions_revert": admin(*A_STAFF),
    "wagtailadmin_pages:revisions_unschedule": admin(*A_CHAIR),
    "wagtailadmin_pages:revisions_compare": admin(*A_STAFF),
    "wagtailadmin_pages:history": admin(*A_STAFF),
    "wagtailadmin_pages:history_results": admin(*A_STAFF),
    "wagtail_bulk_action": IN_THE_ADMIN,  # names only the pages the person may change (SECRETS)
    "wagtail_bulk_action [every action]": IN_THE_ADMIN,  # names none of them (SECRETS)
    "wagtail_bulk_action [every document]": admin("site_admin", others=NOT_FOUND),
    "wagtail_bulk_action [every account]": ADMIN_ONLY,
    "wagtailadmin_api:pages:listing": IN_THE_ADMIN,
    "wagtailadmin_api:pages:detail": admin(*A_STAFF, others=NOT_FOUND),
    "wagtailadmin_api:pages:find": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),  # needs a path to find
    "wagtailadmin_api:pages:action": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_api:documents:listing": IN_THE_ADMIN,
    "wagtailadmin_api:documents:detail": admin(*A_STAFF, others=NOT_FOUND),
    "wagtailadmin_api:documents:find": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),
    "wagtailadmin_api:images:listing": IN_THE_ADMIN,
    "wagtailadmin_api:images:detail": IN_THE_ADMIN,
    "wagtailadmin_api:images:find": admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)),
    # The page chooser (the portal's own views at Wagtail's addresses, and Wagtail's names for them).
    "admin/choose-page/<int:parent_page_id>/": admin(*A_STAFF, others=NOT_FOUND),
    "admin/choose-page/chosen-multiple/": IN_THE_ADMIN,
    "wagtailadmin_choose_page": IN_THE_ADMIN,
    "wagtailadmin_choose_page_child": admin(*A_STAFF, others=NOT_FOUND),
    "wagtailadmin_choose_page_search": IN_THE_ADMIN,
    "wagtailadmin_choose_page_chosen_multiple": IN_THE_ADMIN,
    "wagtailadmin_choose_page_external_link": IN_THE_ADMIN,
    "wagtailadmin_choose_page_email_link": IN_THE_ADMIN,
    "wagtailadmin_choose_page_phone_link": IN_THE_ADMIN,
    "wagtailadmin_choose_page_anchor_link": IN_THE_ADMIN,
    # Reports: each lists only pages the person may edit (SECRETS); locking needs the right to lock. The
    # portal serves them at Wagtail's addresses, so both its patterns and Wagtail's names have rows.
    **{
        f"admin/reports/{report}{results}": IN_THE_ADMIN
        for report in ("workflow/", "workflow_tasks/", "site-history/", "aging-pages/")
        for results in ("", "results/")
    },
    "admin/reports/locked/": admin("chair_a", "chair_b", "site_admin"),
    "admin/reports/locked/results/": admin("chair_a", "chair_b", "site_admin"),
    **named(
        "wagtailadmin_reports",
        IN_THE_ADMIN,
        *("workflow", "workflow_results", "workflow_tasks", "workflow_tasks_results", "site_history"),
        *("site_history_results", "aging_pages", "aging_pages_results", "page_types_usage", "page_types_usage_results"),
    ),
    **named("wagtailadmin_reports", admin("chair_a", "chair_b", "site_admin"), "locked_pages", "locked_pages_results"),
    # Consultation responses in Wagtail's form submissions: site admins only (chairs use the analysis).
    "wagtailforms:index": IN_THE_ADMIN,  # lists only form pages the person may edit
    "wagtailforms:index_results": IN_THE_ADMIN,
    **named("wagtailforms", ADMIN_ONLY, "list_submissions", "list_submissions_results", "delete_submissions"),
    "admin/forms/submissions/<int:page_id>/": ADMIN_ONLY,
    "admin/forms/submissions/<int:page_id>/results/": ADMIN_ONLY,
    # Collections, workflows and tasks: site admins; the workflow's task names name the group.
    **named("wagtailadmin_collections", ADMIN_ONLY, "index", "add", "edit", "set_privacy"),
    "wagtailadmin_collections:delete": admin("site_admin", others=NOT_FOUND),
    **named(
        "wagtailadmin_workflows",
        ADMIN_ONLY,
        *("index", "index_results", "add", "disable", "edit", "usage", "usage_results", "add_task"),
        *("task_index", "task_index_results", "edit_task", "disable_task"),
        *("task_chooser", "task_chooser_results", "task_chooser_create", "task_chosen"),
    ),
    **{f"admin/workflows/task_chooser/{address}": ADMIN_ONLY for address in ("", "results/", "create/")},
    "admin/workflows/task_chooser/<int:task_id>/": ADMIN_ONLY,
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": admin(*A_STAFF),
    **named("wagtailadmin_workflows", admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)), "enable", "enable_task"),
    "wagtailadmin_workflows:remove": admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
    "wagtailadmin_workflows:select_task_type": ADMIN_ONLY | {"site_admin": REDIRECT},  # one kind of task
    # Redirects, settings, sites, users and groups: site admins.
    **named("wagtailredirects", ADMIN_ONLY, "index", "index_results", "add", "edit", "delete", "start_import"),
    "wagtailredirects:process_import": ADMIN_ONLY | {"site_admin": NOT_ALLOWED},
    **named("wagtailsettings", admin(**dict.fromkeys(ADMIN_USERS, NOT_FOUND)), "edit", "preview_on_edit"),
    **named("wagtailsites", ADMIN_ONLY, *MODEL_VIEWS),
    **named("wagtailusers_users", ADMIN_ONLY, *MODEL_VIEWS),
    **named("wagtailusers_groups", ADMIN_ONLY, *MODEL_VIEWS[:-1]),
    **named("school_staff", ADMIN_ONLY, *MODEL_VIEWS[:-1]),
    # Documents and images: site admins manage them; group A's paper is for group A.
    **named("wagtaildocs", ADMIN_ONLY, "index", "index_results", "add", "edit", "delete", "add_multiple"),
    "wagtaildocs:document_usage": ADMIN_ONLY,
    **named(
        "wagtaildocs",
        admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
        *("edit_multiple", "create_multiple_from_uploaded_document", "delete_multiple", "delete_upload_multiple"),
    ),
    **named("wagtaildocs_chooser", IN_THE_ADMIN, "choose", "choose_results", "chosen_multiple"),
    "wagtaildocs_chooser:chosen": ADMIN_ONLY,  # chairs may choose from no collection
    "wagtaildocs_chooser:create": ADMIN_ONLY,
    **named("wagtailimages", ADMIN_ONLY, "index", "index_results", "edit", "delete", "preview", "add"),
    **named("wagtailimages", ADMIN_ONLY, "image_usage", "add_multiple"),
    **named("wagtailimages", ADMIN_ONLY | {"site_admin": NOT_FOUND}, "url_generator", "url_generator_output"),
    **named(
        "wagtailimages",
        admin(**dict.fromkeys(ADMIN_USERS, NOT_ALLOWED)),
        *("edit_multiple", "create_multiple_from_uploaded_image", "delete_multiple", "delete_upload_multiple"),
    ),
    **named("wagtailimages_chooser", IN_THE_ADMIN, "choose", "choose_results", "chosen_multiple"),
    **named("wagtailimages_chooser", ADMIN_ONLY, "chosen", "create", "select_format"),
    # Snippets: site admins edit them. Choosers (used while editing pages) offer only what the person
    # may see on the site: group A's actions, priorities, pledges and memberships stay inside group A.
    "wagtailsnippets:index": ADMIN_ONLY,
    **{
        key: expected
        for model in ("portal_verifiedschooldomain", "governance_organisation", "governance_person")
        for key, expected in {
            **named(f"wagtailsnippets_{model}", ADMIN_ONLY, *SNIPPET_VIEWS),
            **named(f"wagtailsnippetchoosers_{model}", IN_THE_ADMIN, *CHOOSER_VIEWS),
            f"wagtailsnippetchoosers_{model}:create": ADMIN_ONLY,
        }.items()
    },
    **{
        key: expected
        for model in (
            "governance_membership",
            "actions_action",
            "actions_priority",
            "actions_pledge",
            "actions_milestone",
        )
        for key, expected in {
            **named(f"wagtailsnippets_{model}", ADMIN_ONLY, *SNIPPET_VIEWS),
            **named(f"wagtailsnippetchoosers_{model}", IN_THE_ADMIN, "choose", "choose_results", "chosen_multiple"),
            f"wagtailsnippetchoosers_{model}:chosen": admin(*A_STAFF, others=NOT_FOUND),
            f"wagtailsnippetchoosers_{model}:create": ADMIN_ONLY,
        }.items()
    },
    # Attendance indicators: DfE's figures, read-only in the admin; importing them is for site admins.
    **{f"indicator:{view}": expected for view, expected in VIEW_ONLY.items()},
    **{f"area:{view}": expected for view, expected in VIEW_ONLY.items()},
    **{f"indicatorimport:{view}": expected for view, expected in VIEW_ONLY.items()},
    "import_figures:upload": ADMIN_ONLY,
    # Figure uploads, read-only: the world holds none, so one upload's pages are not found (who may open one
    # is tests/actions/test_indicator_upload.py's to prove).
    **{f"figure_imports:{view}": expected for view, expected in VIEW_ONLY.items()},
    **named("figure_imports", admin(others=NOT_FOUND), "inspect", "delete", "history", "history_results", "usage"),
    "figure_imports:queue_again": admin(site_admin=NOT_FOUND),  # a POST, and the world holds no upload
    **named("statistical_neighbours", ADMIN_ONLY, "index", "index_results", "inspect"),
    **named("statistical_neighbours", admin(site_admin=FORBIDDEN), "add", "edit", "copy", "delete"),
    **named("statistical_neighbours", admin(site_admin=FORBIDDEN), "history", "history_results", "usage"),
    **named("peer_sets", ADMIN_ONLY, *MODEL_VIEWS, "inspect"),
    # Django's admin (accounts' history, email addresses, two-factor devices): staff only.
    "django-admin/login/": everyone(SIGN_IN),
    "admin:login": everyone(SIGN_IN),
    "django-admin/password_change/": everyone(REDIRECT),  # to allauth's form, which asks for a sign-in
    "admin:password_change": everyone(REDIRECT),
    "admin:logout": django_admin(NOT_ALLOWED) | {role: REDIRECT for role in ROLES[:-1]},
    "admin:index": django_admin(),
    "admin:password_change_done": django_admin(),
    "admin:autocomplete": django_admin(FORBIDDEN),  # needs a field to complete
    "admin:jsi18n": django_admin(),
    "admin:view_on_site": django_admin(NOT_FOUND),  # the waiting minutes are not published
    "admin:app_list": django_admin(),
    "django-admin/(?P<url>.*)$": django_admin(NOT_FOUND),
    **{
        key: expected
        for app, model in (
            ("portal", "user"),
            ("wagtaildocs", "document"),
            ("wagtailimages", "image"),
            ("taggit", "tag"),
            ("account", "emailaddress"),
            ("mfa", "authenticator"),
            ("django_tasks_database", "dbtaskresult"),
            ("auth", "group"),
        )
        for key, expected in {
            **named("admin", django_admin(), *(f"{app}_{model}_{view}" for view in ("changelist", "add", "history"))),
            **named("admin", django_admin(), f"{app}_{model}_delete", f"{app}_{model}_change"),
            f"django-admin/{app}/{model}/<path:object_id>/": django_admin(REDIRECT),
        }.items()
    },
    "admin:portal_user_simple_history": django_admin(),
    "admin:taggit_tag_merge_tags": django_admin(),
}
# What differs from the rows above for Django's admin, where the seeded world has nothing to open.
TABLE |= {
    "django-admin/wagtaildocs/document/<path:object_id>/": django_admin(REDIRECT),
    **named("admin", django_admin(REDIRECT), "mfa_authenticator_history", "mfa_authenticator_delete"),
    **named("admin", django_admin(REDIRECT), "mfa_authenticator_change"),
    # Task results are written by the task queue, never by hand, and none has run here.
    **named("admin", django_admin(FORBIDDEN), "django_tasks_database_dbtaskresult_add"),
    **named("admin", django_admin(FORBIDDEN), "django_tasks_database_dbtaskresult_delete"),
    **named("admin", django_admin(REDIRECT), "django_tasks_database_dbtaskresult_history"),
    **named("admin", django_admin(REDIRECT), "django_tasks_database_dbtaskresult_change"),
}


# Words each role may read only if it is among the roles named: found anywhere else, something leaked.
SECRETS = {
    # Group A's name is public on the consultations it asks in the open; its workflow and task are named after it.
    "Chair approval: Attendance partnership": GROUP_A,
    "Approval by a chair of Attendance partnership": GROUP_A,
    "Papers: Attendance partnership": GROUP_A,  # the collections of its papers, named after it too
    "Draft papers: Attendance partnership": GROUP_A,
    "Spring meeting": GROUP_A,  # its published meeting
    "Group A paper on absence": GROUP_A,  # a paper from it
    "Circulate group A": GROUP_A,  # its action
    "Persistent absence in Year 9": GROUP_A,  # its priority
    "Group A attendance milestone": GROUP_A,  # its milestone
    "Approved minutes of group A": GROUP_A,  # its published minutes
    "Draft minutes of Summer meeting": A_STAFF,  # minutes waiting for the chair
    "Draft minutes of Winter meeting": A_STAFF,  # minutes sent back to the secretariat
}


# Addresses that may name people whoever asks (so personal details are not looked for there), and why.
NAMES_PEOPLE = {
    "actions:stop_reminders": "the link in a reminder email carries its own authority, and says whose it is",
    "wagtailsnippetchoosers_governance_person:choose": "anyone may lead an agenda item or sit in a register",
    "wagtailsnippetchoosers_governance_person:choose_results": "the same list, searched",
}


def personal_details(world) -> dict:
    """Email addresses: each person's own, and for site admins; a group's members' for its chairs. Names:
    who sits on a members-only group."""
    found = {}
    for role in ("parent", "unverified_staff", "verified_head"):
        found[world.users[role].email] = (role, "site_admin")
    found[world.users["member_a"].email] = ("member_a", "chair_a", "site_admin")
    found[world.users["secretariat_a"].get_full_name()] = GROUP_A  # who sits on group A
    return found


# Filling in the addresses -----------------------------------------------------------------------------


def routes(resolver=None, levels=()):
    """(key, levels) for every URL pattern: its namespaced name, or its pattern text when it has none."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry, (*levels, entry))
            continue
        namespaces = [level.namespace for level in levels if level.namespace]
        pattern = "".join(str(level.pattern) for level in (*levels, entry))
        key = ":".join([*namespaces, entry.name]) if entry.name else pattern
        yield key, (*levels, entry)


CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def filled(level, values: dict, positional: list) -> str:
    """One level of a pattern with its converters or regex groups replaced by values."""
    text = str(level.pattern)
    if type(level.pattern).__name__ == "RoutePattern":
        return CONVERTER.sub(lambda match: str(values[match.group(1)]), text)
    out, index = [], 0
    while index < len(text):
        if text.startswith("(?P<", index) or (text[index] == "(" and not text.startswith("(?", index)):
            name = re.match(r"\(\?P<(\w+)>", text[index:])
            out.append(str(values[name.group(1)] if name else positional.pop(0)))
            index = closing_parenthesis(text, index) + 1
            index += index < len(text) and text[index] in "?*+"
            continue
        out.append(text[index])
        index += 1
    return "".join(out).removeprefix("^").removesuffix("$").replace("\\.", ".").replace("/?", "/")


def closing_parenthesis(text, start) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index - 1] != "\\":
            depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"Unbalanced pattern: {text}")


def model_of(callback):
    """The model an admin view works on: Wagtail's viewsets pass it to the view; Django's admin wraps its
    ModelAdmin."""
    if hasattr(callback, "model_admin"):
        return callback.model_admin.model
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    model = model or getattr(getattr(callback, "view_class", None), "model", None)
    if isinstance(model, str):
        return apps.get_model(model)
    return model if isinstance(model, type) else None


def instance_for(world, key, model):
    """The seeded record of this model an address opens: group A's where there is one."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Site, Task, Workflow

    from actions.models import Action, Area, ComparatorSet, Indicator, Milestone, Pledge, Priority
    from governance.models import Membership, Organisation, Person
    from portal.models import User, VerifiedSchoolDomain

    pages, records, users = world.pages, world.records, world.users
    chosen = {
        Action: records["action_a"],
        Priority: records["priority_a"],
        Pledge: records["pledge_a"],
        Milestone: records["milestone_a"],
        Membership: records["membership_a"],
        Person: users["chair_a"].person,
        Organisation: records["pledge_a"].organisation,
        User: users["verified_head"],
        VerifiedSchoolDomain: records["domain"],
        Indicator: records["indicator"],
        Area: records["sheffield"],
        ComparatorSet: records["peer_set" if key.startswith("peer_sets:") else "neighbours"],
        Group: Group.objects.get(pk=pages["group_a"].chairs_group_id),
        Workflow: pages["group_a"].get_workflow(),
        Task: records["task_state"].task,
        Collection: records["draft_papers"],
        Site: records["site"],
    }
    if model in chosen:
        return chosen[model]
    return model._default_manager.order_by("pk").first() if model is not None else None


def default_values(world, key, callback) -> dict:
    """What fills each converter, by its name, unless ARGUMENTS says otherwise for the address."""
    pages, records = world.pages, world.records
    record = instance_for(world, key, model_of(callback))
    return {
        "group_id": pages["group_a"].pk,
        "page_id": pages["group_a"].pk,
        "parent_page_id": pages["group_a"].pk,
        "page_to_move_id": pages["meeting_a"].pk,
        "destination_id": pages["group_b"].pk,
        "meeting_id": pages["sent_back_minutes_a"].pk,
        "pk": record.pk if record else 0,
        "object_id": record.pk if record else 0,
        "document_id": records["document"].pk,
        "doc_id": records["document"].pk,
        "image_id": records["image"].pk,
        "uploaded_file_id": records["uploaded_file"].pk,
        "collection_id": records["draft_papers"].pk,
        "redirect_id": records["redirect"].pk,
        "task_id": records["task_state"].task_id,
        "task_state_id": records["task_state"].pk,
        "workflow_state_id": records["workflow_state"].pk,
        "session_id": 0,
        "app_label": "governance",
        "app_name": "governance",
        "model_name": "meetingpage",
        "content_type_app_name": "governance",
        "content_type_model_name": "meetingpage",
        "action_name": "approve",
        "filter_spec": "fill-10x10",
        "code": records["sheffield"].code,
        "indicator": records["indicator"].code,
        "urn": SCHOOL_URN,
        "priority_pk": records["priority_a"].pk,
        "reference": records["action_a"].reference,
        "token": records["stop_token"],
        "step": "details",
        "question_id": pages["consultation_a"].questions.first().pk,
    }


def waiting(world):
    return world.pages["waiting_minutes_a"]


def waiting_revision(world):
    return {"page_id": waiting(world).pk, "revision_id": waiting(world).latest_revision_id}


def consultation(name):
    return lambda world: {"page_id": world.pages[name].pk}


ARGUMENTS = {
    # Wagtail's admin: group A's pages, the minutes waiting for its chair, and their workflow.
    "wagtailadmin_api:pages:detail": lambda w: {"pk": w.pages["group_a"].pk},
    "wagtailadmin_api:pages:action": lambda w: {"pk": w.pages["meeting_a"].pk, "action_name": "copy"},
    "wagtailadmin_api:documents:detail": lambda w: {"pk": w.records["document"].pk},
    "wagtailadmin_api:images:detail": lambda w: {"pk": w.records["image"].pk},
    "wagtailadmin_pages:workflow_action": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:collect_workflow_action_data": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:confirm_workflow_cancellation": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:workflow_preview": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:workflow_history_detail": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:view_draft": lambda w: {"page_id": waiting(w).pk},
    "wagtailadmin_pages:revisions_view": waiting_revision,
    "wagtailadmin_pages:revisions_revert": waiting_revision,
    "wagtailadmin_pages:revisions_unschedule": waiting_revision,
    "wagtailadmin_pages:revisions_compare": lambda w: {
        "pk": waiting(w).pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
    },
    "wagtailadmin_workflows:remove": lambda w: {
        "page_pk": w.pages["group_a"].pk,
        "workflow_pk": w.pages["group_a"].get_workflow().pk,
    },
    "wagtailadmin_workflows:add_task": lambda w: {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    **{
        f"wagtailadmin_workflows:{name}": lambda w: {"pk": w.records["task_state"].task_id}
        for name in ("edit_task", "disable_task", "enable_task")
    },
    "wagtailadmin_editing_sessions:ping": lambda w: {
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": w.pages["group_a"].pk,
    },
    "wagtailadmin_tag_model_autocomplete": lambda w: {"app_name": "wagtaildocs", "model_name": "document"},
    "wagtailsettings:edit": lambda w: {"app_name": "portal", "model_name": "homepage", "pk": w.records["site"].pk},
    "wagtailsettings:preview_on_edit": lambda w: {
        "app_name": "portal",
        "model_name": "homepage",
        "pk": w.records["site"].pk,
    },
    "wagtailforms:list_submissions": consultation("consultation_a"),
    "wagtailforms:list_submissions_results": consultation("consultation_a"),
    "wagtailforms:delete_submissions": consultation("consultation_a"),
    "admin/forms/submissions/<int:page_id>/": consultation("consultation_a"),
    "admin/forms/submissions/<int:page_id>/results/": consultation("consultation_a"),
    "wagtailadmin_password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    "wagtaildocs_chooser:chosen": lambda w: {"pk": w.records["document"].pk},
    "wagtailimages_chooser:chosen": lambda w: {"pk": w.records["image"].pk},
    # Django's admin.
    "admin:view_on_site": lambda w: {"content_type_id": w.records["content_type"].pk, "object_id": waiting(w).pk},
    "admin:portal_user_simple_history": lambda w: {
        "*": [w.users["verified_head"].pk, w.users["verified_head"].history.latest().history_id]
    },
    "admin:app_list": lambda w: {"app_label": "portal"},
    "django-admin/(?P<url>.*)$": lambda w: {"url": "no-such-address/"},
    # Wagtail's documents and pages, and allauth's keys.
    "wagtaildocs_serve": lambda w: {"*": [w.records["document"].pk, w.records["document"].filename]},
    "wagtaildocs_authenticate_with_password": lambda w: {"restriction_id": w.records["papers_restriction"].pk},
    "wagtailcore_authenticate_with_password": lambda w: {
        "page_view_restriction_id": w.records["group_a_restriction"].pk,
        "page_id": w.pages["group_a"].pk,
    },
    "page_calendar": lambda w: {"path": w.pages["group_a"].url.strip("/") + "/meetings.ics"},
    "wagtail_serve": lambda w: {"*": [""]},
    "account_confirm_email": lambda w: {"key": "not-a-key"},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "set-password"},
    # The portal's own pages: group A's records, and the minutes waiting for its chair.
    "governance:read_draft": lambda w: {"page_id": waiting(w).pk},
    "governance:approve": lambda w: {"page_id": waiting(w).pk},
    "governance:send_back": lambda w: {"page_id": waiting(w).pk},
    "governance:approved": lambda w: {"page_id": w.pages["approved_minutes_a"].pk},
    "governance:sent_back": lambda w: {"page_id": w.pages["sent_back_minutes_a"].pk},
    "governance:group_membership": lambda w: {"pk": w.records["membership_a"].pk},
    "actions:priority": lambda w: {"pk": w.records["priority_a"].pk},
    "actions:pledge": lambda w: {"pk": w.records["pledge_a"].pk},
    "actions:scorecard": lambda w: {"pk": w.records["pledge_a"].organisation_id},
    "actions:milestone": lambda w: {"pk": w.records["milestone_a"].pk},
    "actions:edit_milestone": lambda w: {"pk": w.records["milestone_a"].pk},
    "consultations:analysis": consultation("consultation_a"),
    "consultations:analysis_written": consultation("consultation_a"),
    "consultations:export": consultation("consultation_a"),
    "consultations:outcome": consultation("closed_consultation_a"),
    "consultations:publish_outcome": consultation("closed_consultation_a"),
    "consultations:commitment_action": lambda w: {
        "page_id": w.pages["closed_consultation_a"].pk,
        "pk": w.records["commitment"].pk,
    },
}
# Addresses whose pattern is easier written out than filled in.
PATHS = {
    "admin/^.*/$": lambda w: "/admin/no-such-address/",
    "wagtail_bulk_action": lambda w: f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={w.pages['group_a'].pk}",
}
# A second case of an address, where who may see it turns on what it opens: (the address's key, arguments).
VARIANTS = {
    "actions:milestone [open group's priority]": ("actions:milestone", lambda w: {"pk": w.records["milestone_b"].pk}),
    "actions:school_pack [another school]": ("actions:school_pack", lambda w: {"urn": OTHER_SCHOOL_URN}),
    "actions:action [open group, from unpublished minutes]": (
        "actions:action",
        lambda w: {"reference": w.records["action_b_from_draft"].reference},
    ),
    "actions:action_log [open group]": ("actions:action_log", lambda w: {"group_id": w.pages["group_b"].pk}),
    "page_calendar [open group]": (
        "page_calendar",
        lambda w: {"path": w.pages["group_b"].url.strip("/") + "/meetings.ics"},
    ),
}


PATH_VARIANTS = {
    "wagtail_bulk_action [every action]": lambda w: "/admin/bulk/actions/action/delete/?id=all",
    "wagtail_bulk_action [every document]": lambda w: "/admin/bulk/wagtaildocs/document/delete/?id=all",
    "wagtail_bulk_action [every account]": lambda w: "/admin/bulk/portal/user/delete/?id=all",
}


def address(key, levels, world, arguments=None) -> str:
    if key in PATHS:
        return PATHS[key](world)
    arguments = arguments or ARGUMENTS.get(key, lambda world: {})
    values = {**default_values(world, key, levels[-1].callback), **arguments(world)}
    positional = list(values.get("*", []))
    return "/" + "".join(filled(level, values, positional) for level in levels)


def addresses(world) -> dict:
    """{key: address} for every URL pattern, and each variant. Where two patterns share a name, the first
    is the one the name reverses to."""
    found, levels_by_key = {}, {}
    for key, levels in routes():
        if key not in found:
            found[key], levels_by_key[key] = address(key, levels, world), levels
    for variant, (key, arguments) in VARIANTS.items():
        found[variant] = address(key, levels_by_key[key], world, arguments)
    return found | {variant: path(world) for variant, path in PATH_VARIANTS.items()}


def page_addresses(world) -> dict:
    """{(its row in TABLE, title): address} for every page of the seeded tree, live or not."""
    from wagtail.models import Page

    found = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        row = f"page {type(page).__name__} ({standing(page)})"
        found[(row, page.title)] = "/" + page.url_path.split("/", 2)[2]
    return found


def standing(page) -> str:
    if not page.live:
        return "not published"
    return "members only" if page.get_view_restrictions().exists() else "public"


# Running it --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seeded world for the whole module, rolled back at its end."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


class RoleClient:
    """A test client signed in as one role throughout: signed in again if a page drops the session cookie
    (Wagtail's admin sign-out does, even when it refuses a GET), and with no messages carried over."""

    def __init__(self, user):
        self.user, self.client = user, Client(raise_request_exception=False)
        self.sign_in()

    def sign_in(self):
        if self.user is not None:
            self.client.force_login(self.user)

    def get(self, path):
        response = self.client.get(path)
        self.client.cookies.pop("messages", None)
        session = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        if session is None or not session.value:
            self.sign_in()
        return response


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def test_every_address_and_page_has_a_row(world, db):
    discovered = set(addresses(world)) | {row for row, _ in page_addresses(world)}
    missing = sorted(discovered - TABLE.keys())
    assert not missing, "No row in TABLE says who may open these addresses:\n" + "\n".join(missing)
    stale = sorted(TABLE.keys() - discovered)
    assert not stale, "TABLE has rows for addresses the portal no longer serves:\n" + "\n".join(stale)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_only_what_the_table_allows(world, db, role):
    client = RoleClient(world.users[role])
    cases = {key: (path, TABLE.get(key)) for key, path in addresses(world).items()}
    cases |= {f"{row}: {title}": (path, TABLE.get(row)) for (row, title), path in page_addresses(world).items()}
    secrets = [word for word, allowed in SECRETS.items() if role not in allowed]
    personal = [word for word, allowed in personal_details(world).items() if role not in allowed]
    answered, wrong, leaks = {}, [], []
    for key, (path, expected) in cases.items():
        if path not in answered:  # several patterns can share an address (the portal's own before Wagtail's)
            response = client.get(path)
            answered[path] = outcome(response), body(response)
        result, shown = answered[path]
        if expected is not None and result != expected[role]:
            wrong.append(f"{key}  GET {path}: {result}, the table says {expected[role]}")
        hidden = secrets + (personal if key not in NAMES_PEOPLE else [])
        leaks += [f"{key}  GET {path} shows {word!r}" for word in hidden if word in shown or escape(word) in shown]
    assert not wrong + leaks, f"As {role}:\n" + "\n".join(wrong + leaks)


@pytest.mark.parametrize("chooser", ["actions/action", "actions/priority"])
@pytest.mark.parametrize(("role", "finds"), [("chair_a", True), ("chair_b", False)])
def test_searching_a_chooser_finds_only_what_the_person_may_see(world, db, chooser, role, finds):
    """Wagtail's snippet choosers once listed a members-only group's actions and priorities to every chair."""
    wanted = {"actions/action": "Circulate group A", "actions/priority": "Persistent absence in Year 9"}[chooser]
    search = wanted.split()[-1]
    response = RoleClient(world.users[role]).get(f"/admin/snippets/choose/{chooser}/results/?q={search}")
    assert response.status_code == 200
    assert (wanted in body(response)) is finds
