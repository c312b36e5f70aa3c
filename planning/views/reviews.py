"""The fall review's pages. Editors open reviews and write assessments; an
administrator closes a review; everyone in the district reads them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from measures.progress import plan_progress
from planning.access import node_in, plan_for
from planning.cycle import reviews
from planning.cycle.forms import AssessmentForm, OpenReviewForm
from planning.editing import record
from planning.models import Assessment, Change, Review
from planning.pages import fingerprint_of, form_status, page_context
from planning.plan_page import by_piece, kept_pieces, piece_of
from planning.tree import plan_tree


def review_for(request, district, plan_id, year, ability="read"):
    membership, plan = plan_for(request, district, plan_id, ability)
    review = get_object_or_404(plan.reviews.select_related("closed_by"), year=year)
    review.plan = plan
    return membership, plan, review


@require_http_methods(["GET", "POST"])
def review_list(request, district: str, plan_id: int):
    membership, plan = plan_for(
        request, district, plan_id, "edit" if request.method == "POST" else "read"
    )
    form = OpenReviewForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        review = reviews.open_review(plan, form.cleaned_data["year"], by=request.user)
        record(
            plan=plan,
            actor=request.user,
            action=Change.Action.ADDED,
            kind="plan",
            item_id=plan.pk,
            label=str(review),
        )
        return redirect("review", district, plan_id, review.year)
    return render(
        request,
        "planning/reviews.html",
        page_context(
            membership,
            plan,
            reviews=plan.reviews.all(),
            form=form,
            can_edit=membership.can_edit,
        ),
        status=422 if form.is_bound else 200,
    )


@require_GET
def review_detail(request, district: str, plan_id: int, year: int):
    membership, plan, review = review_for(request, district, plan_id, year)
    can_edit = membership.can_edit and review.is_open
    context = page_context(
        membership,
        plan,
        review=review,
        can_edit=can_edit,
        can_close=membership.can_administer and review.is_open,
    )

    def make(only):
        if not review.is_open:  # its record, as it was closed: one piece
            html = render_to_string("planning/review.html#goals", {**context, **review.record})
            return {"order": ["plan"]}, {"plan": (html, None)}
        tree = plan_tree(plan, only=only)
        progress = plan_progress(tree)
        content = reviews.content(review, progress)
        pairs = zip(progress.groups, content["goals"], strict=True)
        pieces = by_piece(tree, only, pairs, node_of=lambda pair: pair[0].node)
        made = {}
        for scope, listed in pieces.items():
            shown = {**context, **content, "goals": [goal for _, goal in listed]}
            made[scope] = (render_to_string("planning/review.html#goals", shown), None)
        return ({"order": list(pieces)}, made) if only is None else made

    # Kept rendered by goal (plan_page); what an editor sees differs by the edit links.
    _, pieces = kept_pieces(f"review-{review.pk}-{int(can_edit)}", plan, make)
    return render(request, "planning/review.html", {**context, "pieces": pieces})


@require_http_methods(["GET", "POST"])
def assessment_edit(request, district: str, plan_id: int, year: int, kind: str, head_id: int):
    membership, plan, review = review_for(request, district, plan_id, year, "edit")
    # Only the item assessed is read whole, with what is under it (planning.tree).
    tree = plan_tree(plan, only={f"{kind}-{head_id}"})
    head = node_in(tree, kind, head_id)
    back = reverse("review", args=[district, plan_id, year]) + f"#assessment-{kind}-{head.pk}"
    with transaction.atomic():
        if request.method == "POST":
            # Those who write a review's assessments take turns: a first assessment is
            # never written twice, and none lands on a review that has just closed.
            review = Review.objects.select_for_update().get(pk=review.pk)
            review.plan = plan
        if not review.is_open:
            raise PermissionDenied("This review is closed and kept as it was.")
        assessment = (
            Assessment.objects.select_related("written_by")
            .filter(review=review, **{kind: head.item})
            .first()
        )
        form = AssessmentForm(
            request.POST if request.method == "POST" else None, instance=assessment
        )
        saved = form.is_bound and form.is_valid() and not form.conflicts
        if saved:
            written = form.save(commit=False)
            written.review, written.written_by = review, request.user
            setattr(written, kind, head.item)
            written.save()
            record(
                plan=plan,
                actor=request.user,
                kind=kind,
                item_id=head.pk,
                action=Change.Action.CHANGED if assessment else Change.Action.ADDED,
                label=f"assessment of {head.label} in {review}",
                scope=piece_of(head),  # not the item itself added or moved
            )
    if saved and not request.htmx:
        messages.success(request, "Saved the assessment.")
        return redirect(back)
    if saved:
        content = reviews.content(review, plan_progress(tree))
        item = next(g for g in content["goals"] if (g["kind"], g["goal_id"]) == (kind, head.pk))
        context = page_context(membership, plan, review=review, goal=item, just_saved=True)
        return render(request, "planning/review.html#assessment", context)
    status, conflict = form_status(form, plan, (kind, head.pk))
    if conflict:
        # Edits to the item itself are recorded under the same name; the assessment
        # knows who last wrote it.
        conflict["by"] = {"actor": assessment.written_by, "at": assessment.written_at}
    context = page_context(
        membership,
        plan,
        review=review,
        head=head,
        form=form,
        back=back,
        action=reverse("assessment_edit", args=[district, plan_id, year, kind, head.pk]),
        conflict=conflict,
        fingerprint=fingerprint_of(form, conflict),
    )
    template = (
        "planning/assessment_edit.html#form" if request.htmx else "planning/assessment_edit.html"
    )
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def review_close(request, district: str, plan_id: int, year: int):
    membership, plan, review = review_for(request, district, plan_id, year, "administer")
    if request.method == "GET":
        if not review.is_open:
            messages.error(request, "This review is already closed.")
            return redirect("review", district, plan_id, year)
        unassessed = reviews.unassessed(reviews.content(review, plan_progress(plan_tree(plan))))
        back = reverse("review", args=[district, plan_id, year])
        context = page_context(
            membership,
            plan,
            heading=f"Close {review}?",
            crumb=f"Close {review}",
            explanation=[
                "Closing keeps the results, statuses and assessments as they are now. "
                "Nothing can be added to the review afterwards."
            ],
            warnings=unassessed,
            warnings_lead=f"No assessment has been written for {len(unassessed)} of them:",
            button="Close the review",
            action=reverse("review_close", args=[district, plan_id, year]),
            back=back,
        )
        return render(request, "planning/confirm.html", context)
    try:
        reviews.close_review(review, by=request.user)
    except reviews.ReviewClosed as problem:
        messages.error(request, str(problem))
        return redirect("review", district, plan_id, year)
    record(
        plan=plan,
        actor=request.user,
        action=Change.Action.CHANGED,
        kind="plan",
        item_id=plan.pk,
        label=f"{review}: closed",
    )
    messages.success(request, f"{review} is closed and kept as it is now.")
    return redirect("review", district, plan_id, year)
