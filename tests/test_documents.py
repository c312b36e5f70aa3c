"""Board documents: what the PDFs hold, how they are made and kept, and that WeasyPrint
reads nothing but the app's own files, whatever a user typed."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pypdf
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from measures.models import Measure, Result, StudentGroup, Target
from planning.documents import STATIC_ROOT_URL, SafeFetcher, render_pdf
from planning.models import Document, Plan
from planning.tree import plan_tree
from tests.conftest import decide, fingerprint_in
from tests.factories import MeasureFactory, build_plan

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def pdf_of(response) -> pypdf.PdfReader:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def in_order(text: str, items: list[str]) -> None:
    """Each item's opening words appear in the text, each after the one before."""
    at = 0
    for item in items:
        words = " ".join(item.split())[:50]
        found = text.find(words, at)
        assert found >= 0, f"missing or out of order: {words!r}"
        at = found + len(words)


@pytest.mark.parametrize("slug", ["butler53", "district62", "belen", "clayton"])
def test_each_seed_plan_pdf_holds_every_item_in_order(client, samples, slug):
    plan = Plan.objects.get(district__slug=slug)
    client.login(username=f"{slug}-viewer", password="plans-demo")

    reader = pdf_of(client.get(reverse("plan_pdf", args=[slug, plan.pk])))

    tree = plan_tree(plan)
    expected = []
    for goal in tree.children:
        for node in goal.walk():
            if node.kind != "measure":
                if node.is_work:
                    expected.append(node.item.text)
                else:
                    expected.append(node.item.title or getattr(node.item, "statement", ""))
        # the goal's measures, and those of everything under it, follow it in one table
        expected += [m.item.name for m in goal.walk() if m.kind == "measure"]
    in_order(text_of(reader), [text for text in expected if text])
    assert len(expected) > 10


def test_plan_pdf_metadata_tagging_fonts_bookmarks_and_footer(client, samples):
    plan = Plan.objects.get(district__slug="belen")
    client.login(username="belen-viewer", password="plans-demo")

    reader = pdf_of(client.get(reverse("plan_pdf", args=["belen", plan.pk])))

    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Strategic Plan 2019–2024 · Belén Consolidated Schools"
    assert reader.metadata.author == "Belén Consolidated Schools"
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    pages = len(reader.pages)
    assert pages == Document.objects.get(plan=plan).pages
    assert f"Belén Consolidated Schools · Strategic Plan 2019–2024 Page 2 of {pages}" in " ".join(
        reader.pages[1].extract_text().split()
    )
    contents = " ".join(reader.pages[1].extract_text().split())
    assert re.search(r"1\.1 Academic Growth \.+ ?\d+", contents)
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [t for t in titles if t.startswith("Goal")] == [
        f"Goal {n.number} {n.item.title or n.item.statement}" for n in plan_tree(plan).children
    ]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert any(child.title == "1.1 Academic Growth" for group in nested for child in group)


def structure_roles(node, found: set[str]) -> set[str]:
    """The roles (Table, TH, TD...) of a tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            structure_roles(child, found)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.add(node["/S"])
        if "/K" in node:
            structure_roles(node["/K"], found)
    return found


def test_a_plan_pdf_gives_each_measure_one_tagged_row_of_few_words(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    yearly = Measure.objects.get(plan=plan)  # 60% in 2022–23, a result of 58%
    Target.objects.create(measure=yearly, year=2023, value=62)
    Target.objects.create(measure=yearly, year=2024, value="65.5", places=1)
    other = MeasureFactory(goal=yearly.goal, order=2, name="Readers", data_source="A screener")
    learners = StudentGroup.objects.named(district, "English learners")
    Target.objects.create(measure=other, year=2022, value=40)
    Target.objects.create(measure=other, year=2024, value=45)  # a year left out
    Target.objects.create(measure=other, year=2023, group=learners, value=30)
    Target.objects.create(measure=other, year=2024, group=learners, value=35)
    client.force_login(viewer)

    reader = pdf_of(client.get(reverse("plan_pdf", args=[district.slug, plan.pk])))

    # Squeezed: a cell may wrap anywhere, even inside 2022–23.
    text = "".join(text_of(reader).split())
    for row in [
        f"1.M1 {yearly.name} Baseline 50% in 2021–22. Targets 2022–23 to 2024–25: 60%, 62%, 65.5%",
        "1.M2 Readers · measured by A screener Baseline 50% in 2021–22. "
        "Targets 2022–23: 40%; 2024–25: 45%; English learners, 2023–24 to 2024–25: 30%, 35% "
        "○ No data",
    ]:
        assert "".join(row.split()) in text, row
    assert re.search(r"(Met|Ontrack|Atrisk|Offtrack):58%in2022–23", text)
    roles = structure_roles(reader.trailer["/Root"]["/StructTreeRoot"], set())
    assert {"/Table", "/TH", "/TD"} <= roles


def test_a_school_year_is_not_broken_at_its_dash_even_in_a_narrow_cell():
    cell = "Targets 2022–23 to 2024–25: 42%, 45%; set for 2019–2024"
    html = (
        f'<html lang="en"><head><title>Targets</title><link rel="stylesheet" '
        f'href="{STATIC_ROOT_URL}css/document.css"></head><body><h2>Targets for 2022–23</h2>'
        f'<table style="width: 0.6in"><tr><td>{cell}</td></tr></table></body></html>'
    )
    pdf, _ = render_pdf(html)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    lines = reader.pages[0].extract_text().splitlines()
    assert len(lines) > 3  # narrow enough to wrap
    for year in ("2022–23", "2024–25", "2019–2024"):
        assert any(year in line for line in lines), lines
    # Copied or read aloud, the text is the cell's own: the joiner is not in it.
    assert cell in " ".join(" ".join(lines).split())
    assert [bookmark.title for bookmark in reader.outline] == ["Targets for 2022–23"]


def test_a_reader_of_another_district_gets_404(client, samples, outsider):
    plan = Plan.objects.get(district__slug="clayton")
    client.force_login(outsider)
    assert client.get(reverse("plan_pdf", args=["clayton", plan.pk])).status_code == 404
    client.login(username="belen-viewer", password="plans-demo")
    assert client.get(reverse("plan_pdf", args=["clayton", plan.pk])).status_code == 404


def test_a_made_pdf_is_kept_until_the_plan_changes(client, district, viewer, editor):
    plan = build_plan(district, goals=1, objectives=1, strategies=1, status="draft")
    client.force_login(viewer)
    first = client.get(reverse("plan_pdf", args=[district.slug, plan.pk])).content
    with mock.patch("planning.documents.render_pdf") as render:
        again = client.get(reverse("plan_pdf", args=[district.slug, plan.pk])).content
    assert render.call_count == 0 and again == first

    client.force_login(editor)
    goal = plan.goals.get()
    page = client.get(reverse("part_edit", args=[district.slug, plan.pk, "mission"])).content
    fingerprint = fingerprint_in(page.decode())
    client.post(
        reverse("part_edit", args=[district.slug, plan.pk, "mission"]),
        {"mission": "A mission rewritten after the board's retreat.", "fingerprint": fingerprint},
    )
    reader = pdf_of(client.get(reverse("plan_pdf", args=[district.slug, plan.pk])))
    assert "A mission rewritten after the board's retreat." in text_of(reader)
    assert Document.objects.filter(plan=plan).count() == 1
    assert goal.title in text_of(reader)


HOSTILE = (
    '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    '<style>body { background: url("file:///etc/shadow") }</style>'
    " url(http://127.0.0.1:8000/admin/) Ünïcödé Ελληνικά Кириллица "
)


def test_hostile_plan_text_is_printed_not_fetched(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(title=(HOSTILE * 12)[:200], mission=HOSTILE * 10)
    plan.goals.update(statement=HOSTILE)
    asked = []
    real_fetch = SafeFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    client.force_login(viewer)
    with mock.patch.object(SafeFetcher, "fetch", spy):
        reader = pdf_of(client.get(reverse("plan_pdf", args=[district.slug, plan.pk])))

    assert asked and all(url.startswith(STATIC_ROOT_URL) for url in asked)
    text = text_of(reader)
    assert 'src="file:///etc/passwd"' in text
    assert "Ελληνικά Кириллица" in text


def test_a_title_of_2000_characters_still_renders(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    Plan.objects.filter(pk=plan.pk).update(title=("Ünïcödé plan for every learner " * 65)[:2000])
    client.force_login(viewer)
    reader = pdf_of(client.get(reverse("plan_pdf", args=[district.slug, plan.pk])))
    assert "Ünïcödé plan for every learner" in text_of(reader)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "http://localhost/",
        "https://example.org/logo.png",
        f"{STATIC_ROOT_URL}../../../etc/passwd",
        f"{STATIC_ROOT_URL}css/../../config/settings.py",
        "data:text/html,<script>x</script>",
    ],
)
def test_the_fetcher_refuses_anything_but_the_apps_static_files(url):
    with pytest.raises(ValueError):
        SafeFetcher().fetch(url)


def test_the_fetcher_serves_the_apps_fonts():
    response = SafeFetcher().fetch(f"{STATIC_ROOT_URL}fonts/DejaVuSans.ttf")
    assert response.headers["Content-Type"] in {"font/ttf", "application/x-font-ttf"}


def test_progress_report_and_packet_pdfs(client, district, editor, approver, admin_user):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    client.force_login(editor)
    client.post(reverse("reviews", args=[district.slug, plan.pk]), {"year": "2022"})
    goal = plan.goals.get()
    client.post(
        reverse("assessment_edit", args=[district.slug, plan.pk, 2022, "goal", goal.pk]),
        {"rating": "steady", "text": "Reading rose in every school.", "meeting_date": "2023-10-12"},
    )
    report = text_of(
        pdf_of(client.get(reverse("progress_pdf", args=[district.slug, plan.pk, 2022])))
    )
    assert "Annual progress report, 2022–23" in report
    assert "Reading rose in every school." in report and "On track" in report

    client.post(
        reverse("recommend", args=[district.slug, plan.pk, "retire", "goal", goal.pk]),
        {"why-rationale": "Met early."},
    )
    packet = plan.packets.get()
    client.post(reverse("packet_forward", args=[district.slug, plan.pk, packet.pk]))
    client.force_login(approver)
    decide(client, packet.recommendations.get(), "decline", "Keep it one more year.")
    text = text_of(
        pdf_of(client.get(reverse("packet_pdf", args=[district.slug, plan.pk, packet.pk])))
    )
    assert "Met early." in text and "Declined" in text and "Keep it one more year." in text


def test_while_a_document_is_being_made_the_page_shows_its_progress(client, district, viewer):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    client.force_login(viewer)
    with mock.patch("planning.documents.make_document"):  # no worker runs
        page = client.get(reverse("plan_pdf", args=[district.slug, plan.pk]))
        fragment = client.get(
            reverse("plan_pdf", args=[district.slug, plan.pk]), HTTP_HX_REQUEST="true"
        )
    assert page.status_code == 202
    assert "Waiting to be made" in page.content.decode() and "<progress" in page.content.decode()
    assert fragment.status_code == 202 and 'hx-trigger="every 2s"' in fragment.content.decode()
    Document.objects.filter(plan=plan).update(state="ready", pdf=b"%PDF-1.7 test", progress=100)
    ready = client.get(reverse("plan_pdf", args=[district.slug, plan.pk]), HTTP_HX_REQUEST="true")
    assert ready["HX-Redirect"] == reverse("plan_pdf", args=[district.slug, plan.pk])


@pytest.mark.django_db(transaction=True)
def test_the_real_db_worker_makes_a_queued_document(client, district, viewer):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    url = reverse("plan_pdf", args=[district.slug, plan.pk])
    client.force_login(viewer)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert client.get(url).status_code == 202  # queued for the worker
        worker = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env={
                **os.environ,
                "DATABASE_URL": database_url(),
                "DATABASE_POOL": "false",
                "DJANGO_SETTINGS_MODULE": "config.test_settings",
                "TASKS_BACKEND": "database",
            },
        )
        assert worker.returncode == 0, worker.stderr[-2000:]
        ready = client.get(url)
    assert "Goal title" in text_of(pdf_of(ready))


def database_url() -> str:
    """The test database, as the worker process reaches it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def test_the_benchmark_can_time_the_pdfs_alone():
    small_plan = {
        "title": "Small benchmark plan",
        "start_year": 2022,
        "end_year": 2025,
        "items": [],
    }
    output = io.StringIO()
    with mock.patch(
        "planning.management.commands.benchmark.large_plan_data", return_value=small_plan
    ):
        call_command(
            "benchmark", "--only", "pdf", "--runs", "1", "--pdf-runs", "1", "--json", stdout=output
        )
    figures = json.loads(output.getvalue())
    assert list(figures) == ["pdf_belen_s", "pdf_large_s", "pdf_large_mb"]
    assert all(value > 0 for value in figures.values())
    assert not Plan.objects.filter(title="Small benchmark plan").exists()  # rolled back


def test_the_making_benchmark_times_the_one_page_summary_and_keeps_nothing():
    output = io.StringIO()
    call_command("benchmark_making", "--runs", "1", "--json", stdout=output)
    figures = json.loads(output.getvalue())
    assert figures["pdf_making_pages"] == 1 and figures["pdf_making_s"] > 0
    assert not Plan.objects.filter(title="Benchmark plan in the making").exists()


def test_an_annual_report_opens_with_a_summary_stops_at_its_year_and_is_named_by_it(
    client, district, editor
):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    silent = Measure.objects.get(plan=plan, goal__order=2)
    Result.objects.filter(measure=silent).delete()  # no result in 2022–23
    off = Measure.objects.get(plan=plan, strategy__objective__goal__order=1)
    Result.objects.filter(measure=off).update(value=30)  # 30 against 60: off track
    later = Measure.objects.get(plan=plan, goal__order=1)
    Result.objects.create(measure=later, year=2023, value=77)  # after the report's year
    client.force_login(editor)
    client.post(reverse("reviews", args=[district.slug, plan.pk]), {"year": "2022"})

    response = client.get(reverse("progress_pdf", args=[district.slug, plan.pk, 2022]))
    reader = pdf_of(response)

    assert "2022-23" in response["Content-Disposition"]
    summary = " ".join(reader.pages[1].extract_text().split())
    assert "Summary of 2022–23" in summary
    assert summary.index("Off track") < summary.index("On track") < summary.index("No data")
    assert "Needing attention" in summary and "Off track 1.1.1.M1" in summary
    assert "No result for 2022–23: 2.M1." in summary
    text = text_of(reader)
    assert "No data for 2022–23: 2.M1." in text
    # "77%", not "77": a measure named by the factory may be "Measure 77".
    assert "77%" not in text and "2023–24 77" not in text  # a later result is not plotted
    assert "Trend of 2.M1" not in text


def test_two_years_reports_download_under_two_names(client, district, editor):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    client.force_login(editor)
    names = set()
    for year in (2022, 2023):
        client.post(reverse("reviews", args=[district.slug, plan.pk]), {"year": str(year)})
        response = client.get(reverse("progress_pdf", args=[district.slug, plan.pk, year]))
        names.add(response["Content-Disposition"])
    assert len(names) == 2


def test_the_packet_pdf_shows_the_proposals_in_the_words_of_the_page(
    client, district, editor, approver
):
    from planning.models import Strategy
    from tests.test_admin_lock import form_data

    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    strategy = Strategy.objects.get(plan=plan)
    client.force_login(editor)
    change = reverse("recommend", args=[district.slug, plan.pk, "change", "strategy", strategy.pk])
    proposed = form_data(client.get(change)) | {
        "cost": "25000",
        "funding_source": "Title I",
        "why-rationale": "Tutoring needs its own money.",
    }
    assert client.post(change, proposed).status_code == 302
    mission = reverse("recommend_part", args=[district.slug, plan.pk, "mission"])
    client.post(mission, {"mission": "Every learner, every day.", "why-rationale": "Plainer."})
    packet = plan.packets.get()
    client.post(reverse("packet_forward", args=[district.slug, plan.pk, packet.pk]))
    client.force_login(approver)

    page = client.get(reverse("packet", args=[district.slug, plan.pk, packet.pk])).content.decode()
    text = text_of(
        pdf_of(client.get(reverse("packet_pdf", args=[district.slug, plan.pk, packet.pk])))
    )

    for words in (
        "Cost",
        "$25,000.00",
        "Funding source",
        "Title I",
        "Change the plan’s mission",
        "Every learner, every day.",
        "Awaiting decision",
    ):
        assert words in page, words
        assert words in text, words
    assert "25000" not in text and "funding_source" not in text and "plan:mission" not in text
