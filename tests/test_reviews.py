"""The fall review: opened by the committee, assessed per goal, closed and kept as it was."""

import pytest
from django.urls import reverse

from measures.models import Measure, Result
from planning.models import Review
from tests.conftest import fingerprint_in
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=1)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def assess(client, plan, goal, **fields):
    data = {
        "rating": "steady",
        "text": "Reading scores rose in every school.",
        "meeting_date": "2023-10-12",
        **fields,
    }
    return client.post(url(plan, "assessment_edit", 2022, "goal", goal.pk), data, **HTMX)


@pytest.fixture
def review(client, editor, plan):
    client.force_login(editor)
    response = client.post(url(plan, "reviews"), {"year": "2022"})
    assert response.status_code == 302
    return Review.objects.get(plan=plan, year=2022)


def test_editor_opens_a_review_and_it_shows_measures_statuses_and_trends(client, review, plan):
    page = client.get(url(plan, "review", 2022)).content.decode()
    assert "Fall review of 2022–23" in page
    assert "1.M1" in page and "58%" in page and "60%" in page
    assert "On track" in page and '<svg class="trend"' in page
    assert "Not written yet." in page


def test_a_year_can_be_reviewed_once(client, review, plan):
    response = client.post(url(plan, "reviews"), {"year": "2022"})
    assert response.status_code == 422
    assert Review.objects.filter(plan=plan).count() == 1


def test_committee_writes_an_assessment_in_place(client, review, plan):
    goal = plan.goals.get(order=1)
    response = assess(client, plan, goal)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<div id="assessment-goal-{goal.pk}"')
    assert "Steady progress" in page and "Reading scores rose" in page


def test_an_assessment_with_a_mistake_keeps_the_text(client, review, plan):
    goal = plan.goals.get(order=1)
    response = assess(client, plan, goal, meeting_date="someday")
    assert response.status_code == 422
    assert "Enter a valid date." in response.content.decode()
    assert "Reading scores rose" in response.content.decode()
    assert not review.assessments.exists()


def test_a_stale_save_of_an_assessment_is_caught_and_the_text_kept(client, review, plan):
    goal = plan.goals.get(order=1)
    assess(client, plan, goal)
    opened = fingerprint_in(
        client.get(url(plan, "assessment_edit", 2022, "goal", goal.pk), **HTMX).content
    )
    first = assess(client, plan, goal, text="Attendance rose as well.", fingerprint=opened)
    assert first.status_code == 200

    late = assess(
        client, plan, goal, rating="limited", text="My own words, typed late.", fingerprint=opened
    )
    page = late.content.decode()
    assert late.status_code == 409
    assert "Someone else saved this while you were editing" in page
    assert "My own words, typed late." in page  # the person's text, kept in the form
    assert "Attendance rose as well." in page and "Steady progress" in page  # what is saved
    saved = review.assessments.get()
    assert (saved.rating, saved.text) == ("steady", "Attendance rose as well.")

    again = assess(
        client,
        plan,
        goal,
        rating="limited",
        text="My own words, typed late.",
        fingerprint=fingerprint_in(page),
    )
    assert again.status_code == 200
    assert review.assessments.get().text == "My own words, typed late."


def test_two_people_writing_the_first_assessment_do_not_overwrite_each_other(client, review, plan):
    goal = plan.goals.get(order=1)
    blank = fingerprint_in(
        client.get(url(plan, "assessment_edit", 2022, "goal", goal.pk), **HTMX).content
    )
    assert assess(client, plan, goal, fingerprint=blank).status_code == 200
    late = assess(client, plan, goal, text="Written at the same time.", fingerprint=blank)
    assert late.status_code == 409
    assert "Written at the same time." in late.content.decode()
    assert review.assessments.get().text == "Reading scores rose in every school."


def test_the_rating_offers_the_four_ratings_and_no_blank_choice(client, review, plan):
    goal = plan.goals.get(order=1)
    page = client.get(url(plan, "assessment_edit", 2022, "goal", goal.pk)).content.decode()
    assert "---------" not in page
    assert page.count('type="radio" name="rating"') == 4


def test_closed_review_is_kept_as_it_was_when_results_are_corrected(
    client, review, plan, admin_user
):
    goal = plan.goals.get(order=1)
    assess(client, plan, goal)
    client.force_login(admin_user)
    response = client.post(url(plan, "review_close", 2022))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == "closed" and review.closed_by == admin_user

    measure = Measure.objects.get(plan=plan, goal=goal)
    Result.objects.filter(measure=measure, year=2022).update(value=12)
    goal.statement = "Rewritten later"
    goal.title = "Renamed later"
    goal.save()

    page = client.get(url(plan, "review", 2022)).content.decode()
    assert "58%" in page and "12%" not in page
    assert "Renamed later" not in page
    assert "Steady progress" in page and "Closed" in page
    assert "Write the assessment" not in page and "Close the review" not in page


def test_closed_review_cannot_be_assessed_or_closed_again(client, review, plan, admin_user):
    client.force_login(admin_user)
    client.post(url(plan, "review_close", 2022))
    goal = plan.goals.get(order=1)
    assert assess(client, plan, goal).status_code == 403
    again = client.post(url(plan, "review_close", 2022), follow=True)
    assert "already closed" in again.content.decode()


def test_only_an_administrator_closes_a_review(client, review, plan, editor, approver):
    for person in (editor, approver):
        client.force_login(person)
        assert client.post(url(plan, "review_close", 2022)).status_code == 403
    review.refresh_from_db()
    assert review.is_open


def test_viewers_read_reviews_but_cannot_open_or_assess_them(client, review, plan, viewer):
    client.force_login(viewer)
    assert client.get(url(plan, "review", 2022)).status_code == 200
    assert client.post(url(plan, "reviews"), {"year": "2023"}).status_code == 403
    assert assess(client, plan, plan.goals.get(order=1)).status_code == 403
    assert "Write the assessment" not in client.get(url(plan, "review", 2022)).content.decode()


def test_outsider_gets_404_for_reviews(client, review, plan, outsider):
    client.force_login(outsider)
    for page in (url(plan, "reviews"), url(plan, "review", 2022)):
        assert client.get(page).status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_review_page_costs_the_same_queries_whatever_the_size(
    client, editor, district, size, django_assert_max_num_queries
):
    plan = build_plan(district, goals=size, objectives=2, strategies=1)
    client.force_login(editor)
    client.post(url(plan, "reviews"), {"year": "2022"})
    with django_assert_max_num_queries(29):  # rendered afresh
        assert client.get(url(plan, "review", 2022)).status_code == 200
    with django_assert_max_num_queries(12):  # kept (planning.plan_page.kept_pieces)
        assert client.get(url(plan, "review", 2022)).status_code == 200


def test_a_closed_review_keeps_its_charts_as_numbers(client, review, plan, admin_user):
    client.force_login(admin_user)
    client.post(url(plan, "review_close", 2022))
    review.refresh_from_db()
    chart = review.record["goals"][0]["measures"][0]["chart"]
    assert chart["description"].startswith("Trend of 1.M1.")
    assert chart["series"][0]["label"] == "All students"
    assert all(isinstance(mark["y"], float) for mark in chart["series"][0]["marks"])
    page = client.get(url(plan, "review", 2022)).content.decode()
    assert '<svg class="trend"' in page and chart["description"] in page


def test_markup_in_a_kept_record_is_shown_as_text_never_run(client, viewer, plan):
    """A record can come from a plan file: whatever it holds is text, never markup."""
    attack = '<meta http-equiv="refresh" content="0;url=https://attacker.example/">'
    Review.objects.create(
        plan=plan,
        year=2022,
        state="closed",
        closed_at="2023-11-01T12:00:00Z",
        record={
            "year": 2022,
            "year_label": attack,
            "labels": {"goal": "Goal", "measure": "Measure"},
            "goals": [
                {
                    "goal_id": 1,
                    "number": "1",
                    "title": attack,
                    "statement": "",
                    "counts": [],
                    "assessment": None,
                    "measures": [
                        {
                            "reference": "1.M1",
                            "name": attack,
                            "parent": "",
                            "baseline": "",
                            "chart": {"description": attack, "series": [{"label": attack}]},
                            "rows": [],
                        }
                    ],
                }
            ],
        },
    )
    client.force_login(viewer)
    page = client.get(url(plan, "review", 2022)).content.decode()
    assert "<meta http-equiv" not in page
    assert "&lt;meta http-equiv=&quot;refresh&quot;" in page


def test_the_reviews_status_counts_are_coloured_pills_open_and_closed(
    client, review, plan, admin_user
):
    pill = '<span class="status status-on_track">'
    counts = client.get(url(plan, "review", 2022)).content.decode().split('class="status-counts"')
    assert pill + "On track</span>" in counts[1].split("</ul>")[0]
    client.force_login(admin_user)
    client.post(url(plan, "review_close", 2022))
    kept = client.get(url(plan, "review", 2022)).content.decode().split('class="status-counts"')
    assert pill + "On track</span>" in kept[1].split("</ul>")[0]
