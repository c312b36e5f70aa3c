"""Downloading the board's documents: the plan, a fall review's progress report and a
spring packet, each found through the plan of the person asking."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from planning.access import plan_for
from planning.models import Document
from planning.pages import document_response


@require_GET
def document(request, district: str, plan_id: int, kind: str, subject: int = 0):
    membership, plan = plan_for(request, district, plan_id)
    if kind == Document.Kind.PROGRESS:
        get_object_or_404(plan.reviews, year=subject)
    elif kind == Document.Kind.BOARD_UPDATE:
        get_object_or_404(plan.update_windows, pk=subject)
    elif kind == Document.Kind.PACKET:
        get_object_or_404(plan.packets, pk=subject)
    elif kind != Document.Kind.PLAN or subject:
        raise Http404("No such document")
    return document_response(request, membership, plan, kind, subject)
