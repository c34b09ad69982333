"""How allauth fits the portal: where people land, and what someone refused a sign-in is told."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.crypto import get_random_string

# Both waits match ACCOUNT_RATE_LIMITS["login_failed"] in settings.
ACCOUNT_LOCKED_OUT = (
    "Too many failed attempts to sign in to this account. Wait five minutes and try again, "
    "or reset your password to sign in straight away. Other people can still sign in."
)
ADDRESS_LOCKED_OUT = (
    "Too many failed attempts to sign in from your network, across several accounts. Wait five minutes and try again."
)


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends people to their dashboard after signing in, and says plainly why a sign-in was refused."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": ACCOUNT_LOCKED_OUT,
        "too_many_login_attempts_from_address": ADDRESS_LOCKED_OUT,
    }

    def get_login_redirect_url(self, request):
        return reverse("portal:dashboard")

    def get_email_verification_redirect_url(self, email_address):
        return reverse("account_login")

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            if address_is_locked_out(request):
                raise self.validation_error("too_many_login_attempts_from_address") from None
            raise


def address_is_locked_out(request):
    """Whether everyone at this address is refused, not just one account.

    An account nobody has tried yet is refused only when the per-address limit is spent; the dry run
    records nothing.
    """
    untried_account = get_random_string(32)
    return not ratelimit.consume(request, action="login_failed", key=untried_account, dry_run=True)
