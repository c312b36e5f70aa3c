"""An administrator builds a four-level plan with typed codes and a section of
superintendent constraints in a real browser, and edits it in place."""

import pytest
from playwright.sync_api import expect

from planning.models import Goal, Plan
from tests.browser import accessibility_violations, in_hand, log_in_with_keyboard
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_four_level_plan_with_typed_codes_and_constraints(
    page, live_server, district, admin_user
):
    plan = Plan.objects.create(
        district=district, title="Four Levels", start_year=2024, end_year=2028, status="draft"
    )
    log_in_with_keyboard(page, live_server.url, "ada-admin", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
    page.get_by_role("link", name="Levels, numbering and sections of the plan").click()
    assert accessibility_violations(page) == ""

    above = page.get_by_role("group", name="The level above goals")
    above.get_by_label("Used in this plan").check()
    above.get_by_label("Called").fill("Priority")
    goals = page.get_by_role("group", name="Goals", exact=True)
    goals.get_by_label("Numbering").select_option("typed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Priorities", exact=True)).to_be_visible()

    # Priority → Goal 1.A → Objective → Strategy, each added in place.
    page.get_by_role("link", name="+ Add priority").click()
    page.get_by_label("Title").fill("Learning for every student")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Edit Priority 1", exact=True)).to_be_focused()

    in_hand(page, "Priority 1")
    page.get_by_role("button", name="+ Add goal to Priority 1").click()
    page.get_by_label("Code").fill("1.A")
    page.get_by_label("Statement").fill("Every child reads by the end of grade 3.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Edit Goal 1.A", exact=True)).to_be_focused()

    in_hand(page, "Goal 1.A")
    page.get_by_role("button", name="+ Add objective to Goal 1.A").click()
    page.get_by_label("Title").fill("Reading coaches in every school")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Edit Objective 1.A.1", exact=True)).to_be_focused()

    in_hand(page, "Objective 1.A.1")
    page.get_by_role("button", name="+ Add strategy to Objective 1.A.1").click()
    page.get_by_label("Text").fill("Hire and train reading coaches.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#goals")).to_contain_text("1.A.1.1")

    # A section beside the goals, its item, and a measure with the district's code.
    page.get_by_role("link", name="+ Add section beside the goals").click()
    page.get_by_label("Heading").fill("Superintendent Constraints")
    page.get_by_label("What one item is called").fill("Superintendent Constraint")
    page.get_by_label("What its measures are called").fill("Constraint Progress Measure")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Superintendent Constraints")).to_be_visible()
    in_hand(page, "Section Superintendent Constraints")
    page.get_by_role("button", name="+ Add superintendent constraint").click()
    page.get_by_label("Statement").fill("The superintendent will not allow unsafe buildings.")
    page.get_by_role("button", name="Save").click()
    in_hand(page, "Superintendent Constraint 1")
    page.get_by_role("button", name="+ Add constraint progress measure").click()
    page.get_by_label("Code").fill("CPM 1.1")
    page.get_by_label("Name").fill("Buildings passing inspection")
    page.get_by_role("button", name="Save").click()
    measure = page.get_by_role("link", name="Constraint Progress Measure CPM 1.1", exact=True)
    expect(measure).to_be_visible()
    assert accessibility_violations(page) == ""

    # Edited in place: the goal keeps the code it was typed with.
    in_hand(page, "Goal 1.A")
    page.get_by_role("link", name="Edit Goal 1.A", exact=True).click()
    expect(page.get_by_label("Code")).to_be_focused()  # the first field, as typed
    page.get_by_label("Short title").fill("Early literacy")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#goals")).to_contain_text("Goal 1.A Early literacy")
    assert Goal.objects.get(plan=plan).code == "1.A"


def test_an_adopted_plans_structure_leads_to_proposing_a_level_change(
    page, live_server, district, admin_user
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    log_in_with_keyboard(page, live_server.url, "ada-admin", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/structure/")
    expect(page.get_by_role("heading", name="Levels and numbering")).to_be_visible()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text(plan.title)
    expect(page.locator("main")).to_contain_text("They change by a proposal")
    assert accessibility_violations(page) == ""
    page.screenshot(path="/tmp/gov-adopted-structure.png", full_page=True)

    page.get_by_role("link", name="Propose a change to goals", exact=True).click()
    proposing = "Recommend: Change what the plan calls its goals"
    expect(page.get_by_role("heading", name=proposing)).to_be_visible()
