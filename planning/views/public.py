"""The public pages: published plans and their progress, for families and the
community, with no login. Drafts, notes, histories and unpublished plans never show."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from measures import charts
from measures.progress import plan_progress
from planning.access import plan_for
from planning.documents import request_document
from planning.editing import record
from planning.models import Change, Document, Plan
from planning.pages import page_context, pdf_download, plan_url
from planning.plan_page import kept
from planning.tree import plan_tree


@login_not_required
@require_GET
def public_plans(request):
    plans = Plan.objects.public().select_related("district").order_by("district__name", "title")
    return render(request, "planning/public_plans.html", {"plans": plans})


def _published(district: str, plan_id: int) -> Plan:
    return get_object_or_404(
        Plan.objects.public().select_related("district"), pk=plan_id, district__slug=district
    )


@login_not_required
@require_GET
def public_plan(request, district: str, plan_id: int):
    plan = _published(district, plan_id)
    context = {"plan": plan, "district": plan.district}

    def article():
        progress = plan_progress(plan_tree(plan))
        year = progress.latest_year_with_results
        progress.read_in(year)
        for measure in progress.measures:
            measure.chart = charts.trend_chart(measure, plan)
        read = {**context, "tree": progress.tree, "year": year}
        return render_to_string("planning/public_plan.html#article", read)

    context["article"] = kept("public-page", plan, article)
    return render(request, "planning/public_plan.html", context)


PUBLIC_RETRY = timedelta(minutes=15)


@login_not_required
@require_GET
def public_plan_pdf(request, district: str, plan_id: int):
    """The published plan as a PDF for anyone. It is made once per change of the plan, in
    the background, and kept: a visitor's click never costs a render of its own."""
    plan = _published(district, plan_id)
    # A visitor's reload does not start a failing render again and again.
    made = request_document(plan, Document.Kind.PUBLIC, retry_after=PUBLIC_RETRY)
    made.refresh_from_db()
    if made.state == Document.State.READY:
        return pdf_download(plan, made)
    context = {"plan": plan, "district": plan.district, "document": made}
    return render(request, "planning/public_document.html", context, status=202)


@require_http_methods(["GET", "POST"])
def plan_publish(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id, "administer")
    if request.method == "GET":
        context = page_context(membership, plan, back=plan_url(plan))
        return render(request, "planning/publish.html", context)
    publish = request.POST.get("publish") == "1"
    if publish and plan.status == Plan.Status.DRAFT:
        messages.error(request, "A draft plan cannot be published; adopt it first.")
        return redirect("plan", district, plan_id)
    Plan.objects.filter(pk=plan.pk).update(published=publish)
    record(
        plan=plan,
        actor=request.user,
        action=Change.Action.CHANGED,
        kind="plan",
        item_id=plan.pk,
        label="Published" if publish else "Unpublished",
    )
    if publish:
        # Made now, in the background, so that the first visitor to ask does not wait.
        plan.refresh_from_db(fields=["updated_at"])
        request_document(plan, Document.Kind.PUBLIC, retry_after=PUBLIC_RETRY)
    messages.success(
        request,
        "The plan is published: anyone can read it."
        if publish
        else "The plan is no longer public.",
    )
    return redirect("plan", district, plan_id)
