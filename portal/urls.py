from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from portal import admin_views
from portal.page_cache import cache_form_page

# Wagtail and Django each ship a sign-in form that skips allauth's rate limits, email verification and
# two-factor step. Their addresses stay (other code still links to them) but lead to allauth's form,
# keeping `next`; a POST to them is redirected too, so it never signs anyone in.
to_sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)
to_change_password = RedirectView.as_view(pattern_name="account_change_password")

urlpatterns = [
    path("admin/login/", to_sign_in),
    # Wagtail's own addresses, served by views in portal.admin_views that keep the portal's rules:
    # the page chooser hides pages the person may not open.
    path("admin/choose-page/<int:parent_page_id>/", require_admin_access(admin_views.BrowseView.as_view())),
    path("admin/choose-page/chosen-multiple/", require_admin_access(admin_views.ChosenMultipleView.as_view())),
    # ...and the admin names no other group's workflow: its task chooser, and the notice that publishing
    # cancels a page's workflow, are for those who edit workflows and that page.
    *[
        path(f"admin/workflows/task_chooser/{address}", require_admin_access(admin_views.for_workflow_editors(view)))
        for address, view in admin_views.TASK_CHOOSER.items()
    ],
    path(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        require_admin_access(admin_views.confirm_workflow_cancellation),
    ),
    # Wagtail's reports and form submissions, exporting cells no spreadsheet runs as formulas.
    *[
        path(f"admin/reports/{address}{results}", require_admin_access(view.as_view(results_only=bool(results))))
        for address, view in admin_views.REPORTS.items()
        for results in ("", "results/")
    ],
    path("admin/forms/submissions/<int:page_id>/", require_admin_access(admin_views.form_submissions)),
    path(
        "admin/forms/submissions/<int:page_id>/results/",
        require_admin_access(admin_views.form_submissions),
        {"results_only": True},
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/login/", to_sign_in),
    path("django-admin/password_change/", to_change_password),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # The sign-in form, served to anonymous visitors from the shared cache with their own CSRF token.
    path("accounts/login/", cache_form_page(allauth_views.login), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("_util/login/", to_sign_in),
    path("", include("portal.site_urls")),
    path("", include("governance.urls")),
    path("", include("actions.urls")),
    path("", include("consultations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Calendar files keep their .ics ending; Wagtail's own pattern admits no dots, so route them to it here.
urlpatterns.append(re_path(r"^(?P<path>(?:[\w-]+/)*[\w-]+\.ics)/?$", wagtail_views.serve, name="page_calendar"))
# Wagtail's page tree serves everything else, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))
