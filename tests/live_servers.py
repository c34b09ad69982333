"""The portal as it runs in production, for tests that need more than Django's test client: gunicorn app
servers, RQ workers and a redis-server, each a process of its own on loopback, against the test database.

Like bench/run.py, the servers use the production settings with what production takes from its
environment (the secret key, hosts, database, static and media folders) set for one loopback run, and
plain http, so `Visitor` keeps the secure cookies itself. The test database must hold committed data
(`django_db(transaction=True)`), and only PostgreSQL lets several processes share it.
"""

import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.core.mail.backends import filebased
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parent.parent
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MESSAGE_END = b"\n" + b"-" * 79 + b"\n"

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="runs only on PostgreSQL: several app server processes share one database, which SQLite's "
    "test database cannot be (`make test-postgres` runs it)",
)


class FolderEmailBackend(filebased.EmailBackend):
    """Django's file backend, one file per connection in $EMAIL_FILE_PATH: the production settings take only
    EMAIL_BACKEND from the environment. Files are named uniquely, as several processes write at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, file_path=os.environ["EMAIL_FILE_PATH"], **kwargs)

    def _get_filename(self):
        if self._fname is None:
            self._fname = os.path.join(self.file_path, f"{os.getpid()}-{uuid.uuid4().hex}.eml")
        return self._fname


def emails_in(folder: Path) -> list:
    """Every message the folder's FolderEmailBackend files hold."""
    messages = []
    for path in sorted(folder.glob("*.eml")):
        for raw in path.read_bytes().split(MESSAGE_END):
            if raw.strip():
                messages.append(email.message_from_bytes(raw, policy=email.policy.default))
    return messages


# Settings and data the processes share with the test


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The production settings serve collected static files (with their manifest): collected once a run,
    however many test modules import this fixture."""
    folder = tmp_path_factory.getbasetemp() / "collected-static"
    if not (folder / "staticfiles.json").is_file():
        env = production_environment(folder.parent, static_root=folder, database_url="postgres://unused@127.0.0.1/x")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    return folder


def test_database_url() -> str:
    """The database pytest-django made, which the processes must use to see what the test commits."""
    db = connection.settings_dict
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


def production_environment(workdir: Path, *, static_root: Path, database_url=None, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        # The test's own key, so sessions it makes (`session_cookie`) are valid on the servers.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url or test_database_url(),
        # Plain http on loopback: production's redirect to https would answer every request with a 301.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "tests.live_servers.FolderEmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "email"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    if "REDIS_URL" not in extra:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *arguments):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, capture_output=True
    )


def create_database_cache_table():
    """Without REDIS_URL the production settings' cache is the database's. Migrating makes its table, but the
    test database was migrated with the test settings' in-memory cache, so it is made here."""
    database_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    with override_settings(CACHES={"default": database_cache}):
        call_command("createcachetable", verbosity=0)


def session_cookie(user) -> str:
    """A signed-in session for the person, as Django's test client makes one: valid on every app server."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# Processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Process:
    """A process the test started, its output in a log file to quote when something goes wrong."""

    serves_others = False

    def __init__(self, command, env, log: Path, port=None):
        self.log, self.port = log, port
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as output:
            # A session of its own, so `kill_outright` reaches gunicorn's workers as well as its master.
            self.popen = subprocess.Popen(  # noqa: S603 - our own fixed commands
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_until_listening(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise AssertionError(f"{self.popen.args[2:5]} stopped before listening:\n{self.log_tail()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise AssertionError(f"Nothing listened on port {self.port} within {seconds} s:\n{self.log_tail()}")

    def log_tail(self, characters=3000) -> str:
        return self.log.read_text(errors="replace")[-characters:]

    def kill_outright(self):
        """SIGKILL to the process and every process it started, as when a machine loses power."""
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait()

    def stop(self, seconds=15):
        try:
            self.popen.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


@contextmanager
def processes():
    """Every process started in the block is stopped at its end, whatever happens: all at once, then the
    services they use (Redis, which the workers tell they are leaving)."""
    started = []
    try:
        yield started
    finally:
        for wave in ([p for p in started if not p.serves_others], [p for p in started if p.serves_others]):
            for process in wave:
                if process.popen.poll() is None:
                    process.popen.terminate()
            for process in wave:
                process.stop()


def redis_server(started, workdir: Path) -> str:
    server = shutil.which("redis-server")
    assert server, "redis-server is needed: scripts/system-deps.sh redis-server"
    port = free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = Process([*command, "--dir", str(workdir)], None, workdir / f"redis-{port}.log", port)
    process.serves_others = True
    started.append(process)
    process.wait_until_listening(10)
    return f"redis://127.0.0.1:{port}/0"


def gunicorn(started, env, workers=2) -> Process:
    """An app server, not yet waited for: call `wait_until_listening` once the test's data is in."""
    if "REDIS_URL" not in env:
        create_database_cache_table()
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    # No control socket: it lives at one path per user, which a second gunicorn would take.
    options = ["--workers", str(workers), "--no-control-socket", "--timeout", "60", "--graceful-timeout", "2"]
    log = Path(env["EMAIL_FILE_PATH"]).parent / f"gunicorn-{port}.log"
    process = Process(command + options, env, log, port)
    started.append(process)
    return process


def rq_worker(started, env, name) -> Process:
    """A task worker as production runs it with REDIS_URL (see "Slow work" in the README)."""
    command = [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "--name", name]
    log = Path(env["EMAIL_FILE_PATH"]).parent / f"worker-{name}.log"
    process = Process([*command, "default"], env, log)
    started.append(process)
    return process


# Visitors


class Visitor:
    """One person's browser, on whichever app server it is sent to: its own cookies (kept here, since the
    production settings mark them secure and these servers speak plain http) and its own address, passed
    on as a load balancer does (X-Forwarded-For, one trusted proxy)."""

    def __init__(self, address="203.0.113.10", session=None):
        # Every server is asked for the same public host, so they share one page cache entry per address.
        self.headers = {"Host": "127.0.0.1", "X-Forwarded-For": address}
        self.cookies = {settings.SESSION_COOKIE_NAME: session} if session else {}

    def get(self, server, path, **kwargs):
        return self.request("GET", server, path, **kwargs)

    def post(self, server, path, data, token, **kwargs):
        return self.request("POST", server, path, data={**data, "csrfmiddlewaretoken": token}, **kwargs)

    def request(self, method, server, path, **kwargs):
        response = requests.request(
            method,
            server.url + path,
            headers=self.headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self.keep_cookies(response)
        return response

    def keep_cookies(self, response):
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def csrf_token(response) -> str:
    found = CSRF_TOKEN.search(response.text)
    assert found, f"No form with a CSRF token on {response.url} ({response.status_code})"
    return found.group(1)
