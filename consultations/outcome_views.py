"""The chairs' pages for a consultation's outcome: write it, turn commitments into actions, publish it.

Only `rules.may_publish_outcome` (the publishing group's chairs, and site admins) reaches them, and
only once the consultation has closed: until then people may still change their answers.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from consultations import outcome
from consultations.models import Commitment, ConsultationPage
from consultations.outcome_forms import OutcomeForm, commitment_lines
from consultations.rules import may_publish_outcome


class OutcomeChairView(View):
    """Sends anonymous visitors to sign in, refuses anyone but the chairs, and explains "not yet" before closing."""

    def dispatch(self, request, *args, **kwargs):
        pages = ConsultationPage.objects.select_related("group", "priority")
        self.page = get_object_or_404(pages, pk=kwargs["page_id"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_publish_outcome(request.user, self.page):
            raise PermissionDenied(f"Only the chairs of {self.page.group.title} write and publish this outcome.")
        if not outcome.has_closed(self.page):
            status = 200 if request.method == "GET" else 409
            return render(request, "consultations/outcome_not_yet.html", {"page": self.page}, status=status)
        return super().dispatch(request, *args, **kwargs)


class OutcomeView(OutcomeChairView):
    template_name = "consultations/outcome_form.html"

    def get(self, request, page_id):
        draft = outcome.latest_draft(self.page)
        initial = {"summary": outcome.summary_as_text(draft), "charts": draft.outcome_charts}
        form = OutcomeForm(initial=initial, questions=outcome.chartable_questions(self.page))
        return self.render(request, form, commitment_lines(list(draft.commitments.all())))

    def post(self, request, page_id):
        commitments = list(outcome.saved_commitments(self.page))
        form = OutcomeForm(request.POST, questions=outcome.chartable_questions(self.page))
        lines = commitment_lines(commitments, request.POST)
        if not (form.is_valid() and lines.is_valid()):
            return self.render(request, form, lines, status=400)
        data = form.cleaned_data
        chosen = [line.line() for line in lines]
        if self.page.outcome_published_at and not still_complete(data["summary"], chosen):
            form.add_error(None, "The outcome is published: it must still say what you heard and what will be done.")
            return self.render(request, form, lines, status=400)
        outcome.save_outcome(self.page, request.user, data["summary"], data["charts"], chosen)
        if "preview" in request.POST:
            return redirect("consultations:publish_outcome", page_id=self.page.pk)
        messages.success(request, saved_message(self.page))
        return redirect("consultations:outcome", page_id=self.page.pk)

    def render(self, request, form, lines, status=200):
        context = {
            "page": self.page,
            "form": form,
            "lines": lines,
            "commitments": list(outcome.saved_commitments(self.page)),
        }
        return render(request, self.template_name, context, status=status)


def still_complete(summary, lines) -> bool:
    return bool(summary.strip()) and any(line.text.strip() and not line.remove for line in lines)


def saved_message(page):
    if page.outcome_published_at:
        return "Saved and published: the consultation's page shows the changes now."
    return "Saved. Nothing is public until you publish the outcome."


class PublishOutcomeView(OutcomeChairView):
    """Shows the outcome as it will read and who will be emailed, then publishes it on confirmation."""

    template_name = "consultations/outcome_publish.html"

    def get(self, request, page_id):
        return self.render(request)

    def post(self, request, page_id):
        try:
            published = outcome.publish_outcome(self.page, request.user)
        except ValidationError:
            return self.render(request, status=400)
        if published:
            messages.success(request, "The outcome is published. We are emailing the people who asked to hear.")
        else:
            messages.info(request, "The outcome was already published.")
        return redirect("consultations:outcome", page_id=self.page.pk)

    def render(self, request, status=200):
        draft = outcome.latest_draft(self.page)
        context = {
            "page": self.page,
            "problems": outcome.problems_before_publishing(draft),
            "preview": None if self.page.outcome_published_at else outcome.outcome_for(self.page, request, draft=draft),
            "to_email": outcome.respondents_to_email(self.page),
        }
        return render(request, self.template_name, context, status=status)


class CommitmentActionView(OutcomeChairView):
    """ "Become an action on the log": once per commitment, however often it is pressed."""

    http_method_names = ["post"]

    def post(self, request, page_id, pk):
        commitment = get_object_or_404(Commitment, pk=pk, page_id=self.page.pk)
        action, created = outcome.commitment_to_action(commitment, request.user)
        if created:
            messages.success(request, f"It is on {self.page.group.title}'s action log as {action.reference}.")
        else:
            messages.info(request, f"It was already on the action log as {action.reference}.")
        return redirect("consultations:outcome", page_id=self.page.pk)
