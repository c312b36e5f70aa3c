"""Who may see what: logins, districts, and the pages of another district."""

import pytest
from django.urls import reverse

from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def district_pages(plan) -> list[str]:
    slug = plan.district.slug
    return [
        reverse("district", args=[slug]),
        reverse("plan", args=[slug, plan.pk]),
    ]


def test_anonymous_user_is_sent_to_log_in_from_every_page(client, plan):
    for url in district_pages(plan):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{reverse('login')}?next={url}"


def test_member_of_another_district_gets_404_on_every_page(client, plan, outsider):
    client.force_login(outsider)
    for url in district_pages(plan):
        assert client.get(url).status_code == 404, url


def test_each_role_reads_its_own_districts_pages(
    client, plan, admin_user, editor, approver, viewer
):
    for user in (admin_user, editor, approver, viewer):
        client.force_login(user)
        for url in district_pages(plan):
            assert client.get(url).status_code == 200, (user, url)


def test_plan_of_another_district_is_404_even_through_my_own_district(
    client, viewer, other_district
):
    foreign_plan = PlanFactory(district=other_district)
    client.force_login(viewer)
    url = reverse("plan", args=["riverside", foreign_plan.pk])
    assert client.get(url).status_code == 404


def test_home_lists_only_my_districts(client, viewer, other_district):
    client.force_login(viewer)
    page = client.get(reverse("home")).content.decode()
    assert "Riverside Unified" in page
    assert "Hillcrest County Schools" not in page


def test_district_page_lists_only_its_own_plans(client, plan, viewer, other_district):
    PlanFactory(district=other_district, title="Hillcrest Horizons")
    client.force_login(viewer)
    page = client.get(reverse("district", args=["riverside"])).content.decode()
    assert plan.title in page
    assert "Hillcrest Horizons" not in page


def test_platform_operator_reads_every_district(client, plan, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "op@example.org", "x")
    client.force_login(operator)
    assert client.get(reverse("plan", args=["riverside", plan.pk])).status_code == 200


def test_unknown_district_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("district", args=["nowhere"])).status_code == 404


def every_page_of(plan) -> list[str]:
    """Each GET page of a plan: the page, its activity, and each kind of item's pages."""
    from planning.tree import plan_tree

    tree = plan_tree(plan)
    slug, pk = plan.district.slug, plan.pk
    urls = [reverse("plan", args=[slug, pk]), reverse("plan_activity", args=[slug, pk])]
    for node in tree.nodes():
        urls += [
            reverse("item_history", args=[slug, pk, node.kind, node.pk]),
            reverse("item_edit", args=[slug, pk, node.kind, node.pk]),
            reverse("item_delete", args=[slug, pk, node.kind, node.pk]),
        ]
    urls += [reverse("part_edit", args=[slug, pk, section]) for section in ("header", "mission")]
    urls.append(reverse("item_add", args=[slug, pk, "plan", pk, "goal"]))
    return urls


EDIT_PAGES = ("/edit/", "/delete/", "/add/")


def test_every_plan_page_answers_each_person_as_it_should(
    client, district, outsider, viewer, editor
):
    from tests.factories import build_plan

    plan = build_plan(district, goals=1, objectives=1, strategies=1, status="draft")
    urls = every_page_of(plan)
    assert len(urls) > 20

    client.force_login(outsider)
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)

    client.force_login(viewer)
    expected = {url: 403 if url.endswith(EDIT_PAGES) else 200 for url in urls}
    assert {url: client.get(url).status_code for url in urls} == expected

    client.force_login(editor)
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)

    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)


def test_platform_operator_manages_everything_in_the_admin(client, plan, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "op@example.org", "x")
    client.force_login(operator)
    for model in (
        "districts/district",
        "districts/membership",
        "planning/plan",
        "planning/goal",
        "planning/objective",
        "planning/strategy",
        "measures/measure",
        "measures/studentgroup",
    ):
        assert client.get(f"/admin/{model}/").status_code == 200, model
    assert client.get(f"/admin/planning/plan/{plan.pk}/change/").status_code == 200


def test_the_front_page_welcomes_anyone_and_links_to_the_published_plans(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("public_plans") in page and reverse("login") in page


def test_pages_carry_a_content_security_policy_with_no_inline_script(client, viewer):
    client.force_login(viewer)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_style_attribute():
    import re
    from pathlib import Path

    for template in Path(__file__).resolve().parent.parent.joinpath("templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\sstyle=\"", text), template
        assert "hx-on" not in text, template
