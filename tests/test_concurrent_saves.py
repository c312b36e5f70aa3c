"""Several people saving at the same moment all get their save, on SQLite's file database
as on PostgreSQL: no "database is locked" error, nothing lost."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from planning.models import Change, Goal
from tests.conftest import fingerprint_in
from tests.factories import build_plan

PEOPLE = 8
ROUNDS = 3
HTMX = {"HTTP_HX_REQUEST": "true"}


def edit_url(goal: Goal) -> str:
    return reverse("item_edit", args=[goal.plan.district.slug, goal.plan_id, "goal", goal.pk])


@pytest.mark.django_db(transaction=True)
def test_editors_saving_at_the_same_moment_all_get_their_save(district, editor):
    plan = build_plan(district, goals=PEOPLE, objectives=0, strategies=0, status="draft")
    goals = list(plan.goals.order_by("order"))
    clients = []
    for _ in goals:
        client = Client()
        client.force_login(editor)
        clients.append(client)
    together = threading.Barrier(PEOPLE, timeout=60)
    answers, errors = [], []

    def save_again_and_again(client: Client, goal: Goal) -> None:
        try:
            for round_ in range(ROUNDS):
                page = client.get(edit_url(goal), **HTMX).content.decode()
                connection.close()  # as at the end of a real request: back to the pool, if any
                form = {
                    "title": f"Goal {goal.order}, round {round_}",
                    "statement": goal.statement,
                    "rationale": "",
                    "fingerprint": fingerprint_in(page),
                }
                together.wait()  # every save starts at the same moment
                answers.append(client.post(edit_url(goal), form, **HTMX).status_code)
                connection.close()
        except Exception as error:  # an OperationalError in a thread must reach the assert
            errors.append(repr(error))
            together.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save_again_and_again, args=(client, goal))
        for client, goal in zip(clients, goals, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert answers == [200] * PEOPLE * ROUNDS
    assert [goal.title for goal in plan.goals.order_by("order")] == [
        f"Goal {goal.order}, round {ROUNDS - 1}" for goal in goals
    ]
    assert Change.objects.filter(item_kind="goal", action="changed").count() == PEOPLE * ROUNDS
