"""A district administrator downloads a whole plan as JSON or uploads one as a new plan."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from districts.access import member
from planning.access import plan_for
from planning.exchange import (
    MAX_BYTES,
    PlanFileError,
    export_plan,
    import_notes,
    import_plan,
    read,
)
from planning.forms import NewPlanForm, PlanFileForm
from planning.plan_file import start_plan
from planning.titles import titled


@require_GET
def plan_export(request, district: str, plan_id: int):
    _, plan = plan_for(request, district, plan_id, "administer")
    body = json.dumps(export_plan(plan), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = slugify(f"{plan.district.name} {titled(plan).replace('–', '-')}")
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@require_http_methods(["GET", "POST"])
def plan_import(request, district: str):
    membership = member(request.user, district, "administer")
    form = PlanFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # No more is read than a plan file may hold: a larger one is refused unread.
            raw = form.cleaned_data["file"].read(MAX_BYTES + 1)
            data = read(raw)
            plan = import_plan(membership.district, data)
        except PlanFileError as wrong:
            for problem in wrong.problems:
                form.add_error("file", problem)
        else:
            messages.success(
                request, f"Uploaded {titled(plan)} as a new plan of {membership.district}."
            )
            for note in import_notes(plan, data["plan"]):
                messages.info(request, note)
            return redirect("plan", district, plan.pk)
    return render(
        request,
        "planning/import.html",
        {"membership": membership, "district": membership.district, "form": form},
        status=422 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def plan_new(request, district: str):
    membership = member(request.user, district, "administer")
    form = NewPlanForm(request.POST or None, district=membership.district)
    if request.method == "POST" and form.is_valid():
        plan = start_plan(membership.district, form.cleaned_data)
        messages.success(request, f"Created {titled(plan)} as a draft.")
        return redirect("plan", district, plan.pk)
    return render(
        request,
        "planning/plan_new.html",
        {"membership": membership, "district": membership.district, "form": form},
        status=422 if form.is_bound else 200,
    )
