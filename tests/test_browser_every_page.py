"""Every main page with the made-up district Riverbend loaded, as each of its people and
as the public sees it, checked against WCAG 2.1 AA by axe-core in Chromium; and what the
walk-through found on them (empty bars, colourless pills) stays fixed."""

import pytest
from django.urls import reverse

from planning.models import Plan
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.conftest import PASSWORD, load_samples
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ("admin", "editor", "approver", "viewer")
DEMO_PASSWORD = "plans-demo"


def riverbend_pages() -> dict[str, str]:
    """The main pages of Riverbend's adopted plan and the plan in its making, by name."""
    plan = Plan.objects.get(district__slug="riverbend", title="Riverbend Rising")
    making = Plan.objects.get(district__slug="riverbend", title="Riverbend Forward")
    at = {"district": "riverbend", "plan_id": plan.pk}
    goal = plan.goals.order_by("order").first()
    strategy = plan.strategies.order_by("pk").first()
    measure = plan.measures.order_by("pk").first()
    review = plan.reviews.order_by("year").first()
    packet = plan.packets.order_by("pk").first()
    older, newer = plan.versions.order_by("number").values_list("number", flat=True)[:2]
    return {
        "home": reverse("home"),
        "district": reverse("district", args=["riverbend"]),
        "my work": reverse("my_work"),
        "plan": reverse("plan", kwargs=at),
        "goal": reverse("item_detail", kwargs={**at, "kind": "goal", "pk": goal.pk}),
        "strategy": reverse("item_detail", kwargs={**at, "kind": "strategy", "pk": strategy.pk}),
        "measure": reverse("item_detail", kwargs={**at, "kind": "measure", "pk": measure.pk}),
        "results": reverse("results", kwargs=at),
        "dashboard": reverse("progress", kwargs=at),
        "reviews": reverse("reviews", kwargs=at),
        "review": reverse("review", kwargs={**at, "year": review.year}),
        "spring": reverse("spring", kwargs=at),
        "packet": reverse("packet", kwargs={**at, "pk": packet.pk}),
        "versions": reverse("versions", kwargs=at),
        "compare": reverse("versions_compare", kwargs=at) + f"?a={older}&b={newer}",
        "activity": reverse("plan_activity", kwargs=at),
        "making": reverse("making", args=["riverbend", making.pk]),
        "diagnostic": reverse("making_diagnostic", args=["riverbend", making.pk]),
        "input": reverse("making_input", args=["riverbend", making.pk]),
        "priorities": reverse("making_priorities", args=["riverbend", making.pk]),
        "updates": reverse("update_windows", kwargs=at),
    }


def admin_pages() -> dict[str, str]:
    plan = Plan.objects.get(district__slug="riverbend", title="Riverbend Rising")
    making = Plan.objects.get(district__slug="riverbend", title="Riverbend Forward")
    return {
        "people": reverse("people", args=["riverbend"]),
        "structure": reverse("plan_structure", args=["riverbend", making.pk]),
        "publish": reverse("plan_publish", args=["riverbend", plan.pk]),
    }


def public_pages() -> dict[str, str]:
    plan = Plan.objects.get(district__slug="riverbend", title="Riverbend Rising")
    return {
        "log in": reverse("login"),
        "published plans": reverse("public_plans"),
        "public plan": reverse("public_plan", args=["riverbend", plan.pk]),
    }


def signed_in(browser, base_url: str, role: str, width: int = 1280):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(f"riverbend-{role}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base_url}/")
    return context, page


def test_every_main_page_meets_wcag_aa_for_each_role_and_the_public(browser, live_server):
    load_samples()
    visits = {role: riverbend_pages() for role in ROLES}
    visits["admin"] |= admin_pages()
    problems = []
    for role, pages in visits.items():
        context, page = signed_in(browser, live_server.url, role)
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{name} as {role}: {response.status}"
            if report := accessibility_violations(page):
                problems.append(f"{name} as {role} ({path}):\n{report}")
        context.close()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for name, path in public_pages().items():
        assert page.goto(live_server.url + path).status == 200, name
        if report := accessibility_violations(page):
            problems.append(f"{name}, signed out ({path}):\n{report}")
    context.close()
    assert problems == [], "\n\n".join(problems)


def test_viewers_and_editors_see_no_empty_bars_and_coloured_review_pills(browser, live_server):
    load_samples()
    pages = riverbend_pages()
    for role in ("viewer", "editor"):
        context, page = signed_in(browser, live_server.url, role)
        page.goto(live_server.url + pages["plan"])
        # A measures block is drawn only where there are measures (rough edge 3).
        blocks = page.locator(".measures")
        assert blocks.count() > 0
        empty = page.locator(".measures:not(:has(.measure))")
        assert empty.count() == 0, f"{role}: {empty.count()} empty measure bars"
        assert page.locator(".strategy:not(:has(.measures))").count() > 0  # some have none

        page.goto(live_server.url + pages["review"])
        # Each status keeps its own colour in the closed fall review (rough edge 10).
        colours = {}
        for status in ("met", "on_track", "at_risk", "off_track"):
            pill = page.locator(f"main .status-counts .status-{status}").first
            colours[status] = pill.evaluate("e => getComputedStyle(e).color")
            ink = page.evaluate("getComputedStyle(document.body).color")
            assert colours[status] != ink, f"{role}: {status} pill has the text's colour"
        assert len(set(colours.values())) == 4, colours
        context.close()


def test_the_plan_page_prints_as_a_document_without_navigation_or_controls(
    page, live_server, district, editor
):
    plan = build_plan(district, goals=2, objectives=1, strategies=2, status="draft")
    log_in_with_keyboard(page, live_server.url, "eddie-editor", PASSWORD)
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
    goal = plan.goals.order_by("order").first()
    objective = goal.objectives.get()
    page.get_by_role("button", name="Show or hide what is under Goal 1").click()
    assert page.get_by_text(objective.title).is_hidden()  # folded on screen

    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".plan-nav", ".toc", "#activity", ".plan-actions"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("main button:visible, main .small-button:visible").count() == 0
    assert page.get_by_text(objective.title).is_visible()  # printed in full
    assert page.get_by_role("heading", name=plan.title).is_visible()
    width = page.evaluate("document.querySelector('article.plan').getBoundingClientRect().width")
    assert width > page.viewport_size["width"] * 0.9  # the activity column gives way to the plan


def test_on_a_phone_wide_tables_scroll_within_themselves_and_pass_axe(browser, live_server):
    load_samples()
    pages = riverbend_pages()
    context, page = signed_in(browser, live_server.url, "viewer", width=390)
    for name in ("results", "review", "dashboard", "input", "diagnostic"):
        page.goto(live_server.url + pages[name])
        assert page.evaluate("document.documentElement.scrollWidth") == 390, name
        assert accessibility_violations(page) == "", name
    context.close()
