"""A consultation's analysis, what people wrote, and its spreadsheet: for the group that asked.

Only those `rules.may_analyse` allows reach these pages (the publishing group's chairs and
secretariat, and site admins); names appear only where `rules.may_see_names` allows.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views import View

from consultations import charts
from consultations.analysis import (
    LATEST_WRITTEN,
    ResponseFilter,
    as_written,
    counts_by_status,
    organisations_answering,
    respondent_types,
    responses_per_day,
    summarise,
    written_answers,
)
from consultations.exports import csv_response, xlsx_response
from consultations.models import Audience, ConsultationPage
from consultations.rules import may_analyse, may_see_names

WRITTEN_PER_PAGE = 50


class AnalysisFilters(forms.Form):
    """Narrows every figure to one kind of respondent or one organisation, and turns on the comparison."""

    respondent_type = forms.ChoiceField(
        label="Respondent type", choices=[("", "Everyone"), *Audience.choices], required=False
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        help_text="As respondents gave it; those with most responses are suggested as you type.",
        widget=forms.TextInput(attrs={"list": "analysis-organisations", "autocomplete": "off"}),
    )
    compare = forms.BooleanField(label="Compare by respondent type", required=False)

    def response_filter(self):
        if not self.is_valid():
            return ResponseFilter()
        return ResponseFilter(self.cleaned_data["respondent_type"], self.cleaned_data["organisation"].strip())

    def comparing(self):
        return self.is_valid() and self.cleaned_data["compare"]


class ConsultationAnalystMixin:
    """Sends anonymous visitors to sign in and refuses anyone else the rules do not allow."""

    def dispatch(self, request, *args, **kwargs):
        pages = ConsultationPage.objects.select_related("group")
        self.consultation = get_object_or_404(pages, pk=kwargs["page_id"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_analyse(request.user, self.consultation):
            raise PermissionDenied("Only the chairs and secretariat of the group that asked can read the answers.")
        self.names = may_see_names(request.user, self.consultation)
        return super().dispatch(request, *args, **kwargs)


class AnalysisView(ConsultationAnalystMixin, View):
    template_name = "consultations/analysis.html"

    def get(self, request, page_id):
        filters = AnalysisFilters(request.GET)
        only = filters.response_filter()
        types = respondent_types(self.consultation, only)
        questions = list(self.consultation.questions.all())
        summaries = summarise(self.consultation, questions, only, types, self.names, latest=LATEST_WRITTEN)
        for summary in summaries:
            summary.chart = question_chart(summary)
        days = responses_per_day(self.consultation, only)
        context = {
            "consultation": self.consultation,
            "filters": filters,
            "filtered": bool(only),
            "query": filters_query(request),
            "comparing": filters.comparing(),
            "counts": counts_by_status(self.consultation),
            "counted": sum(kind.respondents for kind in types),
            "types": types,
            "organisations": organisations_answering(self.consultation),
            "days": days,
            "day_chart": charts.day_chart("chart-days", "Submitted responses per day", days),
            "summaries": summaries,
            "names": self.names,
        }
        return render(request, self.template_name, context)


def question_chart(summary):
    """A bar per option: how many chose it, or for a ranking how many put it first."""
    if summary.kind == "text":
        return None
    options = summary.options
    if summary.kind == "ranking":
        rows = [(option.label, option.first, f"{option.percent:g}% first") for option in options]
    else:
        rows = [(option.label, option.answers, f"{option.answers:,} ({option.percent:g}%)") for option in options]
    return charts.option_chart(f"chart-{summary.question.pk}", summary.question.label, rows)


def filters_query(request):
    """The filters as a query string, for links that keep them (other pages, what people wrote)."""
    query = request.GET.copy()
    for name in ("page", "q"):
        query.pop(name, None)
    return query.urlencode()


class WrittenAnswersView(ConsultationAnalystMixin, View):
    """Everything written for one question (answers, comments, "other"), 50 at a time, searchable."""

    template_name = "consultations/analysis_written.html"

    def get(self, request, page_id, question_id):
        question = get_object_or_404(self.consultation.questions, pk=question_id)
        filters = AnalysisFilters(request.GET)
        search = request.GET.get("q", "").strip()[:100]
        answers = written_answers(self.consultation, question, filters.response_filter(), search, self.names)
        page = Paginator(answers, WRITTEN_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "consultation": self.consultation,
            "question": question,
            "filters": filters,
            "search": search,
            "page_obj": page,
            "written": as_written(page.object_list),
            "query": filters_query(request),
            "names": self.names,
        }
        return render(request, self.template_name, context)


class ExportView(ConsultationAnalystMixin, View):
    """`?format=csv` (the default, streamed) or `?format=xlsx`: every submitted response, one row each."""

    def get(self, request, page_id):
        questions = list(self.consultation.questions.all())
        chosen = request.GET.get("format", "csv")
        if chosen == "csv":
            return csv_response(self.consultation, questions, self.names)
        if chosen == "xlsx":
            return xlsx_response(self.consultation, questions, self.names)
        return HttpResponseBadRequest("Ask for format=csv or format=xlsx.")
