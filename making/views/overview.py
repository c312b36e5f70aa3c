"""The pages of a plan's making: its overview, the diagnostic, stakeholder input and
the priorities; and the steps that start it, move its phases on, carry a measure of
the plan it replaces into the draft, and adopt it."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districts.access import member
from making import adoption, forms
from making.diagnostic import carry_measure, places_in
from making.entries import PHASE
from making.models import Phase, short
from making.pages import PAGES, making_context, making_for, page_url
from measures.models import Measure
from planning import editing
from planning.access import plan_for
from planning.models import Document
from planning.pages import document_response, fingerprint_of, form_status, page_context
from planning.titles import titled


def making_page(page: str):
    @require_GET
    def view(request, district: str, plan_id: int):
        membership, _, making = making_for(request, district, plan_id)
        context = making_context(membership, making, page)
        return render(request, PAGES[page].template, context)

    view.__name__ = page
    return view


overview = making_page("making")
diagnostic = making_page("making_diagnostic")
stakeholder_input = making_page("making_input")
priorities = making_page("making_priorities")


@require_GET
def summary_pdf(request, district: str, plan_id: int):
    membership, plan, _ = making_for(request, district, plan_id)
    return document_response(request, membership, plan, Document.Kind.MAKING)


@require_http_methods(["GET", "POST"])
def making_new(request, district: str):
    membership = member(request.user, district, "administer")
    form = forms.MakingForm(request.POST or None, district=membership.district)
    if request.method == "POST" and form.is_valid():
        made = adoption.start_making(membership.district, form.cleaned_data, actor=request.user)
        messages.success(request, f"Started making {titled(made.plan)}.")
        return redirect("making", district, made.plan.pk)
    return render(
        request,
        "making/new.html",
        {"membership": membership, "district": membership.district, "form": form},
        status=422 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def phase_edit(request, district: str, plan_id: int, phase_id: int):
    # Phases stay editable after adoption: implementing the plan is the last of them.
    membership, plan = plan_for(request, district, plan_id, "edit")
    phase = get_object_or_404(Phase, pk=phase_id, making__plan=plan)
    back = reverse("making", args=[district, plan_id]) + f"#phase-{phase.pk}"
    with transaction.atomic():
        if request.method == "POST":
            phase = Phase.objects.select_for_update().get(pk=phase.pk)
        form = PHASE.form_for(plan, request.POST or None, instance=phase)
        saved = request.method == "POST" and form.is_valid() and not form.conflicts
        if saved:
            label = f"Phase {phase.order}: {phase.name}"
            editing.save_edit(form, kind=PHASE, plan=plan, actor=request.user, label=label)
    if saved and not request.htmx:
        return redirect(back)
    status, conflict = form_status(form, plan, ("phase", phase.pk))
    context = page_context(
        membership,
        plan,
        form=form,
        phase=phase,
        action=reverse("phase_edit", args=[district, plan_id, phase.pk]),
        back=back,
        conflict=conflict,
        fingerprint=fingerprint_of(form, conflict),
    )
    if saved:
        return render(request, "making/overview.html#phase", {**context, "just_saved": True})
    if request.htmx and not form.is_bound:
        form.fields["status"].widget.attrs["autofocus"] = True
    template = "making/phase_edit.html#form" if request.htmx else "making/phase_edit.html"
    return render(request, template, context, status=status)


@require_POST
def carry(request, district: str, plan_id: int, measure_id: int):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    source = get_object_or_404(
        Measure.objects.select_related("plan"), pk=measure_id, plan=making.follows_id or 0
    )
    form = forms.CarryForm(request.POST, places=places_in(plan))
    carried = None
    if form.is_valid():
        under = form.cleaned_data["under"]
        carried = carry_measure(source, making=making, under=under, actor=request.user)
    if not request.htmx:
        if carried:
            messages.success(request, f"Carried “{short(source)}” into the draft.")
        else:
            messages.error(request, " ".join(form.errors["under"]))
        return redirect(page_url(plan, "making_diagnostic", f"gap-{source.pk}"))
    context = making_context(membership, making, "making_diagnostic")
    gap = next(gap for gap in context["gaps"] if gap.measure.pk == source.pk)
    return render(
        request,
        "making/diagnostic.html#gap",
        {**context, "gap": gap, "carry_form": form, "just_carried": carried},
        status=200 if carried else 422,
    )


@require_http_methods(["GET", "POST"])
def adopt(request, district: str, plan_id: int):
    membership, plan, making = making_for(request, district, plan_id, "administer")
    if request.method == "GET":
        if making.is_adopted:
            return redirect("plan", district, plan.pk)
        follows = making.follows
        context = page_context(
            membership,
            plan,
            heading=f"Adopt {titled(plan)}?",
            crumb="Adopt the plan",
            explanation=[
                f"It becomes the district's plan for {plan.period}, as version 1"
                + (f", and {titled(follows)} is marked as ended." if follows else ".")
                + " Its making is then kept, unchanged, as the record of how the plan was "
                "made. Adoption cannot be undone.",
            ],
            button=f"Adopt {titled(plan)}",
            action=reverse("making_adopt", args=[district, plan.pk]),
            back=page_url(plan, "making", "adoption"),
        )
        return render(request, "planning/confirm.html", context)
    try:
        adoption.adopt(making, actor=request.user)
    except adoption.CannotAdopt as problem:
        messages.error(request, str(problem))
        return redirect(page_url(plan, "making", "adoption"))
    follows = making.follows
    ended = f" {titled(follows)} has ended." if follows else ""
    messages.success(request, f"Adopted {titled(plan)} as version 1.{ended}")
    return redirect("plan", district, plan.pk)
