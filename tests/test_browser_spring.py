"""A spring packet walked in a real browser: drafted, forwarded, approved, a new version."""

import pytest
from playwright.sync_api import expect

from districts.models import Role
from planning import versions
from planning.models import Goal
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.factories import MembershipFactory, UserFactory, build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_packet_from_draft_to_approval_to_a_new_version(page, live_server, district, editor):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    MembershipFactory(district=district, role=Role.APPROVER, user=UserFactory(username="sam-super"))
    base = f"{live_server.url}/d/{district.slug}/plans/{plan.pk}"
    goal = plan.goals.get(order=1)

    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    page.goto(f"{base}/spring/")
    assert accessibility_violations(page) == ""
    page.get_by_label("What to recommend").select_option(f"change:goal:{goal.pk}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Short title").fill("Student Growth and Achievement")
    page.get_by_label("Rationale", exact=True).fill("Shorter titles read better in board reports.")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("The recommendation is saved as a draft.")).to_be_visible()
    expect(page.get_by_role("cell", name="Student Growth and Achievement")).to_be_visible()
    page.get_by_role("link", name="Forward the drafts to the superintendent").click()
    page.get_by_role("dialog").get_by_role("button", name="Forward the drafts").click()
    expect(page.get_by_text("The packet is forwarded")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    log_in_with_keyboard(page, live_server.url, "sam-super", "correct horse battery")
    page.goto(f"{base}/spring/")
    page.get_by_role("link", name="Spring recommendations,").click()
    assert accessibility_violations(page) == ""
    page.get_by_label("Approve").check()
    page.get_by_label("Note").fill("Agreed.")
    page.get_by_role("button", name="Record the decisions").click()
    expect(page.get_by_text("Recorded 1 decision.")).to_be_visible()
    assert Goal.objects.get(pk=goal.pk).title == "Student Growth and Achievement"

    page.goto(f"{base}/versions/")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table ins").first).to_have_text("Student Growth and Achievement")
    assert accessibility_violations(page) == ""


def test_an_adopted_plan_changes_by_a_proposal_and_a_correction_shown_apart(
    page, live_server, district, editor, admin_user, approver
):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    versions.first_version(plan)  # as adoption makes it
    base = f"{live_server.url}/d/{district.slug}/plans/{plan.pk}"
    first, second = plan.goals.order_by("order")

    # The editor proposes a change in place, from the plan page's controls.
    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    page.goto(f"{base}/")
    page.locator(f"#goal-{first.pk}-own .item-link").focus()
    controls = page.locator(f"#goal-{first.pk}-own .controls")
    expect(controls.get_by_role("link", name="Edit")).to_have_count(0)
    controls.get_by_role("link", name="Propose a change to Goal 1").click()
    assert accessibility_violations(page) == ""
    page.get_by_label("Short title").fill("Every Student Grows")
    page.get_by_label("Rationale", exact=True).fill("The board asked for plainer words.")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("The recommendation is saved as a draft.")).to_be_visible()
    assert Goal.objects.get(pk=first.pk).title == first.title  # not until approved
    # The plan's own parts are proposed the same way, from the same page.
    page.goto(f"{base}/")
    expect(page.locator("#part-mission").get_by_role("link", name="Edit")).to_have_count(0)
    page.get_by_role("link", name="Propose a change to the mission").click()
    assert accessibility_violations(page) == ""
    page.get_by_label("Mission").fill("Every learner thrives, every day.")
    page.get_by_label("Rationale", exact=True).fill("The retreat chose plainer words.")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("The recommendation is saved as a draft.")).to_be_visible()
    expect(page.get_by_role("cell", name="Every learner thrives, every day.")).to_be_visible()
    page.get_by_role("link", name="Forward the drafts to the superintendent").click()
    page.get_by_role("dialog").get_by_role("button", name="Forward the drafts").click()
    expect(page.get_by_text("The packet is forwarded")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # The administrator corrects a typo in the other goal, with a reason.
    log_in_with_keyboard(page, live_server.url, "ada-admin", "correct horse battery")
    page.goto(f"{base}/goal/{second.pk}/")
    page.get_by_role("link", name="Correct a mistake").click()
    assert accessibility_violations(page) == ""
    page.get_by_label("Short title").fill(second.title + " (corrected)")
    page.get_by_label("Reason for the correction").fill("Fixes a misspelling.")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Corrected Goal 2")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # The approver approves; the version and its comparison say exactly what made it.
    log_in_with_keyboard(page, live_server.url, "alex-approver", "correct horse battery")
    page.goto(f"{base}/spring/")
    page.get_by_role("link", name="Spring recommendations,").click()
    # Both decided at once, each with its own note.
    for decision in page.get_by_role("group", name="Decision on").all():
        decision.get_by_label("Approve").check()
    page.get_by_label("Note").last.fill("The board agreed in May.")
    page.get_by_role("button", name="Record the decisions").click()
    expect(page.get_by_text("Recorded 2 decisions.")).to_be_visible()
    plan.refresh_from_db()
    assert plan.mission == "Every learner thrives, every day."
    page.goto(f"{base}/versions/")
    expect(page.get_by_text("2 approved changes, then 1 correction")).to_be_visible()
    page.get_by_role("button", name="Compare").click()
    made = page.locator("section.made")
    expect(made.locator("ol.approved > li")).to_have_count(2)
    expect(made.locator("ol.approved")).to_contain_text("Change Goal 1")
    expect(made.locator("ol.approved")).to_contain_text("Change the plan’s mission")
    expect(made.locator("ol.approved")).to_contain_text("The board agreed in May.")
    itself = page.locator("section", has=page.get_by_role("heading", name="The plan itself"))
    expect(itself.get_by_text("Approved: “Change the plan’s mission”")).to_be_visible()
    expect(itself.locator("ins")).to_have_text("learner thrives, every day.")
    expect(made.locator("ol.corrections > li")).to_have_count(1)
    expect(made.locator("ol.corrections")).to_contain_text("Fixes a misspelling.")
    expect(page.get_by_text("(a correction: Fixes a misspelling.)")).to_be_visible()
    assert accessibility_violations(page) == ""
