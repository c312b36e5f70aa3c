"""The README's first screen tells a newcomer what to run and whom to log in as, and the
login it names works on the sample districts."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from planning.models import Plan

FIRST_SCREEN = "\n".join(
    (Path(__file__).resolve().parent.parent / "README.md").read_text().splitlines()[:40]
)


def test_the_first_screen_gives_the_two_commands_and_a_login():
    assert ".ci/serve" in FIRST_SCREEN and ".ci/test" in FIRST_SCREEN
    assert "riverbend-editor" in FIRST_SCREEN and "plans-demo" in FIRST_SCREEN


@pytest.mark.django_db
def test_the_login_and_plan_the_first_screen_name_open_the_plan(client, samples):
    username = re.search(r"Log in as \*\*`([a-z-]+)`\*\*", FIRST_SCREEN).group(1)
    password = re.search(r"password \*\*`([a-z-]+)`\*\*", FIRST_SCREEN).group(1)
    title = re.search(r"open\s+\*\*([^*]+)\*\*", FIRST_SCREEN).group(1)
    assert client.login(username=username, password=password)
    plan = Plan.objects.get(district__slug="riverbend", title=title)
    assert client.get(reverse("plan", args=["riverbend", plan.pk])).status_code == 200
