"""Every URL of the app, asked by each role of the district, by an administrator of
another district and anonymously, answers as one table says."""

import pytest
from django.urls import get_resolver, reverse

from making.models import Making, Outreach, Phase, Priority, SwotEntry
from measures.models import Measure
from planning import versions
from planning.cycle import recommendations
from planning.models import (
    Guardrail,
    Objective,
    Plan,
    Review,
    Section,
    Strategy,
    UpdateWindow,
)
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

PEOPLE = ("admin_user", "editor", "approver", "viewer", "outsider", None)
LOGIN = "login"


def answers(admin, editor, approver, viewer, outsider, anonymous):
    return dict(zip(PEOPLE, (admin, editor, approver, viewer, outsider, anonymous), strict=True))


READ = answers(200, 200, 200, 200, 404, LOGIN)
READ_BY_REDIRECT = answers(302, 302, 302, 302, 404, LOGIN)  # htmx parts; a page goes back
EDIT = answers(200, 200, 403, 403, 404, LOGIN)
ADMINISTER = answers(200, 403, 403, 403, 404, LOGIN)
TO_PROPOSAL = answers(302, 302, 403, 403, 404, LOGIN)  # on an adopted plan
POST_ONLY = answers(405, 405, 405, 405, 405, LOGIN)
LOGGED_IN = answers(200, 200, 200, 200, 200, LOGIN)
PUBLIC = answers(200, 200, 200, 200, 200, 200)
LOGIN_PAGE = answers(302, 302, 302, 302, 302, 200)
GONE = answers(410, 410, 410, 410, 410, 410)

# Django's own account pages, tested in test_auth.py, and the operator's admin.
NOT_WALKED = {
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


@pytest.fixture
def world(district, admin_user, editor, approver, viewer, outsider):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(published=True)
    goal = plan.goals.get()
    objective = Objective.objects.get(goal=goal)
    strategy = Strategy.objects.get(objective=objective)
    measure = Measure.objects.filter(plan=plan).first()
    section = Section.objects.create(
        plan=plan, order=1, name="Guardrails", item_label="Guardrail", prefix="G"
    )
    guardrail = Guardrail.objects.create(
        plan=plan, section=section, order=1, statement="No cuts to arts."
    )
    Review.objects.create(plan=plan, year=2022)
    recommendation = recommendations.draft(
        plan,
        role="editor",
        by=editor,
        action="retire",
        item_kind="goal",
        item_id=goal.pk,
        item_label="Goal 1",
        rationale="Done.",
    )
    versions.first_version(plan)
    making = Making.objects.create(plan=plan)
    phase = Phase.objects.create(making=making, order=1, name="Diagnostic analysis")
    swot = SwotEntry.objects.create(making=making, kind="strength", order=1, text="Staff")
    activity = Outreach.objects.create(
        making=making,
        order=1,
        kind="survey",
        held_on="2025-10-01",
        audience="families",
        reached=120,
    )
    theme = activity.themes.create(order=1, text="More arts")
    priority = Priority.objects.create(making=making, order=1, title="Literacy")
    window = UpdateWindow.objects.create(
        plan=plan, name="Quarter 1", opens_on="2026-09-01", closes_on="2026-10-15"
    )
    s, p = district.slug, plan.pk
    value, area, attribute = (
        plan.values.first(),
        plan.vision_areas.first(),
        plan.graduate_attributes.first(),
    )
    item_urls = {}
    for kind, item in (
        ("goal", goal),
        ("objective", objective),
        ("strategy", strategy),
        ("measure", measure),
        ("guardrail", guardrail),
        ("value", value),
        ("vision_area", area),
        ("attribute", attribute),
    ):
        item_urls[kind] = item.pk
    return {
        "home": ([], PUBLIC),
        "login": ([], LOGIN_PAGE),
        "health": ([], PUBLIC),
        "status_help": ([], LOGGED_IN),
        "public_plans": ([], PUBLIC),
        "public_plan": ([s, p], PUBLIC),
        "public_plan_pdf": ([s, p], PUBLIC),
        "invitation": (["made-up"], GONE),
        "district": ([s], READ),
        "people": ([s], ADMINISTER),
        "plan_new": ([s], ADMINISTER),
        "plan_import": ([s], ADMINISTER),
        "making_new": ([s], ADMINISTER),
        "making": ([s, p], READ),
        "phase_edit": ([s, p, phase.pk], EDIT),
        "making_diagnostic": ([s, p], READ),
        "making_input": ([s, p], READ),
        "making_priorities": ([s, p], READ),
        "making_adopt": ([s, p], ADMINISTER),
        "making_pdf": ([s, p], READ),
        "making_carry": ([s, p, measure.pk], POST_ONLY),
        "making_entry_list": ([s, p, "swot"], READ_BY_REDIRECT),
        "making_entry_add": ([s, p, "area"], EDIT),
        "making_entry": ([s, p, "theme", theme.pk], READ_BY_REDIRECT),
        "making_entry_edit": ([s, p, "outreach", activity.pk], EDIT),
        "making_entry_delete": ([s, p, "swot", swot.pk], EDIT),
        "making_entry_move": ([s, p, "priority", priority.pk], POST_ONLY),
        "member_role": ([s, 1], POST_ONLY),
        "member_remove": ([s, 1], POST_ONLY),
        "invitation_again": ([s, 1], POST_ONLY),
        "plan": ([s, p], READ),
        "plan_activity": ([s, p], READ),
        "plan_publish": ([s, p], ADMINISTER),
        "plan_export": ([s, p], ADMINISTER),
        "plan_pdf": ([s, p], READ),
        "progress_pdf": ([s, p, 2022], READ),
        "packet_pdf": ([s, p, recommendation.packet_id], READ),
        "undo": ([s, p, 1], POST_ONLY),
        "making_entry_undo": ([s, p, 1], POST_ONLY),
        "part": ([s, p, "mission"], READ),
        # The plan is adopted: its commitments are proposed, not edited; notes are not.
        "part_edit": ([s, p, "notes"], EDIT),
        "part_correct": ([s, p, "mission"], ADMINISTER),
        "item_correct": ([s, p, "goal", goal.pk], ADMINISTER),
        "amendment_open": ([s, p], POST_ONLY),
        "item_detail": ([s, p, "goal", goal.pk], READ),
        "item_edit": ([s, p, "strategy", strategy.pk], EDIT),
        "item_delete": ([s, p, "measure", measure.pk], TO_PROPOSAL),
        "item_move": ([s, p, "objective", objective.pk], POST_ONLY),
        "item_history": ([s, p, "guardrail", guardrail.pk], READ),
        "item_update": ([s, p, "strategy", strategy.pk], POST_ONLY),
        "my_work": ([], LOGGED_IN),
        "update_windows": ([s, p], READ),
        "board_update": ([s, p, window.pk], READ),
        "window_edit": ([s, p, window.pk], ADMINISTER),
        "window_delete": ([s, p, window.pk], ADMINISTER),
        "board_update_pdf": ([s, p, window.pk], READ),
        "item_list": ([s, p, "goal", goal.pk, "item"], READ_BY_REDIRECT),
        "item_add": ([s, p, "plan", p, "value"], TO_PROPOSAL),
        "item_reorder": ([s, p, "plan", p, "item"], POST_ONLY),
        "plan_structure": ([s, p], answers(200, 200, 403, 403, 404, LOGIN)),  # adopted: says so
        "results": ([s, p], READ),
        "results_import": ([s, p], EDIT),
        "results_paste": ([s, p], POST_ONLY),
        "results_download": ([s, p, "xlsx"], READ),
        "result_edit": ([s, p, measure.pk, 2022, "all"], EDIT),
        "progress": ([s, p], READ),
        "reviews": ([s, p], READ),
        "review": ([s, p, 2022], READ),
        "review_close": ([s, p, 2022], ADMINISTER),
        "assessment_edit": ([s, p, 2022, "goal", goal.pk], EDIT),
        "spring": ([s, p], READ),
        "recommend_pick": ([s, p], answers(302, 302, 403, 403, 404, LOGIN)),
        "recommend": ([s, p, "change", "goal", goal.pk], EDIT),
        "recommend_add": ([s, p, "goal", goal.pk, "objective"], EDIT),
        "recommend_part": ([s, p, "mission"], EDIT),
        "recommend_level": ([s, p, "goal"], EDIT),
        "packet": ([s, p, recommendation.packet_id], READ),
        "packet_forward": ([s, p, recommendation.packet_id], EDIT),
        "packet_decide": ([s, p, recommendation.packet_id], POST_ONLY),
        "recommendation_edit": ([s, p, recommendation.pk], EDIT),
        "recommendation_withdraw": ([s, p, recommendation.pk], POST_ONLY),
        "versions": ([s, p], READ),
        "version": ([s, p, 1], READ),
        "versions_compare": ([s, p], READ_BY_REDIRECT),
    }


def test_the_table_names_every_url_of_the_app(world):
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert names - NOT_WALKED - set(world) == set()


def test_every_url_answers_each_person_as_the_table_says(client, world, request):
    found, wanted = {}, {}
    for name, (args, expected) in world.items():
        url = reverse(name, args=args)
        for person in PEOPLE:
            client.logout()
            if person:
                client.force_login(request.getfixturevalue(person))
            response = client.get(url)
            answer = response.status_code
            if answer == 302 and response.url.startswith(reverse("login") + "?next="):
                answer = LOGIN
            found[(name, person)] = answer
            wanted[(name, person)] = expected[person]
    assert found == wanted
