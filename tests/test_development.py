"""A plan in development: its five phases, with dates, status and lead."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from planning.models import Development, Phase, Plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def making(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("development_new", args=["riverside"]),
        {"title": "Strategic Plan", "start_year": 2026, "end_year": 2031},
    )
    plan = Plan.objects.get(district__slug="riverside")
    assert response.url == reverse("development", args=["riverside", plan.pk])
    return plan


def test_an_admin_starts_a_plan_in_development_with_the_five_phases(client, making):
    assert making.status == "draft"
    assert list(Development.objects.get(plan=making).phases.values_list("name", flat=True)) == list(
        Phase.PHASES
    )
    page = client.get(reverse("development", args=["riverside", making.pk])).content.decode()
    assert "Phase 1" in page and "Diagnostic analysis" in page and "Not started" in page
    district = client.get(reverse("district", args=["riverside"])).content.decode()
    assert "How it is being made" in district


def test_a_phase_is_edited_in_place_with_its_dates_status_and_lead(client, making, editor):
    phase = Phase.objects.get(development__plan=making, order=1)
    client.force_login(editor)
    response = client.post(
        reverse("phase_edit", args=["riverside", making.pk, phase.pk]),
        {
            "status": "under_way",
            "lead": "Dr. Ortiz",
            "planned_start": "2025-09-01",
            "planned_end": "2025-09-30",
            "actual_start": "2025-09-03",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<li class="phase phase-under_way" id="phase-{phase.pk}"')
    assert "Under way" in page and "Dr. Ortiz" in page and "September 1, 2025" in page


def test_an_end_before_its_start_is_refused_beside_the_field(client, making, editor):
    phase = Phase.objects.get(development__plan=making, order=2)
    client.force_login(editor)
    response = client.post(
        reverse("phase_edit", args=["riverside", making.pk, phase.pk]),
        {
            "status": "not_started",
            "lead": "Kept lead",
            "planned_start": "2025-11-01",
            "planned_end": "2025-10-01",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The planned end cannot come before its start." in page and "Kept lead" in page
    phase.refresh_from_db()
    assert phase.lead == ""


def test_the_database_refuses_an_end_before_a_start_too(making):
    phase = Phase.objects.get(development__plan=making, order=3)
    phase.actual_start, phase.actual_end = "2026-02-01", "2026-01-01"
    with pytest.raises(IntegrityError), transaction.atomic():
        phase.save()


def test_who_may_do_what(client, making, viewer, editor, outsider):
    phase = Phase.objects.get(development__plan=making, order=1)
    edit = reverse("phase_edit", args=["riverside", making.pk, phase.pk])
    client.force_login(viewer)
    assert client.get(reverse("development", args=["riverside", making.pk])).status_code == 200
    assert client.post(edit, {"status": "done"}).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("development_new", args=["riverside"])).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("development", args=["riverside", making.pk])).status_code == 404
    assert client.post(edit, {"status": "done"}).status_code == 404
    phase.refresh_from_db()
    assert phase.status == "not_started"
