"""Settings come from the environment and refuse values that make no sense."""

import os
import subprocess
import sys
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
