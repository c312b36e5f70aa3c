"""Settings come from the environment and refuse values that make no sense."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# The test run's own values (config/test_settings.py, .ci/test) must not leak into the child.
SETTINGS_FROM_ENVIRONMENT = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if key not in SETTINGS_FROM_ENVIRONMENT
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_debug_off():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        ALLOWED_HOSTS="plans.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="plans.example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_a_debug_value_that_is_not_a_boolean_is_refused():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_trusted_proxy_count_that_is_not_a_whole_number_is_refused():
    for value in ("two", "-1", "1.5"):
        result = manage("check", DEBUG="true", TRUSTED_PROXY_COUNT=value)
        assert result.returncode != 0
        assert "TRUSTED_PROXY_COUNT must be a whole number (0 or more)" in result.stderr


def test_a_mail_server_that_does_not_answer_is_given_up_on():
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_TIMEOUT)",
        DEBUG="true",
    )
    assert result.stdout.strip() == "10", result.stderr
    result = manage("check", DEBUG="true", EMAIL_TIMEOUT="soon")
    assert "EMAIL_TIMEOUT must be a whole number" in result.stderr


def test_a_mail_timeout_that_would_fail_every_mail_is_refused():
    # smtplib refuses a timeout of 0 outright, and a negative one is no time at all.
    for value in ("0", "-5"):
        result = manage("check", DEBUG="true", EMAIL_TIMEOUT=value)
        assert result.returncode != 0
        assert f"EMAIL_TIMEOUT must be a whole number (1 or more), not '{value}'" in result.stderr


def test_an_hsts_time_that_is_not_a_number_is_refused_in_words():
    result = manage("check", DEBUG="true", SECURE_HSTS_SECONDS="a year")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number (0 or more), not 'a year'" in result.stderr


POSTGRES = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def test_pooled_postgresql_connections_are_checked_when_taken_from_the_pool():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        " print(d['OPTIONS']['pool'], d['CONN_HEALTH_CHECKS'])",
        DEBUG="true",
        DATABASE_URL="postgres://plans@db.example.org:5432/plans",
    )
    assert result.stdout.split() == ["True", "True"], result.stderr


# The server restarts under the app: every pooled connection is closed from its end, and the
# pool cannot know until it uses one. The requests after it must still get an answer.
SERVER_RESTARTS_UNDER_THE_POOL = """
import psycopg
from django.db import connection

connection.ensure_connection()  # the pool opens, with its connections
connection.close()
with psycopg.connect({server!r}, autocommit=True) as server:
    server.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
        [{name!r}],
    )
for _ in range(6):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    connection.close()
print("every query answered")
"""


def test_pooled_connections_the_server_closed_are_replaced_not_used():
    name = f"plans-pool-{uuid.uuid4().hex[:8]}"
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        SERVER_RESTARTS_UNDER_THE_POOL.format(server=POSTGRES, name=name),
        DEBUG="true",
        DATABASE_URL=f"{POSTGRES}?application_name={name}",
    )
    assert "every query answered" in result.stdout, result.stderr[-2000:]
