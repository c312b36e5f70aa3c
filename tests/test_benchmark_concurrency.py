"""The twenty-editor benchmark, small: a few editors saving at once through a real gunicorn on
a throwaway database, every acknowledged save kept and in the change log once."""

import io

import pytest
from django.db import connection

from planning.management.commands.benchmark_concurrency import Session, run_concurrency, tally

EDITORS = 3
SAVES = 3


def own_database_url() -> str:
    """The tests' own database: on SQLite a migrated file the benchmark copies; on PostgreSQL
    the server it makes a database of its own on."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)  # nothing left open in the file it copies
def test_editors_saving_at_once_through_gunicorn_lose_nothing():
    said = io.StringIO()

    figures = run_concurrency(
        said,
        editors=EDITORS,
        saves=SAVES,
        seconds=40,
        goals=1,
        workers=2,
        database_url=own_database_url(),
    )

    assert figures["concurrency_errors"] == 0, said.getvalue()
    assert figures["concurrency_saves"] == EDITORS * SAVES
    assert figures["concurrency_lost"] == 0
    assert figures["concurrency_logged"] == EDITORS * SAVES  # each save recorded, none twice
    assert figures["concurrency_saves_per_s"] > 0
    assert 0 < figures["concurrency_p50_ms"] <= figures["concurrency_p95_ms"]
    assert "3 editors saving" in said.getvalue()


def test_a_save_missing_from_the_change_log_or_overwritten_counts_as_lost():
    kept = Session(1, saved=[(1, "one"), (2, "two")], save_ms=[10.0, 20.0])
    unlogged = Session(2, saved=[(1, "one"), (2, "two")], save_ms=[10.0, 20.0])
    overwritten = Session(3, saved=[(1, "one"), (2, "two")], save_ms=[10.0, 20.0])
    held = {
        "texts": {"1": "two", "2": "two", "3": "one"},
        "logged": {"1": ["one", "two"], "2": ["two"], "3": ["one", "two"]},
    }

    figures = tally([kept, unlogged, overwritten], held, wall_s=1.0)

    assert figures["concurrency_lost"] == 2
    assert figures["concurrency_saves"] == 6


def test_a_failed_save_that_was_made_after_all_is_not_counted_lost():
    session = Session(1, saved=[(1, "one")], unanswered=[(2, "two")], errors=["POST 502"])
    held = {"texts": {"1": "two"}, "logged": {"1": ["one", "two"]}}

    figures = tally([session], held, wall_s=1.0)

    assert figures["concurrency_lost"] == 0
    assert figures["concurrency_errors"] == 1
