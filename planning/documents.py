"""Board documents as PDFs: the plan, the annual progress report, the spring packet and
the one-page summary of how a plan was made.

Each is data first (the same objects the web pages show), then HTML, then a tagged
PDF (PDF/UA-1) made by WeasyPrint. WeasyPrint reads nothing but the app's own static
files (fonts, the print stylesheet) through SafeFetcher, whatever a user typed.
A document is made in the background by a task and kept until its plan changes.
"""

import mimetypes
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from measures.progress import plan_progress
from planning.cycle import reviews
from planning.models import Document, Packet, Plan, Review, UpdateWindow
from planning.tree import plan_tree
from planning.updates import board_update

STATIC_ROOT_URL = "https://static.plans.invalid/"


class SafeFetcher(URLFetcher):
    """Serves the app's own static files and refuses every other address."""

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_ROOT_URL):
            raise ValueError(f"Documents read only the app's own files, not {url[:80]}")
        relative = url.removeprefix(STATIC_ROOT_URL).split("?")[0].split("#")[0]
        if ".." in Path(relative).parts:
            raise ValueError("No way out of the static files")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"No static file {relative}")
        mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": mime})


# Just after the dash of a school year (2024–25) or a span of years (2019–2024).
YEAR_DASH = re.compile(r"(?<=(?<!\d)\d{4}–)(?=(?:\d{2}|\d{4})(?!\d))")
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)


def years_whole(html: str) -> str:
    """The document with each school year in its tables held whole: a word joiner after
    the dash keeps a narrow cell from breaking 2024–25 there. The joiner has no glyph of
    its own, so the PDF's text, copied or read aloud, is still 2024–25. Headings, and so
    the bookmarks and the title, are left as they are."""
    return TABLE.sub(lambda table: YEAR_DASH.sub("\u2060", table[0]), html)


def render_pdf(html: str) -> tuple[bytes, int]:
    """The tagged PDF (PDF/UA-1) and its number of pages."""
    html = HTML(string=years_whole(html), base_url=STATIC_ROOT_URL, url_fetcher=SafeFetcher())
    laid_out = html.render(pdf_variant="pdf/ua-1")
    return laid_out.write_pdf(pdf_variant="pdf/ua-1"), len(laid_out.pages)


def made_from(plan: Plan, kind: str, subject: int) -> str:
    """What a document reflects; when it changes, a kept document is out of date.
    Every change to a plan, its results, reviews and recommendations is recorded
    through planning.editing.record, which moves the plan's updated_at."""
    key = plan.updated_at.isoformat()
    if kind == Document.Kind.PACKET:
        packet = Packet.objects.get(pk=subject, plan=plan)
        decided = packet.recommendations.exclude(decided_at=None).count()
        key += f"|{packet.state}|{decided}"
    return key


def _plan_html(document: Document, plan: Plan, context: dict) -> str:
    progress = plan_progress(plan_tree(plan))
    progress.read_in(progress.latest_year_with_results)
    return render_to_string(
        "documents/plan.html", {**context, "progress": progress, "tree": progress.tree}
    )


def _public_html(document: Document, plan: Plan, context: dict) -> str:
    """The plan as anyone may read it: the district's own notes stay out (views.public)."""
    plan.notes = ""
    return _plan_html(document, plan, context)


def _progress_html(document: Document, plan: Plan, context: dict) -> str:
    review = Review.objects.get(plan=plan, year=document.subject)
    review.plan = plan
    content = reviews.content(review)
    for goal in content["goals"]:
        # A measure without a result in the year gets a line, not a table of dashes.
        goal["shown"] = [m for m in goal["measures"] if reviews.has_data(m)]
        goal["without"] = [m["reference"] for m in goal["measures"] if not reviews.has_data(m)]
    return render_to_string(
        "documents/progress_report.html",
        {**context, "review": review, "content": content, "summary": reviews.summary(content)},
    )


def _packet_html(document: Document, plan: Plan, context: dict) -> str:
    packet = Packet.objects.get(plan=plan, pk=document.subject)
    recommendations = packet.recommendations.exclude(state="withdrawn")
    return render_to_string(
        "documents/packet.html",
        {
            **context,
            "packet": packet,
            "recommendations": recommendations.select_related("decided_by"),
        },
    )


def _board_html(document: Document, plan: Plan, context: dict) -> str:
    window = UpdateWindow.objects.get(plan=plan, pk=document.subject)
    return render_to_string(
        "documents/board_update.html", {**context, "report": board_update(plan, window)}
    )


# How each kind of document is written as HTML. The plan's making adds its own summary
# (making.apps), so that planning need not know it.
HTML_FOR: dict[str, Callable[[Document, Plan, dict], str]] = {
    Document.Kind.PLAN: _plan_html,
    Document.Kind.PUBLIC: _public_html,
    Document.Kind.PROGRESS: _progress_html,
    Document.Kind.PACKET: _packet_html,
    Document.Kind.BOARD_UPDATE: _board_html,
}


def html_for(document: Document) -> str:
    plan = Plan.objects.select_related("district").get(pk=document.plan_id)
    context = {
        "plan": plan,
        "district": plan.district,
        "static": STATIC_ROOT_URL,
        "made_at": timezone.now(),
    }
    return HTML_FOR[document.kind](document, plan, context)


@task()
def make_document(document_id: int) -> None:
    document = Document.objects.get(pk=document_id)
    Document.objects.filter(pk=document_id).update(state=Document.State.MAKING, progress=20)
    try:
        html = html_for(document)
        Document.objects.filter(pk=document_id).update(progress=50)
        pdf, pages = render_pdf(html)
    except Exception as problem:
        Document.objects.filter(pk=document_id).update(
            state=Document.State.FAILED, problem=str(problem)[:2000], finished_at=timezone.now()
        )
        raise
    Document.objects.filter(pk=document_id).update(
        state=Document.State.READY,
        progress=100,
        pdf=pdf,
        pages=pages,
        finished_at=timezone.now(),
    )


def request_document(
    plan: Plan, kind: str, subject: int = 0, retry_after: timedelta = timedelta(0)
) -> Document:
    """The up-to-date document, asked to be made if it is not yet; old ones are dropped.
    One that could not be made is tried again once retry_after has passed since."""
    key = made_from(plan, kind, subject)
    with transaction.atomic():
        document, created = Document.objects.get_or_create(
            plan=plan, kind=kind, subject=subject, made_from=key
        )
        if created:
            Document.objects.filter(plan=plan, kind=kind, subject=subject).exclude(
                pk=document.pk
            ).delete()
    failed = document.state == Document.State.FAILED
    if created or (failed and _queued_again(document, retry_after)):
        make_document.enqueue(document.pk)
    return document


def _queued_again(document: Document, retry_after: timedelta) -> bool:
    """Whether a failed document is now queued again (by this request, and no other)."""
    return bool(
        Document.objects.filter(
            pk=document.pk,
            state=Document.State.FAILED,
            finished_at__lte=timezone.now() - retry_after,
        ).update(state=Document.State.QUEUED, progress=0, problem="")
    )
