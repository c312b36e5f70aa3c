"""A spring packet walked in a real browser: drafted, forwarded, approved, a new version."""

import pytest
from playwright.sync_api import expect

from districts.models import Role
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
