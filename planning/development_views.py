"""A plan in development: its phases, with planned and actual dates, status and lead."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from districts.access import membership_for, require_administrator, require_editor
from planning.editing import record
from planning.exchange_views import NewPlanForm, start_plan
from planning.models import Change, Development, Phase
from planning.views import plan_for


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["status", "lead", "planned_start", "planned_end", "actual_start", "actual_end"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"})
            for name in ("planned_start", "planned_end", "actual_start", "actual_end")
        }

    def clean(self):
        cleaned = super().clean()
        for which in ("planned", "actual"):
            start, end = cleaned.get(f"{which}_start"), cleaned.get(f"{which}_end")
            if start and end and end < start:
                self.add_error(f"{which}_end", f"The {which} end cannot come before its start.")
        return cleaned


@require_http_methods(["GET", "POST"])
def development_new(request, district: str):
    membership = membership_for(request.user, district)
    require_administrator(membership, "starts a plan in development")
    form = NewPlanForm(request.POST or None, district=membership.district)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = start_plan(membership.district, form.cleaned_data)
            development = Development.objects.create(plan=plan, started_by=request.user)
            Phase.objects.bulk_create(
                Phase(development=development, order=n, name=name)
                for n, name in enumerate(Phase.PHASES, start=1)
            )
        messages.success(request, f"Started making {plan}.")
        return redirect("development", district, plan.pk)
    return render(
        request,
        "planning/development_new.html",
        {"membership": membership, "district": membership.district, "form": form},
        status=422 if form.is_bound else 200,
    )


@require_GET
def development(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    development = get_object_or_404(Development, plan=plan)
    return render(
        request,
        "planning/development.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "development": development,
            "phases": development.phases.all(),
            "can_edit": membership.can_edit,
        },
    )


@require_http_methods(["GET", "POST"])
def phase_edit(request, district: str, plan_id: int, phase_id: int):
    membership, plan = plan_for(request, district, plan_id)
    require_editor(membership)
    phase = get_object_or_404(Phase, pk=phase_id, development__plan=plan)
    form = PhaseForm(request.POST or None, instance=phase)
    context = {
        "membership": membership,
        "district": membership.district,
        "plan": plan,
        "form": form,
        "phase": phase,
        "can_edit": True,
        "action": reverse("phase_edit", args=[district, plan_id, phase.pk]),
        "back": reverse("development", args=[district, plan_id]) + f"#phase-{phase.pk}",
    }
    if request.method == "POST" and form.is_valid():
        form.save()
        record(
            plan=plan,
            actor=request.user,
            action=Change.Action.CHANGED,
            kind="plan",
            item_id=plan.pk,
            label=f"Phase {phase.order}: {phase.name}",
        )
        if not request.htmx:
            return redirect(context["back"])
        return render(request, "planning/development.html#phase", {**context, "just_saved": True})
    template = "planning/phase_edit.html#form" if request.htmx else "planning/phase_edit.html"
    return render(request, template, context, status=422 if form.is_bound else 200)
