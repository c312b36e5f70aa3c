"""People read words, not stored values: choice labels, field names, money and
percentages as the plan page prints them, an item by its number and title, on every
history, activity, comparison and packet page and the packet PDF."""

import pytest
from django.urls import reverse

from measures.models import Measure
from planning import versions
from planning.models import Packet, Strategy
from tests.conftest import decide, fingerprint_in
from tests.factories import build_plan
from tests.test_documents import pdf_of, text_of

pytestmark = pytest.mark.django_db
STORED = ("in_progress", "not_started", "Funding_source", "funding_source", "25000")


@pytest.fixture
def plan(district):
    return build_plan(district, goals=1, objectives=1, strategies=1)


@pytest.fixture
def draft(district):
    """A plan still being written: its strategy's cost is edited in place."""
    return build_plan(district, goals=1, objectives=1, strategies=1, status="draft")


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def fund_the_strategy(client, plan, strategy):
    edit = url(plan, "item_edit", "strategy", strategy.pk)
    fingerprint = fingerprint_in(client.get(edit).content)
    response = client.post(
        edit,
        {
            "text": strategy.text,
            "status": "in_progress",
            "cost": "25000",
            "funding_source": "Title I",
            "fingerprint": fingerprint,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def assert_in_words(page: str) -> None:
    assert "In progress" in page and "Not started" in page
    assert "Funding source" in page and "Title I" in page
    assert "$25,000.00" in page
    for stored in STORED:
        assert stored not in page.replace('value="in_progress"', ""), stored


def test_activity_and_history_read_in_words(client, draft, editor):
    plan = draft
    strategy = Strategy.objects.get(plan=plan)
    client.force_login(editor)
    fund_the_strategy(client, plan, strategy)
    assert_in_words(client.get(url(plan, "plan_activity")).content.decode())
    assert_in_words(client.get(url(plan, "item_history", "strategy", strategy.pk)).content.decode())


def test_a_measures_targets_read_in_its_unit_and_years(client, plan, editor):
    measure = Measure.objects.filter(plan=plan, goal__isnull=False).get()
    client.force_login(editor)
    response = client.post(
        url(plan, "recommend", "adjust_targets", "measure", measure.pk),
        {"target_2022": "65", "why-rationale": "The state raised the bar."},
    )
    assert response.status_code == 302
    page = client.get(url(plan, "spring")).content.decode()
    assert "Target for 2022–23" in page and "65%" in page


def test_comparison_reads_in_words_and_shows_the_funding_source(client, draft, editor, viewer):
    plan = draft
    strategy = Strategy.objects.get(plan=plan)
    versions.first_version(plan)
    client.force_login(editor)
    fund_the_strategy(client, plan, strategy)
    versions.new_version(plan, "Funded", None)
    client.force_login(viewer)
    page = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    assert '<th scope="row">Funding source</th>' in page
    assert "<ins>Title I</ins>" in page
    assert "$25,000.00" in page
    # A strategy's progress is implementation, not a change between versions.
    assert "In progress" not in page
    for stored in STORED:
        assert stored not in page, stored


def test_packet_page_and_pdf_read_in_words(client, plan, editor, approver):
    strategy = Strategy.objects.get(plan=plan)
    client.force_login(editor)
    response = client.post(
        url(plan, "recommend", "change", "strategy", strategy.pk),
        {
            "text": strategy.text,
            "status": "in_progress",
            "cost": "25000",
            "funding_source": "Title I",
            "why-rationale": "Title I pays for it now.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    objective = plan.goals.get().objectives.get()
    client.post(
        url(plan, "recommend_add", "objective", objective.pk, "strategy"),
        {"text": "Career pathways", "status": "not_started", "why-rationale": "Jobs."},
    )
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    client.force_login(approver)
    page = client.get(url(plan, "packet", packet.pk)).content.decode()
    assert_in_words(page)
    assert "Career pathways" in page
    pdf = text_of(pdf_of(client.get(url(plan, "packet_pdf", packet.pk))))
    assert "In progress" in pdf and "$25,000.00" in pdf and "Funding source" in pdf
    assert "in_progress" not in pdf

    for recommendation in packet.recommendations.all():
        decide(client, recommendation, "approve", "Yes.")
    activity = client.get(url(plan, "plan_activity")).content.decode()
    assert "added Strategy 1.1.2: Career pathways" in activity
