"""Pages about the signed-in person (their dashboard and their profile), and the site search."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.views.generic import TemplateView, UpdateView
from wagtail import hooks

from portal.forms import ProfileForm, SearchForm
from portal.search import search_site


class DashboardView(LoginRequiredMixin, TemplateView):
    """A person's own front page: what they need to act on, and the state of their account.

    Other apps add their sections through the `portal_dashboard_panels` Wagtail hook: each hook
    takes the request and returns a panel (a template name and its context) or None.
    """

    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        panels = (hook(self.request) for hook in hooks.get_hooks("portal_dashboard_panels"))
        context["panels"] = [panel for panel in panels if panel]
        return context


class ProfileView(LoginRequiredMixin, UpdateView):
    """People see and change what they told us about themselves, and what we may email them about."""

    form_class = ProfileForm
    template_name = "portal/profile.html"
    success_url = reverse_lazy("portal:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your details have been saved.")
        if form.instance.awaits_school_verification:
            messages.info(
                self.request,
                "We will check you work at the school you named before you can answer school leaders' consultations.",
            )
        return response


class SearchView(TemplateView):
    """One search box for the whole site: results grouped by kind, only ever what the person may open."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        groups = search_site(self.request, query) if query else []
        total = sum(group["count"] for group in groups)
        return super().get_context_data(form=form, query=query, groups=groups, total=total, **kwargs)
