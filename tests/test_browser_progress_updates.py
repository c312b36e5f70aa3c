"""An owner posts a progress update in a real browser; the item's page and the board's
progress update show it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import Role
from planning.models import Strategy, UpdateWindow
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.factories import MembershipFactory, UserFactory, build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_posts_an_update_the_board_reads(page, live_server, district):
    owner = UserFactory(username="olive", first_name="Olive", last_name="Owner")
    MembershipFactory(district=district, user=owner, role=Role.VIEWER)
    plan = build_plan(district, goals=1, objectives=1, strategies=2)
    strategy = Strategy.objects.filter(plan=plan).order_by("pk").first()
    Strategy.objects.filter(pk=strategy.pk).update(
        owner_user=owner, due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    today = timezone.localdate()
    UpdateWindow.objects.create(
        plan=plan,
        name="Quarter 2",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=10),
    )
    log_in_with_keyboard(page, live_server.url, "olive", "correct horse battery")

    page.get_by_role("link", name="My work").click()
    expect(page.get_by_text("1 overdue.")).to_be_visible()
    assert accessibility_violations(page) == ""
    page.get_by_role("link", name=strategy.text[:40]).click()

    expect(page.get_by_role("heading", name="Progress updates")).to_be_visible()
    page.get_by_label("Status").select_option("In progress")
    page.get_by_label("Percent complete").fill("45")
    page.get_by_label("What was done").fill("Coaches trained in every school.")
    page.get_by_label("Link to evidence").fill("javascript:alert(1)")
    page.get_by_role("button", name="Post the update").click()
    expect(
        page.get_by_text("Give a web address starting with http:// or https://.").first
    ).to_be_visible()
    expect(page.get_by_label("What was done")).to_have_value("Coaches trained in every school.")
    page.get_by_label("Link to evidence").fill("https://example.org/coaching")
    page.get_by_role("button", name="Post the update").click()

    history = page.locator(".update-history")
    expect(history).to_contain_text("Coaches trained in every school.")
    expect(history).to_contain_text("In progress, 45%")
    expect(history).to_contain_text("Olive Owner")
    assert accessibility_violations(page) == ""

    # The plan page, where the board reads, shows the owner and the latest update.
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
    item = page.locator(f"#strategy-{strategy.pk}-own")
    expect(item).to_contain_text("Olive Owner")
    expect(item).to_contain_text("In progress, 45%. Coaches trained in every school.")
    expect(page.get_by_role("table", name="How each goal's")).to_be_visible()
    assert accessibility_violations(page) == ""
    # Finding one's own work: the filter is kept in the URL.
    page.get_by_label("Owner").select_option("Olive Owner")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("status").filter(has_text="1 item matches")).to_be_visible()
    assert "owner=Olive+Owner" in page.url
    expect(page.locator(f"#strategy-{strategy.pk}")).to_be_visible()
    assert page.locator("li.item.strategy").count() == 1
    assert accessibility_violations(page) == ""
    page.get_by_role("link", name="Clear the filter").click()  # in place
    expect(page.locator("li.item.strategy")).to_have_count(2)

    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/windows/")
    assert accessibility_violations(page) == ""
    page.get_by_role("link", name="Progress update for Quarter 2").click()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.locator(".work-updates")).to_contain_text("Coaches trained in every school.")
    expect(page.get_by_role("cell", name="1 of 2", exact=True)).to_be_visible()
    assert accessibility_violations(page) == ""


def test_an_administrator_changes_and_deletes_a_window(page, live_server, district):
    admin = UserFactory(username="ada")
    MembershipFactory(district=district, user=admin, role=Role.ADMIN)
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    UpdateWindow.objects.create(
        plan=plan,
        name="Quarter 1",
        opens_on=datetime.date(2026, 9, 1),
        closes_on=datetime.date(2026, 10, 15),
    )
    log_in_with_keyboard(page, live_server.url, "ada", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/windows/")
    page.get_by_role("link", name="Change Quarter 1").click()
    assert accessibility_violations(page) == ""
    page.get_by_label("Name").fill("Fall update")
    page.locator("#id_closes_on").fill("2026-08-01")
    page.get_by_role("button", name="Save the window").click()
    expect(page.get_by_text("A window closes on or after the day it opens.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Fall update")
    assert accessibility_violations(page) == ""
    page.locator("#id_closes_on").fill("2026-10-31")
    page.get_by_role("button", name="Save the window").click()
    expect(page.get_by_role("rowheader", name="Fall update")).to_be_visible()

    page.get_by_role("link", name="Delete Fall update").click()
    dialog = page.get_by_role("dialog", name="Delete the window Fall update?")
    expect(dialog).to_be_visible()
    assert accessibility_violations(page) == ""
    dialog.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("rowheader", name="Fall update")).to_be_visible()
    page.get_by_role("link", name="Delete Fall update").click()
    page.get_by_role("button", name="Delete the window").click()
    expect(page.get_by_text("No update windows yet.")).to_be_visible()
    assert not UpdateWindow.objects.filter(plan=plan).exists()
