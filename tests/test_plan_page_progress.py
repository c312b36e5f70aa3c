"""Progress where board members read: on the plan page each measure shows its latest
result and status, each item above the work a roll-up, and the plan a summary."""

import re

import pytest
from django.urls import reverse

from measures.models import Result, Target
from planning.models import Strategy
from tests.factories import MeasureFactory, build_plan

pytestmark = pytest.mark.django_db


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def plan(district):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    goal = plan.goals.get(order=2)
    off = MeasureFactory(plan=plan, goal=goal, order=2, name="Days absent")
    Target.objects.create(measure=off, year=2022, value=60)
    Result.objects.create(measure=off, year=2022, value=10)
    met = MeasureFactory(plan=plan, goal=goal, order=3, name="Readers on grade level")
    Target.objects.create(measure=met, year=2022, value=60)
    Result.objects.create(measure=met, year=2022, value=65)
    return plan


def test_each_measure_shows_its_latest_result_and_status_in_words(client, viewer, plan):
    client.force_login(viewer)
    page = text_of(client.get(url(plan, "plan")).content.decode())
    assert "Readers on grade level" in page
    assert "Latest result 65% in 2022–23 Met" in page
    assert "Latest result 10% in 2022–23 Off track" in page


def test_a_goal_rolls_up_its_measures_worst_first_and_the_plan_sums_them(client, viewer, plan):
    client.force_login(viewer)
    html = client.get(url(plan, "plan")).content.decode()
    goal = plan.goals.get(order=2)
    own = html[html.index(f'id="goal-{goal.pk}-own"') :]
    roll_up = text_of(own[: own.index("</p>", own.index('class="standing"'))])
    # Off track comes first, so that one measure off track is never hidden.
    assert roll_up.index("Off track") < roll_up.index("Met")
    summary = text_of(html[html.index('class="plan-standing"') :].split("</p>")[0])
    assert "Off track 1" in summary and "Met 1" in summary


def test_a_result_entered_on_the_grid_shows_on_the_kept_page(client, editor, plan):
    client.force_login(editor)
    client.get(url(plan, "plan"))  # kept
    strategy = Strategy.objects.filter(plan=plan).first()
    measure = strategy.measures.get()
    address = url(plan, "result_edit", measure.pk, 2023, "all")
    answer = client.post(address, {"value": "77", "note": ""}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200, answer.content[:300]
    page = text_of(client.get(url(plan, "plan")).content.decode())
    assert "Latest result 77% in 2023–24" in page
