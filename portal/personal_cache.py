"""A signed-in person's own pages, kept in the shared cache until anything in the database changes.

(Anonymous visitors with no session share one copy per address, as they share public pages: the site
search, whose results no list of signals could say when to forget.)

The dashboard, the action log, the chairs' membership page, the meeting recorder's steps and a
consultation's analysis are rendered for one person, from many records. Rendering them costs tens of
milliseconds (the analysis of 100,000 responses, half a second), while most requests for them
change nothing: a chair opens the dashboard, goes elsewhere, comes back.

A view wrapped in `cache_for_person` keeps its page under a key made of:

- the person's session (its key and data) and CSRF cookie, so a page is only ever served back to
  the same signed-in browser, whose session Django's authentication has checked on this request;
- the address, and today's date, so "due tomorrow" and rights that end on a date move at midnight;
- the data generation, a token replaced whenever the database changes.

**Invalidation is by every write, not by a list of signals.** `watch_writes` wraps each database
connection (`connection.execute_wrappers`): any INSERT, UPDATE, DELETE or TRUNCATE, from a view, the
admin, a task worker, an import or `queryset.update()`, replaces the generation once it is committed:
once when its transaction commits (so a page rendered while the transaction was open, from data as it
was, is not kept either), or, in autocommit, before the connection's next statement or when the
request or task ends, whichever comes first. A rolled-back transaction changed nothing, and its
replacement is dropped with its other on-commit callbacks. Writes to the session, cache and
task tables are not changes to what a page shows and are not counted. The generation lives in the
shared cache, so every app server sees a change made through any of them.

A page is stored only if it is a 200 answered to a GET without setting a new cookie, with no message
waiting or added and the session unchanged, and is kept for `PERSONAL_CACHE_SECONDS` (60) at most, so
a consultation closing at five o'clock shows as closed within a minute even if nothing was written.
"""

import functools
import hashlib
import json
import logging
import re
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.cache import patch_cache_control

from portal.page_cache import PageCache, page_cache

logger = logging.getLogger(__name__)
GENERATION_KEY = "personal-cache:generation"
STATUS_HEADER = "X-Page-Cache"
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?[`"]?(\w+)', re.I)
NOT_SHOWN = {"django_session", "django_tasks_database_dbtaskresult"}
CHANGED = "portal_data_changed"  # set on a connection whose committed write has not yet replaced the generation


def seconds():
    return getattr(settings, "PERSONAL_CACHE_SECONDS", 60)


# What counts as a change


def tables_not_shown():
    """The session, task and database-cache tables: writing them changes nothing a page shows."""
    cache_tables = {
        options["LOCATION"] for options in settings.CACHES.values() if options["BACKEND"].endswith("DatabaseCache")
    }
    return NOT_SHOWN | cache_tables


def replace_generation():
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except DatabaseError:
        # The database cache's table is made by a migration; writes before it (the first `migrate`) have
        # no stored page to empty. Called only outside a transaction, so nothing else is aborted.
        logger.info("The page cache could not be emptied: its table is not there yet.", exc_info=True)


def note_writes(execute, sql, params, many, context):
    connection = context["connection"]
    if getattr(connection, CHANGED, False) and not in_real_transaction(connection):
        replace_pending_generation(connection)
    result = execute(sql, params, many, context)
    found = WRITE.match(sql)
    if found and found.group(1) not in tables_not_shown():
        data_changed(connection)
    return result


def data_changed(connection):
    """In a transaction, once, when it commits: until then no other connection sees the change, and a page
    rendered meanwhile is from data as it was. A write already committed (autocommit) is marked, and the
    generation replaced before the connection's next statement, or when the request or task ends: not
    inside this statement, whose result may still be being read (SQLite keeps an INSERT … RETURNING open
    until its row is fetched, and a write to the database cache then would roll it back)."""
    if not in_real_transaction(connection):
        setattr(connection, CHANGED, True)
    elif not replacement_queued(connection):
        connection.on_commit(replace_generation)


def replace_pending_generation(connection):
    setattr(connection, CHANGED, False)
    replace_generation()


def replace_generations_pending_at_exit():
    try:
        replace_generations_pending()
    except Exception:  # the process is ending: a cache or database already gone must not print a traceback
        logger.warning("A change made just before exit may show on kept pages for up to a minute.", exc_info=True)


def replace_generations_pending(**kwargs):
    """At the end of a request or a task, and at exit: any change still marked replaces the generation."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, CHANGED, False) and not in_real_transaction(connection):
            replace_pending_generation(connection)


def in_real_transaction(connection):
    """In a transaction that will commit: not autocommit, and not inside a test case's own atomic block
    (which never commits, so a test sees what production sees after each commit)."""
    return connection.in_atomic_block and not getattr(connection.atomic_blocks[0], "_from_testcase", False)


def replacement_queued(connection):
    return any(callback is replace_generation for _savepoints, callback, _robust in connection.run_on_commit)


def watch_writes(sender=None, connection=None, **kwargs):
    """Connected to `connection_created`; also run at start-up for connections already open."""
    connections_to_watch = [connection] if connection is not None else connections.all(initialized_only=True)
    for watched in connections_to_watch:
        if note_writes not in watched.execute_wrappers:
            watched.execute_wrappers.append(note_writes)


# The cache itself


class PersonalCache(PageCache):
    last_generation = "0"
    generation_key = GENERATION_KEY

    def __init__(self):
        super().__init__(kind="personal")

    def key(self, request, generation):
        session = request.session
        identity = json.dumps(
            [
                session.session_key,
                dict(session.items()),
                request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
                request.user.pk,
                request.get_host(),
                request.get_full_path(),
                timezone.localdate().isoformat(),
            ],
            sort_keys=True,
            default=str,
        )
        return f"personal-cache:{generation}:{hashlib.sha256(identity.encode()).hexdigest()}"

    def store(self, request, response, generation):
        self.cache.set(self.key(request, generation), response, seconds())


def messages_waiting(request) -> bool:
    return bool(request.COOKIES.get(CookieStorage.cookie_name)) or SessionStorage.session_key in request.session


def sets_no_new_cookie(request, response) -> bool:
    """Django sends the CSRF cookie again with every page that has a form, to renew its expiry; the same
    value again is no change (and it is part of the key). Any other cookie is."""
    csrf_name = settings.CSRF_COOKIE_NAME
    return all(
        name == csrf_name and morsel.value == request.COOKIES.get(csrf_name)
        for name, morsel in response.cookies.items()
    )


def may_store(request, response) -> bool:
    storage = getattr(request, "_messages", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and sets_no_new_cookie(request, response)
        and not getattr(response, "streaming", False)
        and "attachment" not in response.get("Content-Disposition", "")
        and not request.session.modified
        and not (storage is not None and storage._queued_messages)
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_for_person(view=None, *, anonymous=False):
    """Serves a signed-in person's GET of this view from the shared cache while nothing has changed.

    With `anonymous=True`, visitors who are not signed in get the same treatment (one copy per address
    for all who hold no session): for views the anonymous page cache cannot keep, such as the search.

    Wrap only views whose page depends on nothing but the database, the person, the address and the
    day. The view still runs its own checks on the first request; later ones are served to the same
    session only, after Django's authentication has checked it.
    """

    if view is None:
        return functools.partial(cache_for_person, anonymous=anonymous)

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if (
            request.method not in {"GET", "HEAD"}
            or not getattr(settings, "PERSONAL_CACHE", True)
            or not (anonymous or request.user.is_authenticated)
            or messages_waiting(request)
        ):
            return view(request, *args, **kwargs)
        store = PersonalCache()
        cached, generation = store.lookup(request)
        if cached is not None:
            cached[STATUS_HEADER] = "personal-hit"
            return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if request.user.is_authenticated:
            # Never kept by a browser or a proxy: it is one person's page.
            patch_cache_control(response, private=True)
        if may_store(request, response):
            store.store(request, response, generation)
            response[STATUS_HEADER] = "personal-miss"
        return response

    return serve
