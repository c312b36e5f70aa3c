"""The steering committee edits its plan in a real browser, by mouse and by keyboard."""

import pytest
from playwright.sync_api import expect

from districts.models import Role
from planning.models import Goal, Objective, Strategy
from tests.browser import accessibility_violations, in_hand, log_in_with_keyboard
from tests.factories import MembershipFactory, UserFactory, build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan_page(page, live_server, district, editor):
    plan = build_plan(district, goals=2, objectives=2, strategies=1, status="draft")
    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
    return page, plan


def test_editor_edits_a_goal_in_place_and_the_page_meets_wcag_aa(plan_page):
    page, plan = plan_page
    goal = plan.goals.get(order=1)
    assert accessibility_violations(page) == ""

    in_hand(page, "Goal 1")
    page.get_by_role("link", name="Edit Goal 1", exact=True).click()
    title = page.get_by_label("Short title")
    expect(title).to_be_focused()
    assert accessibility_violations(page) == ""  # edit mode, form open
    title.fill("Student Growth and Achievement")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(f"#goal-{goal.pk}-own")).to_contain_text("Student Growth and Achievement")
    expect(page.get_by_role("link", name="Edit Goal 1", exact=True)).to_be_focused()
    expect(page.locator("#activity")).to_contain_text("changed Goal 1")
    goal.refresh_from_db()
    assert goal.title == "Student Growth and Achievement"


def test_escape_cancels_an_edit(plan_page):
    page, _ = plan_page
    in_hand(page, "Goal 2")
    page.get_by_role("link", name="Edit Goal 2", exact=True).click()
    expect(page.get_by_label("Short title")).to_be_focused()
    page.get_by_label("Short title").fill("Never saved")
    page.keyboard.press("Escape")
    expect(page.locator("form.edit-form")).to_have_count(0)
    expect(page.get_by_text("Never saved")).to_have_count(0)
    assert not Goal.objects.filter(title="Never saved").exists()


def test_editor_adds_an_objective_and_a_strategy_and_meets_a_mistake(plan_page):
    page, plan = plan_page
    goal = plan.goals.get(order=2)
    in_hand(page, "Goal 2")
    page.get_by_role("button", name="+ Add objective to Goal 2").click()
    expect(page.get_by_label("Title")).to_be_focused()
    page.get_by_label("Description").fill("Typed with care")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Description")).to_have_value("Typed with care")
    page.get_by_label("Title").first.fill("Career Pathways")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(f"#item-list-goal-{goal.pk}")).to_contain_text("Objective 2.3")
    objective = Objective.objects.get(title="Career Pathways")
    in_hand(page, "Objective 2.3")
    page.get_by_role("button", name="+ Add strategy to Objective 2.3").click()
    expect(page.get_by_label("Text")).to_be_focused()
    page.get_by_label("Text").fill("Implement rigorous career pathways offerings")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#item-list-objective-{objective.pk}")).to_contain_text("2.3.1")
    assert Strategy.objects.filter(objective=objective).count() == 1


def test_reorder_by_keyboard_renumbers_at_once(plan_page):
    page, plan = plan_page
    first, second = plan.goals.order_by("order")
    in_hand(page, "Goal 1")
    move = page.get_by_role("button", name="Move down Goal 1", exact=True)
    move.focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#goal-{first.pk}-own")).to_contain_text("Goal 2")
    expect(page.locator(f"#goal-{second.pk}-own")).to_contain_text("Goal 1")
    objective = first.objectives.order_by("order").first()
    expect(page.locator(f"#objective-{objective.pk}-own .item-link")).to_have_text("Objective 2.1")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Move" in focused
    assert list(plan.goals.order_by("order")) == [second, first]


def test_drag_and_drop_reorders_objectives(plan_page):
    page, plan = plan_page
    goal = plan.goals.get(order=1)
    first, second = goal.objectives.order_by("order")
    page.locator(f"#objective-{first.pk}").scroll_into_view_if_needed()
    in_hand(page, "Objective 1.2")
    handle = page.locator(f"#objective-{second.pk} .drag-item").first.bounding_box()
    above = page.locator(f"#objective-{first.pk}").bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 4)
    page.mouse.down()
    page.mouse.move(above["x"] + 10, above["y"] + 2, steps=12)
    page.mouse.up()
    expect(page.locator(f"#objective-{second.pk}-own")).to_contain_text("Objective 1.1")
    assert list(goal.objectives.order_by("order")) == [second, first]


def test_delete_asks_then_undo_restores_the_goal_with_its_children(plan_page):
    page, plan = plan_page
    goal = plan.goals.get(order=1)
    page.once("dialog", lambda dialog: dialog.accept())
    in_hand(page, "Goal 1")
    page.get_by_role("link", name="Delete Goal 1", exact=True).click()

    expect(page.locator(f"#goal-{goal.pk}")).to_have_count(0)
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    undo.press("Enter")

    expect(page.locator(f"#goal-{goal.pk}-own")).to_contain_text("Goal 1")
    expect(page.locator("#notices")).to_contain_text("Restored")
    assert Objective.objects.filter(goal_id=goal.pk).count() == 2


def test_second_editor_is_told_and_nothing_is_overwritten(
    plan_page, browser, live_server, district
):
    page, plan = plan_page
    goal = plan.goals.get(order=1)
    MembershipFactory(district=district, role=Role.EDITOR, user=UserFactory(username="second"))
    other_context = browser.new_context(bypass_csp=True)
    other = other_context.new_page()
    log_in_with_keyboard(other, live_server.url, "second", "correct horse battery")
    other.goto(page.url)

    in_hand(page, "Goal 1")
    page.get_by_role("link", name="Edit Goal 1", exact=True).click()
    in_hand(other, "Goal 1")
    other.get_by_role("link", name="Edit Goal 1", exact=True).click()
    expect(page.get_by_label("Short title")).to_be_focused()
    expect(other.get_by_label("Short title")).to_be_focused()
    page.get_by_label("Short title").fill("First editor's words")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#goal-{goal.pk}-own")).to_contain_text("First editor's words")

    other.get_by_label("Short title").fill("Second editor's words")
    other.get_by_role("button", name="Save").click()

    alert = other.get_by_role("alert")
    expect(alert).to_contain_text("Someone else saved this while you were editing")
    expect(alert).to_contain_text("First editor's words")
    expect(other.get_by_label("Short title")).to_have_value("Second editor's words")
    goal.refresh_from_db()
    assert goal.title == "First editor's words"
    assert accessibility_violations(other) == ""
    other_context.close()
