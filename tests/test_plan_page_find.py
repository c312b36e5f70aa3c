"""The top of the plan page a board member reads at a glance (the goal × year grid), the
work's owner and latest update where the plan is read, and finding things on the page
(a filter by words, owner, status and level, kept in the URL)."""

import re

import pytest
from django.urls import reverse

from districts.models import Role
from measures.models import Result, Target
from planning.models import Goal, Guardrail, Section, Strategy
from tests.factories import MeasureFactory, MembershipFactory, UserFactory, build_plan

pytestmark = pytest.mark.django_db


def url(plan, name="plan", *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def owner(district):
    user = UserFactory(username="olive", first_name="Olive", last_name="Owner")
    MembershipFactory(district=district, role=Role.VIEWER, user=user)
    return user


@pytest.fixture
def plan(district, owner):
    plan = build_plan(district, goals=2, objectives=1, strategies=2)
    goal = plan.goals.get(order=2)
    goal.title = "Safe and Welcoming Schools"
    goal.save()
    off = MeasureFactory(plan=plan, goal=goal, order=2, name="Days absent")
    Target.objects.create(measure=off, year=2023, value=60)
    Result.objects.create(measure=off, year=2023, value=10)
    first, second, *_ = Strategy.objects.filter(plan=plan).order_by("pk")
    first.owner_user, first.text = owner, "Coach every reading teacher"
    first.save()
    second.owner, second.status = "Dr. Pat Lee", "in_progress"
    second.save()
    return plan


def grid_of(html: str) -> str:
    return html[html.index('class="table-scroll summary-grid"') :].split("</table>")[0]


def test_the_plan_opens_with_each_goals_measures_by_status_per_year(client, viewer, plan):
    client.force_login(viewer)
    grid = grid_of(client.get(url(plan)).content.decode())
    head = text_of(grid.split("</thead>")[0])
    assert "How each goal's key indicators stand, year by year" in head
    # Up to the last year with any result (2023–24): later years would only say "no data".
    assert head.endswith("Goal 2022–23 2023–24")
    rows = [text_of(row) for row in grid.split("<tbody>")[1].split("</tr>") if "<th" in row]
    first, second = rows
    # Goal 1: its own measure and its strategies' on track in 2022–23, none with a result
    # in 2023–24; each status by word, with a count.
    assert first.startswith("Goal 1 Goal title") and first.endswith("On track 3 No data 3")
    assert "Safe and Welcoming Schools" in second
    # Goal 2 in 2023–24: its new measure off track, the others without a result that year.
    assert second.endswith("On track 3 , No data 1 Off track 1 , No data 3")
    assert 'scope="row"' in grid and 'scope="col"' in grid and "<caption>" in grid
    # The word, and a mark the stylesheet draws for its class: never colour alone.
    assert '<span class="status status-off_track">Off track</span>' in grid


def test_the_grid_follows_a_result_entered_after_the_page_was_kept(client, editor, plan):
    client.force_login(editor)
    client.get(url(plan))  # kept
    before = text_of(grid_of(client.get(url(plan)).content.decode()))
    assert before.endswith("Off track 1 , No data 3")
    measure = plan.measures.get(goal__order=2, order=1)  # with a target, no result in 2023–24
    address = url(plan, "result_edit", measure.pk, 2023, "all")
    answer = client.post(address, {"value": "20", "note": ""}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    after = text_of(grid_of(client.get(url(plan)).content.decode()))
    assert after.endswith("No data 2") and after != before


def test_work_shows_its_owner_by_name_and_its_latest_update(client, viewer, editor, plan, owner):
    strategy = Strategy.objects.get(plan=plan, owner_user=owner)
    client.force_login(viewer)
    client.get(url(plan))  # kept before the update
    client.force_login(owner)
    response = client.post(
        url(plan, "item_update", "strategy", strategy.pk),
        {"status": "in_progress", "percent": "40", "narrative": "Coaches trained in nine schools."},
    )
    assert response.status_code == 302
    client.force_login(viewer)
    page = text_of(client.get(url(plan)).content.decode())
    assert "Owner Olive Owner" in page and "Owner Dr. Pat Lee" in page
    assert "Status In progress, 40% complete" in page
    assert re.search(
        r"Latest update \w{3}\.? \d+, \d{4} ?: In progress, 40%\. Coaches trained", page
    )


def found_ids(html: str) -> list[str]:
    return re.findall(r'<li class="item [a-z_]+" id="([a-z_]+-\d+)"', html)


def test_finding_words_shows_the_matches_under_the_items_above_them(client, viewer, plan):
    client.force_login(viewer)
    response = client.get(url(plan), {"q": "reading TEACHER"})
    html = response.content.decode()
    strategy = Strategy.objects.get(plan=plan, text="Coach every reading teacher")
    objective, goal = strategy.objective, strategy.objective.goal
    assert found_ids(html) == [
        f"goal-{goal.pk}",
        f"objective-{objective.pk}",
        f"strategy-{strategy.pk}",
    ]
    assert "1 item matches, each shown under the items above it." in text_of(html)
    assert 'value="reading TEACHER"' in html  # the question stays in the form and the URL
    assert re.search(f'<a href="{url(plan)}#goals"[^>]*>Clear the filter</a>', html)
    # The goal above keeps its whole roll-up: the context is not narrowed with the list.
    own = html[html.index(f'id="goal-{goal.pk}-own"') :].split("</p>\n</div>")[0]
    assert "Key indicators: On track 3" in text_of(own)


def test_finding_by_owner_status_and_level(client, viewer, plan, owner):
    client.force_login(viewer)
    html = client.get(url(plan)).content.decode()
    assert '<option value="Dr. Pat Lee">' in html and '<option value="Olive Owner">' in html
    mine = client.get(url(plan), {"owner": "Olive Owner"}).content.decode()
    owned = Strategy.objects.get(owner_user=owner)
    assert found_ids(mine)[-1] == f"strategy-{owned.pk}" and len(found_ids(mine)) == 3
    busy = client.get(url(plan), {"status": "in_progress", "level": "strategy"}).content.decode()
    assert found_ids(busy)[-1] == f"strategy-{Strategy.objects.get(owner='Dr. Pat Lee').pk}"
    assert '<option value="in_progress" selected>' in busy
    off = client.get(url(plan), {"status": "off_track", "level": "measure"}).content.decode()
    assert "1 item matches" in text_of(off)
    assert "Days absent" in off and "Readers" not in off
    assert found_ids(off) == [f"goal-{Goal.objects.get(title='Safe and Welcoming Schools').pk}"]


def test_nothing_found_says_so_with_a_way_back(client, viewer, plan):
    client.force_login(viewer)
    html = client.get(url(plan), {"q": "no such words"}).content.decode()
    assert "Nothing in the plan matches." in text_of(html) and found_ids(html) == []
    assert re.search(f'<a href="{url(plan)}#goals"[^>]*>Show the whole plan</a>', html)


def test_a_narrowed_plan_is_for_reading_even_for_an_editor(client, editor, plan):
    client.force_login(editor)
    assert 'id="item-controls"' in client.get(url(plan)).content.decode()
    narrowed = client.get(url(plan), {"q": "reading"}).content.decode()
    # plan.js puts no controls in what is narrowed (test_browser_plan_page), and it offers
    # nothing to add; the controls stay on the page for when the filter is cleared in place.
    found = narrowed.split('<div id="plan-found" hx-history="false" data-narrowed>')[1]
    found = found.split('<div id="plan-beside" data-narrowed>')[0]
    assert found_ids(found) and 'class="add-slot"' not in found and "+ Add" not in found


def test_another_districts_member_cannot_search_the_plan(client, outsider, plan):
    client.force_login(outsider)
    assert client.get(url(plan), {"q": "reading"}).status_code == 404


@pytest.mark.parametrize("asked", [{"q": "Strategy"}, {"status": "on_track", "level": "measure"}])
def test_a_narrowed_plan_costs_the_same_queries_whatever_its_size(client, district, viewer, asked):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 6):
        plan = build_plan(district, goals=size, objectives=2, strategies=2)
        client.force_login(viewer)
        client.get(url(plan))  # kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(plan), asked)
        assert response.status_code == 200 and found_ids(response.content.decode())
        counts.append(len(queries))
    assert counts[0] == counts[1]


def with_constraints(plan, size: int = 1) -> list[Guardrail]:
    """A section beside the tree, as a board that governs by goals and guardrails writes
    it: a constraint on class sizes (its measure off track) for each size, and one on arts."""
    section = Section.objects.create(
        plan=plan,
        order=1,
        name="Superintendent Constraints",
        item_label="Superintendent Constraint",
        measure_label="Interim measure",
        prefix="SC",
    )
    constraints = []
    for order in range(1, size + 1):
        constraint = Guardrail.objects.create(
            plan=plan,
            section=section,
            order=order,
            statement=f"The superintendent will not allow class sizes above {20 + order}.",
        )
        crowded = MeasureFactory(
            plan=plan, goal=None, guardrail=constraint, order=1, name="Classes within the limit"
        )
        Target.objects.create(measure=crowded, year=2023, value=90)
        Result.objects.create(measure=crowded, year=2023, value=40)
        constraints.append(constraint)
    Guardrail.objects.create(
        plan=plan, section=section, order=size + 1, statement="No cuts to the arts."
    )
    return constraints


def guardrail_ids(html: str) -> list[str]:
    return re.findall(r'<li class="guardrail" id="(guardrail-\d+)"', html)


def test_finding_words_reaches_the_sections_beside_the_tree(client, viewer, plan):
    (constraint,) = with_constraints(plan)
    client.force_login(viewer)
    assert len(guardrail_ids(client.get(url(plan)).content.decode())) == 2

    html = client.get(url(plan), {"q": "CLASS SIZES"}).content.decode()
    assert found_ids(html) == [] and guardrail_ids(html) == [f"guardrail-{constraint.pk}"]
    section = html[html.index('<section class="plan-section"') :]
    assert "Superintendent Constraints" in text_of(section.split("<li")[0])  # its heading
    assert "No cuts to the arts" not in html
    assert "Classes within the limit" not in section  # its measure does not match the words
    found = re.sub(r"<[^>]+>", "", html.split('id="found">')[1].split("</p>")[0])
    assert found == (
        "1 item matches, each shown under the items above it. "
        "Below the goals: Superintendent Constraints. Clear the filter"
    )
    assert f'href="#section-{constraint.section_id}"' in html


def test_finding_a_status_reaches_the_measures_of_the_sections(client, viewer, plan):
    (constraint,) = with_constraints(plan)
    client.force_login(viewer)
    html = client.get(url(plan), {"status": "off_track", "level": "measure"}).content.decode()
    assert "2 items match" in text_of(html)
    assert "Days absent" in html and guardrail_ids(html) == [f"guardrail-{constraint.pk}"]
    section = html[html.index('<section class="plan-section"') :]
    assert "Interim measure" in section and "Classes within the limit" in section
    # Nothing matches beside the tree: the section shows no constraint, and says why.
    html = client.get(url(plan), {"q": "Days absent"}).content.decode()
    assert guardrail_ids(html) == [] and "Below the goals" not in text_of(html)
    section = text_of(html[html.index('<section class="plan-section"') :].split("</section>")[0])
    assert section == "Section Superintendent Constraints " + (
        "Nothing in Superintendent Constraints matches the filter."
    )


def test_finding_in_the_sections_costs_the_same_queries_whatever_their_size(
    client, district, viewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(viewer)
    small, large = (build_plan(district, goals=size, objectives=1, strategies=2) for size in (1, 6))
    with_constraints(small, 1), with_constraints(large, 6)
    asked = {"q": "class sizes"}
    client.get(url(small)), client.get(url(large))  # kept
    with CaptureQueriesContext(connection) as queries:
        assert len(guardrail_ids(client.get(url(small), asked).content.decode())) == 1
    with django_assert_max_num_queries(len(queries)):
        assert len(guardrail_ids(client.get(url(large), asked).content.decode())) == 6


def contents_links(html: str) -> list[str]:
    nav = html.split('<nav aria-label="On this page" class="toc">')[1].split("</nav>")[0]
    return re.findall(r'href="#([^"]+)"', nav)


@pytest.mark.parametrize("person", ["viewer", "editor"])
def test_every_link_of_a_narrowed_page_leads_somewhere_on_it(client, request, person, plan):
    with_constraints(plan)
    client.force_login(request.getfixturevalue(person))
    for asked in ({"q": "Days absent"}, {"q": "class sizes"}, {"q": "no such words"}):
        html = client.get(url(plan), asked).content.decode()
        ids = set(re.findall(r' id="([^"]+)"', html))
        # Its contents (a section with no match still shows its heading, and says so),
        # the summary grid's goals, the count's sections: each target is on the page.
        links = re.findall(r'<a href="#([^"]+)"', html)
        # (An editor's contents link to the notes, empty or not.)
        assert ("notes" in contents_links(html)) == (person == "editor")
        assert any(link.startswith("section-") for link in contents_links(html))
        assert set(links) <= ids, asked


def test_the_grid_links_only_the_goals_a_narrowed_page_shows(client, viewer, plan):
    client.force_login(viewer)
    grid = grid_of(client.get(url(plan), {"q": "Days absent"}).content.decode())
    shown = Goal.objects.get(title="Safe and Welcoming Schools")
    assert re.findall(r'<a href="#([^"]+)"', grid) == [f"goal-{shown.pk}"]
    assert "Goal 1 Goal title" in text_of(grid)  # still counted, only not a link


def test_htmx_finds_in_place_with_the_count_announced_and_the_address_kept(
    client, viewer, plan, django_assert_max_num_queries
):
    (constraint,) = with_constraints(plan)
    client.force_login(viewer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url(plan))  # kept
    with CaptureQueriesContext(connection) as whole_page:
        client.get(url(plan), {"q": "class sizes"})
    in_place = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "plan-found"}
    with django_assert_max_num_queries(len(whole_page)):
        response = client.get(url(plan), {"q": "class sizes", "owner": ""}, **in_place)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="plan-found" hx-history="false" data-narrowed>')
    assert "<html" not in html and "<nav" not in html and 'class="plan-find"' not in html
    assert guardrail_ids(html) == [f"guardrail-{constraint.pk}"]
    # The count goes into the status region already on the page, not a new one.
    said = html.split('<p class="found" role="status" id="found" hx-swap-oob="innerHTML">')[1]
    assert text_of(said.split("</p>")[0]).startswith("1 item matches")
    assert 'id="plan-beside" data-narrowed hx-swap-oob="true"' in html
    assert response["HX-Push-Url"] == f"{url(plan)}?q=class+sizes"
    assert "HX-Request" in response["Vary"]

    whole = client.get(url(plan), **in_place)
    assert whole["HX-Push-Url"] == url(plan) and len(guardrail_ids(whole.content.decode())) == 2
    said = whole.content.decode().split('id="found" hx-swap-oob="innerHTML">')[1]
    assert said.startswith("</p>")  # the count is gone with the filter
    # Back asks again for an address already in the history: it is not pushed twice.
    again = {"HTTP_HX_HISTORY_RESTORE_REQUEST": "true", **in_place}
    back = client.get(url(plan), {"q": "class sizes"}, **again)
    assert back.status_code == 200 and "HX-Push-Url" not in back


def test_htmx_in_place_costs_the_same_queries_whatever_the_plans_size(
    client, district, viewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(viewer)
    small, large = (build_plan(district, goals=size, objectives=2, strategies=2) for size in (1, 6))
    in_place = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "plan-found"}
    client.get(url(small)), client.get(url(large))  # kept
    with CaptureQueriesContext(connection) as queries:
        client.get(url(small), {"q": "Strategy"}, **in_place)
    with django_assert_max_num_queries(len(queries)):
        response = client.get(url(large), {"q": "Strategy"}, **in_place)
    assert response.status_code == 200 and len(found_ids(response.content.decode())) > 12


def test_another_districts_member_cannot_find_in_place(client, outsider, plan):
    client.force_login(outsider)
    in_place = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "plan-found"}
    assert client.get(url(plan), {"q": "reading"}, **in_place).status_code == 404
