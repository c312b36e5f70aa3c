"""A person reads their district's plan in a real browser; the pages meet WCAG 2.1 AA."""

import pytest
from playwright.sync_api import expect

from districts.models import District
from planning.management.commands.load_samples import SAMPLES
from tests.browser import accessibility_violations, in_hand, log_in_with_keyboard
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_meets_wcag_aa(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert accessibility_violations(page) == ""


def test_board_member_reads_belen_plan_and_pages_meet_wcag_aa(page, live_server, samples):
    log_in_with_keyboard(page, live_server.url, "belen-viewer", "plans-demo")
    assert accessibility_violations(page) == ""

    page.get_by_role("link", name="Belén Consolidated Schools").click()
    assert accessibility_violations(page) == ""

    page.get_by_role("link", name="Strategic Plan").click()
    page.get_by_role("heading", name="Strategic Plan", level=1).wait_for()
    assert page.get_by_text("Successfully preparing all students for their futures").is_visible()
    assert page.get_by_role("heading", name="Objective 1.1 Academic Growth").is_visible()
    assert accessibility_violations(page) == ""

    toggle = page.get_by_role("button", name="Show or hide what is under Goal 1")
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("heading", name="Objective 1.1 Academic Growth").is_visible()
    toggle.click()
    assert page.get_by_role("heading", name="Objective 1.1 Academic Growth").is_visible()


def test_each_sample_plan_page_meets_wcag_aa(page, live_server, samples, django_user_model):
    django_user_model.objects.create_superuser("operator", "op@example.org", "operator-pass-1")
    log_in_with_keyboard(page, live_server.url, "operator", "operator-pass-1")
    for district in District.objects.filter(slug__in=SAMPLES):
        plan = district.plans.get()
        page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
        assert page.get_by_text(district.name).first.is_visible()
        assert accessibility_violations(page) == "", district.slug


def test_the_public_page_meets_wcag_aa_on_a_phone(browser, live_server, samples):
    from planning.models import Plan

    plan = Plan.objects.get(district__slug="clayton")
    phone = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(f"{live_server.url}/public/clayton/{plan.pk}/")
    assert page.get_by_role("heading", name="Strategic Plan", level=1).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert accessibility_violations(page) == ""
    phone.close()


def test_the_administrators_pages_meet_wcag_aa(page, live_server, samples):
    log_in_with_keyboard(page, live_server.url, "belen-admin", "plans-demo")
    for path in (
        "/d/belen/people/",
        "/d/belen/plans/new/",
        "/d/belen/plans/upload/",
        "/d/belen/plans/make/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert accessibility_violations(page) == "", path
    page.get_by_label("Title").fill("Strategic Plan")
    page.get_by_label("First year").fill("2025")
    page.get_by_label("Last year").fill("2030")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("heading", name="Phase 1 Diagnostic analysis").wait_for()
    assert accessibility_violations(page) == ""
    page.get_by_role("link", name="Edit phase 1").click()
    page.get_by_label("Lead").fill("Dr. Ortiz")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("li.phase").first).to_contain_text("Dr. Ortiz")


def test_finding_words_reaches_a_guardrail_with_and_without_javascript(
    browser, live_server, samples
):
    from planning.models import Plan

    plan = Plan.objects.get(district__slug="riverbend", sections__isnull=False)
    for javascript in (True, False):
        reader = browser.new_context(bypass_csp=True, java_script_enabled=javascript)
        page = reader.new_page()
        log_in_with_keyboard(page, live_server.url, "riverbend-viewer", "plans-demo")
        page.goto(f"{live_server.url}/d/riverbend/plans/{plan.pk}/")
        search = page.get_by_role("search", name="Find in the plan")
        search.get_by_label("Words").fill("full-time counselor")
        search.get_by_role("button", name="Find").click()
        expect(page.locator("#found")).to_contain_text("Below the pillars: Board Guardrails.")
        section = page.get_by_role("region", name="Section Board Guardrails")
        expect(section.locator("li.guardrail")).to_have_count(1)
        expect(section).to_contain_text("go without a full-time counselor")
        if javascript:  # axe runs in the page
            assert accessibility_violations(page) == ""
        reader.close()


def test_finding_in_place_keeps_the_address_and_back_shows_the_whole_plan(
    browser, live_server, samples
):
    from planning.models import Plan

    plan = Plan.objects.get(district__slug="riverbend", sections__isnull=False)
    address = f"{live_server.url}/d/riverbend/plans/{plan.pk}/"
    strict = browser.new_context()  # the app's Content Security Policy in force
    page = strict.new_page()
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    log_in_with_keyboard(page, live_server.url, "riverbend-viewer", "plans-demo")
    page.goto(address)
    section = page.get_by_role("region", name="Section Board Guardrails")
    all_guardrails = section.locator("li.guardrail").count()
    assert all_guardrails > 1
    pillars = page.get_by_role("navigation", name="Jump to").get_by_role("link").count()
    assert pillars > 1
    page.evaluate("document.getElementById('found').dataset.first = 'yes'")
    reloads = []
    page.on("load", lambda: reloads.append(page.url))

    words = page.get_by_role("search", name="Find in the plan").get_by_label("Words")
    words.fill("full-time counselor")
    words.press("Enter")
    said = page.get_by_role("status").filter(has_text="Below the pillars")
    expect(said).to_contain_text("2 items match")
    # Announced from the status region that was there all along, not from a new one.
    assert said.get_attribute("data-first") == "yes"
    expect(page).to_have_url(f"{address}?q=full-time+counselor")
    expect(section.locator("li.guardrail")).to_have_count(1)
    expect(words).to_be_focused()
    assert page.locator("li.item").count() == 0 and reloads == []
    jump = page.get_by_role("navigation", name="Jump to")
    expect(jump).to_have_count(0)  # it offered the pillars no longer shown

    page.go_back()
    expect(page).to_have_url(address)
    expect(section.locator("li.guardrail")).to_have_count(all_guardrails)
    expect(words).to_have_value("")
    expect(page.locator("#found")).to_have_text("")
    assert page.locator("li.item").count() > 0 and reloads == []
    expect(jump.get_by_role("link")).to_have_count(pillars)
    page.go_forward()
    expect(section.locator("li.guardrail")).to_have_count(1)
    expect(words).to_have_value("full-time counselor")
    assert reloads == [] and refused == []
    strict.close()

    checked = browser.new_context(bypass_csp=True)  # for axe, injected into the page
    page = checked.new_page()
    log_in_with_keyboard(page, live_server.url, "riverbend-viewer", "plans-demo")
    page.goto(address)
    page.get_by_label("Words").fill("counselor")
    page.get_by_label("Words").press("Enter")
    expect(page.locator("#found")).to_contain_text("match")
    assert accessibility_violations(page) == ""
    checked.close()


def test_an_editor_who_clears_a_filter_in_place_edits_the_whole_plan_again(
    page, live_server, district, editor
):
    plan = build_plan(district, goals=2, objectives=1, strategies=1, status="draft")
    plan.goals.filter(order=2).update(title="Reading for all")
    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/?q=Reading")
    expect(page.get_by_role("status").filter(has_text="1 item matches")).to_be_visible()
    expect(in_hand(page, "Goal 2")).to_have_count(0)  # a filtered plan is for reading

    page.get_by_role("link", name="Clear the filter").click()
    expect(page).to_have_url(f"{live_server.url}/d/{district.slug}/plans/{plan.pk}/")
    controls = in_hand(page, "Goal 1")
    controls.get_by_role("link", name="Edit Goal 1", exact=True).click()
    expect(page.get_by_label("Short title")).to_be_focused()
    assert accessibility_violations(page) == ""
