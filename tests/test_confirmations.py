"""Steps that cannot be undone ask first: a page that asks (GET), the step itself (POST).
The same page's question is what a browser with JavaScript shows in a dialog."""

import pytest
from django.urls import reverse

from planning.models import Goal, Packet, Plan, Recommendation, Review
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=1)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def test_closing_a_review_asks_first_and_names_the_goals_without_an_assessment(
    client, plan, editor, admin_user
):
    client.force_login(editor)
    client.post(url(plan, "reviews"), {"year": "2022"})
    first = plan.goals.get(order=1)
    client.post(
        url(plan, "assessment_edit", 2022, "goal", first.pk),
        {"rating": "steady", "text": "Rose.", "meeting_date": "2023-10-12"},
    )
    second = plan.goals.get(order=2)
    client.force_login(admin_user)

    review_page = client.get(url(plan, "review", 2022)).content.decode()
    assert f'href="{url(plan, "review_close", 2022)}" data-confirm' in review_page

    asked = client.get(url(plan, "review_close", 2022))
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Close Fall review of 2022–23?" in page
    assert "No assessment has been written for 1 of them:" in page
    assert f"<li>Goal 2: {second.title}</li>" in page
    assert f"Goal 1: {first.title}" not in page
    assert f'action="{url(plan, "review_close", 2022)}"' in page
    assert Review.objects.get(plan=plan).state == "open"  # asking changes nothing

    client.post(url(plan, "review_close", 2022))
    assert Review.objects.get(plan=plan).state == "closed"


def test_only_an_administrator_is_asked_to_close_a_review(client, plan, editor, outsider):
    client.force_login(editor)
    client.post(url(plan, "reviews"), {"year": "2022"})
    assert client.get(url(plan, "review_close", 2022)).status_code == 403
    client.force_login(outsider)
    assert client.get(url(plan, "review_close", 2022)).status_code == 404


def test_forwarding_the_drafts_asks_first_and_lists_them(client, plan, editor, viewer):
    client.force_login(editor)
    goal = plan.goals.get(order=1)
    client.post(
        url(plan, "recommend_add", "goal", goal.pk, "objective"),
        {"title": "Close College Gaps", "description": "", "why-rationale": "A gap."},
    )
    packet = Packet.objects.get(plan=plan)
    spring = client.get(url(plan, "spring")).content.decode()
    assert f'href="{url(plan, "packet_forward", packet.pk)}" data-confirm' in spring

    page = client.get(url(plan, "packet_forward", packet.pk)).content.decode()
    assert "Forward the drafts to the superintendent?" in page
    assert "1 recommendation will go to the superintendent" in page
    assert "Close College Gaps" in page
    packet.refresh_from_db()
    assert packet.state == "drafting"

    client.post(url(plan, "packet_forward", packet.pk))
    packet.refresh_from_db()
    assert packet.state == "forwarded"
    assert packet.recommendations.get().state == Recommendation.State.FORWARDED

    client.force_login(viewer)
    assert client.get(url(plan, "packet_forward", packet.pk)).status_code == 403


def test_nothing_to_forward_is_said_rather_than_asked(client, plan, editor):
    client.force_login(editor)
    packet = Packet.objects.create(plan=plan)
    response = client.get(url(plan, "packet_forward", packet.pk), follow=True)
    assert "There is no draft recommendation to forward." in response.content.decode()


def test_adopting_asks_first_and_says_it_cannot_be_undone(client, district, admin_user, editor):
    previous = build_plan(district, goals=1, objectives=1, strategies=1)
    client.force_login(admin_user)
    client.post(
        reverse("making_new", args=[district.slug]),
        {"title": "Strategic Plan", "start_year": 2027, "end_year": 2032, "follows": previous.pk},
    )
    draft = Plan.objects.get(district=district, status="draft")
    Goal.objects.create(plan=draft, order=1, statement="Every child reads.")
    making = client.get(url(draft, "making")).content.decode()
    assert f'href="{url(draft, "making_adopt")}" data-confirm' in making

    page = client.get(url(draft, "making_adopt")).content.decode()
    assert "Adopt Strategic Plan 2027–2032?" in page or "Adopt Strategic Plan" in page
    assert "Adoption cannot be undone." in page
    assert "is marked as ended" in page
    draft.refresh_from_db()
    assert draft.status == "draft"

    client.force_login(editor)
    assert client.get(url(draft, "making_adopt")).status_code == 403
    client.force_login(admin_user)
    client.post(url(draft, "making_adopt"))
    draft.refresh_from_db()
    assert draft.status == "adopted"


def test_publishing_and_unpublishing_ask_first(client, plan, admin_user):
    client.force_login(admin_user)
    assert f'href="{url(plan, "plan_publish")}" data-confirm' in (
        client.get(url(plan, "plan")).content.decode()
    )
    page = client.get(url(plan, "plan_publish")).content.decode()
    assert "Publish" in page and 'class="confirm-cancel"' in page
    plan.refresh_from_db()
    assert not plan.published
    client.post(url(plan, "plan_publish"), {"publish": "1"})
    plan.refresh_from_db()
    assert plan.published
    page = client.get(url(plan, "plan_publish")).content.decode()
    assert "Unpublish" in page
    client.post(url(plan, "plan_publish"), {"publish": "0"})
    plan.refresh_from_db()
    assert not plan.published
