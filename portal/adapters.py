"""How allauth fits the portal: where people land and which addresses count as one person's."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends people to their dashboard after signing in, unless they were on their way elsewhere."""

    def get_login_redirect_url(self, request):
        return reverse("portal:dashboard")

    def get_email_verification_redirect_url(self, email_address):
        return reverse("account_login")
