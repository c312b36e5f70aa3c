"""The four seed plans load word for word, and load_samples is safe to run twice.

The expected counts and texts are read off the seeds in shared/seeds/ by hand.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.urls import reverse

from districts.models import District, Membership
from measures.models import Measure
from planning.models import Objective, Plan, Strategy
from tests.conftest import load_samples

pytestmark = pytest.mark.django_db


def plan_of(slug: str) -> Plan:
    return Plan.objects.get(district__slug=slug)


def shape(plan: Plan) -> dict[str, int]:
    return {
        "goals": plan.goals.count(),
        "objectives": Objective.objects.filter(plan=plan).count(),
        "strategies": Strategy.objects.filter(plan=plan).count(),
        "measures": Measure.objects.filter(plan=plan).count(),
        "values": plan.values.count(),
        "vision_areas": plan.vision_areas.count(),
        "graduate_attributes": plan.graduate_attributes.count(),
    }


def test_butler_plan(samples):
    plan = plan_of("butler53")
    assert plan.district.name == "Butler School District 53"
    assert (plan.start_year, plan.end_year) == (2018, 2022)
    assert shape(plan) == {
        "goals": 3,
        "objectives": 7,
        "strategies": 19,
        "measures": 0,
        "values": 0,
        "vision_areas": 0,
        "graduate_attributes": 0,
    }
    goal = plan.goals.get(order=1)
    assert goal.title == "Strengthen Exemplary Teaching & Learning"
    assert goal.statement.startswith("Ensure students are emotionally and academically prepared")
    human_capital = Objective.objects.get(goal__plan=plan, goal__order=3, order=2)
    assert human_capital.title == "Human Capital Professional and Support Staff"
    assert [s.text for s in human_capital.strategies.order_by("order")][-1] == (
        "Strengthen staff and leader satisfaction over time"
    )


def test_district62_plan_hangs_strategies_on_goals(samples):
    plan = plan_of("district62")
    assert plan.title == "Working Together Strategic Plan"
    assert shape(plan) == {
        "goals": 5,
        "objectives": 0,
        "strategies": 13,
        "measures": 0,
        "values": 7,
        "vision_areas": 5,
        "graduate_attributes": 0,
    }
    assert plan.mission == "Empowering confident, future ready learners and productive citizens"
    assert [v.name for v in plan.values.all()][-1] == "Continuous Improvement"
    area = plan.vision_areas.get(order=2)
    assert area.name == "Safe, Engaged, and Respectful Learning Environment"
    assert area.description.startswith("Students actively take the lead in their own learning.")
    assert "<i>" not in area.description
    goal = plan.goals.get(order=4)
    assert goal.title == "Family and Community Connections"
    assert goal.strategies.filter(objective=None).count() == 2
    assert plan.strategy_label == "High Priority Strategy"
    assert "plausible" in plan.notes


def test_belen_plan(samples):
    plan = plan_of("belen")
    assert plan.district.address.startswith("520 North Main Street")
    assert shape(plan) == {
        "goals": 4,
        "objectives": 18,
        "strategies": 43,
        "measures": 0,
        "values": 4,
        "vision_areas": 0,
        "graduate_attributes": 0,
    }
    assert plan.theory_of_action.startswith("When we close the achievement gaps")
    caring = plan.values.get(name="Caring")
    assert caring.definition == "Displaying kindness and concern for others"
    assert caring.descriptors[:3] == ["Compassionate", "mindfulness", "empathy"]
    goal = plan.goals.get(order=1)
    assert goal.title == "Instructional Infrastructure"
    assert len(goal.rationale) == 8
    assert goal.rationale[0].startswith("CLOSING THE ACHIEVEMENT GAP IS ESSENTIAL")
    objective = goal.objectives.get(order=1)
    assert (objective.title, objective.description) == (
        "Academic Growth",
        "Ensure academic growth for all students by closing the achievement gap",
    )
    reports = Strategy.objects.get(plan=plan, text__startswith="Provide quarterly financial")
    assert len(reports.sub_points) == 4
    assert reports.sub_points[-1] == "Voucher Report"
    assert sum(len(g.rationale) for g in plan.goals.all()) == 23
    assert plan.strategy_label == "Implementation strategy"


def test_clayton_plan(samples):
    plan = plan_of("clayton")
    assert shape(plan) == {
        "goals": 3,
        "objectives": 0,
        "strategies": 0,
        "measures": 18,
        "values": 5,
        "vision_areas": 0,
        "graduate_attributes": 6,
    }
    assert plan.graduate_profile_title == "The Clayton Graduate is..."
    curious = plan.graduate_attributes.get(name="Intellectually Curious")
    assert curious.descriptors == [
        "sees risks and mistakes as opportunities to fail forward",
        "asks questions that lead to effective problem-solving",
        "makes learning a constant",
    ]
    goal = plan.goals.get(order=3)
    assert goal.statement.startswith("We will be dedicated to the personal growth")
    assert sorted(a.name for a in goal.graduate_attributes.all()) == [
        "A Collaborator",
        "Empathetic",
        "Self-Actualized",
    ]
    measure = Measure.objects.get(goal__plan=plan, goal__order=1, order=2)
    assert measure.name == "Discipline disparities among groups of students are reduced."
    assert measure.data_source == "three-year analysis of referrals and suspensions"
    assert measure.direction == Measure.Direction.DECREASE
    assert measure.target_form == Measure.TargetForm.TO_BE_SET
    assert plan.measure_label == "Measure of success"


def test_load_samples_twice_changes_nothing(samples):
    before = {p.district.slug: shape(p) for p in Plan.objects.all()}
    load_samples()
    assert {p.district.slug: shape(p) for p in Plan.objects.all()} == before
    assert District.objects.count() == 4
    assert Membership.objects.count() == 16


def test_demo_users_one_per_role_log_in(samples, client):
    for username in ("belen-editor", "clayton-viewer", "butler53-admin", "district62-approver"):
        assert client.login(username=username, password="plans-demo"), username
    membership = Membership.objects.get(user__username="clayton-viewer")
    assert (membership.district.slug, membership.role) == ("clayton", "viewer")


def test_demo_users_are_refused_with_debug_off_unless_asked():
    with pytest.raises(CommandError, match="--demo-users"):
        load_samples(debug=False)
    assert not get_user_model().objects.exists()

    printed = load_samples("--demo-users", debug=False)
    assert "plans-demo" in printed
    assert get_user_model().objects.filter(username="belen-approver").exists()


def test_each_sample_plan_page_shows_every_level(samples, client):
    client.login(username="belen-viewer", password="plans-demo")
    page = client.get(reverse("plan", args=["belen", plan_of("belen").pk])).content.decode()
    assert "Successfully preparing all students for their futures" in page
    assert "Implementation strategy" in page  # the plan's own label, for screen readers
    assert "Objective 4.4" in page
    assert "Match internal leaders with strong experienced mentors" in page
    assert "Enthusiasm" in page

    client.login(username="clayton-viewer", password="plans-demo")
    page = client.get(reverse("plan", args=["clayton", plan_of("clayton").pk])).content.decode()
    assert "The Clayton Graduate is..." in page
    assert "Measures of success" in page
    assert "social emotional survey data" in page
