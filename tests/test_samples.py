"""The four seed plans load word for word, the fifth, made-up district shows what the app
does, and load_samples is safe to run twice.

The expected counts and texts are read off the seeds in shared/seeds/ by hand.
"""

import io
import json

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.urls import reverse

from districts.models import District, Membership
from measures.models import Measure, Result, Revision
from measures.progress import plan_progress
from planning.exchange import export_plan
from planning.models import Objective, Plan, Strategy
from planning.tree import plan_tree
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
    before = {(p.district.slug, p.title): shape(p) for p in Plan.objects.all()}
    load_samples()
    assert {(p.district.slug, p.title): shape(p) for p in Plan.objects.all()} == before
    assert District.objects.count() == 5
    assert Membership.objects.count() == 20
    assert Plan.objects.filter(district__slug="riverbend").count() == 2


def test_demo_users_one_per_role_log_in(samples, client):
    logins = ("belen-editor", "clayton-viewer", "butler53-admin", "district62-approver")
    for username in (*logins, "riverbend-approver"):
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


# Riverbend Unified, the made-up district ------------------------------------------------

STATUS_WORDS = ("Met", "On track", "At risk", "Off track")


def riverbend(title: str = "Riverbend Rising") -> Plan:
    return Plan.objects.get(district__slug="riverbend", title=title)


def page(client, name: str, plan: Plan, *args) -> str:
    response = client.get(reverse(name, args=[plan.district.slug, plan.pk, *args]))
    assert response.status_code == 200, name
    return response.content.decode()


def test_riverbend_says_on_every_page_that_it_is_made_up(samples, client):
    plan, following = riverbend(), riverbend("Riverbend Forward")
    assert plan.district.name == "Riverbend Unified (a made-up example)"
    note = "A made-up example."
    client.login(username="riverbend-viewer", password="plans-demo")
    district_page = client.get(reverse("district", args=["riverbend"])).content.decode()
    assert note in district_page
    for name, args in (
        ("plan", ()),
        ("progress", ()),
        ("results", ()),
        ("reviews", ()),
        ("review", (2024,)),
        ("spring", ()),
        ("versions", ()),
    ):
        assert note in page(client, name, plan, *args), name
    assert note in page(client, "making", following)
    client.logout()
    public = client.get(reverse("public_plan", args=["riverbend", plan.pk])).content.decode()
    assert note in public

    client.login(username="belen-viewer", password="plans-demo")
    assert note not in page(client, "plan", Plan.objects.get(district__slug="belen"))


def test_riverbend_plan_uses_every_shape_the_app_holds(samples):
    plan = riverbend()
    assert (plan.status, plan.published, plan.period) == ("adopted", True, "2022–2027")
    assert [level.singular for level in plan.levels_in_use] == [
        "Pillar",
        "Goal",
        "Objective",
        "Strategy",
        "Action step",
        "Measure of progress",
    ]
    assert (plan.pillars.count(), plan.goals.count(), plan.objectives.count()) == (3, 6, 6)
    assert sorted(plan.objectives.values_list("code", flat=True))[:2] == ["1.A", "1.B"]
    assert plan.action_steps.count() == 3
    assert plan.strategies.filter(objective=None, goal__isnull=False).count() == 4
    assert set(plan.strategies.values_list("status", flat=True)) | set(
        plan.action_steps.values_list("status", flat=True)
    ) == set(Strategy.Status.values)
    assert not plan.strategies.filter(owner="").exists()
    assert not plan.strategies.filter(start_year=None).exists()
    assert plan.strategies.exclude(cost=None).count() >= 5

    measures = Measure.objects.filter(plan=plan)
    assert measures.count() >= 25
    assert {m.unit for m in measures} == {"percent", "count", "ratio", "money", "score", ""}
    assert {m.kind for m in measures} == set(Measure.Kind.values)
    assert {m.target_form for m in measures} == set(Measure.TargetForm.values)
    assert {m.direction for m in measures} == set(Measure.Direction.values)
    assert measures.filter(goal__isnull=False).count() >= 6
    assert measures.filter(objective__isnull=False).count() >= 6
    assert measures.filter(guardrail__isnull=False).count() == 3
    assert plan.sections.get().name == "Board Guardrails"
    assert not measures.filter(baseline_value=None).exclude(kind="milestone").exists()

    results = Result.objects.filter(measure__plan=plan)
    assert set(results.values_list("year", flat=True)) == {2022, 2023, 2024}
    groups = {r.group.name if r.group else "All students" for r in results}
    assert groups == {
        "All students",
        "English learners",
        "Students with disabilities",
        "Low-income students",
    }
    assert (
        not measures.exclude(target_form__in=["words", "to_be_set"])
        .filter(targets=None, final_target=None)
        .exists()
    )
    survey = measures.get(name="Families satisfied with how their school keeps in touch")
    assert survey.baseline_text == "71.0% in May 2022"
    revision = Revision.objects.get(measure__plan=plan, field="baseline")
    assert revision.reason == "The state re-scored the 2021–22 test."


def test_riverbend_has_a_closed_review_a_decided_packet_and_the_version_it_made(samples):
    plan = riverbend()
    review = plan.reviews.get()
    assert (review.year, review.state) == (2024, "closed")
    assert review.assessments.count() == 9  # six goals and three guardrails
    assert len(review.record["goals"]) == 9
    packet = plan.packets.get()
    assert packet.state == "closed"
    assert sorted(packet.recommendations.values_list("state", flat=True)) == [
        "approved",
        "approved",
        "approved",
        "declined",
        "returned",
    ]
    assert plan.versions.count() == 2
    version = plan.versions.get(number=2)
    assert version.packet == packet
    assert version.label == "Spring recommendations, March 2026: 3 approved changes"
    # What was approved is in the plan now.
    ratio = Measure.objects.get(plan=plan, name="Students per counselor")
    assert ratio.targets.get(year=2025).value == 340
    assert Revision.objects.get(measure=ratio, year=2025).reason.startswith("Hiring is on hold")
    assert plan.strategies.filter(text__startswith="Tutor every eighth grader").exists()
    assert plan.objectives.get(code="3.A").title == "Fair and Restorative Discipline"


def test_riverbend_has_a_next_plan_in_the_making(samples, client):
    following = riverbend("Riverbend Forward")
    making = following.making
    assert following.status == "draft" and not following.published
    assert making.follows == riverbend() and not making.is_adopted
    assert list(making.phases.values_list("status", flat=True)) == [
        "done",
        "under_way",
        "not_started",
        "not_started",
        "not_started",
    ]
    assert making.phases.exclude(planned_start=None).count() == 5
    assert making.swot_entries.count() == 8
    assert {e.kind for e in making.swot_entries.all()} == {
        "strength",
        "weakness",
        "opportunity",
        "threat",
    }
    assert making.outreach.count() == 5
    assert sum(o.themes.count() for o in making.outreach.all()) == 6
    priorities = list(making.priorities.order_by("order"))
    assert [p.title for p in priorities][:2] == [
        "Mathematics in the middle grades",
        "Keeping teachers",
    ]
    assert priorities[0].goals.get().title == "Reading and Mathematics for All"

    client.login(username="riverbend-editor", password="plans-demo")
    overview = page(client, "making", following)
    assert "Diagnostic analysis" in overview and "Mathematics in the middle grades" in overview


@pytest.mark.parametrize("name, args", [("progress", ()), ("results", ()), ("review", (2024,))])
def test_riverbend_pages_show_every_status(samples, client, name, args):
    client.login(username="riverbend-viewer", password="plans-demo")
    shown = page(client, name, riverbend(), *args)
    for word in STATUS_WORDS:
        assert word in shown, f"{word} is not on the {name} page"


def test_riverbend_public_page_shows_every_status(samples, client):
    plan = riverbend()
    shown = client.get(reverse("public_plan", args=["riverbend", plan.pk])).content.decode()
    for word in STATUS_WORDS:
        assert word in shown, f"{word} is not on the public page"


def test_riverbend_plan_page_shows_its_levels_and_the_work_under_way(samples, client):
    client.login(username="riverbend-viewer", password="plans-demo")
    shown = page(client, "plan", riverbend())
    for words in (
        "Learning for Every Student",  # a pillar, above the goals
        "Objective 1.A",  # a code the district typed
        "Train every K–2 teacher in the science of reading",  # an action step
        "Board Guardrails",
        "Director of Elementary Learning",
        *(label for _, label in Strategy.Status.choices),
    ):
        assert words in shown, words


def test_riverbend_plan_pdf_renders(samples, client):
    plan = riverbend()
    client.login(username="riverbend-viewer", password="plans-demo")
    response = client.get(reverse("plan_pdf", args=["riverbend", plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "A made-up example" in text
    assert "Third graders reading on grade level" in text
    assert "Schools without a full-time counselor" in text
    for word in STATUS_WORDS:
        assert word in text

    # Each measure's row, its status included, stands whole on one page.
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    measures = plan_progress(plan_tree(plan)).measures
    rows = [f"{m.reference} {' '.join(m.measure.name.split()[:3])}" for m in measures]
    for measure, row in zip(measures, rows, strict=True):
        on = [page for page in pages if row in page]
        assert len(on) == 1, row
        start = on[0].index(row)
        ends = [on[0].find(other, start + 1) for other in rows if other != row]
        end = min([at for at in ends if at > start] + [len(on[0])])
        assert measure.all_students.latest.status.label in on[0][start:end], row


def test_riverbend_is_the_same_every_time_it_is_generated(samples):
    def exported() -> list[str]:
        return [
            json.dumps(export_plan(plan), sort_keys=True, ensure_ascii=False)
            for plan in Plan.objects.filter(district__slug="riverbend").order_by("start_year")
        ]

    first = exported()
    Plan.objects.filter(district__slug="riverbend").delete()
    load_samples()
    again = exported()
    assert len(again) == 2 and again == first
    assert '"value": "55.1"' in first[0]  # a group's result, drawn from the seed


def test_riverbend_editor_owns_work_with_dates_and_updates_through_the_year(samples, client):
    import html

    plan = riverbend()
    client.login(username="riverbend-editor", password="plans-demo")
    mine = html.unescape(client.get(reverse("my_work")).content.decode())
    for words in (
        "Coach each new teacher",
        "Add a daily intervention block",
        "Call home on the second day",
        "Hire six counselors",
    ):
        assert words in mine, words
    assert "Overdue" in mine or "overdue" in mine

    shown = html.unescape(page(client, "plan", plan))
    assert "Jordan Reyes (made up)" in shown
    assert "All three schools run the block; the spring screening is in." in shown

    windows = list(plan.update_windows.order_by("opens_on"))
    assert [w.name for w in windows] == ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    third = html.unescape(page(client, "board_update", plan, windows[2].pk))
    # As it stood when the third quarter's window closed: the April update, not June's.
    assert "The third school starts in April: its tutors were hired late." in third
    assert "All three schools run the block" not in third
