"""The link in every reminder email that turns reminders off, for people and for mail programs.

A GET only asks, with one button: mail scanners open every link in an email, and must not turn
anyone's reminders off. A POST turns them off. The signed token in the address is the authority,
so the POST needs neither a sign-in nor a CSRF token: mail programs send it from outside the site
when someone presses their "Unsubscribe" (RFC 8058, the List-Unsubscribe-Post header).
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from actions.reminders import account_for_stop_token, stop_reminders


@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_reminders_view(request, token):
    account = account_for_stop_token(token)
    if account is None:
        raise Http404("This link to stop reminders is not one the portal sent.")
    if request.method == "POST":
        stop_reminders(account)
    context = {"account": account, "stopped_now": request.method == "POST"}
    return render(request, "actions/stop_reminders.html", context)
