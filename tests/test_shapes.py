"""Plans as districts write them (issue 15): every shape of tests/shapes.py is held and
shown as written on the plan page, in the plan's PDF, on the results grid and the
public page, numbered the district's way."""

import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse

from measures.progress import plan_progress
from planning.models import ITEM_MODELS, Plan
from planning.tree import outline, plan_tree, tree_items
from tests.shapes import shaped_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(district):
    return shaped_plan(district)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def words(html: str) -> str:
    """The page's text, as a person reads it: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_saves_outline_places_every_item_as_the_whole_tree_does(plan):
    whole = {
        parent: [(kind, item.pk, item.order, item.code) for kind, item in children]
        for parent, children in tree_items(plan).items()
    }
    outlined = {
        parent: [(kind, *item) for kind, item in children]
        for parent, children in outline(plan).items()
    }
    assert outlined == whole
    assert {kind for children in whole.values() for kind, *_ in children} == set(ITEM_MODELS)


def test_each_level_is_numbered_the_districts_way(plan):
    labels = [node.label for node in plan_tree(plan).items()]
    assert labels == [
        "Priority I",  # counted under the plan, in roman numerals
        "Goal 1.A",  # codes typed by the district
        "Aim 1",  # aims counted across the whole plan
        "Strategy 1.1",  # after its parent's number (Aim 1)
        "Action step 1.1.a",  # in letters
        "Goal 2.2",
        "Priority II",
        "Goal 2.2",  # the district's typo, kept as written
        "Aim 2",  # beside a goal, under the same priority
        "Aim 3",
    ]


def test_the_plan_page_shows_every_shape_as_written(client, viewer, plan):
    client.force_login(viewer)
    page = words(client.get(url(plan, "plan")).content.decode())
    for text in (
        "Priority I Learning for every student",
        "Goal 1.A Early literacy",
        "Aim 1 Reading coaches in every school",
        "Strategy 1.1 Hire and train reading coaches.",
        "Action step 1.1.a Post the coach positions.",
        "Priority II Staff who stay",
        "Aim 3 Competitive pay",
        # a measure on the priority itself, with its code, its date by month, and a
        # stated annual target beside the final one
        "KPI 1 Students reading on grade level",
        "27.3% in May 2023",
        "41% by March 2027",
        "2024: 13.1%",
        "Baseline revised from 26.1 to 27.3 on June 2, 2023: The state corrected its spring data.",
        # each value with its own decimals; a ratio without a thousands separator
        "2024 to 2026: 21%, 24.5%, 21.0%",
        "4853:1 in 2023",
        "2025: 2.8:1",
        # targets per student group
        "Group A students, 2027: 90%",
        "Group B students, 2027: 92.5%",
        # a section beside the tree, with its own names and codes
        "Superintendent Constraints",
        "Superintendent Constraint 1 Safe schools",
        "Constraint Progress Measures",
        "CPM 1.1 Buildings passing inspection",
        "The district wrote its goal codes itself; the second 2.2 is as written.",
    ):
        assert text in page, text
    assert "Goal 2.2 Math foundations" in page and "Goal 2.2 Retention" in page


def test_the_plan_pdf_prints_every_shape_as_written(client, viewer, plan):
    client.force_login(viewer)
    response = client.get(url(plan, "plan_pdf"))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for written in (
        "Priority I Learning for every student",
        "Goal 1.A Early literacy",
        "Aim 1 Reading coaches in every school",
        "1.1 Hire and train reading coaches.",
        "1.1.a Post the coach positions.",
        "Priority II Staff who stay",
        "Aim 2 Mentors for new teachers",
        "KPI 1 Students reading on grade level",
        "27.3% in May 2023",
        "41% by March 2027",
        "Baseline revised from 26.1 to 27.3",
        "2024 to 2026: 21%, 24.5%, 21.0%",
        "4853:1 in 2023",
        "Group A students, 2027: 90%",
        "Superintendent Constraints",
        "Superintendent Constraint 1 Safe schools",
        "CPM 1.1 Buildings passing inspection",
        "Notes",
        "the second 2.2 is as written",
    ):
        assert written in text, written
    assert text.count("Goal 2.2") >= 2


def test_interim_years_before_a_final_target_are_estimates_and_say_so(client, editor, plan):
    progress = plan_progress(plan_tree(plan))
    reading = next(m for m in progress.measures if m.reference == "KPI 1")
    stated = reading.all_students.cell(2024).judged
    estimate = reading.all_students.cell(2025).judged
    assert (stated.target, stated.estimated) == (Decimal("13.1"), False)
    assert estimate.estimated and Decimal("13.1") < estimate.target < 41
    # the results grid says which targets are the district's and which are estimates
    from measures.models import Result

    for year in (2024, 2025):
        Result.objects.create(measure=reading.measure, year=year, value=20)
    client.force_login(editor)
    page = words(client.get(url(plan, "results")).content.decode())
    assert "target 13.1%" in page
    assert "(estimate on the way to the final target)" in page


def test_groups_are_judged_by_their_own_targets(plan):
    from measures.models import Measure, Result, StudentGroup

    graduation = Measure.objects.get(plan=plan, name="Graduation rate by student group")
    group_a = StudentGroup.objects.get(name="Group A students")
    Result.objects.create(measure=graduation, year=2027, group=group_a, value=90)
    Result.objects.create(measure=graduation, year=2027, value=92)
    progress = plan_progress(plan_tree(plan))
    rows = {row.label: row for row in progress.find(graduation.pk).rows}
    assert rows["Group A students"].cell(2027).status == "met"  # its own target: 90
    assert rows["All students"].cell(2027).status == "on_track"  # all students': 95


def test_the_public_page_and_the_dashboard_read_the_shapes(client, viewer, plan):
    Plan.objects.filter(pk=plan.pk).update(published=True)
    public = words(
        client.get(reverse("public_plan", args=[plan.district.slug, plan.pk])).content.decode()
    )
    assert "Priority II Staff who stay" in public and "Goal 1.A Early literacy" in public
    assert "Superintendent Constraint 1 Safe schools" in public
    assert "CPM 1.1 Buildings passing inspection" in public
    client.force_login(viewer)
    dashboard = words(client.get(url(plan, "progress")).content.decode())
    assert "Priority I Learning for every student" in dashboard  # its own KPI, no goal between
    assert "Goal 1.A Early literacy" in dashboard
    assert "Superintendent Constraint 1 Safe schools" in dashboard
