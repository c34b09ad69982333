"""Test data for accounts and site pages (factory_boy); other apps' factories build on these."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from portal.models import Audience, ContentPage, HomePage, SchoolRole, User

TEST_PASSWORD = "a-long-test-password-1"  # noqa: S105 - test data


class UserFactory(factory.django.DjangoModelFactory):
    """A person who has signed up and confirmed their email address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    audience = Audience.PARENT_CARER

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or TEST_PASSWORD)
        if create:
            user.save()

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class SchoolStaffFactory(UserFactory):
    audience = Audience.SCHOOL_STAFF
    school_name = factory.Faker(
        "random_element", elements=["Millbrook Primary School", "Hillside Academy", "St Anne's CE Primary"]
    )
    school_urn = factory.Sequence(lambda n: f"{100000 + n}")
    school_role = SchoolRole.HEADTEACHER


class PartnerStaffFactory(UserFactory):
    audience = Audience.PARTNER_STAFF
    organisation_name = factory.Faker("company", locale="en_GB")


def ensure_site_tree():
    """The page tree, collection and default Site that migrations create, made again if missing."""
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Home", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Faker("sentence", nb_words=3)
    summary = factory.Faker("sentence")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Our accessibility statement.</p>")])
