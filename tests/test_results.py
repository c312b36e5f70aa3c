"""Entering results, importing them from CSV, and reading progress."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import Measure, Result, StudentGroup
from tests.conftest import fingerprint_in
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=1, status="draft")


@pytest.fixture
def measure(plan):
    return Measure.objects.get(plan=plan, goal__order=1)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def upload(text: str, name="results.csv"):
    return {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")}


# The grid ---------------------------------------------------------------------------


def test_grid_shows_each_measure_by_year_with_status_in_words(client, viewer, plan, measure):
    client.force_login(viewer)
    page = client.get(url(plan, "results")).content.decode()
    assert "2022–23" in page and "2026–27" in page
    assert "1.M1" in page  # goal 1's first measure
    assert "58%" in page and "target 60%" in page
    assert "At risk" not in page and "On track" in page  # 2 short of 60 is 3.3%
    assert ">Enter<" not in page  # viewers read only


def test_editor_enters_a_result_in_place(client, editor, plan, measure):
    client.force_login(editor)
    form = client.get(url(plan, "result_edit", measure.pk, 2023, "all"), **HTMX)
    assert form.status_code == 200 and 'name="value"' in form.content.decode()

    response = client.post(
        url(plan, "result_edit", measure.pk, 2023, "all"),
        {"value": "63.5", "note": "State data, October", "fingerprint": ""},
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<td id="result-{measure.pk}-all-2023"')
    assert "64%" in page or "63.5" in page
    result = Result.objects.get(measure=measure, year=2023, group=None)
    assert (result.value, result.note, result.entered_by) == (63.5, "State data, October", editor)


def test_a_result_that_is_not_a_number_is_refused_in_its_cell(client, editor, plan, measure):
    client.force_login(editor)
    response = client.post(
        url(plan, "result_edit", measure.pk, 2023, "all"),
        {"value": "about half", "note": "kept", "fingerprint": ""},
        **HTMX,
    )
    assert response.status_code == 422
    assert response["HX-Reswap"] == "innerHTML"
    assert "Enter a number." in response.content.decode()
    assert "kept" in response.content.decode()
    assert not Result.objects.filter(year=2023).exists()


def test_results_by_student_group_sit_side_by_side(client, editor, district, plan, measure):
    learners = StudentGroup.objects.create(district=district, name="English learners")
    measure.breakdown.add(learners)
    client.force_login(editor)
    client.post(
        url(plan, "result_edit", measure.pk, 2022, learners.pk),
        {"value": "41", "fingerprint": ""},
        **HTMX,
    )
    page = client.get(url(plan, "results")).content.decode()
    assert "English learners" in page
    assert Result.objects.get(group=learners).value == 41


def test_viewer_cannot_enter_results(client, viewer, plan, measure):
    client.force_login(viewer)
    response = client.post(url(plan, "result_edit", measure.pk, 2023, "all"), {"value": "1"})
    assert response.status_code == 403
    assert not Result.objects.filter(year=2023).exists()


def test_outsider_gets_404_for_results_pages(client, outsider, plan, measure):
    client.force_login(outsider)
    for page in (
        url(plan, "results"),
        url(plan, "progress"),
        url(plan, "results_import"),
        url(plan, "result_edit", measure.pk, 2023, "all"),
    ):
        assert client.get(page).status_code == 404, page


# CSV import ------------------------------------------------------------------------


def test_a_good_file_is_previewed_then_imported_in_one_go(client, editor, plan, measure):
    client.force_login(editor)
    text = (
        "measure,year,value,note,group\n"
        "1.M1,2023–24,61,From the state,\n"
        f"{measure.name},2024,66,,\n"
        "1.M1,2023,55,,English learners\n"
    )
    preview = client.post(url(plan, "results_import"), upload(text))
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "All 3 rows can be imported" in page
    assert not Result.objects.filter(year__gte=2023).exists()

    response = client.post(url(plan, "results_import"), {"confirm": "1", "csv": text})
    assert response.status_code == 302
    assert Result.objects.get(measure=measure, year=2023, group=None).value == 61
    assert Result.objects.get(measure=measure, year=2024).value == 66
    assert Result.objects.get(group__name="English learners").value == 55


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("9.M9,2023,50", "No measure “9.M9” in this plan."),
        ("1.M1,2031,50", "2031–32 is outside the plan&#x27;s period (2022–2027)."),
        ("1.M1,next year,50", "“next year” is not a year such as 2022–23"),
        ("1.M1,2023,fifty", "“fifty” is not a number."),
    ],
)
def test_each_kind_of_bad_row_is_named_and_nothing_is_imported(client, editor, plan, line, problem):
    client.force_login(editor)
    text = f"measure,year,value\n1.M1,2023,60\n{line}\n"
    response = client.post(url(plan, "results_import"), upload(text))
    page = response.content.decode()
    assert response.status_code == 422
    assert problem in page and "1 of 2 rows has a problem" in page
    assert 'name="confirm"' not in page
    forced = client.post(url(plan, "results_import"), {"confirm": "1", "csv": text})
    assert forced.status_code == 422
    assert not Result.objects.filter(year=2023).exists()


def test_a_duplicate_row_is_a_problem(client, editor, plan):
    client.force_login(editor)
    response = client.post(
        url(plan, "results_import"), upload("measure,year,value\n1.M1,2023,60\n1.M1,2023–24,61\n")
    )
    assert response.status_code == 422
    assert "The same measure, year and group as line 2." in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "This is not a CSV file"),
        (b"name;when;how much\nx;y;z\n", "it lacks measure, year, value"),
        (b"measure,year,value\n", "no rows of results"),
        (b"measure,year,value\n" + b"1.M1,2023,60\n" * 80_000, "files of up to 1,000 KB are read"),
    ],
)
def test_a_file_that_is_not_a_results_csv_is_refused(client, editor, plan, content, message):
    client.force_login(editor)
    response = client.post(
        url(plan, "results_import"), {"file": SimpleUploadedFile("x.csv", content)}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Result.objects.filter(year=2023).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("garbage", "it lacks measure, year, value"),
        ("", "The submitted file is empty."),
        ("1.M1,2023,60\n", "it lacks measure, year, value"),
        ("measure,year,value\n\x00", "This is not a CSV file"),
        ("measure,year,value\n" + "1.M1,2023,60\n" * 5_001, "more than 5,000 rows"),
    ],
)
def test_a_confirmed_text_that_cannot_be_read_is_refused_beside_the_file_field(
    client, editor, plan, text, message
):
    client.force_login(editor)
    response = client.post(url(plan, "results_import"), {"confirm": "1", "csv": text})
    page = response.content.decode()
    assert response.status_code == 422
    assert '<span class="error" id="id_file_error">' in page
    assert message in page.split('id="id_file_error">')[1].split("</span>")[0]
    assert not Result.objects.filter(year__gte=2023).exists()


def test_viewer_cannot_import(client, viewer, plan):
    client.force_login(viewer)
    assert (
        client.post(
            url(plan, "results_import"), upload("measure,year,value\n1.M1,2023,1\n")
        ).status_code
        == 403
    )


# Progress ---------------------------------------------------------------------------


def test_progress_counts_statuses_lists_missing_results_and_draws_charts(client, viewer, plan):
    client.force_login(viewer)
    page = client.get(url(plan, "progress") + "?year=2022").content.decode()
    assert "Progress in 2022–23" in page
    assert '<svg class="trend"' in page and 'role="img"' in page
    assert "Trend of 1.M1. Baseline 50% in 2021–22. Targets: 2022–23 60%." in page
    assert "Every key indicator has a result for this year." in page
    later = client.get(url(plan, "progress") + "?year=2024").content.decode()
    assert "Still missing a result for 2024–25" in later and "1.M1" in later


@pytest.mark.parametrize("size", [1, 6])
def test_results_and_progress_cost_the_same_queries_whatever_the_size(
    client, viewer, district, size, django_assert_max_num_queries
):
    plan = build_plan(district, goals=size, objectives=2, strategies=2)
    client.force_login(viewer)
    # Rendered afresh (tests/test_pages_kept.py: kept, they cost fewer)
    with django_assert_max_num_queries(28):
        client.get(url(plan, "results"))
    with django_assert_max_num_queries(28):
        client.get(url(plan, "progress"))


def test_the_status_rule_is_on_the_help_page(client, viewer):
    client.force_login(viewer)
    page = client.get(reverse("status_help")).content.decode()
    assert "<strong>On track</strong> within 5%" in page
    assert "<strong>At risk</strong> within 15%" in page


def test_editor_names_the_groups_a_measure_is_broken_down_by(
    client, editor, district, plan, measure
):
    existing = StudentGroup.objects.create(district=district, name="English learners")
    client.force_login(editor)
    page = client.get(url(plan, "item_edit", "measure", measure.pk), **HTMX).content.decode()
    fingerprint = fingerprint_in(page)
    response = client.post(
        url(plan, "item_edit", "measure", measure.pk),
        {
            "name": measure.name,
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 0,
            "direction": "increase",
            "baseline_value": "50",
            "baseline_year": "2021",
            "target_form": "yearly",
            "target_2022": "60",
            "fingerprint": fingerprint,
            "breakdown_names": "english learners\nGrade 3",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert sorted(g.name for g in measure.breakdown.all()) == ["English learners", "Grade 3"]
    assert measure.breakdown.get(name="English learners") == existing
    grid = client.get(url(plan, "results")).content.decode()
    assert "Grade 3" in grid


def test_the_goal_summary_counts_every_status_worst_first_and_names_one_still_off_track(
    client, viewer, district
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    goal_measure = Measure.objects.get(plan=plan, goal__isnull=False)
    Result.objects.create(measure=goal_measure, year=2023, value=70)  # up from 58: on track
    behind = Measure.objects.get(plan=plan, strategy__isnull=False)
    Result.objects.filter(measure=behind).update(value=30)  # 30 against 60: off track
    client.force_login(viewer)

    page = client.get(url(plan, "progress")).content.decode()  # the latest year, 2023–24

    start = page.index('class="status-counts"')
    counts = page[start : page.index("</ul>", start)]
    labels = ("Off track", "At risk", "On track", "Met", "No data")
    shown = [label for label in labels if label in counts]
    assert shown == ["Off track", "At risk", "On track", "Met", "No data"]
    assert [counts.index(label) for label in shown] == sorted(
        counts.index(label) for label in shown
    )
    assert "Without a result for 2023–24, still behind at the latest result" in page
    note = " ".join(page[page.index('class="behind"') :].split())
    assert note.index("1.1.1.M1") < note.index("Off track</span> in 2022–23")


# Pasting a block from a spreadsheet ----------------------------------------------------


def paste_block(client, plan, measure, block, **extra):
    data = {"start": f"{measure.pk}-all", "year": "2022", "block": block, **extra}
    return client.post(url(plan, "results_paste"), data, **HTMX)


def test_a_pasted_block_is_previewed_then_saved_in_one_go(client, editor, plan, measure):
    client.force_login(editor)
    preview = paste_block(client, plan, measure, "58.5\t61\t\t70%\n")

    page = preview.content.decode()
    assert preview.status_code == 200
    assert page.lstrip().startswith('<section id="paste"')
    assert "3 results will be saved" in page and "Nothing is saved until you confirm" in page
    assert Result.objects.get(measure=measure, year=2022).value == 58  # not yet

    saved = client.post(
        url(plan, "results_paste"),
        {
            "start": f"{measure.pk}-all",
            "year": "2022",
            "block": "58.5\t61\t\t70%\n",
            "confirm": "1",
        },
    )
    assert saved.status_code == 302
    values = dict(Result.objects.filter(measure=measure, group=None).values_list("year", "value"))
    assert values == {2022: Decimal("58.5"), 2023: 61, 2025: 70}
    assert Result.objects.get(measure=measure, year=2023).entered_by == editor


def test_each_bad_cell_of_a_pasted_block_is_named_and_nothing_is_saved(
    client, editor, plan, measure
):
    client.force_login(editor)
    block = "61\tabout half\n62\n63\n64\n65\n66\n67\n68\n69\n70\n71\n72\n73"
    response = client.post(
        url(plan, "results_paste"),
        {"start": f"{measure.pk}-all", "year": "2022", "block": block, "confirm": "1"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "“about half” is not a number." in page
    assert "Falls outside the grid." in page  # the plan has fewer rows than the block
    assert "nothing has been saved" in page
    assert not Result.objects.filter(year=2023).exists()
    assert Result.objects.get(measure=measure, year=2022).value == 58


def test_a_paste_without_a_block_or_with_a_row_of_another_plan_is_refused_beside_the_field(
    client, editor, district, plan, measure
):
    other = build_plan(district, goals=1, objectives=1, strategies=1)
    foreign = Measure.objects.filter(plan=other).first()
    client.force_login(editor)
    empty = paste_block(client, plan, measure, "  ")
    assert empty.status_code == 422 and "Paste at least one result." in empty.content.decode()
    elsewhere = paste_block(client, plan, foreign, "61")
    assert elsewhere.status_code == 422
    assert "Select a valid choice." in elsewhere.content.decode()
    assert not Result.objects.filter(value=61).exists()


def test_viewer_cannot_paste_and_outsider_gets_404(client, viewer, outsider, plan, measure):
    client.force_login(viewer)
    assert paste_block(client, plan, measure, "61", confirm="1").status_code == 403
    client.force_login(outsider)
    assert paste_block(client, plan, measure, "61", confirm="1").status_code == 404
    assert not Result.objects.filter(value=61).exists()


def test_without_javascript_the_paste_form_previews_on_the_results_page(
    client, editor, plan, measure
):
    client.force_login(editor)
    grid = client.get(url(plan, "results")).content.decode()
    assert 'id="paste-form"' in grid and 'for="id_block"' in grid
    response = client.post(
        url(plan, "results_paste"), {"start": f"{measure.pk}-all", "year": "2023", "block": "61"}
    )
    page = response.content.decode()
    assert "<h1>Results by year</h1>" in page and "1 result will be saved" in page


@pytest.mark.parametrize("goals", [1, 6])
def test_a_pasted_block_is_saved_in_the_same_queries_whatever_its_size(
    client, editor, district, goals, django_assert_max_num_queries
):
    plan = build_plan(district, goals=goals, objectives=2, strategies=2, status="draft")
    first = Measure.objects.get(plan=plan, goal__order=1)
    Result.objects.filter(measure=first, year=2022).update(note="From the state")
    lines = Measure.objects.filter(plan=plan).count() if goals > 1 else 1
    block = "\n".join(["61\t62\t63\t64"] * lines)
    client.force_login(editor)
    with django_assert_max_num_queries(29):
        response = paste_block(client, plan, first, block, confirm="1")
    assert response.status_code == 302
    saved = Result.objects.filter(measure__plan=plan, value__in=[61, 62, 63, 64])
    assert saved.count() == lines * 4
    kept = Result.objects.get(measure=first, year=2022)
    assert (kept.value, kept.note, kept.entered_by) == (61, "From the state", editor)


@pytest.mark.parametrize("goals", [1, 6])
def test_a_file_is_imported_in_the_same_queries_whatever_its_length(
    client, editor, district, goals, django_assert_max_num_queries
):
    plan = build_plan(district, goals=goals, objectives=2, strategies=2, status="draft")
    StudentGroup.objects.create(district=district, name="English learners")
    lines = ["measure,year,value,note,group"]
    for measure in Measure.objects.filter(plan=plan):
        lines += [
            f"{measure.name},2022,61,Checked,",
            f"{measure.name},2023,62,,english learners",
            f"{measure.name},2023,63,,Grade 3",
        ]
    text = "\n".join(lines) + "\n"
    client.force_login(editor)
    with django_assert_max_num_queries(31):
        response = client.post(url(plan, "results_import"), {"confirm": "1", "csv": text})
    assert response.status_code == 302
    assert Result.objects.filter(measure__plan=plan).count() == len(lines) - 1
    checked = Result.objects.filter(measure__plan=plan, note="Checked", value=61)
    assert checked.count() == Measure.objects.filter(plan=plan).count()
    names = StudentGroup.objects.filter(district=district).values_list("name", flat=True)
    assert sorted(names) == ["English learners", "Grade 3"]


# Downloads ------------------------------------------------------------------------------


def test_results_download_as_a_workbook_of_measures_and_results(client, viewer, plan, measure):
    client.force_login(viewer)
    response = client.get(url(plan, "results_download", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert '.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Measures", "Results"]
    measures = list(book["Measures"].iter_rows(values_only=True))
    assert measures[0][:2] == ("measure", "name") and measures[1][0] == "1.M1"
    results = list(book["Results"].iter_rows(values_only=True))
    assert results[1][:3] == ("1.M1", "2022–23", 58)


def test_the_results_csv_reads_back_through_the_import(client, editor, plan, measure):
    client.force_login(editor)
    text = client.get(url(plan, "results_download", "csv")).content.decode()
    assert text.splitlines()[1].startswith("1.M1,2022–23,58,")
    preview = client.post(url(plan, "results_import"), upload(text))
    assert preview.status_code == 200


def test_outsider_cannot_download_results(client, outsider, plan):
    client.force_login(outsider)
    assert client.get(url(plan, "results_download", "xlsx")).status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_paste_and_downloads_cost_the_same_queries_whatever_the_size(
    client, editor, district, size, django_assert_max_num_queries
):
    plan = build_plan(district, goals=size, objectives=2, strategies=2)
    measure = Measure.objects.filter(plan=plan).order_by("pk").first()
    client.force_login(editor)
    with django_assert_max_num_queries(22):
        assert paste_block(client, plan, measure, "61\t62\n63\t64").status_code == 200
    for kind in ("csv", "xlsx"):
        with django_assert_max_num_queries(24):
            assert client.get(url(plan, "results_download", kind)).status_code == 200
