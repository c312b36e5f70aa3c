"""The committee enters a year's results and imports a CSV in a real browser."""

import pytest
from playwright.sync_api import expect

from measures.models import Measure, Result
from tests.browser import accessibility_violations, log_in_with_keyboard
from tests.factories import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(page, live_server, district, editor):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    log_in_with_keyboard(page, live_server.url, "eddie-editor", "correct horse battery")
    return page, plan, f"{live_server.url}/d/{district.slug}/plans/{plan.pk}"


def test_editor_enters_results_on_the_grid(signed_in):
    page, plan, base = signed_in
    measure = Measure.objects.get(plan=plan, goal__order=1)
    page.goto(f"{base}/results/")
    assert accessibility_violations(page) == ""

    page.get_by_role("link", name="Enter 1.M1 All students 2023–24").click()
    value = page.get_by_label("Result")
    expect(value).to_be_focused()
    page.get_by_label("Note").fill("State data")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Note")).to_have_value("State data")
    page.get_by_label("Result").fill("66")
    page.get_by_role("button", name="Save").click()

    cell = page.locator(f"#result-{measure.pk}-all-2023")
    expect(cell).to_contain_text("66%")
    expect(cell).to_contain_text("State data")
    expect(page.get_by_role("link", name="Change 1.M1 All students 2023–24")).to_be_focused()
    assert Result.objects.get(measure=measure, year=2023).value == 66


def test_editor_imports_a_csv_through_the_page(signed_in, tmp_path):
    page, _, base = signed_in
    good = tmp_path / "results.csv"
    good.write_text("measure,year,value,note\n1.M1,2023-24,64,From the state\n2.M1,2023,70,\n")
    page.goto(f"{base}/results/import/")
    page.get_by_label("CSV file of results").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("All 2 rows can be imported")).to_be_visible()
    assert accessibility_violations(page) == ""
    assert not Result.objects.filter(year=2023).exists()

    page.get_by_role("button", name="Import 2 results").click()
    expect(page.get_by_text("Imported 2 results.")).to_be_visible()
    assert Result.objects.filter(year=2023).count() == 2


def test_progress_and_review_pages_meet_wcag_aa(signed_in):
    page, _, base = signed_in
    page.goto(f"{base}/progress/")
    expect(page.get_by_role("img", name="Trend of 1.M1").first).to_be_visible()
    assert accessibility_violations(page) == ""

    page.goto(f"{base}/reviews/")
    page.get_by_role("button", name="Open the review").click()
    page.get_by_role("link", name="Write the assessment of Goal 1").click()
    page.get_by_label("Steady progress").check()
    page.get_by_label("Assessment").fill("Reading rose in every school.")
    page.get_by_label("Meeting date").fill("2023-10-12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Reading rose in every school.")).to_be_visible()
    assert accessibility_violations(page) == ""


PASTE = """(text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.activeElement.dispatchEvent(
    new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def column_width(page, year_label: str) -> float:
    return page.get_by_role("columnheader", name=year_label).bounding_box()["width"]


def test_the_grid_moves_by_arrow_keys_and_saves_on_enter_without_moving(signed_in):
    page, plan, base = signed_in
    measure = Measure.objects.get(plan=plan, goal__order=1)
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(f"{base}/results/")
    width = column_width(page, "2023–24")

    page.get_by_role("link", name="Enter 1.M1 All students 2023–24").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("link", name="Enter 1.M1 All students 2024–25")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name="Enter 1.1.1.M1 All students 2024–25")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("link", name="Enter 1.M1 All students 2023–24")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Enter 1.M1 All students 2024–25")).to_be_focused()
    page.keyboard.press("Shift+Tab")

    page.keyboard.press("Enter")  # opens the cell
    expect(page.get_by_label("Result", exact=True)).to_be_focused()
    assert column_width(page, "2023–24") == width
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.type("66")
    page.keyboard.press("Enter")  # saves it

    changed = page.get_by_role("link", name="Change 1.M1 All students 2023–24")
    expect(changed).to_be_focused()
    expect(page.locator("#grid-announce")).to_have_text("Saved 1.M1, All students, 2023–24: 66%")
    assert column_width(page, "2023–24") == width
    assert page.evaluate("window.scrollY") == scrolled
    assert Result.objects.get(measure=measure, year=2023).value == 66


def test_a_block_pasted_into_the_grid_is_previewed_then_saved(signed_in):
    page, plan, base = signed_in
    first = Measure.objects.get(plan=plan, goal__order=1)
    page.goto(f"{base}/results/")
    page.get_by_role("link", name="Enter 1.M1 All students 2023–24").focus()
    page.evaluate(PASTE, "61\t62\n63\t64\n")

    heading = page.get_by_role("heading", name="Check the pasted block")
    expect(heading).to_be_focused()
    expect(page.get_by_text("4 results will be saved.")).to_be_visible()
    expect(page.locator("#grid-announce")).to_have_text("Preview: 4 results to save.")
    assert accessibility_violations(page) == ""
    assert not Result.objects.filter(year=2023).exists()

    page.get_by_role("button", name="Save 4 results").click()
    expect(page.get_by_text("Saved 4 pasted results.")).to_be_visible()
    assert Result.objects.get(measure=first, year=2024).value == 62
    assert sorted(Result.objects.filter(year__in=[2023, 2024]).values_list("value", flat=True)) == [
        61,
        62,
        63,
        64,
    ]


def test_a_pasted_block_with_a_bad_cell_names_it_and_saves_nothing(signed_in):
    page, _, base = signed_in
    page.goto(f"{base}/results/")
    page.get_by_role("link", name="Enter 1.M1 All students 2023–24").focus()
    page.evaluate(PASTE, "61\tn/a")
    expect(page.get_by_text("“n/a” is not a number.")).to_be_visible()
    expect(page.get_by_role("button", name="Save 2 results")).to_have_count(0)
    assert accessibility_violations(page) == ""
    assert not Result.objects.filter(year=2023).exists()
