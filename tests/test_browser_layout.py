"""The frame of every page and the SWOT, as a person sees them at a usual desktop width;
and the pages that gained breadcrumbs, checked against WCAG 2.1 AA."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import Invitation
from making import adoption
from planning.models import Plan, Review
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.conftest import PASSWORD
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def left_edge(page, selector: str) -> float:
    return round(page.locator(selector).first.bounding_box()["x"])


def test_the_header_and_breadcrumbs_line_up_with_the_content_at_1280_px(
    page, live_server, district, admin_user
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    Review.objects.create(plan=plan, year=2022)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_with_keyboard(page, live_server.url, "ada-admin", PASSWORD)
    at = f"{live_server.url}/d/{district.slug}"
    for path in (
        "/",
        "/people/",
        f"/plans/{plan.pk}/results/",
        f"/plans/{plan.pk}/spring/",
        f"/plans/{plan.pk}/reviews/",
        f"/plans/{plan.pk}/reviews/2022/",
        f"/plans/{plan.pk}/activity/",
    ):
        page.goto(at + path)
        content = left_edge(page, "main h1")
        assert left_edge(page, ".site-header .brand") == content, path
        assert left_edge(page, ".breadcrumbs li") == content, path
        assert accessibility_violations(page) == "", path


def test_the_swot_is_a_two_by_two_grid(page, live_server, district, admin_user):
    making = adoption.start_making(
        district,
        {"title": "Strategic Plan", "start_year": 2026, "end_year": 2031, "follows": None},
        actor=admin_user,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_with_keyboard(page, live_server.url, "ada-admin", PASSWORD)
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{making.plan.pk}/making/diagnostic/")
    boxes = [
        page.locator(f"#swot-list-{kind}").bounding_box()
        for kind in ("strength", "weakness", "opportunity", "threat")
    ]
    strengths, weaknesses, opportunities, threats = (
        (round(box["x"]), round(box["y"])) for box in boxes
    )
    assert strengths[1] == weaknesses[1] < opportunities[1] == threats[1]  # two rows
    assert strengths[0] == opportunities[0] < weaknesses[0] == threats[0]  # two columns
    assert accessibility_violations(page) == ""


def test_an_expired_invitation_is_told_in_words_and_sent_again_with_the_keyboard(
    page, live_server, district, admin_user
):
    Invitation.objects.create(district=district, email="nina@example.org", role="editor", token="n")
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    log_in_with_keyboard(page, live_server.url, "ada-admin", PASSWORD)
    page.goto(f"{live_server.url}/d/{district.slug}/people/")
    listed = page.get_by_role("listitem").filter(has_text="nina@example.org")
    assert "expired" in listed.inner_text()
    assert accessibility_violations(page) == ""
    listed.get_by_role("button", name="Send it again to nina@example.org").press("Enter")
    sent = "Sent the invitation to nina@example.org again."
    expect(page.get_by_role("status")).to_have_text(sent)
    assert "expired" not in page.get_by_role("listitem").filter(has_text="nina@").inner_text()


THEORY = (
    "In order to develop the graduates who possess the attributes we believe are necessary "
    "to have an impact in the world, we need to provide them with the opportunities they "
    "need to develop those skills identified in our profile. Not all of the attributes are "
    "easily measured, but that does not mean they should be thought of as soft skills."
)

# The most characters any one rendered line of the element holds.
LONGEST_LINE = """element => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const lines = new Map(), range = document.createRange();
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (let i = 0; i < text.length; i++) {
            range.setStart(text, i); range.setEnd(text, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            lines.set(top, (lines.get(top) || 0) + 1);
        }
    }
    return Math.max(...lines.values());
}"""


def test_the_public_plan_keeps_its_text_to_a_readable_measure_at_1280_px(
    page, live_server, district
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(published=True, theory_of_action=THEORY)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/public/{district.slug}/{plan.pk}/")
    theory = page.locator("section", has=page.get_by_role("heading", name="Theory of action"))
    assert 60 <= theory.locator("p").evaluate(LONGEST_LINE) <= 78
    # The goals' boxes, which hold the measures' charts, keep the page's width.
    goal = page.locator("section.goal").first.bounding_box()["width"]
    assert goal > 1.5 * theory.locator("p").bounding_box()["width"]
    assert accessibility_violations(page) == ""
