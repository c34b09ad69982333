"""The portal's starting state: a HomePage as the site root, audience groups, the shared cache table."""

from django.core.management import call_command
from django.db import migrations

AUDIENCE_GROUPS = ["Parents and carers", "Verified school staff", "Partner organisation staff"]


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("portal.HomePage")

    # Replace the "Welcome to Wagtail" page that wagtailcore's own data migration creates.
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    home = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        introduction="Education partnerships governing in the open.",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Partnership Portal")


def remove_home_page(apps, schema_editor):
    apps.get_model("portal.HomePage").objects.filter(depth=2).delete()


def create_audience_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name in AUDIENCE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_audience_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=AUDIENCE_GROUPS).delete()


def create_cache_table(apps, schema_editor):
    # The database cache is shared by every app server; the command does nothing for other backends.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_home_page, remove_home_page),
        migrations.RunPython(create_audience_groups, remove_audience_groups),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
