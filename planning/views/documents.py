"""Downloading the board's documents. A kept, up-to-date PDF is served at once;
otherwise it is made in the background while the page shows how far it has got."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from planning.access import plan_for
from planning.documents import request_document
from planning.models import Development, Document
from planning.pages import page_context


@require_GET
def document(request, district: str, plan_id: int, kind: str, subject: int = 0):
    membership, plan = plan_for(request, district, plan_id)
    if kind == Document.Kind.PROGRESS:
        get_object_or_404(plan.reviews, year=subject)
    elif kind == Document.Kind.PACKET:
        get_object_or_404(plan.packets, pk=subject)
    elif kind == Document.Kind.MAKING:
        get_object_or_404(Development, plan=plan)
    elif kind != Document.Kind.PLAN or subject:
        raise Http404("No such document")
    made = request_document(plan, kind, subject)
    made.refresh_from_db()
    if made.state == Document.State.READY:
        if request.htmx:  # the progress page asks again: send the browser to the file
            return HttpResponseClientRedirect(request.get_full_path())
        return pdf_response(made, plan)
    context = page_context(
        membership,
        plan,
        document=made,
    )
    if request.htmx:
        return render(request, "planning/document_progress.html#status", context, status=202)
    return render(request, "planning/document_progress.html", context, status=202)


def pdf_response(made: Document, plan) -> HttpResponse:
    name = slugify(
        f"{plan.district.name} {made.get_kind_display()} {plan.period.replace('–', '-')}"
    )
    response = HttpResponse(bytes(made.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
