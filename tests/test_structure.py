"""A plan's structure, set on its own page: the levels it uses, what it calls them and
how it numbers them, and the sections beside the tree."""

import pytest
from django.urls import reverse

from planning.models import Goal, Level, Plan, Section
from tests.conftest import fingerprint_in, structure_data
from tests.factories import build_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=1, status="draft")


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def test_who_shapes_a_plan(client, plan, admin_user, editor, approver, viewer, outsider):
    structure = url(plan, "plan_structure")
    answers = {}
    for person in (admin_user, editor, approver, viewer, outsider):
        client.force_login(person)
        answers[person.username] = client.get(structure).status_code
    assert answers == {
        "ada-admin": 200,
        "eddie-editor": 200,  # the plan is a draft
        "alex-approver": 403,
        "vera-viewer": 403,
        "oscar-outsider": 404,
    }
    Plan.objects.filter(pk=plan.pk).update(status="adopted")
    answers = {}
    for person in (admin_user, editor, approver, viewer, outsider):
        client.force_login(person)
        answers[person.username] = client.get(structure).status_code
    assert answers == {
        "ada-admin": 200,  # told how it changes now: test_an_adopted_plans_structure_...
        "eddie-editor": 200,
        "alex-approver": 403,
        "vera-viewer": 403,
        "oscar-outsider": 404,
    }


def test_an_adopted_plans_structure_page_offers_a_proposal_for_each_level(
    client, plan, admin_user, editor, django_assert_max_num_queries
):
    Plan.objects.filter(pk=plan.pk).update(status="adopted")
    structure = url(plan, "plan_structure")
    for person in (admin_user, editor):
        client.force_login(person)
        with django_assert_max_num_queries(12):
            response = client.get(structure)
        page = response.content.decode()
        assert response.status_code == 200
        assert '<li aria-current="page">Levels and numbering</li>' in page
        assert "Strategic Plan is adopted" in page
        assert "They change by a proposal" in page
        assert "Its years are school years: 2022–23 to 2026–27." in page
        for slot in ("pillar", "goal", "objective", "strategy", "action_step", "measure"):
            assert f'href="{url(plan, "recommend_level", slot)}"' in page, slot
        assert f'action="{structure}"' not in page  # nothing to save here
        assert "Add a section" not in page
    propose = client.get(url(plan, "recommend_level", "goal"))
    assert propose.status_code == 200


def test_a_structure_posted_on_an_adopted_plan_saves_nothing_and_says_why(client, plan, admin_user):
    client.force_login(admin_user)
    data = structure_data(client.get(url(plan, "plan_structure")))  # while a draft
    Plan.objects.filter(pk=plan.pk).update(status="adopted")
    response = client.post(url(plan, "plan_structure"), data | {"goal-singular": "Aim"})
    assert response.status_code == 403
    assert "Nothing was saved: the plan is adopted" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).level("goal").singular == "Goal"
    assert not plan.changes.filter(item_label="Plan: structure").exists()


def test_a_level_above_goals_is_named_and_goals_take_typed_codes(client, plan, admin_user):
    client.force_login(admin_user)
    data = structure_data(client.get(url(plan, "plan_structure")))
    data |= {
        "pillar-used": "on",
        "pillar-singular": "Key priority",
        "pillar-plural": "",
        "goal-singular": "Aim",
        "goal-numbering": "typed",
    }
    response = client.post(url(plan, "plan_structure"), data)
    assert response.status_code == 302
    levels = {level.slot: level for level in Level.objects.filter(plan=plan)}
    assert (levels["pillar"].used, levels["pillar"].plural) == (True, "Key priorities")
    assert (levels["goal"].singular, levels["goal"].numbering) == ("Aim", "typed")
    assert plan.changes.filter(item_label="Plan: structure").exists()

    page = client.get(url(plan, "plan")).content.decode()
    assert "+ Add key priority" in page
    form = client.get(url(plan, "item_edit", "goal", plan.goals.first().pk), **HTMX)
    assert 'name="code"' in form.content.decode()


def test_a_level_with_items_is_not_dropped(client, plan, admin_user):
    client.force_login(admin_user)
    data = structure_data(client.get(url(plan, "plan_structure")))
    data.pop("objective-used")
    data["goal-singular"] = "Changed too"
    response = client.post(url(plan, "plan_structure"), data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "This plan has 2 objectives: move or remove them" in page
    assert 'value="Changed too"' in page  # the person's text stays
    assert not Level.objects.filter(plan=plan, slot="goal").exists()  # nothing was saved


def test_a_level_not_in_use_cannot_be_added(client, plan, editor):
    client.force_login(editor)
    response = client.post(url(plan, "item_add", "plan", plan.pk, "pillar"), {"title": "X"})
    assert response.status_code == 404


def test_a_stale_save_of_the_structure_is_caught(client, plan, admin_user):
    client.force_login(admin_user)
    opened = structure_data(client.get(url(plan, "plan_structure")))
    client.post(url(plan, "plan_structure"), {**opened, "goal-singular": "Aim"})
    response = client.post(url(plan, "plan_structure"), {**opened, "goal-singular": "Outcome"})
    assert response.status_code == 409
    assert Level.objects.get(plan=plan, slot="goal").singular == "Aim"


def test_a_section_beside_the_goals_is_added_in_place_with_its_own_names(client, plan, editor):
    client.force_login(editor)
    page = client.get(url(plan, "plan")).content.decode()
    assert f'id="section-list-plan-{plan.pk}"' in page  # where the first section goes
    response = client.post(
        url(plan, "item_add", "plan", plan.pk, "section"),
        {
            "name": "Superintendent Constraints",
            "item_label": "Superintendent Constraint",
            "measure_label": "Constraint Progress Measure",
            "numbering": "per_parent",
            "style": "digits",
        },
        **HTMX,
    )
    assert response.status_code == 200
    shown = response.content.decode()
    assert "Superintendent Constraints</a></h2>" in shown
    # The add form is closed: its slot comes back beside the list.
    assert f'id="section-list-plan-{plan.pk}-add" hx-swap-oob="outerHTML"' in shown
    section = Section.objects.get(plan=plan)
    assert (section.measure_plural, section.reference_prefix) == (
        "Constraint Progress Measures",
        "SC",
    )
    client.post(
        url(plan, "item_add", "section", section.pk, "guardrail"),
        {
            "title": "Safe schools",
            "statement": "The superintendent will not allow unsafe buildings.",
        },
        **HTMX,
    )
    constraint = section.items.get()
    added = client.post(
        url(plan, "item_add", "guardrail", constraint.pk, "measure"),
        {
            "code": "CPM 1.1",
            "name": "Buildings passing inspection",
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 0,
            "direction": "increase",
            "target_form": "to_be_set",
        },
        **HTMX,
    )
    page = added.content.decode()
    assert added.status_code == 200 and "CPM 1.1" in page
    assert "Constraint Progress Measures" in page
    plan_page = client.get(url(plan, "plan")).content.decode()
    assert 'data-measure-word="Constraint Progress Measure"' in plan_page
    assert "Superintendent Constraint 1" in plan_page and "Safe schools" in plan_page


def test_the_goal_form_offers_no_code_where_the_plan_numbers_goals_itself(client, plan, editor):
    client.force_login(editor)
    goal = Goal.objects.filter(plan=plan).first()
    page = client.get(url(plan, "item_edit", "goal", goal.pk), **HTMX).content.decode()
    assert 'name="code"' not in page
    assert fingerprint_in(page)
