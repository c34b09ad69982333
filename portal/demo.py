"""Demo content for the fictional Riverford Education Partnership: people, accounts and fixed pages.

Every function is idempotent: running `make demo` again updates what exists and never duplicates it.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from wagtail.models import Site

from portal.models import Audience, ContentPage, HomePage, SchoolRole, User, VerificationMethod, VerifiedSchoolDomain

DEMO_PASSWORD_SUFFIX = "-demo-2026"  # noqa: S105 - published in the README for the demo only


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    first_name: str
    last_name: str
    audience: str
    organisation_name: str = ""
    school_name: str = ""
    school_urn: str = ""
    school_role: str = ""
    is_superuser: bool = False

    @property
    def password(self):
        return f"{self.role}{DEMO_PASSWORD_SUFFIX}"


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin",
        "admin@riverford.example",
        "Amara",
        "Okafor",
        Audience.PARTNER_STAFF,
        organisation_name="Riverford Education Partnership",
        is_superuser=True,
    ),
    DemoAccount(
        "chair",
        "chair@riverford.example",
        "Helen",
        "Marsh",
        Audience.PARTNER_STAFF,
        organisation_name="Riverford Learning Trust",
    ),
    DemoAccount(
        "secretariat",
        "notes@riverford.example",
        "Priya",
        "Shah",
        Audience.PARTNER_STAFF,
        organisation_name="Riverford City Council",
    ),
    DemoAccount(
        "member",
        "member@riverford.example",
        "Tom",
        "Alder",
        Audience.PARTNER_STAFF,
        organisation_name="Riverford City Council",
    ),
    DemoAccount(
        "head",
        "head@riverford.example",
        "Grace",
        "Ellison",
        Audience.SCHOOL_STAFF,
        school_name="Millbrook Primary School",
        school_urn="106987",
        school_role=SchoolRole.HEADTEACHER,
    ),
    DemoAccount("parent", "parent@riverford.example", "Sam", "Walker", Audience.PARENT_CARER),
]


def load(context):
    accounts = {account.role: ensure_account(account) for account in DEMO_ACCOUNTS}
    VerifiedSchoolDomain.objects.get_or_create(
        domain="millbrook-primary.example", defaults={"organisation_name": "Millbrook Primary School"}
    )
    home = ensure_home_page()
    ensure_site_pages(home)
    context.update(accounts=accounts, home=home)


def ensure_account(account):
    fields = {
        name: getattr(account, name)
        for name in (
            "first_name",
            "last_name",
            "audience",
            "organisation_name",
            "school_name",
            "school_urn",
            "school_role",
        )
    }
    user, created = User.objects.update_or_create(
        email=account.email,
        defaults={**fields, "is_superuser": account.is_superuser, "is_staff": account.is_superuser},
    )
    if created:
        user.set_password(account.password)
    if user.is_school_staff and not user.is_verified_school_staff:
        user.verify_school_staff(method=VerificationMethod.ADMIN)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=account.email, defaults={"verified": True, "primary": True})
    return user


def ensure_home_page():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root is not a HomePage: run migrations on a fresh database.")
    home.title = "Riverford Education Partnership"
    home.introduction = (
        "Schools, the city council, health, police, housing and the voluntary sector working together "
        "so every child in Riverford is in school, learning and safe."
    )
    home.save_revision().publish()
    site.site_name = "Riverford Education Partnership"
    site.save()
    return home


def ensure_child(parent, page_class, slug, **fields):
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def prose(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


def ensure_site_pages(home):
    ensure_child(
        home,
        ContentPage,
        "about",
        title="About the partnership",
        show_in_menus=True,
        summary="Why Riverford's schools and services chose to work as one partnership.",
        body=prose(
            "The Riverford Education Partnership brings together headteachers, trust leaders, the city council, "
            "health, police, housing and the voluntary sector.",
            "We choose a few priorities where working together can change things, set up task-and-finish groups "
            "to tackle them, and publish our terms of reference, minutes and actions here so anyone can see "
            "whether our pledges are kept.",
        ),
    )
    ensure_child(
        home,
        ContentPage,
        "accessibility",
        title="Accessibility statement",
        summary="How accessible this website is, and how to tell us about a problem.",
        body=prose(
            "We want as many people as possible to be able to use this website. You should be able to zoom to "
            "400% without text spilling off the screen, navigate with a keyboard or speech recognition, and "
            "listen to the site with a screen reader.",
            "We test every page against WCAG 2.2 level AA with automated checks and by hand. If you find a "
            "problem, email access@riverford.example and we will reply within five working days.",
        ),
    )
    ensure_child(
        home,
        ContentPage,
        "privacy",
        title="Privacy notice",
        summary="What we collect when you create an account or answer a consultation, and why.",
        body=prose(
            "When you create an account we keep your name, email address and, if you work in a school, the "
            "school you named. We use them to let you sign in, to check who can answer consultations for school "
            "leaders, and to send the emails you asked for.",
            "Consultation answers are published only as summaries. You can change your email preferences or ask "
            "us to delete your account at any time: email privacy@riverford.example.",
        ),
    )
