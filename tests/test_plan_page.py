import re

import pytest
from django.urls import reverse

from measures.models import Measure
from planning import versions
from planning.models import Goal, Objective, Packet, Plan, Review, Strategy
from planning.titles import titled
from tests.conftest import labels_in, without_tokens
from tests.factories import build_plan, name_levels

pytestmark = pytest.mark.django_db


def plan_url(plan) -> str:
    return reverse("plan", args=[plan.district.slug, plan.pk])


def test_plan_page_numbers_the_tree_with_the_plans_own_labels(client, district, viewer):
    plan = build_plan(district, goals=2, objectives=2, strategies=2)
    name_levels(plan, goal="Priority", objective="Aim", measure="Key indicator")
    client.force_login(viewer)

    page = client.get(plan_url(plan)).content.decode()

    assert "Priority 2" in page
    assert "Aim 2.2" in page
    second_strategy = Strategy.objects.get(objective__goal__order=2, objective__order=2, order=2)
    assert "2.2.2" in labels_in(page)
    assert second_strategy.text in page
    assert "Key indicators" in page


def test_strategies_on_a_goal_are_numbered_without_an_empty_level(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    goal = plan.goals.get()
    Strategy.objects.create(plan=plan, goal=goal, order=1, text="Personalize learning")
    Strategy.objects.create(plan=plan, goal=goal, order=2, text="Expand PreK-2 early learning")
    client.force_login(viewer)

    page = client.get(plan_url(plan)).content.decode()

    assert labels_in(page.split('id="goals"')[1]) == ["Goal 1", "1.M1", "1.1", "1.2"]


def test_numbering_follows_the_order_not_the_stored_numbers(client, district, viewer):
    plan = build_plan(district, goals=2, objectives=0, strategies=0)
    first, second = plan.goals.order_by("order")
    first.order, second.order = 30, 10
    first.save()
    second.save()
    client.force_login(viewer)

    page = client.get(plan_url(plan)).content.decode()

    assert page.index(second.title) < page.index(first.title)
    headings = re.findall(r'>(Goal \d)</a>\s*<span class="item-title">([^<]*)', page)
    assert headings == [("Goal 1", second.title), ("Goal 2", first.title)]


def test_measures_show_baseline_and_yearly_targets_in_their_unit(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    measure = Measure.objects.get(goal__plan=plan)
    measure.unit, measure.baseline_value, measure.baseline_year = "ratio", 490, 2021
    measure.save()
    measure.targets.update(value=400)
    client.force_login(viewer)

    page = client.get(plan_url(plan)).content.decode()

    assert "490:1 in 2021–22" in page
    assert "2022–23: 400:1" in page


@pytest.mark.parametrize("size", [1, 10])
def test_plan_page_costs_the_same_queries_whatever_the_plans_size(
    client, district, viewer, django_assert_max_num_queries, size
):
    plan = build_plan(district, goals=2 * size, objectives=3, strategies=2)
    assert Goal.objects.filter(plan=plan).count() == 2 * size
    assert Objective.objects.filter(plan=plan).count() == 6 * size
    client.force_login(viewer)

    # The first view reads the whole plan: session, user, membership, plan, the changes'
    # scopes, the kept page, its levels, the items of each of its five levels, goals'
    # attributes, the priorities items come from, student groups, measures, targets,
    # results, breakdowns, revisions, values, vision areas, attributes, sections and
    # their items, keeping the page (five, in the database's cache), recent activity.
    with django_assert_max_num_queries(31):
        first = client.get(plan_url(plan))
    # Later views: session, user, membership, plan, the changes' scopes, the kept page,
    # recent activity.
    with django_assert_max_num_queries(7):
        again = client.get(plan_url(plan))
    assert first.status_code == again.status_code == 200
    assert without_tokens(again.content.decode()) == without_tokens(first.content.decode())


def breadcrumbs_of(page: str) -> list[str]:
    """The trail's entries, as text."""
    trail = page.split('<nav aria-label="Breadcrumb" class="breadcrumbs">')[1].split("</nav>")[0]
    entries = re.findall(r"<li[^>]*>(.*?)</li>", trail, re.DOTALL)
    return [re.sub(r"<[^>]+>", "", entry).strip() for entry in entries]


def test_the_spring_review_and_activity_pages_have_breadcrumbs(client, district, editor):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    review = Review.objects.create(plan=plan, year=2022)
    client.force_login(editor)
    start = ["Your districts", "Riverside Unified", "Strategic Plan"]
    pages = {
        "spring": ([], ["Spring recommendations"]),
        "reviews": ([], ["Fall reviews"]),
        "review": ([2022], ["Fall reviews", str(review)]),
        "plan_activity": ([], ["Recent activity"]),
    }
    for name, (args, trail) in pages.items():
        page = client.get(reverse(name, args=[district.slug, plan.pk, *args])).content.decode()
        assert breadcrumbs_of(page) == start + trail, name
        assert f'<li aria-current="page">{trail[-1]}</li>' in page


def test_a_packet_and_an_items_history_have_breadcrumbs(client, district, editor):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    goal = plan.goals.get()
    client.force_login(editor)
    client.post(
        reverse("recommend", args=[district.slug, plan.pk, "retire", "goal", goal.pk]),
        {"why-rationale": "Done."},
    )
    packet = Packet.objects.get()
    page = client.get(reverse("packet", args=[district.slug, plan.pk, packet.pk])).content.decode()
    assert breadcrumbs_of(page)[3:] == ["Spring recommendations", str(packet)]
    history = reverse("item_history", args=[district.slug, plan.pk, "goal", goal.pk])
    assert breadcrumbs_of(client.get(history).content.decode())[3].startswith("History of")


def test_the_versions_a_version_and_a_comparison_have_breadcrumbs(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    versions.first_version(plan)
    versions.new_version(plan, "Spring 2023: 1 approved change")
    client.force_login(viewer)
    start = ["Your districts", "Riverside Unified", "Strategic Plan"]
    pages = {
        reverse("versions", args=[district.slug, plan.pk]): ["Versions"],
        reverse("version", args=[district.slug, plan.pk, 2]): ["Versions", "Version 2"],
        reverse("versions_compare", args=[district.slug, plan.pk]) + "?a=1&b=2": [
            "Versions",
            "Version 1 and 2",
        ],
    }
    for address, trail in pages.items():
        page = client.get(address).content.decode()
        assert breadcrumbs_of(page) == start + trail, address
        assert f'<li aria-current="page">{trail[-1]}</li>' in page
    listing = reverse("versions", args=[district.slug, plan.pk])
    assert f'<li><a href="{listing}">Versions</a></li>' in page


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Strategic Plan", "Strategic Plan 2026–2031"),
        ("Strategic Plan 2026–2031", "Strategic Plan 2026–2031"),
        ("Strategic Plan 2026-2031", "Strategic Plan 2026-2031"),
        ("Strategic Plan 2026-31", "Strategic Plan 2026-31"),
        ("Vision 2031", "Vision 2031 2026–2031"),
        ("Plan 2020–2026", "Plan 2020–2026 2026–2031"),
    ],
)
def test_a_plans_period_is_printed_once_beside_its_title(title, shown):
    assert titled(Plan(title=title, start_year=2026, end_year=2031)) == shown


def test_a_plan_being_made_whose_title_holds_its_period_says_it_once(client, admin_user):
    client.force_login(admin_user)
    client.post(
        reverse("making_new", args=["riverside"]),
        {"title": "Strategic Plan 2026–2031", "start_year": 2026, "end_year": 2031},
        follow=True,
    )
    plan = Plan.objects.get()
    page = client.get(reverse("making", args=["riverside", plan.pk])).content.decode()
    assert "<h1>Making Strategic Plan 2026–2031</h1>" in page
    assert "2026–2031 2026–2031" not in page
    assert str(plan.making) == "Making Strategic Plan 2026–2031"
    activity = client.get(reverse("plan_activity", args=["riverside", plan.pk])).content
    assert "Strategic Plan 2026–2031, Riverside Unified" in activity.decode()
