"""The one page of measures' own: how statuses are decided. The pages of a plan's
results are the plan's (planning.views.results)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from measures.status import Status, thresholds


@require_GET
def status_help(request):
    return render(request, "measures/status_help.html", {"within": thresholds(), "labels": Status})
