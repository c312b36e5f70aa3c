"""A small plan made in a real browser: from the diagnostic to the adoption."""

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from planning.models import Plan
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_plan_made_from_the_diagnostic_to_its_adoption(page, live_server, district, admin_user):
    previous = build_plan(district, goals=1, objectives=0, strategies=0)
    log_in_with_keyboard(page, live_server.url, "ada-admin", "correct horse battery")

    page.goto(f"{live_server.url}/d/{district.slug}/")
    page.get_by_role("link", name="Start making a plan with its phases").click()
    page.get_by_label("Title").fill("Strategic Plan")
    page.get_by_label("First year").fill("2027")
    page.get_by_label("Last year").fill("2032")
    expect(page.get_by_label("It replaces")).to_have_value(str(previous.pk))
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Making Strategic Plan 2027–2032")).to_be_visible()

    # Where the process stands: a phase edited in place.
    page.get_by_role("link", name="Edit phase 1").click()
    expect(page.get_by_label("Status")).to_be_focused()
    page.get_by_label("Status").select_option(label="Under way")
    page.get_by_label("Lead").fill("Dr. Ortiz")
    page.get_by_role("button", name="Save").click()
    phase = page.locator(".phase").first
    expect(phase).to_contain_text("Under way")
    expect(phase).to_contain_text("Dr. Ortiz")
    assert accessibility_violations(page) == ""

    # The diagnostic: a weakness with its evidence.
    page.get_by_role("link", name="Diagnostic").click()
    page.wait_for_load_state()  # its htmx loaded, so "+ Add" opens the form in place
    page.get_by_role("link", name="+ Add a weakness").click()
    expect(page.get_by_label("Kind of entry")).to_be_focused()  # htmx's autofocus, then type
    page.get_by_label("Entry", exact=True).fill("Grade 3 reading lags the state")
    page.get_by_label("Evidence").fill("42% proficient against 51% statewide")
    page.get_by_label("Source").fill("State assessment")
    page.get_by_role("button", name="Save").click()
    weaknesses = page.locator("#swot-list-weakness")
    expect(weaknesses).to_contain_text("W1 Grade 3 reading lags the state")
    # A slip is removed again from the keyboard, after a confirmation.
    page.get_by_role("link", name="+ Add a strength").click()
    expect(page.get_by_label("Kind of entry")).to_be_focused()
    page.get_by_label("Entry", exact=True).fill("Typed in the wrong place")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Edit Strength S1")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Remove Strength S1")).to_be_focused()
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    strengths = page.locator("#swot-list-strength")
    expect(strengths).to_contain_text("No strengths yet.")
    expect(strengths.get_by_role("status")).to_contain_text("Removed SWOT entry")
    expect(page.get_by_role("button", name="Undo the removal")).to_be_focused()
    assert accessibility_violations(page) == ""
    page.keyboard.press("Enter")  # undo: the entry is back, and focus with it
    expect(page.get_by_role("link", name="Edit Strength S1")).to_be_focused()
    expect(strengths).to_contain_text("S1 Typed in the wrong place")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Remove Strength S1").click()
    expect(strengths).to_contain_text("No strengths yet.")

    # Stakeholder input: a survey, a theme it brought out, and the counts that follow.
    page.get_by_role("link", name="Stakeholder input").click()
    page.wait_for_load_state()  # its htmx loaded, so "+ Add" opens the form in place
    page.get_by_role("link", name="+ Add an outreach activity").click()
    expect(page.get_by_label("Kind of activity")).to_be_focused()
    page.get_by_label("Kind of activity").select_option(label="Survey")
    page.get_by_label("Date").fill("2025-10-14")
    page.get_by_label("Audience").select_option(label="Parents and families")
    page.get_by_label("People reached").fill("412")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#counts")).to_contain_text("1 activity reached 412 people.")
    page.get_by_role("link", name="+ Add a theme").click()
    expect(page.get_by_label("Theme", exact=True)).to_be_focused()
    page.get_by_label("Theme", exact=True).fill("Reading help after school")
    page.get_by_role("checkbox", name="Academics").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#outreach-list")).to_contain_text("Reading help after school")
    academics = page.locator("#counts tr", has_text="Academics")
    expect(academics).to_contain_text("Parents and families")
    assert accessibility_violations(page) == ""

    # A priority traced to both.
    page.get_by_role("link", name="Priorities").click()
    page.wait_for_load_state()  # its htmx loaded, so "+ Add" opens the form in place
    page.get_by_role("link", name="+ Add a priority").click()
    expect(page.get_by_label("Title")).to_be_focused()
    page.get_by_label("Title").fill("Early literacy")
    page.get_by_label("W1: Grade 3 reading lags the state").check()
    page.get_by_label("Reading help after school (Survey with parents and families)").check()
    page.get_by_role("button", name="Save").click()
    priority = page.locator("#priority-list li").first
    expect(priority).to_contain_text("W1 Weakness: Grade 3 reading lags the state")
    expect(priority).to_contain_text("Theme from the survey with parents and families")
    assert accessibility_violations(page) == ""

    # The draft's goal, written in the plan's own editor, comes from the priority.
    page.get_by_role("link", name="The draft plan").click()
    page.wait_for_load_state()  # its htmx loaded, so "+ Add" opens the form in place
    page.get_by_role("link", name="+ Add goal").click()
    expect(page.get_by_label("Short title")).to_be_focused()
    expect(page.locator("form.edit-form [data-focused]")).to_have_count(1)  # settled
    page.get_by_label("Statement").fill("Every child reads by the end of grade 3.")
    page.get_by_label("Early literacy").check()
    page.get_by_role("button", name="Save").click()
    trace = page.locator(".comes-from")
    expect(trace).to_contain_text("Comes from priority “Early literacy”")
    trace.locator("summary").click()
    expect(trace).to_contain_text("Weakness: Grade 3 reading lags the state")

    # The previous plan's measure is carried in, with its history.
    draft = Plan.objects.get(status="draft")
    page.get_by_role("link", name="How it is being made").click()
    page.get_by_role("link", name="Diagnostic").click()
    source = Measure.objects.get(plan=previous)
    page.get_by_label("Carry into the draft, under").select_option(
        label="Goal 1: Every child reads by the end of grade 3."
    )
    page.get_by_role("button", name="Carry over 1.M1").click()
    expect(page.locator(f"#gap-{source.pk}")).to_contain_text("Carried into the draft just now.")

    # Adoption.
    page.get_by_role("link", name="Where it stands").click()
    page.get_by_role("link", name="Adopt Strategic Plan 2027–2032").click()
    dialog = page.get_by_role("dialog", name="Adopt Strategic Plan 2027–2032?")
    expect(dialog).to_contain_text("Adoption cannot be undone.")
    assert accessibility_violations(page) == ""
    dialog.get_by_role("button", name="Adopt Strategic Plan 2027–2032").click()
    expect(page.get_by_text("as version 1.")).to_be_visible()
    draft.refresh_from_db()
    previous.refresh_from_db()
    assert (draft.status, previous.status) == ("adopted", "archived")
    page.goto(f"{live_server.url}/d/{district.slug}/plans/{draft.pk}/making/")
    expect(page.get_by_text("This is the record of how the plan was made.")).to_be_visible()
    page.get_by_role("link", name="Diagnostic").click()
    page.wait_for_load_state()  # its htmx loaded, so "+ Add" opens the form in place
    expect(page.get_by_role("link", name="+ Add a weakness")).to_have_count(0)
    assert accessibility_violations(page) == ""
