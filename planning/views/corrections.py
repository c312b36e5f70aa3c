"""An administrator's correction of an adopted plan's commitment: a typo in a goal's
title, in the mission… Saved directly, with its required reason, and recorded as a
correction (Change.correction): history, versions and comparisons show it apart from
the approved changes (planning.editing.locked lets nothing else through)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from planning import editing
from planning.access import node_in, plan_for
from planning.cycle.forms import CorrectionForm
from planning.editing import label_of
from planning.kinds import KINDS, PART_NAMES, PARTS
from planning.models import Plan
from planning.pages import fingerprint_of, form_status, page_context, plan_url
from planning.tree import plan_tree


@require_http_methods(["GET", "POST"])
def item_correct(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "administer")
    _must_be_adopted(plan)
    node = node_in(plan_tree(plan, only={f"{kind}-{pk}"}), kind, pk)
    kind_ = KINDS[kind]
    label = label_of(kind_, plan, node)
    with transaction.atomic():
        item = node.item
        if request.method == "POST":
            item = kind_.model.objects.select_for_update().get(pk=pk)
        form = kind_.form_for(plan, request.POST or None, instance=item)
        reason = CorrectionForm(request.POST or None, prefix="why")
        if _valid(request, form, reason):
            editing.save_edit(
                form,
                kind=kind_,
                plan=plan,
                actor=request.user,
                label=label,
                correction=reason.cleaned_data["reason"],
            )
            messages.success(request, f"Corrected {label}.")
            return redirect(plan_url(plan, f"{kind}-{pk}"))
    return _page(request, membership, plan, form, reason, label, (kind, pk), f"{kind}-{pk}")


@require_http_methods(["GET", "POST"])
def part_correct(request, district: str, plan_id: int, part: str):
    membership, plan = plan_for(request, district, plan_id, "administer")
    _must_be_adopted(plan)
    label = f"Plan: {PART_NAMES[part]}"
    with transaction.atomic():
        if request.method == "POST":
            plan = Plan.objects.select_for_update().get(pk=plan.pk)
            plan.district = membership.district
        form = PARTS[part](request.POST or None, instance=plan)
        reason = CorrectionForm(request.POST or None, prefix="why")
        if _valid(request, form, reason):
            editing.save_section(
                form,
                plan=plan,
                actor=request.user,
                label=label,
                scope="plan" if part == "header" else "head",
                correction=reason.cleaned_data["reason"],
            )
            messages.success(request, f"Corrected the {label.removeprefix('Plan: ')}.")
            return redirect(plan_url(plan, f"part-{part}"))
    return _page(request, membership, plan, form, reason, label, ("plan", plan.pk), f"part-{part}")


def _must_be_adopted(plan: Plan) -> None:
    # A draft is edited in place; a correction is how an adopted plan is.
    if plan.status != Plan.Status.ADOPTED:
        raise Http404("Only an adopted plan is corrected; edit a draft in place.")


def _valid(request, form, reason) -> bool:
    return request.method == "POST" and (form.is_valid() & reason.is_valid()) and not form.conflicts


def _page(request, membership, plan, form, reason, label, recorded_as, anchor):
    status, conflict = form_status(form, plan, recorded_as)
    if reason.is_bound and reason.errors:
        status = 422
    context = page_context(
        membership,
        plan,
        form=form,
        reason=reason,
        label=label,
        conflict=conflict,
        fingerprint=fingerprint_of(form, conflict),
        back=plan_url(plan, anchor),
    )
    return render(request, "planning/correct.html", context, status=status)
