"""Nothing is lost under load or when a process dies: fifty people answering a consultation at once through
a live gunicorn on PostgreSQL, and imports killed while they write.

An import is killed at a moment the test chooses, not a lucky one: the test locks a table the import
writes late in its transaction, waits until the import has written earlier rows and is waiting on that
lock, then kills it with SIGKILL (the command, or the whole app server with every worker).
"""

import csv
import io
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from actions.models import Observation
from consultations.analysis import counts_by_status, summarise
from consultations.answers import rows_for
from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import Answer, ConsultationIndexPage, ConsultationResponse, ResponseStatus
from governance.factories import MembershipFactory, PartnershipGroupPageFactory, PartnershipIndexPageFactory
from governance.models import AttendanceRecord, MeetingPage, MembershipRole
from portal.factories import UserFactory, ensure_site_tree
from tests.conftest import PostedForm, shared_file
from tests.consultations.test_question_kinds import complete_answers
from tests.live_servers import (
    Process,
    Visitor,
    csrf_token,
    gunicorn,
    only_on_postgresql,
    processes,
    production_environment,
    session_cookie,
    static_root,  # noqa: F401 - a fixture
    test_database_url,
)

pytestmark = [only_on_postgresql, pytest.mark.django_db(transaction=True)]

RESPONDENTS = 50
LAIT_FILE = ("data", "dfe_lait_absence_la_long_201516_202425.csv")
MINUTES = Path(__file__).parent / "governance" / "minutes_examples" / "layout_01_present_subgroups.txt"


@pytest.fixture
def group():
    partnerships = PartnershipIndexPageFactory(parent=ensure_site_tree())
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


def member(group, role):
    account = UserFactory()
    MembershipFactory(person__user=account, person__full_name=account.get_full_name(), group=group, role=role)
    return account


@pytest.fixture
def consultation(group):
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    group.get_parent().get_parent().add_child(instance=index)
    page = ConsultationPageFactory(parent=index, group=group)
    add_every_kind_of_question(page)
    return page


# Fifty people at once


def first_answers(names, n):
    return {**complete_answers(names), names["short_text"]: f"First thoughts, respondent {n}."}


def changed_answers(names, n):
    return {
        **complete_answers(names),
        names["agreement"]: "disagree",
        names["short_text"]: f"Changed my mind, respondent {n}.",
    }


def respond(server, path, names, n, session, start):
    """One person: opens the page, submits with a double click, opens it again, changes their answers."""
    browser = Visitor(address=f"198.51.100.{n + 1}", session=session)
    seen = []

    def step(name, response):
        seen.append((name, response.status_code))
        return response

    start.wait(timeout=120)
    token = csrf_token(step("open", browser.get(server, path)))
    first = {**first_answers(names, n), "intent": "submit"}
    with ThreadPoolExecutor(2) as double_click:
        for sent in double_click.map(lambda _: browser.post(server, path, first, token), range(2)):
            step("submit", sent)
    again = step("open again", browser.get(server, path))
    assert "Submit your changes" in again.text, f"respondent {n} does not see their submitted response"
    step("change", browser.post(server, path, {**changed_answers(names, n), "intent": "submit"}, token))
    return seen


def test_fifty_people_submitting_and_changing_their_answers_at_once_lose_nothing(
    static_root,  # noqa: F811 - the fixture imported above
    consultation,
    group,
    tmp_path,
):
    names = {question.field_type: question.clean_name for question in consultation.questions.all()}
    people = [UserFactory(email=f"respondent{n}@example.org") for n in range(RESPONDENTS)]
    sessions = [session_cookie(person) for person in people]
    chair = member(group, MembershipRole.CHAIR)
    start = threading.Barrier(RESPONDENTS)
    path = consultation.url  # worked out here: the threads must not open database connections of their own

    with processes() as started:
        # The production settings' own cache and queue: the database's.
        server = gunicorn(started, production_environment(tmp_path, static_root=static_root), workers=3)
        server.wait_until_listening()
        with ThreadPoolExecutor(RESPONDENTS) as respondents:
            journeys = list(
                respondents.map(lambda n: respond(server, path, names, n, sessions[n], start), range(RESPONDENTS))
            )
        chairs_view = Visitor(session=session_cookie(chair))
        analysis = chairs_view.get(server, f"/consultations/{consultation.pk}/analysis/")
        export = chairs_view.get(server, f"/consultations/{consultation.pk}/export/?format=csv")
        log = server.log_tail()

    expected = {"open": 200, "submit": 302, "open again": 200, "change": 302}
    errors = [(n, step, status) for n, seen in enumerate(journeys) for step, status in seen if status != expected[step]]
    assert not errors, f"requests refused or failed: {errors}\n{log}"

    responses = {response.user_id: response for response in ConsultationResponse.objects.filter(page=consultation)}
    assert sorted(responses) == sorted(person.pk for person in people), "a submission is missing or stored twice"
    for n, person in enumerate(people):
        assert_kept_as_changed(consultation, responses[person.pk], changed_answers(names, n))

    receipts = receipts_queued()
    assert sorted(receipts) == sorted(
        [(person.email, "Your response to") for person in people]
        + [(person.email, "Your changed response to") for person in people]
    ), "each submission and each change queues one receipt"

    assert_analysis_matches_the_rows(consultation, analysis, export, names)


def assert_kept_as_changed(consultation, response, changed):
    form = consultation.get_form(changed, page=consultation, user=None)
    assert form.is_valid(), form.errors
    assert response.status == ResponseStatus.SUBMITTED
    assert response.form_data == form.answers, "an edit was lost"
    expected_rows = sorted(
        (question.pk, row.get("value", ""), row.get("rank"), row.get("text", ""))
        for question in consultation.get_form_fields()
        for row in rows_for(question, form.answers.get(question.clean_name))
    )
    stored = sorted(response.answers.values_list("question_id", "value", "rank", "text"))
    assert stored == expected_rows, "the counted answers are not the changed ones"


def receipts_queued():
    """(to, what) for every email queued on the database queue, which the production settings use."""
    queued = DBTaskResult.objects.filter(task_path="portal.tasks.send_email").values_list("args_kwargs", flat=True)
    return [(kwargs["to"][0], kwargs["subject"].split(" “", 1)[0]) for kwargs in (entry["kwargs"] for entry in queued)]


def assert_analysis_matches_the_rows(consultation, analysis, export, names):
    assert analysis.status_code == 200
    assert f"<strong>{RESPONDENTS}</strong> submitted responses" in analysis.text
    assert counts_by_status(consultation)[ResponseStatus.SUBMITTED] == RESPONDENTS

    agreement = consultation.questions.get(field_type="agreement")
    (summary,) = summarise(consultation, [agreement])
    counted = {option.value: option.answers for option in summary.options if option.answers}
    rows = Answer.objects.filter(question=agreement).values_list("value", flat=True)
    assert counted == {"disagree": RESPONDENTS} == {value: list(rows).count(value) for value in set(rows)}
    assert summary.respondents == RESPONDENTS

    assert export.status_code == 200
    exported = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))[1:]
    assert len(exported) == RESPONDENTS
    changed = [cell for row in exported for cell in row if cell.startswith("Changed my mind, respondent ")]
    assert sorted(changed) == sorted(f"Changed my mind, respondent {n}." for n in range(RESPONDENTS))


# Imports killed while they write


def database_state():
    """Every table's rows, as a count and a digest (the shared cache's table aside: it is no record)."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "portal_cache":
                continue
            rows = f"{connection.ops.quote_name(table)} t"
            cursor.execute(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {rows}")  # noqa: S608
            state[table] = cursor.fetchone()
    return state


class WritesHeld:
    """Holds a lock on one table that lets reads through and makes writers wait, in a connection of its own."""

    def __init__(self, model):
        self.connection = psycopg.connect(test_database_url())
        self.connection.execute(f"LOCK TABLE {model._meta.db_table} IN EXCLUSIVE MODE")

    def wait_for_writer(self, process, seconds=60):
        """The backend waiting on the lock, once it has written rows of its own (it holds a transaction id)."""
        deadline = time.monotonic() + seconds
        query = "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid)) AND backend_xid IS NOT NULL"
        with psycopg.connect(test_database_url(), autocommit=True) as watcher:
            while time.monotonic() < deadline:
                assert process.popen.poll() is None, f"the import ended before it was stopped:\n{process.log_tail()}"
                blocked = watcher.execute(query, [self.connection.info.backend_pid]).fetchone()
                if blocked:
                    return blocked[0]
                time.sleep(0.05)
        raise AssertionError(f"The import never reached its writes:\n{process.log_tail()}")

    def release(self):
        self.connection.rollback()
        self.connection.close()


def wait_until_gone(backend_pid, seconds=30):
    """PostgreSQL ends a dead client's session (rolling its transaction back) once it next speaks to it."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(test_database_url(), autocommit=True) as watcher:
        while watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend_pid]).fetchone():
            assert time.monotonic() < deadline, "the killed import's database session lives on"
            time.sleep(0.05)


def test_an_indicator_import_killed_while_writing_leaves_the_database_as_it_was(tmp_path):
    lait = shared_file(*LAIT_FILE)
    lines = lait.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    earlier = tmp_path / "earlier.csv"
    earlier.write_text("".join(lines[:400]), encoding="utf-8")
    call_command("import_indicators", str(earlier), stdout=io.StringIO())
    before = database_state()
    assert before[Observation._meta.db_table][0] > 0, "the earlier import saved figures to keep"

    env = production_environment(tmp_path, static_root=tmp_path / "static")  # a command: no pages, no static
    with processes() as started:
        writes = WritesHeld(Observation)
        try:
            command = [sys.executable, "manage.py", "import_indicators", str(lait)]
            importer = Process(command, env, tmp_path / "import.log")
            started.append(importer)
            backend = writes.wait_for_writer(importer)
            importer.kill_outright()
        finally:
            writes.release()
    wait_until_gone(backend)

    assert database_state() == before


def test_an_app_server_killed_while_saving_imported_minutes_leaves_the_database_as_it_was(
    static_root,  # noqa: F811 - the fixture imported above
    group,
    tmp_path,
):
    secretary = Visitor(session=session_cookie(member(group, MembershipRole.SECRETARIAT)))
    with processes() as started:
        server = gunicorn(started, production_environment(tmp_path, static_root=static_root), workers=1)
        server.wait_until_listening()
        upload = secretary.get(server, "/minutes/import/")
        text = MINUTES.read_text(encoding="utf-8")
        fields = {"pasted_text": text, "group": str(group.pk)}
        confirmation = secretary.post(server, "/minutes/import/", fields, csrf_token(upload))
        assert confirmation.status_code == 200, confirmation.text[-2000:]
        form = next(form for form in PostedForm(confirmation.text).forms if "upload" in form)
        before = database_state()

        writes = WritesHeld(AttendanceRecord)
        try:
            with ThreadPoolExecutor(1) as saving:
                answer = saving.submit(secretary.post, server, "/minutes/import/", form, form["csrfmiddlewaretoken"])
                backend = writes.wait_for_writer(server)
                server.kill_outright()
                with pytest.raises(requests.ConnectionError):
                    answer.result(timeout=60)
        finally:
            writes.release()
    wait_until_gone(backend)

    assert database_state() == before
    assert not MeetingPage.objects.exists()
