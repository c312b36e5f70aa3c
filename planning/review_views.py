"""The fall review's pages. Editors open reviews and write assessments; an
administrator closes a review; everyone in the district reads them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districts.access import require_administrator
from measures.progress import plan_progress
from planning import reviews
from planning.editing import record
from planning.models import Assessment, Change, school_year_label
from planning.views import plan_for


class OpenReviewForm(forms.Form):
    year = forms.TypedChoiceField(label="School year to review", coerce=int)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(plan.reviews.values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, school_year_label(year)) for year in plan.school_years if year not in taken
        ]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["rating", "text", "meeting_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
            "rating": forms.RadioSelect,
        }


def review_for(request, district, plan_id, year):
    membership, plan = plan_for(request, district, plan_id)
    review = get_object_or_404(plan.reviews.select_related("closed_by"), year=year)
    review.plan = plan
    return membership, plan, review


@require_http_methods(["GET", "POST"])
def review_list(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id, edit=request.method == "POST")
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
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "reviews": plan.reviews.all(),
            "form": form,
            "can_edit": membership.can_edit,
        },
        status=422 if form.is_bound else 200,
    )


@require_GET
def review_detail(request, district: str, plan_id: int, year: int):
    membership, plan, review = review_for(request, district, plan_id, year)
    return render(
        request,
        "planning/review.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "review": review,
            "content": reviews.content(review, plan_progress(plan)),
            "can_edit": membership.can_edit and review.is_open,
            "can_close": membership.can_administer and review.is_open,
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_edit(request, district: str, plan_id: int, year: int, goal_id: int):
    membership, plan, review = review_for(request, district, plan_id, year)
    if not membership.can_edit:
        raise PermissionDenied("Only the steering committee writes assessments.")
    if not review.is_open:
        raise PermissionDenied("This review is closed and kept as it was.")
    goal = get_object_or_404(plan.goals, pk=goal_id)
    assessment = Assessment.objects.filter(review=review, goal=goal).first()
    form = AssessmentForm(request.POST or None, instance=assessment)
    back = reverse("review", args=[district, plan_id, year]) + f"#assessment-{goal.pk}"
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.review, saved.goal, saved.written_by = review, goal, request.user
        saved.save()
        record(
            plan=plan,
            actor=request.user,
            kind="goal",
            item_id=goal.pk,
            action=Change.Action.CHANGED if assessment else Change.Action.ADDED,
            label=f"assessment of {plan.goal_label} {goal.order} in {review}",
        )
        if not request.htmx:
            messages.success(request, "Saved the assessment.")
            return redirect(back)
        content = reviews.content(review, plan_progress(plan))
        item = next(g for g in content["goals"] if g["goal_id"] == goal.pk)
        return render(
            request,
            "planning/review.html#assessment",
            {
                "plan": plan,
                "district": membership.district,
                "review": review,
                "goal": item,
                "can_edit": True,
                "just_saved": True,
            },
        )
    context = {
        "membership": membership,
        "district": membership.district,
        "plan": plan,
        "review": review,
        "goal": goal,
        "form": form,
        "back": back,
        "action": reverse("assessment_edit", args=[district, plan_id, year, goal.pk]),
    }
    template = (
        "planning/assessment_edit.html#form" if request.htmx else "planning/assessment_edit.html"
    )
    return render(request, template, context, status=422 if form.is_bound else 200)


@require_POST
def review_close(request, district: str, plan_id: int, year: int):
    membership, plan, review = review_for(request, district, plan_id, year)
    require_administrator(membership, "closes a review")
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
