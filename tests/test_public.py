"""Published plans have a public page; nothing unpublished, draft or private shows."""

import io
from unittest import mock

import pypdf
import pytest
from django.urls import reverse

from planning.documents import make_document
from planning.models import Change, Document, Plan
from planning.views.public import PUBLIC_RETRY
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


def test_samples_publish_belen_and_clayton_and_the_list_shows_them(client, samples):
    page = client.get(reverse("public_plans")).content.decode()
    assert "Belén Consolidated Schools" in page and "School District of Clayton" in page
    assert "Butler School District 53" not in page and "District 62" not in page


def test_anyone_reads_a_published_plan_and_its_progress(client, samples):
    plan = Plan.objects.get(district__slug="clayton")
    page = client.get(reverse("public_plan", args=["clayton", plan.pk])).content.decode()
    assert "We inspire each student to love learning" in page
    assert "The Clayton Graduate is..." in page
    assert "Discipline disparities among groups of students are reduced." in page
    assert "No results yet." in page
    assert "plausible five-year span" not in page  # notes stay private
    assert "Recent activity" not in page and "Edit" not in page


def test_unpublished_and_draft_plans_are_not_public(client, samples):
    butler = Plan.objects.get(district__slug="butler53")
    assert client.get(reverse("public_plan", args=["butler53", butler.pk])).status_code == 404
    belen = Plan.objects.get(district__slug="belen")
    Plan.objects.filter(pk=belen.pk).update(status="draft")
    assert client.get(reverse("public_plan", args=["belen", belen.pk])).status_code == 404
    clayton = Plan.objects.get(district__slug="clayton")
    assert client.get(reverse("public_plan", args=["belen", clayton.pk])).status_code == 404


def test_an_administrator_publishes_and_unpublishes(client, plan, admin_user, editor):
    url = reverse("plan_publish", args=[plan.district.slug, plan.pk])
    client.force_login(editor)
    assert client.post(url, {"publish": "1"}).status_code == 403
    client.force_login(admin_user)
    client.post(url, {"publish": "1"})
    assert Plan.objects.get(pk=plan.pk).published
    client.logout()
    assert client.get(reverse("public_plan", args=[plan.district.slug, plan.pk])).status_code == 200
    client.force_login(admin_user)
    client.post(url, {"publish": "0"})
    client.logout()
    assert client.get(reverse("public_plan", args=[plan.district.slug, plan.pk])).status_code == 404
    assert Change.objects.filter(item_label__in=["Published", "Unpublished"]).count() == 2


def test_publishing_makes_the_public_pdf_so_the_first_visitor_does_not_wait(
    client, district, admin_user
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    client.force_login(admin_user)
    with mock.patch("planning.documents.make_document") as make:  # the worker's queue
        client.post(reverse("plan_publish", args=[district.slug, plan.pk]), {"publish": "1"})
    document = Document.objects.get(plan=plan, kind="public")
    make.enqueue.assert_called_once_with(document.pk)

    make_document.call(document.pk)  # as the worker does

    client.logout()
    with mock.patch("planning.documents.render_pdf") as render:
        response = client.get(reverse("public_plan_pdf", args=[district.slug, plan.pk]))
    assert response["Content-Type"] == "application/pdf" and render.call_count == 0


def test_a_draft_cannot_be_published(client, plan, admin_user):
    Plan.objects.filter(pk=plan.pk).update(status="draft")
    client.force_login(admin_user)
    client.post(reverse("plan_publish", args=[plan.district.slug, plan.pk]), {"publish": "1"})
    assert not Plan.objects.get(pk=plan.pk).published


def test_the_login_page_links_to_the_published_plans(client):
    assert reverse("public_plans") in client.get(reverse("login")).content.decode()


def test_the_public_page_has_a_menu_of_goals_and_each_measures_chart(client, district):
    plan = build_plan(district, goals=3, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(published=True)
    page = client.get(reverse("public_plan", args=[district.slug, plan.pk])).content.decode()
    menu = page[page.index('<nav class="jump-menu" aria-label="Jump to">') :].split("</nav>")[0]
    for goal in plan.goals.order_by("order"):
        assert f'href="#public-goal-{goal.pk}"' in menu and goal.title in menu
    assert page.count('<svg class="trend"') == plan.measures.count()


def published_plan(district, **fields) -> Plan:
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(published=True, **fields)
    return Plan.objects.get(pk=plan.pk)


def test_anyone_downloads_a_published_plans_pdf_without_its_notes(client, district):
    plan = published_plan(district, notes="Board retreat: keep this between us.")
    page = client.get(reverse("public_plan", args=[district.slug, plan.pk])).content.decode()
    url = reverse("public_plan_pdf", args=[district.slug, plan.pk])
    assert f'href="{url}"' in page

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-the-published-plan-2022-2027.pdf"')
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert plan.goals.order_by("order").first().title in " ".join(text.split())
    assert "keep this between us" not in text and "Notes" not in text


def test_the_public_pdf_is_made_once_per_change_of_the_plan(client, district):
    plan = published_plan(district)
    url = reverse("public_plan_pdf", args=[district.slug, plan.pk])
    first = client.get(url).content
    with mock.patch("planning.documents.render_pdf") as render:
        for _ in range(3):
            assert client.get(url).content == first
    assert render.call_count == 0
    assert Document.objects.filter(plan=plan, kind="public").count() == 1


def test_while_the_public_pdf_is_made_the_visitor_is_told_and_nothing_queues_twice(
    client, district
):
    plan = published_plan(district)
    url = reverse("public_plan_pdf", args=[district.slug, plan.pk])
    with mock.patch("planning.documents.make_document") as make:  # no worker runs
        waiting = client.get(url)
        again = client.get(url)
    assert waiting.status_code == again.status_code == 202
    shown = waiting.content.decode()
    assert "The PDF is being made" in shown and '<meta http-equiv="refresh"' in shown
    assert make.enqueue.call_count == 1
    assert Document.objects.filter(plan=plan).count() == 1


def test_no_pdf_of_an_unpublished_draft_or_other_districts_plan(client, district, samples):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    assert client.get(reverse("public_plan_pdf", args=[district.slug, plan.pk])).status_code == 404
    belen = Plan.objects.get(district__slug="belen")
    assert client.get(reverse("public_plan_pdf", args=["clayton", belen.pk])).status_code == 404
    Plan.objects.filter(pk=belen.pk).update(status="draft")
    assert client.get(reverse("public_plan_pdf", args=["belen", belen.pk])).status_code == 404
    assert not Document.objects.exists()


def test_a_public_pdf_that_failed_is_tried_again_after_a_pause_not_on_each_visit(
    client, district, viewer
):
    plan = published_plan(district)
    url = reverse("public_plan_pdf", args=[district.slug, plan.pk])
    with mock.patch("planning.documents.render_pdf", side_effect=RuntimeError("out of memory")):
        failed = client.get(url)
    assert failed.status_code == 202
    assert "could not be made just now" in failed.content.decode()
    assert '<meta http-equiv="refresh"' not in failed.content.decode()

    with mock.patch("planning.documents.make_document") as make:
        for _ in range(3):  # visitors reloading
            assert "could not be made just now" in client.get(url).content.decode()
        assert make.enqueue.call_count == 0
        document = Document.objects.get(plan=plan, kind="public")
        assert document.state == Document.State.FAILED

        Document.objects.filter(pk=document.pk).update(
            finished_at=document.finished_at - PUBLIC_RETRY
        )
        assert "The PDF is being made" in client.get(url).content.decode()
        assert "The PDF is being made" in client.get(url).content.decode()
        assert make.enqueue.call_count == 1  # once, however many ask
    assert Document.objects.get(pk=document.pk).state == Document.State.QUEUED


def test_a_member_asking_for_a_failed_pdf_has_it_made_again_at_once(client, district, viewer):
    plan = published_plan(district)
    client.force_login(viewer)
    url = reverse("plan_pdf", args=[district.slug, plan.pk])
    with mock.patch("planning.documents.render_pdf", side_effect=RuntimeError("out of memory")):
        client.get(url)
    document = Document.objects.get(plan=plan, kind="plan")
    assert document.state == Document.State.FAILED
    assert client.get(url)["Content-Type"] == "application/pdf"
