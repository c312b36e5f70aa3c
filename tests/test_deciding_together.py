"""The superintendent decides several recommendations of a packet in one form; each is
still recorded on its own, with its own note. Deciding one at a time still works."""

import pytest
from django.urls import reverse

from planning.models import Goal, Packet, PlanVersion, Recommendation
from tests.conftest import decide, error_beside
from tests.factories import build_plan

pytestmark = pytest.mark.django_db
R = Recommendation.State


@pytest.fixture
def plan(district):
    return build_plan(district, goals=1, objectives=1, strategies=1)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


@pytest.fixture
def packet(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.get()
    for title in ("Career pathways", "College entry", "Arts for all"):
        client.post(
            url(plan, "recommend_add", "goal", goal.pk, "objective"),
            {"title": title, "description": "", "why-rationale": f"Why {title}."},
        )
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    return packet


def ordered(packet):
    return list(packet.recommendations.order_by("pk"))


def test_the_approver_decides_several_at_once_each_with_its_note(client, plan, packet, approver):
    first, second, third = ordered(packet)
    client.force_login(approver)
    page = client.get(url(plan, "packet", packet.pk)).content.decode()
    assert f'action="{url(plan, "packet_decide", packet.pk)}"' in page
    assert page.count(">Decide later</label>") == 3

    response = client.post(
        url(plan, "packet_decide", packet.pk),
        {
            f"decision_{first.pk}": "approve",
            f"note_{first.pk}": "Yes, the jobs data are clear.",
            f"decision_{second.pk}": "decline",
            f"note_{second.pk}": "Not this year.",
            f"decision_{third.pk}": "",
        },
        follow=True,
    )
    assert "Recorded 2 decisions." in response.content.decode()
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.state, first.decision_note, first.decided_by) == (
        R.APPROVED,
        "Yes, the jobs data are clear.",
        approver,
    )
    assert (second.state, second.decision_note) == (R.DECLINED, "Not this year.")
    assert third.state == R.FORWARDED and third.decided_at is None
    assert not PlanVersion.objects.exists()  # one still waits

    client.post(
        url(plan, "packet_decide", packet.pk),
        {f"decision_{third.pk}": "approve", f"note_{third.pk}": "Fine."},
    )
    packet.refresh_from_db()
    assert packet.state == "closed"
    titles = set(Goal.objects.get(plan=plan).objectives.values_list("title", flat=True))
    assert {"Career pathways", "Arts for all"} <= titles and "College entry" not in titles
    assert plan.versions.last().label.endswith("2 approved changes")


def test_deciding_nothing_says_so_and_records_nothing(client, plan, packet, approver):
    client.force_login(approver)
    response = client.post(url(plan, "packet_decide", packet.pk), {})
    assert response.status_code == 422
    assert "Choose a decision for at least one recommendation." in response.content.decode()
    assert not packet.recommendations.exclude(state=R.FORWARDED).exists()


def test_a_note_without_a_decision_is_refused_beside_it_and_nothing_is_recorded(
    client, plan, packet, approver
):
    first, second, _ = ordered(packet)
    client.force_login(approver)
    response = client.post(
        url(plan, "packet_decide", packet.pk),
        {f"decision_{first.pk}": "approve", f"note_{second.pk}": "Maybe later."},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert error_beside(page, f"decision_{second.pk}") == (
        "Choose a decision for this note, or clear the note."
    )
    assert "Maybe later." in page  # what was typed is kept
    assert not packet.recommendations.exclude(state=R.FORWARDED).exists()


def test_a_decision_someone_else_recorded_meanwhile_records_none_of_them(
    client, plan, packet, approver
):
    first, second, _ = ordered(packet)
    client.force_login(approver)
    page_data = {
        f"decision_{first.pk}": "approve",
        f"decision_{second.pk}": "approve",
    }
    Recommendation.objects.filter(pk=second.pk).update(state=R.DECLINED)
    response = client.post(url(plan, "packet_decide", packet.pk), page_data, follow=True)
    assert "None of these decisions was recorded." in response.content.decode()
    first.refresh_from_db()
    assert first.state == R.FORWARDED


def test_only_the_approver_decides(client, plan, packet, editor, admin_user, outsider):
    first = ordered(packet)[0]
    data = {f"decision_{first.pk}": "approve"}
    for person, status in ((editor, 403), (admin_user, 403), (outsider, 404)):
        client.force_login(person)
        assert client.post(url(plan, "packet_decide", packet.pk), data).status_code == status
    first.refresh_from_db()
    assert first.state == R.FORWARDED


def test_one_decision_alone_is_recorded_with_its_note(client, plan, packet, approver):
    first = ordered(packet)[0]
    client.force_login(approver)
    decide(client, first, "return", "Redo.")
    first.refresh_from_db()
    assert (first.state, first.decision_note) == (R.RETURNED, "Redo.")
