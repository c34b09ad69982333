"""The Content-Security-Policy header: one strict policy for the site, loosened only where Wagtail's admin needs it.

The policy itself is `CONTENT_SECURITY_POLICY` in settings (django-csp). This middleware makes the two
choices that depend on the response rather than on a view: Wagtail's admin gets `ADMIN_POLICY_ADDITIONS`,
and `frame-ancestors` follows the response's X-Frame-Options, so the preview views Wagtail lets the
admin frame (SAMEORIGIN) stay frameable and everything else refuses every frame.
"""

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

# Wagtail 8's admin still writes inline <script> (date pickers, inline panels, the explorer) and its
# editor's libraries add inline styles; image uploads preview as blob: URLs. A nonce cannot replace
# 'unsafe-inline' here: Wagtail's widgets render without the request, so they cannot carry one.
ADMIN_POLICY_ADDITIONS = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}


def is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's additions and frame-ancestors per response."""

    def process_response(self, request, response):
        # Wagtail renders a page preview by sending a second request for the page's own path through
        # the middleware; the header that request got is for the site, not for the admin view framing it.
        if is_admin(request) and HEADER in response:
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin(request):
            parts.update = {**ADMIN_POLICY_ADDITIONS, **(parts.update or {})}
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        return parts
