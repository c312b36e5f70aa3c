"""The home and district pages show each person what waits for them: the
superintendent, packets to decide; an administrator, reviews to close and invitations
not accepted; a committee member, recommendations returned to them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import Invitation
from planning.models import Packet, Review
from tests.conftest import decide
from tests.factories import MembershipFactory, build_plan

pytestmark = pytest.mark.django_db


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def forwarded_packet(client, plan, editor, count=1):
    client.force_login(editor)
    goal = plan.goals.get(order=1)
    for number in range(count):
        client.post(
            url(plan, "recommend_add", "goal", goal.pk, "objective"),
            {"title": f"New objective {number}", "description": "", "why-rationale": "Why."},
        )
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    return packet


def test_the_approver_sees_the_packet_to_decide_with_a_link(
    client, district, editor, approver, viewer
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    packet = forwarded_packet(client, plan, editor, count=2)
    client.force_login(approver)
    for page in (
        client.get(reverse("home")).content.decode(),
        client.get(reverse("district", args=[district.slug])).content.decode(),
    ):
        assert "Waiting for you" in page
        assert f"2 recommendations to decide for {plan.title}" in page
        assert f'href="{url(plan, "packet", packet.pk)}"' in page
    client.force_login(viewer)
    assert "Waiting for you" not in client.get(reverse("home")).content.decode()


def test_once_decided_the_packet_no_longer_waits(client, district, editor, approver):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    packet = forwarded_packet(client, plan, editor)
    client.force_login(approver)
    decide(client, packet.recommendations.get(), "decline", "Not now.")
    assert "to decide for" not in client.get(reverse("home")).content.decode()


def test_the_administrator_sees_reviews_to_close_and_invitations_pending(
    client, district, editor, admin_user
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    client.force_login(editor)
    client.post(url(plan, "reviews"), {"year": "2022"})
    Invitation.objects.create(
        district=district, email="nina@example.org", role="editor", token="t1"
    )
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    review = Review.objects.get(plan=plan)
    assert f"{review} of {plan.title} is open" in page
    assert f'href="{url(plan, "review", 2022)}"' in page
    assert "1 invitation not yet accepted" in page
    assert f'href="{reverse("people", args=[district.slug])}"' in page
    client.force_login(editor)
    page = client.get(reverse("home")).content.decode()
    assert "is open" not in page and "invitation" not in page


def test_an_expired_invitation_no_longer_waits(client, district, admin_user):
    for email in ("nina@example.org", "omar@example.org"):
        Invitation.objects.create(district=district, email=email, role="editor", token=email)
    Invitation.objects.filter(email="omar@example.org").update(
        created_at=timezone.now() - timedelta(days=15)
    )
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    assert "1 invitation not yet accepted" in page


def test_the_editor_sees_what_was_returned_to_them(client, district, editor, approver):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    packet = forwarded_packet(client, plan, editor)
    client.force_login(approver)
    decide(client, packet.recommendations.get(), "return", "Say which schools.")
    client.force_login(editor)
    page = client.get(reverse("district", args=[district.slug])).content.decode()
    assert "Returned to you:" in page and "New objective 0" in page
    assert "Say which schools." in page
    assert f'href="{url(plan, "spring")}"' in page


def test_the_home_page_asks_the_same_queries_however_much_waits(
    client, district, other_district, editor, approver, django_assert_max_num_queries
):
    MembershipFactory(user=approver, district=other_district, role="admin")
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    forwarded_packet(client, plan, editor)
    client.force_login(approver)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("home"))
    baseline = len(few.captured_queries)

    for other in range(3):
        more = build_plan(district, goals=1, objectives=1, strategies=1)
        forwarded_packet(client, more, editor)
        elsewhere = build_plan(other_district, goals=1, objectives=1, strategies=1)
        Review.objects.create(plan=elsewhere, year=2022)
        Invitation.objects.create(
            district=other_district, email=f"x{other}@example.org", role="viewer", token=f"t{other}"
        )
    client.force_login(approver)
    with django_assert_max_num_queries(baseline) as many:
        page = client.get(reverse("home")).content.decode()
    assert page.count("to decide for") == 4
    assert page.count("is open") == 3 and "3 invitations not yet accepted" in page
    assert len(many.captured_queries) == baseline
