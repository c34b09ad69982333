"""How the apps are laid out, checked so it stays that way: modules small enough to read in one sitting,
admin hooks that share domain helpers with the views rather than importing them, models that take only
names from the minutes importer, and user text that reaches HTML only through `portal.html`.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("portal", "governance", "actions", "consultations")
MAX_MODULE_LINES = 600
# Marking text safe or escaping it by hand belongs to portal/html.py alone; format_html, which escapes
# what it is given, may build markup anywhere.
HAND_ESCAPING = {"escape", "conditional_escape", "mark_safe"}
DJANGO_HTML_MODULES = ("django.utils.html.", "django.utils.safestring.")


def app_modules():
    for app in APPS:
        yield from (path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def imported_names(source: str, package: str) -> set[str]:
    """Every dotted name a module in `package` imports, relative imports resolved: `from governance import
    views` gives both `governance` and `governance.views`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found |= {module, *(f"{module}.{alias.name}" for alias in node.names)}
    return found


def imported_by(path: Path) -> set[str]:
    return imported_names(path.read_text(), ".".join(path.relative_to(ROOT).parent.parts))


def views_among(names) -> set[str]:
    return {name for name in names if name.split(".")[0] in APPS and name.split(".")[-1].endswith("views")}


def test_no_module_in_the_apps_is_over_600_lines():
    long_modules = {
        str(path.relative_to(ROOT)): lines
        for path in app_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long_modules == {}


def test_admin_hooks_never_import_the_apps_views():
    for hooks in (ROOT / app / "wagtail_hooks.py" for app in APPS):
        assert views_among(imported_by(hooks)) == set(), hooks.relative_to(ROOT)


def test_views_are_noticed_however_they_are_imported():
    source = "from . import views\nfrom .membership_views import MembersView\nimport governance.terms_views\n"
    assert views_among(imported_names(source, "governance")) == {
        "governance.views",
        "governance.membership_views",
        "governance.terms_views",
    }


def test_governance_models_take_only_names_from_the_minutes_importer():
    models = (ROOT / "governance" / "models").rglob("*.py")
    imported = {name for path in models for name in imported_by(path) if name.startswith("governance.minutes")}
    assert imported
    assert {name for name in imported if not name.startswith("governance.minutes.names")} == set()


def hand_escaping_in(path: Path) -> set[str]:
    imported = {name.rsplit(".", 1)[-1] for name in imported_by(path) if name.startswith(DJANGO_HTML_MODULES)}
    return imported & HAND_ESCAPING


def test_only_portal_html_marks_user_text_safe():
    offenders = {
        str(path.relative_to(ROOT)): hand_escaping_in(path)
        for path in app_modules()
        if path != ROOT / "portal" / "html.py" and hand_escaping_in(path)
    }
    assert offenders == {}


def test_site_templates_never_switch_escaping_off():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "|safe" in (source := path.read_text()) or "{% autoescape off" in source
    ]
    assert offenders == []


# Libraries only one kind of request needs are imported by that request, not by every worker at start-up:
# python-docx (reading a Word upload, about 15 MB with its parts), icalendar (calendar feeds, about 5 MB).
# Every gunicorn worker holds what start-up imports, and the consultation export's memory limit counts it.
LOADED_WHEN_NEEDED = ("docx", "icalendar")


def test_a_worker_starts_without_the_libraries_only_some_requests_need():
    import subprocess
    import sys

    script = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import portal.wsgi; "
        f"print(','.join(name for name in {LOADED_WHEN_NEEDED!r} if name in sys.modules))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
