"""Production settings fail closed and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7!kq2@pL9#vR4$mZ8%nB3^cW6&dF1*gH5(jK0)sT2_yU7+eA9=oI4",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
}


def manage(*args, env):
    # The test process allows async-unsafe ORM calls for Playwright; a deployment never does.
    inherited = set(PRODUCTION_ENV) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_required_variables(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_settings_turn_debug_off_and_secure_cookies_on():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SECURE_PROXY_SSL_HEADER)",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip() == "False True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_the_shared_cache_is_redis_when_redis_url_is_set_and_the_database_otherwise():
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    with_redis = manage("shell", "-c", show, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    without = manage("shell", "-c", show, env=PRODUCTION_ENV)
    assert with_redis.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"
    assert without.stdout.strip().splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"
