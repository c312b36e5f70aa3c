"""The results grid, the progress dashboard and the fall review are kept rendered piece
by piece as the plan page is (planning.plan_page.kept_pieces): after any change made
through the app, each shows the plan as it is now, the same as when rendered afresh;
an edit renders again only the goal it touched; and no one is shown a piece kept for
another plan or for a role that may do more."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from measures.models import Measure, StudentGroup
from planning.models import Strategy
from planning.views import results, reviews
from tests.conftest import without_tokens
from tests.factories import build_plan
from tests.test_plan_page_kept import FormReader, edits, form_of, page_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
PAGES = {"results": (), "progress": (), "progress-2023": (), "review": (2022,)}


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def pages_of(client, plan) -> dict[str, str]:
    shown = {}
    for name, args in PAGES.items():
        page, _, year = name.partition("-")
        response = client.get(url(plan, page, *args) + (f"?year={year}" if year else ""))
        assert response.status_code == 200, name
        shown[name] = without_tokens(response.content.decode())
    return shown


def fresh_pages_of(client, plan) -> dict[str, str]:
    cache.clear()
    return pages_of(client, plan)


@pytest.fixture
def plan(district, admin_user, client):
    plan = build_plan(district, goals=3, objectives=2, strategies=2, status="draft")
    client.force_login(admin_user)
    assert client.post(url(plan, "reviews"), {"year": "2022"}).status_code == 302
    return plan


def result_edits(client, plan):
    """Each way results and assessments change, through the app's own pages."""
    measure = Measure.objects.filter(plan=plan, strategy__objective__goal__order=2).first()
    goal = plan.goals.get(order=3)

    def enter_result():
        address = url(plan, "result_edit", measure.pk, 2023, "all")
        return client.post(address, {"value": "71.5", "note": "Fall count"}, **HTMX)

    def change_result():
        address = url(plan, "result_edit", measure.pk, 2022, "all")
        data = form_of(client, address, value="12")
        return client.post(address, data, **HTMX)

    def paste_results():
        block = {"start": f"{measure.pk}-all", "year": "2024", "block": "44\t45\n"}
        return client.post(url(plan, "results_paste"), {**block, "confirm": "1"})

    def write_assessment():
        data = {
            "rating": "steady",
            "text": "Attendance rose as well.",
            "meeting_date": "2022-10-12",
            "fingerprint": "",
        }
        return client.post(url(plan, "assessment_edit", 2022, "goal", goal.pk), data, **HTMX)

    return [enter_result, change_result, paste_results, write_assessment]


def test_after_each_change_each_page_is_the_page_as_it_is_now(client, admin_user, plan):
    pages_of(client, plan)
    for edit in [*result_edits(client, plan), *edits(client, plan)]:
        answer = edit()
        assert answer.status_code in (200, 302), (edit.__name__, answer.content[:300])
        if answer.status_code == 302:
            client.get(answer.url)  # where the browser goes, with the message it shows once
        shown = pages_of(client, plan)
        assert shown == fresh_pages_of(client, plan), edit.__name__
    assert "71.5%" in shown["results"] and "Fall count" in shown["results"]
    assert "44%" in shown["results"] and "12%" in shown["review"]
    assert "Attendance rose as well." in shown["review"]
    assert "Readers on grade level" in shown["progress"] and "Days attended" in shown["results"]


def test_a_result_entered_renders_again_only_the_goal_it_is_in(client, plan, monkeypatch):
    pages_of(client, plan)
    measure = Measure.objects.filter(plan=plan, strategy__objective__goal__order=3).last()
    address = url(plan, "result_edit", measure.pk, 2023, "all")
    assert client.post(address, {"value": "93"}, **HTMX).status_code == 200
    grid, dashboard, review = [], [], []
    for module, name, into in (
        (results, "grid_measure", grid),
        (results, "_goal_progress", dashboard),
        (reviews.reviews, "_measure", review),
    ):
        real = getattr(module, name)
        monkeypatch.setattr(
            module,
            name,
            lambda shown, *args, real=real, into=into: into.append(shown) or real(shown, *args),
        )

    shown = pages_of(client, plan)

    assert "93%" in shown["results"] and "93%" in shown["progress"]
    in_goal_3 = Measure.objects.filter(plan=plan).filter(goal__order=3) | Measure.objects.filter(
        strategy__objective__goal__order=3
    )
    assert sorted(m.measure.pk for m in grid) == sorted(in_goal_3.values_list("pk", flat=True))
    assert [goal.node.item for goal in dashboard] == [plan.goals.get(order=3)]
    assert len(review) == in_goal_3.count()


def test_viewer_never_gets_an_editors_kept_cells(client, editor, viewer, plan):
    client.force_login(editor)
    assert ">Enter<" in client.get(url(plan, "results")).content.decode()
    assert "Write the assessment" in client.get(url(plan, "review", 2022)).content.decode()
    client.force_login(viewer)
    assert ">Enter<" not in client.get(url(plan, "results")).content.decode()
    assert "Write the assessment" not in client.get(url(plan, "review", 2022)).content.decode()


def test_another_districts_member_gets_no_kept_piece_of_a_plan(
    client, plan, outsider, other_district
):
    pages_of(client, plan)  # kept now
    theirs = build_plan(other_district, goals=1, objectives=1, strategies=1, status="draft")
    Measure.objects.filter(plan=theirs).update(name="Their own measure")
    client.force_login(outsider)
    for name, args in PAGES.items():
        assert client.get(url(plan, name.partition("-")[0], *args)).status_code == 404
    page = client.get(url(theirs, "results")).content.decode()
    assert "Their own measure" in page
    mine = Measure.objects.filter(plan=plan).values_list("name", flat=True)
    assert not any(name in page for name in mine if name != "Their own measure")


@pytest.mark.parametrize("size", [1, 6])
def test_kept_pages_cost_a_few_queries_whatever_the_size(
    client, viewer, district, size, django_assert_max_num_queries
):
    plan = build_plan(district, goals=size, objectives=2, strategies=2)
    client.force_login(viewer)
    for page in ("results", "progress"):
        client.get(url(plan, page))
        with django_assert_max_num_queries(9):
            assert client.get(url(plan, page)).status_code == 200


def change_in_the_admin(client, model: str, pk: int, **changes):
    address = reverse(f"admin:{model.replace('.', '_')}_change", args=[pk])
    page = client.get(address).content.decode()
    reader = FormReader()
    reader.feed(page[page.index(f'id="{model.split(".")[1]}_form"') - 30 :])
    data = {name: values[0] for name, values in reader.data.items()} | changes
    response = client.post(address, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_person_or_group_renamed_in_the_admin_is_renamed_on_the_kept_pages(
    client, django_user_model, editor, viewer, plan
):
    Strategy.objects.filter(pk=plan.strategies.first().pk).update(owner_user=editor)
    group = StudentGroup.objects.named(plan.district, "Grade 3")
    Measure.objects.filter(plan=plan).first().breakdown.add(group)
    client.force_login(viewer)
    assert f"<dd>{editor.username}" in page_of(client, plan)
    assert "Grade 3" in pages_of(client, plan)["results"]

    operator = django_user_model.objects.create_superuser("operator", "op@example.org", "x")
    client.force_login(operator)
    change_in_the_admin(client, "auth.user", editor.pk, email="new@example.org")
    assert not plan.changes.filter(item_kind="user").exists()  # not a rename
    change_in_the_admin(client, "auth.user", editor.pk, first_name="Edith", last_name="Moreno")
    change_in_the_admin(client, "measures.studentgroup", group.pk, name="Third grade")

    client.force_login(viewer)
    page = page_of(client, plan)
    assert "<dd>Edith Moreno" in page and f"<dd>{editor.username}" not in page
    shown = pages_of(client, plan)
    assert "Third grade" in shown["results"] and "Grade 3" not in shown["results"]
    assert shown == fresh_pages_of(client, plan)
    history = client.get(url(plan, "plan_activity")).content.decode()
    assert f"the name {editor.username} to Edith Moreno (in the admin)" in history
