"""The consultation page as each person sees it: what is asked and how answers are used, then their response.

`ConsultationPage.serve` hands every request here. A GET shows the page for its stage (opens soon,
open, closed, outcome published); a POST saves a draft, submits, or withdraws through
`consultations.responding`, then redirects back with a message. Anonymous visitors get no form and
so no CSRF token: their page can be kept in the shared page cache like any public page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import timezone

from consultations import responding
from consultations.answers import copy_of_answers
from consultations.models import Audience, ResponseStatus, Stage
from consultations.rules import may_analyse, may_publish_outcome, may_respond

OUTCOME_TEMPLATE = "consultations/includes/outcome.html"
WITHDRAW_TEMPLATE = "consultations/respond_withdraw.html"
STAGE_TAGS = {Stage.OPEN: "good", Stage.FORTHCOMING: "waiting", Stage.CLOSED: "muted", Stage.OUTCOME: "good"}


def serve(page, request):
    if request.method == "POST" and not getattr(request, "is_preview", False):
        return respond(page, request)
    return show(page, request)


def show(page, request, *, form=None, refusal="", status=200):
    context = page_context(page, request, form, refusal)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def page_context(page, request, form=None, refusal=""):
    context = page.get_context(request)
    stage = page.stage()
    context.update(
        stage=stage,
        stage_label=Stage(stage).label,
        stage_tag=STAGE_TAGS[stage],
        audience_labels=[Audience(audience).label for audience in page.audiences],
        refusal=refusal,
        outcome_template=outcome_template(page),
        closes_in_words=responding.uk_time(page.closes_at),
        opens_in_words=responding.uk_time(page.opens_at),
    )
    if getattr(request, "is_preview", False):
        context["form"] = form or page.get_form(page=page, user=request.user)
    elif request.user.is_authenticated:
        context.update(response_context(page, request.user, stage, form))
    return context


def response_context(page, user, stage, form):
    """The person's own part of the page: may they answer, what they have sent, and the form if open."""
    eligibility = may_respond(user, page)
    response = responding.response_of(page, user)
    context = {
        "eligibility": eligibility,
        "response": response,
        "may_analyse": may_analyse(user, page),
        "may_publish_outcome": may_publish_outcome(user, page),
    }
    if stage == Stage.OPEN and eligibility:
        answers = response.form_data if response else None
        context["form"] = form or page.get_form(page=page, user=user, answers=answers)
    elif response and response.form_data:
        context["copy_of_answers"] = copy_of_answers(page, response.form_data)
    return context


def outcome_template(page):
    """The published outcome's template, once there is an outcome to show and the template exists."""
    if not page.outcome_published_at:
        return None
    try:
        get_template(OUTCOME_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return OUTCOME_TEMPLATE


def respond(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if responding.looks_scripted(request):
        return show(page, request, refusal=responding.LOOKS_SCRIPTED, status=400)
    too_many = responding.too_many_sends(request)
    if too_many:
        return show(page, request, refusal=too_many, status=429)
    eligibility = may_respond(request.user, page)
    if not eligibility:
        return show(page, request, refusal=eligibility.reason, status=403)
    intent = request.POST.get("intent", "submit")
    if intent == "withdraw":
        return confirm_withdrawal(page, request)
    if intent == "confirm_withdraw":
        return withdraw(page, request)
    return answer(page, request, draft=intent == "save")


def answer(page, request, *, draft):
    """Saves or submits the answers; the form comes back with every error and every answer kept."""
    if not page.is_open():
        return refuse_late(page, request)
    form = page.get_form(request.POST, page=page, user=request.user, draft=draft)
    if not form.is_valid():
        return show(page, request, form=form)
    try:
        if draft:
            saved_draft(page, request, form.answers)
        else:
            submitted(page, request, form.answers)
    except responding.NotOpen:  # it closed while the request was on its way
        return refuse_late(page, request)
    return redirect(f"{page.url}#your-response")


def saved_draft(page, request, answers):
    if responding.save_draft(page, request.user, answers):
        messages.success(
            request,
            f"Your answers are saved as a draft, which only you can see. Come back to finish them before "
            f"{responding.uk_time(page.closes_at)}.",
        )
    else:
        messages.warning(request, "Your submitted response is unchanged: press “Submit your changes” to change it.")


def submitted(page, request, answers):
    response, changed = responding.submit(page, request.user, answers)
    when = timezone.localtime(response.submitted_at).strftime("%H:%M")
    if changed:
        messages.success(
            request, f"Thank you: your response was submitted at {when}. We have emailed you a copy of your answers."
        )
    else:
        messages.info(request, f"Your response was already submitted at {when}, with these answers.")


def refuse_late(page, request):
    """Explains the refusal; what was typed becomes the person's draft, unless they had already submitted."""
    late = page.get_form(request.POST, page=page, user=request.user, draft=True)
    if late.is_valid() and page.stage() != Stage.FORTHCOMING:
        responding.keep_draft(page, request.user, late.answers)
    return refused(page, request)


def refused(page, request):
    response = responding.response_of(page, request.user)
    return show(page, request, refusal=responding.stage_refusal(page, response), status=403)


def confirm_withdrawal(page, request):
    response = responding.response_of(page, request.user)
    if not (response and response.status == ResponseStatus.SUBMITTED):
        return redirect(page.url)
    context = page.get_context(request)
    context.update(response=response, closes_in_words=responding.uk_time(page.closes_at))
    return TemplateResponse(request, WITHDRAW_TEMPLATE, context)


def withdraw(page, request):
    try:
        responding.withdraw(page, request.user)
    except responding.NotOpen:
        return refused(page, request)
    messages.success(
        request,
        f"Your response is withdrawn: it will not be read or counted. You can submit it again until "
        f"{responding.uk_time(page.closes_at)}.",
    )
    return redirect(f"{page.url}#your-response")
