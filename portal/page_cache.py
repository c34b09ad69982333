"""Anonymous visitors get public pages from the shared cache; anything that changes what they show empties it.

Most visitors to a partnership's site are not signed in and read the same pages. Storing those
pages once in the shared cache (the database cache, or Redis when REDIS_URL is set) lets every
worker and every app server answer them without rendering.

Only a page Wagtail served, with no view restriction, for a request with no session and no pending
messages, answered 200 without setting a cookie or handing out a CSRF token, is stored. Signed-in
people, members-only pages and forms are always rendered fresh.

Invalidation is whole-site and exact: a generation token is part of every key, and publishing,
unpublishing, moving or deleting a page, a change to privacy, or a change to a record a page shows
(memberships, people, organisations) replaces the token, so every stored page is gone at once.
Changes are rare beside reads, so emptying everything costs little and never misses a list.
"""

import functools
import hashlib
import re
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers, patch_cache_control

from portal.visibility import is_restricted

GENERATION_KEY = "page-cache:generation"
REQUEST_FLAG = "_portal_page_cacheable"
STATUS_HEADER = "X-Page-Cache"


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def mark_cacheable(request, page):
    """Called as Wagtail serves a page: only pages without any view restriction may be shared."""
    setattr(request, REQUEST_FLAG, not is_restricted(request, page))


def cache_for_visitors(view):
    """A site view (not a Wagtail page) whose page is the same for every anonymous visitor may be stored too.

    Only for views whose records empty the cache when they change (`forget_all_pages`) and whose
    anonymous page is the public one; the middleware's other rules (200, no cookie, no CSRF token)
    still apply, so a refusal or a form is never stored.
    """

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        setattr(request, REQUEST_FLAG, True)
        return view(request, *args, **kwargs)

    return serve


def is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def may_serve_from_cache(request) -> bool:
    return request.method in {"GET", "HEAD"} and is_anonymous(request)


def may_store(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and getattr(request, REQUEST_FLAG, False)
        and response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not getattr(response, "streaming", False)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PageCache:
    """Keys are per host, path and query string, under the current generation."""

    # The generation this process saw last: in the usual case one round trip fetches it and the page.
    last_generation = "0"
    generation_key = GENERATION_KEY

    def __init__(self, kind="page"):
        self.cache = page_cache()
        self.kind = kind

    def key(self, request, generation):
        # The address is hashed so a long one (a search, a filtered list) still makes a short key.
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        return f"{self.kind}-cache:{generation}:{address}"

    def lookup(self, request):
        """The stored response and the generation it must be stored under if there is none."""
        last_generation = type(self).last_generation
        guess = self.key(request, last_generation)
        found = self.cache.get_many([self.generation_key, guess])
        generation = found.get(self.generation_key) or self.new_generation()
        if generation == last_generation:
            return found.get(guess), generation
        type(self).last_generation = generation
        return self.cache.get(self.key(request, generation)), generation

    def new_generation(self):
        """A generation evicted from the cache (or never set) is replaced by a new one, never by a fixed
        value, so a page stored under an older generation can never be found again."""
        self.cache.add(self.generation_key, uuid.uuid4().hex, None)
        return self.cache.get(self.generation_key) or uuid.uuid4().hex

    def store(self, request, response, generation):
        self.cache.set(self.key(request, generation), response, seconds())


class AnonymousPageCacheMiddleware:
    """Serves stored pages before sessions, CSRF or authentication are looked at; stores what may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_serve_from_cache(request):
            return self.get_response(request)
        store = PageCache()
        cached, generation = store.lookup(request)
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            # A shared cache in front (a CDN purged by wagtail.contrib.frontend_cache) may keep it too.
            patch_cache_control(response, public=True, s_maxage=seconds())
            store.store(request, response, generation)
            response[STATUS_HEADER] = "miss"
        return response


def forget_all_pages(**kwargs):
    """Replaces the generation once the change is committed, so no page rendered before it is served."""
    transaction.on_commit(lambda: page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None))


# Form pages (sign-in) differ between anonymous visitors only in their CSRF token. They are stored with
# the token taken out and served with a fresh one for each visitor, which also sets its cookie.
TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
TOKEN_MARK = "\x00csrf-token\x00"  # noqa: S105 - a marker for where the token goes, not a secret


def with_token_taken_out(content: str) -> str | None:
    """The page with every CSRF token field emptied to a marker; None if it has none, or a token elsewhere."""
    tokens = {found.group(2) for found in TOKEN_FIELD.finditer(content)}
    stored = TOKEN_FIELD.sub(rf"\g<1>{TOKEN_MARK}\g<3>", content)
    if not tokens or any(token in stored for token in tokens):
        return None
    return stored


def cache_form_page(view):
    """Serves an anonymous GET of a form page from the shared cache, with this visitor's own CSRF token."""

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if not may_serve_from_cache(request):
            return view(request, *args, **kwargs)
        # Kept apart from whole pages: a stored form page is never answered as it is.
        store = PageCache(kind="form-page")
        cached, generation = store.lookup(request)
        if cached is not None:
            return with_fresh_token(request, cached, "hit")
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        kept = stored_form_page(request, response)
        if kept is None:
            return response
        store.store(request, kept, generation)
        return with_fresh_token(request, kept, "miss")

    return serve


def stored_form_page(request, response):
    """What may be kept of a form page: a 200 that set no cookie, its token taken out.

    Such views mark themselves never-cache for browsers and proxies; this copy never leaves the server
    as it is stored, and every copy served is marked never-cache again.
    """
    if request.method != "GET" or response.status_code != 200 or response.cookies:
        return None
    content = with_token_taken_out(response.content.decode(response.charset))
    if content is None:
        return None
    return HttpResponse(content, content_type=response["Content-Type"])


def with_fresh_token(request, stored, status):
    content = stored.content.decode(stored.charset).replace(TOKEN_MARK, get_token(request))
    response = HttpResponse(content, content_type=stored["Content-Type"])
    add_never_cache_headers(response)
    response[STATUS_HEADER] = status
    return response
