"""In a real browser: a step that cannot be undone asks in a dialog, worked by keyboard;
the superintendent finds the packet waiting on the home page and decides several
recommendations at once; axe on the new pages."""

import pytest
from playwright.sync_api import expect

from districts.models import Role
from planning.cycle import recommendations
from planning.models import Goal, Packet, Recommendation
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.factories import MembershipFactory, UserFactory, build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def draft(plan, editor, title):
    goal = plan.goals.get(order=1)
    return recommendations.draft(
        plan,
        role=Role.EDITOR,
        by=editor,
        action=Recommendation.Action.ADD,
        item_kind="objective",
        parent_kind="goal",
        parent_id=goal.pk,
        item_label=f"an objective to Goal 1: {title}",
        proposed={"title": title, "description": ""},
        changes=[["Title", "—", title]],
        rationale=f"Why {title}.",
    )


def test_forwarding_asks_in_a_dialog_worked_by_keyboard(page, live_server, district, editor):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    draft(plan, editor, "Career pathways")
    base = f"{live_server.url}/d/{district.slug}/plans/{plan.pk}"
    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    page.goto(f"{base}/spring/")

    forward = page.get_by_role("link", name="Forward the drafts to the superintendent")
    forward.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Forward the drafts to the superintendent?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Forward the drafts")).to_be_focused()
    expect(dialog).to_contain_text("Career pathways")
    assert accessibility_violations(page) == ""

    page.keyboard.press("Escape")  # changes nothing, and focus goes back to the link
    expect(dialog).to_have_count(0)
    expect(forward).to_be_focused()
    assert Packet.objects.get(plan=plan).state == "drafting"

    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("link", name="Cancel")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The packet is forwarded")).to_be_visible()
    assert Packet.objects.get(plan=plan).state == "forwarded"


def test_closing_a_review_without_javascript_is_a_page_that_asks(
    browser, live_server, district, editor, admin_user
):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    plan.reviews.create(year=2022, opened_by=editor)
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    log_in_with_keyboard(page, live_server.url, "ada-admin", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/reviews/2022/")
    page.get_by_role("link", name="Close the review").click()
    expect(page.get_by_role("heading", name="Close Fall review of 2022–23?")).to_be_visible()
    expect(page.get_by_text("No assessment has been written for 2 of them:")).to_be_visible()
    page.get_by_role("button", name="Close the review").click()
    expect(page.get_by_text("is closed and kept as it is now")).to_be_visible()
    context.close()


def test_the_approver_finds_the_packet_and_decides_several_at_once(
    page, live_server, district, editor
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    MembershipFactory(district=district, role=Role.APPROVER, user=UserFactory(username="sam-super"))
    first = draft(plan, editor, "Career pathways")
    second = draft(plan, editor, "College entry")
    third = draft(plan, editor, "Arts for all")
    packet = Packet.objects.get(plan=plan)
    recommendations.forward(packet, role=Role.EDITOR, by=editor, link="")

    log_in_with_keyboard(page, live_server.url, "sam-super", "correct horse battery")
    expect(page.get_by_text(f"3 recommendations to decide for {plan.title}")).to_be_visible()
    assert accessibility_violations(page) == ""
    page.get_by_role("link", name="Decide “Spring recommendations").click()
    assert accessibility_violations(page) == ""

    decision_on = {
        r.pk: page.get_by_role("group", name=f"Decision on “{r}”") for r in (first, second, third)
    }
    decision_on[first.pk].get_by_label("Approve").check()
    page.get_by_label(f"Note on “{first}”").fill("The jobs data are clear.")
    decision_on[second.pk].get_by_label("Decline").check()
    page.get_by_label(f"Note on “{second}”").fill("Not this year.")
    page.get_by_role("button", name="Record the decisions").click()
    expect(page.get_by_text("Recorded 2 decisions.")).to_be_visible()

    decided = {r.pk: r for r in Recommendation.objects.filter(packet=packet)}
    assert (decided[first.pk].state, decided[first.pk].decision_note) == (
        "approved",
        "The jobs data are clear.",
    )
    assert (decided[second.pk].state, decided[second.pk].decision_note) == (
        "declined",
        "Not this year.",
    )
    assert decided[third.pk].state == "forwarded"
    expect(page.get_by_role("group", name=f"Decision on “{third}”")).to_be_visible()
    assert not Goal.objects.get(plan=plan).objectives.filter(title="Career pathways").exists()
