"""Two app servers and two task workers against one PostgreSQL and one Redis, as a partnership that has
outgrown one machine runs the portal: what one server does, the other sees at once.

Two gunicorn instances on their own loopback ports, with the production settings, share the test
database, a redis-server this module starts (REDIS_URL: the cache and the task queue) and one media
folder. Every request names the same public host, as a load balancer in front of them would.
"""

import datetime
import time

import pytest
import redis
import rq
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone
from wagtail.documents.models import Document

from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import ConsultationIndexPage
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from governance.services import send_for_approval
from portal.adapters import ACCOUNT_LOCKED_OUT
from portal.factories import PartnerStaffFactory, UserFactory, ensure_site_tree
from portal.page_cache import STATUS_HEADER
from tests.conftest import PostedForm
from tests.consultations.test_question_kinds import complete_answers
from tests.live_servers import (
    Visitor,
    csrf_token,
    emails_in,
    gunicorn,
    only_on_postgresql,
    processes,
    production_environment,
    redis_server,
    rq_worker,
    session_cookie,
    static_root,  # noqa: F401 - a fixture
)

pytestmark = [only_on_postgresql, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-sign-in-password-7"  # noqa: S105 - test data
WRONG_PASSWORD = "not-the-password-at-all-3"  # noqa: S105 - test data
WORKERS = ("worker-one", "worker-two")


class Deployment:
    """The two app servers, the shared Redis and the folder every process writes its email to."""

    def __init__(self, servers, redis_url, email_folder):
        self.one, self.two = servers
        self.redis_url = redis_url
        self.email_folder = email_folder


@pytest.fixture(scope="module")
def deployment(django_db_setup, static_root, tmp_path_factory):  # noqa: F811 - the fixture imported above
    """Started once for the module: the servers hold no state of their own, which is the point."""
    workdir = tmp_path_factory.mktemp("two-app-servers")
    with processes() as started:
        redis_url = redis_server(started, workdir)
        env = production_environment(workdir, static_root=static_root, REDIS_URL=redis_url)
        servers = [gunicorn(started, env, workers=2) for _ in range(2)]
        for name in WORKERS:
            rq_worker(started, env, name)
        for server in servers:
            server.wait_until_listening()
        wait_for_workers(redis_url)
        yield Deployment(servers, redis_url, workdir / "email")


def wait_for_workers(redis_url, seconds=60):
    connection = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + seconds
    while {worker.name for worker in rq.Worker.all(connection=connection)} != set(WORKERS):
        assert time.monotonic() < deadline, "The two task workers did not start"
        time.sleep(0.2)


@pytest.fixture
def shared_cache(deployment, settings):
    """The test's own changes (building pages below) empty the servers' page cache as theirs do."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": deployment.redis_url}
    }


@pytest.fixture
def group(shared_cache):
    partnerships = PartnershipIndexPageFactory(parent=ensure_site_tree())
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


def member(group, role, **names):
    person = PersonFactory(user=PartnerStaffFactory(**names))
    MembershipFactory(person=person, group=group, role=role)
    return person.user


def with_production_password(user):
    """The production settings check PBKDF2 hashes only; a few rounds are enough for test data."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def sign_in(visitor, server, user):
    form = visitor.get(server, "/accounts/login/")
    return visitor.post(server, "/accounts/login/", {"login": user.email, "password": PASSWORD}, csrf_token(form))


def test_minutes_approved_through_one_server_replace_the_page_the_other_had_cached(deployment, group):
    secretariat = member(group, MembershipRole.SECRETARIAT, first_name="Sam", last_name="Notes")
    chair = member(group, MembershipRole.CHAIR, first_name="Helen", last_name="Chair")
    held = timezone.now() - datetime.timedelta(days=7)
    meeting = MeetingPageFactory(parent=group, title="Spring term meeting", start=held, live=False)
    meeting.minutes = "<p>Persistent absence fell in every secondary school.</p>"
    meeting.save_revision(user=secretariat)
    send_for_approval(meeting, secretariat)

    before = Visitor().get(deployment.one, group.url)
    assert (before.status_code, before.headers[STATUS_HEADER]) == (200, "miss")
    assert "Spring term meeting" not in before.text
    assert Visitor().get(deployment.two, group.url).headers[STATUS_HEADER] == "hit", "the page cache is not shared"

    chair_browser = Visitor(session=session_cookie(chair))
    dashboard = chair_browser.get(deployment.two, "/dashboard/")
    assert "Spring term meeting" in dashboard.text.split("Waiting for your approval", 1)[1]
    approved = chair_browser.post(deployment.two, f"/approvals/{meeting.pk}/approve/", {}, csrf_token(dashboard))
    assert approved.status_code == 302, approved.text

    after = Visitor().get(deployment.one, group.url)
    assert (after.status_code, after.headers[STATUS_HEADER]) == (200, "miss")
    assert "Spring term meeting" in after.text.split("Recent minutes", 1)[1]
    minutes = Visitor().get(deployment.one, meeting.url)
    assert "Persistent absence fell in every secondary school." in minutes.text


def test_a_chairs_kept_dashboard_on_one_server_changes_at_once_when_they_approve_through_the_other(deployment, group):
    secretariat = member(group, MembershipRole.SECRETARIAT, first_name="Sam", last_name="Notes")
    chair = member(group, MembershipRole.CHAIR, first_name="Helen", last_name="Chair")
    meeting = MeetingPageFactory(parent=group, title="Summer term meeting", live=False)
    meeting.minutes = "<p>Severe absence fell.</p>"
    meeting.save_revision(user=secretariat)
    send_for_approval(meeting, secretariat)
    approve = f"/approvals/{meeting.pk}/approve/"
    chair_browser = Visitor(session=session_cookie(chair))
    chair_browser.get(deployment.one, "/dashboard/")  # the day's first request re-checks rights: never kept

    stored = chair_browser.get(deployment.one, "/dashboard/")
    kept = chair_browser.get(deployment.one, "/dashboard/")
    assert (stored.headers[STATUS_HEADER], kept.headers[STATUS_HEADER]) == ("personal-miss", "personal-hit")
    assert approve in kept.text

    approved = chair_browser.post(deployment.two, approve, {}, csrf_token(kept))
    assert approved.status_code == 302, approved.text

    after = chair_browser.get(deployment.one, "/dashboard/")
    assert after.headers[STATUS_HEADER] == "personal-miss"
    assert approve not in after.text


def test_a_sign_in_on_one_server_holds_on_the_other_until_signing_out_there(deployment, group):
    chair = with_production_password(member(group, MembershipRole.CHAIR, first_name="Helen", last_name="Chair"))
    browser = Visitor()
    signed_in = sign_in(browser, deployment.one, chair)
    assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/dashboard/")

    dashboard = browser.get(deployment.two, "/dashboard/")
    assert dashboard.status_code == 200
    assert "Helen Chair" in dashboard.text

    session = browser.cookies["sessionid"]
    signed_out = browser.post(deployment.two, "/accounts/logout/", {}, csrf_token(dashboard))
    assert signed_out.status_code == 302
    refused = Visitor(session=session).get(deployment.one, "/dashboard/")
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/accounts/login/")


def test_wrong_passwords_on_both_servers_count_together_and_lock_the_account_on_both(deployment, group):
    """Five wrong passwords lock an account for five minutes. Three went to one server and two to the
    other: counted apart, neither would lock it."""
    target = with_production_password(UserFactory(email="target@example.org"))
    attacker = Visitor(address="198.51.100.23")
    for attempt, server in enumerate([deployment.one, deployment.two] * 2 + [deployment.one]):
        form = attacker.get(server, "/accounts/login/")
        refused = attacker.post(
            server, "/accounts/login/", {"login": target.email, "password": WRONG_PASSWORD}, csrf_token(form)
        )
        assert refused.status_code == 200, f"attempt {attempt + 1}"
        assert "password you specified are not correct" in refused.text

    for server in (deployment.two, deployment.one):
        locked = sign_in(attacker, server, target)
        assert locked.status_code == 200, "the right password signed in although the account was locked"
        assert ACCOUNT_LOCKED_OUT in locked.text.replace("&#x27;", "'")


def test_a_paper_uploaded_through_one_server_is_served_by_the_other(deployment, group):
    admin = UserFactory(is_superuser=True, is_staff=True)
    browser = Visitor(session=session_cookie(admin))
    form_page = browser.get(deployment.one, "/admin/documents/add/")
    fields = next(form for form in PostedForm(form_page.text).forms if "title" in form)
    paper = b"Attendance figures, spring term\nPersistent absence: 17.2%\n"
    uploaded = browser.request(
        "POST",
        deployment.one,
        "/admin/documents/add/",
        data={**fields, "title": "Attendance paper"},
        files={"file": ("attendance-paper.txt", paper, "text/plain")},
    )
    assert uploaded.status_code == 302, uploaded.text[-2000:]

    document = Document.objects.get(title="Attendance paper")
    served = Visitor().get(deployment.two, document.url)
    assert served.status_code == 200
    assert served.content == paper


def test_two_workers_send_each_receipt_queued_through_either_server_exactly_once(deployment, group):
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    group.get_parent().get_parent().add_child(instance=index)
    consultation = ConsultationPageFactory(parent=index, group=group)
    names = {question.field_type: question.clean_name for question in add_every_kind_of_question(consultation)}
    parents = [UserFactory(email=f"parent{n}@example.org") for n in range(12)]

    for n, parent in enumerate(parents):
        server = deployment.one if n % 2 else deployment.two
        browser = Visitor(address=f"198.51.100.{n + 1}", session=session_cookie(parent))
        form = browser.get(server, consultation.url)
        sent = browser.post(server, consultation.url, {**complete_answers(names), "intent": "submit"}, csrf_token(form))
        assert sent.status_code == 302, sent.text[-2000:]

    receipts = wait_for_receipts(deployment, expected=len(parents))
    assert sorted(str(message["To"]) for message in receipts) == sorted(parent.email for parent in parents)
    workers = rq.Worker.all(connection=redis.Redis.from_url(deployment.redis_url))
    assert all(worker.successful_job_count > 0 for worker in workers), "one worker sent everything"


def wait_for_receipts(deployment, expected, seconds=45):
    """The receipts once the queue is empty and the workers idle, so a second sending would be there too."""
    queue = rq.Queue("default", connection=redis.Redis.from_url(deployment.redis_url))
    deadline = time.monotonic() + seconds
    while True:
        receipts = [
            message
            for message in emails_in(deployment.email_folder)
            if message["Subject"].strip().startswith("Your response to")
        ]
        idle = queue.count == 0 and queue.started_job_registry.count == 0
        if idle and len(receipts) >= expected:
            return receipts
        assert time.monotonic() < deadline, f"{len(receipts)} of {expected} receipts sent in {seconds} s"
        time.sleep(0.3)
