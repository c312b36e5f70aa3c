"""Editing a plan in place: each action as an htmx request and as a plain form post."""

import html

import pytest
from django.urls import reverse

from measures.models import Measure, Result, Revision, Target
from planning.models import Change, Goal, Numbering, Objective, Plan, Strategy
from tests.conftest import error_beside, fingerprint_in, labels_in, structure_data
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=2, strategies=2, status="draft")


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def goal_form(goal, **changes):
    return {
        "title": goal.title,
        "statement": goal.statement,
        "rationale": "\n".join(goal.rationale),
        "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
        **changes,
    }


def opened_fingerprint(client, plan, kind, pk):
    """The fingerprint a person's form carries when they open it."""
    page = client.get(url(plan, "item_edit", kind, pk), **HTMX).content.decode()
    return fingerprint_in(page)


# Editing one item ------------------------------------------------------------------


def test_editor_opens_a_goal_form_in_place(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    response = client.get(url(plan, "item_edit", "goal", goal.pk), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<form id="goal-{goal.pk}-own"')
    assert "<html" not in page
    assert 'name="statement"' in page and "autofocus" in page


def test_editor_saves_a_goal_and_only_that_goal_comes_back(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = goal_form(goal, title="Student Growth and Achievement")
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)

    response = client.post(url(plan, "item_edit", "goal", goal.pk), form, **HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="goal-{goal.pk}-own"' in page
    assert "Student Growth and Achievement" in page
    assert page.count('class="item-own"') == 1  # the children were not sent again
    goal.refresh_from_db()
    assert goal.title == "Student Growth and Achievement"
    change = Change.objects.get(action="changed", item_kind="goal", item_id=goal.pk)
    assert change.actor == editor
    assert change.after == {"title": "Student Growth and Achievement"}
    assert 'aria-labelledby="activity-heading" hx-swap-oob="true"' in page


def test_without_javascript_a_save_redirects_to_the_item(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = goal_form(goal, statement="A new statement.")
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)
    response = client.post(url(plan, "item_edit", "goal", goal.pk), form)
    assert response.status_code == 302
    assert response.url.endswith(f"#goal-{goal.pk}")
    assert client.get(url(plan, "item_edit", "goal", goal.pk)).content.decode().count("<html") == 1


def test_a_mistake_is_shown_beside_the_field_and_the_text_is_kept(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = goal_form(goal, title="My careful new title", statement="")
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)

    response = client.post(url(plan, "item_edit", "goal", goal.pk), form, **HTMX)

    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_statement_error">This field is required.' in page
    assert 'value="My careful new title"' in page
    goal.refresh_from_db()
    assert goal.title != "My careful new title"
    assert not Change.objects.exists()


def test_text_over_its_limit_is_refused(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = goal_form(goal, title="x" * 201)
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)
    response = client.post(url(plan, "item_edit", "goal", goal.pk), form, **HTMX)
    assert response.status_code == 422
    assert "Ensure this value has at most 200 characters (it has 201)." in response.content.decode()


def test_a_non_number_where_a_number_goes_is_refused(client, editor, plan):
    strategy = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    response = client.post(
        url(plan, "item_edit", "strategy", strategy.pk),
        {"text": "Hire coaches", "status": "in_progress", "cost": "lots", "fingerprint": ""},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code in {409, 422}
    assert "Enter a number." in page
    assert "Hire coaches" in page


def test_end_year_before_start_is_refused(client, editor, plan):
    client.force_login(editor)
    response = client.post(
        url(plan, "part_edit", "header"),
        {"title": "Plan", "start_year": 2024, "end_year": 2020, "status": "draft"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "The last year must come after the first year." in response.content.decode()
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year) == (2022, 2027)


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (1, 2027, "start_year", "Choose a year from 1990 to 2100."),
        (2022, 32767, "end_year", "Choose a year from 1990 to 2100."),
        (2020, 2031, "end_year", "A plan's period can be at most 10 years; 2020–2031 is 11."),
    ],
)
def test_a_plans_years_out_of_bounds_are_refused_beside_the_field(
    client, editor, plan, start, end, field, message
):
    client.force_login(editor)
    fingerprint = fingerprint_in(client.get(url(plan, "part_edit", "header"), **HTMX).content)
    response = client.post(
        url(plan, "part_edit", "header"),
        {
            "title": "Kept title",
            "start_year": start,
            "end_year": end,
            "status": "adopted",
            "fingerprint": fingerprint,
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert html.unescape(error_beside(page, field)) == message
    assert 'value="Kept title"' in page
    plan.refresh_from_db()
    assert (plan.title, plan.start_year, plan.end_year) == ("Strategic Plan", 2022, 2027)


def test_shortening_the_plan_is_refused_while_targets_fall_outside(client, editor, plan):
    client.force_login(editor)
    page = client.get(url(plan, "part_edit", "header"), **HTMX).content.decode()
    fingerprint = fingerprint_in(page)
    response = client.post(
        url(plan, "part_edit", "header"),
        {
            "title": plan.title,
            "start_year": 2023,
            "end_year": 2027,
            "status": "adopted",
            "fingerprint": fingerprint,
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "10 targets and 10 results fall outside 2023–2027. Move or remove them" in (
        response.content.decode()
    )


def test_a_target_year_outside_the_plan_is_refused(client, editor, plan):
    measure = Measure.objects.filter(plan=plan).first()
    client.force_login(editor)
    response = client.post(
        url(plan, "item_edit", "measure", measure.pk),
        {
            "name": measure.name,
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 0,
            "direction": "increase",
            "target_form": "final",
            "final_target": "80",
            "final_target_year": "2035",
            "fingerprint": opened_fingerprint(client, plan, "measure", measure.pk),
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "Choose a year within the plan" in response.content.decode()


@pytest.mark.parametrize("field", ["baseline_value", "final_target"])
def test_a_baseline_or_final_target_that_is_not_a_number_is_refused_beside_it(
    client, editor, plan, field
):
    measure = Measure.objects.filter(plan=plan).first()
    Measure.objects.filter(pk=measure.pk).update(final_target=80, final_target_year=2026)
    client.force_login(editor)
    form = {
        "name": measure.name,
        "kind": "quantitative",
        "unit": "percent",
        "decimals": 0,
        "direction": "increase",
        "baseline_value": "50",
        "baseline_year": "2021",
        "target_form": "final",
        "final_target": "80",
        "final_target_year": "2026",
        "fingerprint": opened_fingerprint(client, plan, "measure", measure.pk),
        field: "about half",
    }
    response = client.post(url(plan, "item_edit", "measure", measure.pk), form, **HTMX)
    assert response.status_code == 422
    assert error_beside(response.content, field) == "Enter a number."
    assert 'value="about half"' in response.content.decode()


def test_revising_a_target_needs_a_reason_and_keeps_the_old_value(client, editor, plan):
    measure = Measure.objects.filter(plan=plan, targets__year=2022).first()
    client.force_login(editor)
    form = {
        "name": measure.name,
        "kind": "quantitative",
        "unit": "percent",
        "decimals": 0,
        "direction": "increase",
        "baseline_value": "50",
        "baseline_year": "2021",
        "target_form": "yearly",
        "target_2022": "65",
        "target_2023": "70",
        "fingerprint": opened_fingerprint(client, plan, "measure", measure.pk),
    }
    refused = client.post(url(plan, "item_edit", "measure", measure.pk), form, **HTMX)
    assert refused.status_code == 422
    assert "Say why the baseline or target changed" in refused.content.decode()

    form["revision_reason"] = "State test changed its scale."
    saved = client.post(url(plan, "item_edit", "measure", measure.pk), form, **HTMX)
    assert saved.status_code == 200
    assert dict(measure.targets.values_list("year", "value")) == {2022: 65, 2023: 70}
    revision = Revision.objects.get(measure=measure)
    assert (revision.field, revision.year, revision.old_value, revision.new_value) == (
        "target",
        2022,
        "60",
        "65",
    )
    assert revision.reason == "State test changed its scale."
    assert revision.changed_by == editor


# Two people at once ----------------------------------------------------------------


def test_second_save_of_the_same_goal_is_refused_and_shows_the_first(
    client, editor, admin_user, plan
):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    first_fingerprint = opened_fingerprint(client, plan, "goal", goal.pk)
    client.force_login(admin_user)
    second_fingerprint = opened_fingerprint(client, plan, "goal", goal.pk)

    client.force_login(editor)
    form = goal_form(goal, title="Editor's title")
    client.post(
        url(plan, "item_edit", "goal", goal.pk), {**form, "fingerprint": first_fingerprint}, **HTMX
    )

    client.force_login(admin_user)
    form = goal_form(goal, title="Admin's title")
    response = client.post(
        url(plan, "item_edit", "goal", goal.pk), {**form, "fingerprint": second_fingerprint}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing (eddie-editor" in page
    assert "Editor&#x27;s title" in page  # what the other person saved
    assert 'value="Admin&#x27;s title"' in page  # their own text, kept to copy
    goal.refresh_from_db()
    assert goal.title == "Editor's title"

    fresh = fingerprint_in(page)
    again = client.post(
        url(plan, "item_edit", "goal", goal.pk), {**form, "fingerprint": fresh}, **HTMX
    )
    assert again.status_code == 200
    goal.refresh_from_db()
    assert goal.title == "Admin's title"


def test_two_people_editing_different_parts_of_the_plan_do_not_conflict(client, admin_user, plan):
    client.force_login(admin_user)
    page = client.get(url(plan, "part_edit", "mission"), **HTMX).content.decode()
    mission_fingerprint = fingerprint_in(page)
    levels = structure_data(client.get(url(plan, "plan_structure")))

    client.post(url(plan, "plan_structure"), {**levels, "goal-singular": "Priority"})
    response = client.post(
        url(plan, "part_edit", "mission"),
        {"mission": "Every learner, every day.", "fingerprint": mission_fingerprint},
        **HTMX,
    )

    assert response.status_code == 200
    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.mission, plan.goal_label) == ("Every learner, every day.", "Priority")


# Adding, deleting, undoing, reordering --------------------------------------------


def test_editor_adds_an_objective_and_the_goals_list_of_objectives_comes_back(client, editor, plan):
    goal = plan.goals.get(order=2)
    client.force_login(editor)
    response = client.post(
        url(plan, "item_add", "goal", goal.pk, "objective"),
        {"title": "Close college gaps", "description": "Support college entry."},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#item-list-goal-{goal.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    assert "Objective 2.3" in page and "Close college gaps" in page
    objective = goal.objectives.get(title="Close college gaps")
    assert objective.order == 3
    assert Change.objects.filter(
        action="added", item_kind="objective", item_id=objective.pk
    ).exists()


def test_adding_a_strategy_directly_to_a_goal_numbers_it_after_the_objectives(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    response = client.post(
        url(plan, "item_add", "goal", goal.pk, "strategy"),
        {"text": "Expand PreK-2 early learning", "status": "not_started"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "1.3" in labels_in(response.content.decode())
    assert Strategy.objects.get(text="Expand PreK-2 early learning").objective is None


def test_adding_with_a_mistake_returns_the_form(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    response = client.post(
        url(plan, "item_add", "goal", goal.pk, "objective"),
        {"title": "", "description": "Kept text"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Kept text" in response.content.decode()
    assert not response.has_header("HX-Retarget")
    assert goal.objectives.count() == 2


def test_something_cannot_be_added_where_it_does_not_belong(client, editor, plan):
    objective = Objective.objects.filter(plan=plan).first()
    client.force_login(editor)
    response = client.post(
        url(plan, "item_add", "objective", objective.pk, "goal"), {"statement": "x"}
    )
    assert response.status_code == 404


def test_delete_a_goal_then_undo_brings_it_back_with_everything_under_it(client, editor, plan):
    goal = plan.goals.get(order=1)
    objective_ids = set(Objective.objects.filter(goal=goal).values_list("pk", flat=True))
    result_count = Result.objects.filter(measure__plan=plan).count()
    client.force_login(editor)

    response = client.post(url(plan, "item_delete", "goal", goal.pk), **HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="goal-{goal.pk}"' not in page
    assert "Goal 1" in page  # the other goal is now goal 1
    # Undo is offered where it was, and the deletion said in the page's live region.
    assert '>Undo<span class="visually-hidden"> deleting Goal 1' in page
    assert 'id="notices"' in page and "Deleted Goal 1" in page
    assert not Goal.objects.filter(pk=goal.pk).exists()
    change = Change.objects.get(action="deleted")

    response = client.post(url(plan, "undo", change.pk), **HTMX)

    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#item-list-plan-{plan.pk}"
    restored = Goal.objects.get(pk=goal.pk)
    assert restored.order == 1 and restored.title == goal.title
    assert (
        set(Objective.objects.filter(goal=restored).values_list("pk", flat=True)) == objective_ids
    )
    assert Result.objects.filter(measure__plan=plan).count() == result_count
    assert next(iter(plan.goals.order_by("order").values_list("pk", flat=True))) == goal.pk

    again = client.post(url(plan, "undo", change.pk), **HTMX)
    assert again.status_code == 409
    assert "already been undone" in again.content.decode()


def test_without_javascript_delete_asks_first_and_offers_undo(client, editor, plan):
    objective = Objective.objects.filter(plan=plan).first()
    client.force_login(editor)
    confirm = client.get(url(plan, "item_delete", "objective", objective.pk))
    assert confirm.status_code == 200
    assert "Delete Objective 1.1" in confirm.content.decode()

    response = client.post(url(plan, "item_delete", "objective", objective.pk))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Deleted Objective 1.1" in page and ">Undo</button>" in page


def test_move_down_renumbers_the_siblings(client, editor, plan):
    goal = plan.goals.get(order=1)
    first, second = goal.objectives.order_by("order")
    client.force_login(editor)

    response = client.post(
        url(plan, "item_move", "objective", first.pk), {"direction": "down"}, **HTMX
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(second.title) < page.index(first.title)
    assert 'data-focus="down"' in page
    assert list(goal.objectives.order_by("order")) == [second, first]
    assert Change.objects.filter(action="moved", item_id=first.pk).exists()


def test_move_refuses_a_direction_it_does_not_know(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    assert (
        client.post(url(plan, "item_move", "goal", goal.pk), {"direction": "sideways"}).status_code
        == 400
    )


def test_drag_and_drop_sends_the_new_order(client, editor, plan):
    goal = plan.goals.get(order=1)
    objective = goal.objectives.get(order=1)
    ids = list(objective.strategies.order_by("order").values_list("pk", flat=True))
    client.force_login(editor)

    reversed_ids = [f"strategy-{pk}" for pk in ids[::-1]]
    response = client.post(
        url(plan, "item_reorder", "objective", objective.pk, "item"), {"ids": reversed_ids}, **HTMX
    )

    assert response.status_code == 200
    assert list(objective.strategies.order_by("order").values_list("pk", flat=True)) == ids[::-1]
    wrong = client.post(
        url(plan, "item_reorder", "objective", objective.pk, "item"), {"ids": reversed_ids[:1]}
    )
    assert wrong.status_code == 400


# Who may do what -------------------------------------------------------------------


def editing_posts(plan):
    goal = plan.goals.get(order=1)
    return [
        (url(plan, "item_edit", "goal", goal.pk), goal_form(goal, title="Hacked")),
        (url(plan, "item_add", "goal", goal.pk, "objective"), {"title": "Hacked"}),
        (url(plan, "item_delete", "goal", goal.pk), {}),
        (url(plan, "item_move", "goal", goal.pk), {"direction": "down"}),
        (url(plan, "item_reorder", "plan", plan.pk, "item"), {"ids": []}),
        (url(plan, "part_edit", "mission"), {"mission": "Hacked"}),
    ]


@pytest.mark.parametrize("role", ["viewer", "approver"])
def test_viewers_and_approvers_cannot_change_anything(client, plan, role, request):
    client.force_login(request.getfixturevalue(role))
    before = Plan.objects.get(pk=plan.pk).mission, Goal.objects.filter(plan=plan).count()
    for post_url, data in editing_posts(plan):
        assert client.post(post_url, data, **HTMX).status_code == 403, post_url
    assert (Plan.objects.get(pk=plan.pk).mission, Goal.objects.filter(plan=plan).count()) == before
    assert not Change.objects.exists()


def test_viewer_sees_the_plan_without_edit_controls(client, viewer, plan):
    client.force_login(viewer)
    page = client.get(url(plan, "plan")).content.decode()
    assert "Move up" not in page and ">Edit<" not in page and "+ Add" not in page
    assert "Goal 2" in page


def test_editor_sees_edit_controls(client, editor, plan):
    client.force_login(editor)
    page = html.unescape(client.get(url(plan, "plan")).content.decode())
    # One set of controls for the browser to put beside the item in hand, and what may be
    # added under each kind of item; adding a goal is always there.
    assert 'id="item-controls"' in page and "Move down" in page and "+ Add goal" in page
    assert '"goal":[["objective","Objective"],["strategy","Strategy"],["measure"' in page


def test_member_of_another_district_gets_404_for_every_editing_url(client, outsider, plan):
    client.force_login(outsider)
    for post_url, data in editing_posts(plan):
        assert client.post(post_url, data, **HTMX).status_code == 404, post_url


def test_an_item_of_another_plan_is_404_through_this_plan(client, editor, district, plan):
    other = build_plan(district, goals=1, objectives=0, strategies=0, status="draft")
    foreign_goal = other.goals.get()
    client.force_login(editor)
    assert client.get(url(plan, "item_edit", "goal", foreign_goal.pk), **HTMX).status_code == 404


# History and cost -----------------------------------------------------------------


def test_history_shows_who_changed_what_before_and_after(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = goal_form(goal, title="Engaged families")
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)
    client.post(url(plan, "item_edit", "goal", goal.pk), form, **HTMX)

    page = client.get(url(plan, "item_history", "goal", goal.pk)).content.decode()

    assert "eddie-editor" in page
    assert goal.title in page and "Engaged families" in page
    activity = client.get(url(plan, "plan")).content.decode()
    assert "changed Goal 1: " in activity


@pytest.mark.parametrize("size", [1, 8])
def test_fragments_cost_the_same_queries_whatever_the_plans_size(
    client, editor, district, size, django_assert_max_num_queries
):
    plan = build_plan(district, goals=size, objectives=2, strategies=2, status="draft")
    goal = plan.goals.get(order=1)
    objective = goal.objectives.get(order=1)
    client.force_login(editor)
    with django_assert_max_num_queries(30):
        client.get(url(plan, "item_edit", "goal", goal.pk), **HTMX)
    form = goal_form(goal, title="Renamed")
    form["fingerprint"] = opened_fingerprint(client, plan, "goal", goal.pk)
    with django_assert_max_num_queries(60):
        assert client.post(url(plan, "item_edit", "goal", goal.pk), form, **HTMX).status_code == 200
    with django_assert_max_num_queries(60):
        client.post(
            url(plan, "item_move", "objective", objective.pk), {"direction": "down"}, **HTMX
        )
    with django_assert_max_num_queries(60):
        client.post(url(plan, "item_add", "goal", goal.pk, "objective"), {"title": "New"}, **HTMX)


def test_a_save_numbers_its_strategy_after_those_of_the_goals_before_it(client, editor, district):
    """Numbered across the plan, a strategy of the second goal comes after the first goal's
    strategies, which a save does not read whole but counts."""
    plan = build_plan(district, goals=2, objectives=2, strategies=2, status="draft")
    level = plan.level("strategy")
    level.numbering = Numbering.CONTINUOUS
    level.save()
    strategy = Strategy.objects.get(objective__goal__order=2, objective__order=1, order=1)
    client.force_login(editor)
    form = {
        "text": "Coach every new teacher",
        "status": strategy.status,
        "fingerprint": opened_fingerprint(client, plan, "strategy", strategy.pk),
    }

    response = client.post(url(plan, "item_edit", "strategy", strategy.pk), form, **HTMX)

    assert response.status_code == 200
    assert labels_in(response.content.decode()) == ["5"]
    assert "Coach every new teacher" in response.content.decode()


# Without JavaScript ---------------------------------------------------------------


def test_without_javascript_adding_is_a_page_and_a_redirect(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    page = client.get(url(plan, "item_add", "goal", goal.pk, "measure")).content.decode()
    assert "<html" in page and "Targets by school year" in page
    assert 'name="target_2026"' in page

    response = client.post(
        url(plan, "item_add", "goal", goal.pk, "measure"),
        {
            "name": "Chronic absenteeism",
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 1,
            "direction": "decrease",
            "baseline_value": "12.5",
            "baseline_year": "2021",
            "target_form": "yearly",
            "target_2022": "11",
            "target_2026": "8",
        },
    )

    measure = Measure.objects.get(name="Chronic absenteeism")
    assert response.status_code == 302
    assert response.url.endswith(f"#measure-{measure.pk}")
    assert dict(Target.objects.filter(measure=measure).values_list("year", "value")) == {
        2022: 11,
        2026: 8,
    }
    page = client.get(response.url).content.decode()
    # each value as it was typed: 12.5 keeps its decimal, 8 has none
    assert "12.5% in 2021–22" in page and "2026–27: 8%" in page


def test_without_javascript_moving_redirects_back_to_the_item(client, editor, plan):
    goal = plan.goals.get(order=2)
    client.force_login(editor)
    response = client.post(url(plan, "item_move", "goal", goal.pk), {"direction": "up"})
    assert response.status_code == 302
    assert response.url.endswith(f"#goal-{goal.pk}")
    assert plan.goals.order_by("order").first() == goal


def test_without_javascript_a_section_is_edited_on_its_own_page(client, editor, plan):
    client.force_login(editor)
    page = client.get(url(plan, "part_edit", "vision")).content.decode()
    assert "<html" in page and 'name="vision"' in page
    fingerprint = fingerprint_in(page)
    response = client.post(
        url(plan, "part_edit", "vision"),
        {"vision": "To be a model of excellence", "fingerprint": fingerprint},
    )
    assert response.status_code == 302
    assert "To be a model of excellence" in client.get(response.url).content.decode()


def test_saving_a_measure_unchanged_needs_no_reason(client, editor, plan):
    measure = Measure.objects.filter(plan=plan, targets__year=2022).first()
    client.force_login(editor)
    form = client.get(url(plan, "item_edit", "measure", measure.pk), **HTMX).content.decode()
    assert 'value="50"' in form and 'value="60"' in form  # as typed, not 50.0000
    response = client.post(
        url(plan, "item_edit", "measure", measure.pk),
        {
            "name": measure.name,
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 0,
            "direction": "increase",
            "baseline_value": "50",
            "baseline_year": "2021",
            "target_form": "yearly",
            "target_2022": "60",
            "fingerprint": opened_fingerprint(client, plan, "measure", measure.pk),
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert not Revision.objects.exists()
