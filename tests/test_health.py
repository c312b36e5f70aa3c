"""The load balancer's check: /health/ reads a real table and says 503 at once when it
cannot, and answers over plain HTTP, where the balancer asks."""

import sqlite3
import time
from contextlib import contextmanager
from unittest import mock

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from districts.models import District


@contextmanager
def database_held_by_another_process(tmp_path):
    """What a stuck migration or backup does: the table pages read is held, and they wait."""
    table = District._meta.db_table
    if connection.vendor == "sqlite":
        # In WAL mode only a file's one connection can hold it whole, and this process keeps
        # connections to the test database open (one per test after a Playwright test), so a
        # file of its own, held by another connection, stands in for the database.
        held = tmp_path / "held.sqlite3"
        holder = sqlite3.connect(held, isolation_level=None)
        holder.execute("PRAGMA journal_mode=WAL")
        holder.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY)")
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute(f"INSERT INTO {table} DEFAULT VALUES")  # takes the lock, in WAL too
        try:
            with mock.patch.dict(connection.settings_dict, {"NAME": str(held)}):
                yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    else:
        database = connection.settings_dict
        with psycopg.connect(
            dbname=database["NAME"],
            user=database["USER"],
            password=database["PASSWORD"] or None,
            host=database["HOST"],
            port=database["PORT"] or None,
        ) as holder:
            holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            yield


@pytest.mark.django_db(transaction=True)
def test_health_says_503_within_seconds_when_the_database_is_held(client, tmp_path):
    with database_held_by_another_process(tmp_path):
        started = time.monotonic()
        response = client.get(reverse("health"))
        took = time.monotonic() - started
    assert response.status_code == 503
    assert response.json() == {"database": "unreachable"}
    assert took < 5
    assert client.get(reverse("health")).status_code == 200  # and answers once it is free


@pytest.mark.django_db
def test_health_answers_over_plain_http_while_every_page_is_sent_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert client.get(reverse("login")).status_code == 301
    assert client.get(reverse("health") + "?from=balancer").status_code == 200
