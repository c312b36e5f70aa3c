"""The plan page: the whole plan as one page, its activity, and the plan's own parts
(title and period, mission, vision, labels...) edited in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from planning import editing, plan_find
from planning.access import may_shape, plan_for
from planning.forms import LevelForm, YearsForm
from planning.kinds import KINDS, PART_NAMES, PARTS
from planning.models import Change, Plan
from planning.pages import (
    edit_form_response,
    locked_response,
    out_of_band,
    page_context,
    plan_url,
    recent_activity,
    with_activity,
)
from planning.plan_page import plan_page
from planning.tree import plan_tree


@require_GET
def plan_detail(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    context = page_context(membership, plan, can_shape=may_shape(membership, plan))
    undo_change = None
    if membership.can_edit and request.GET.get("deleted", "").isdigit():
        undo_change = plan.changes.filter(
            pk=request.GET["deleted"],
            action=Change.Action.DELETED,
            item_kind__in=KINDS,
            undone=False,
        ).first()
    page = plan_page(plan, membership)
    found = None
    asked = plan_find.asked_of(request.GET)
    if asked:
        found = plan_find.find(plan, asked)
        # A narrowed tree is for reading: its items are not edited, moved or added to.
        context["can_edit"] = False
    context |= {
        "page": page,
        "adds": page.adds,
        "activity": recent_activity(plan),
        "undo_change": undo_change,
        "found": found,
        "find_choices": plan_find.choices(page),
    }
    if request.htmx and request.htmx.target == "plan-found":
        return _found_in_place(request, plan, asked, context)
    response = render(request, "planning/plan_detail.html", context)
    # The same address answers htmx with a part of the page: never one for the other.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _found_in_place(request, plan: Plan, asked: dict[str, str], context: dict):
    """The filter's answer, in place: the found items, and beside them the count (in the
    page's status region), the summary grid and the sections, each where it stands."""
    parts = ("found_said", "summary", "beside")
    response = render(request, "planning/plan_detail.html#found", context)
    out_of_band(request, response, *((f"planning/plan_detail.html#{p}", context) for p in parts))
    patch_vary_headers(response, ["HX-Request"])
    if not request.htmx.history_restore_request:  # Back asks again for an address it has
        address = plan_url(plan)
        response["HX-Push-Url"] = f"{address}?{urlencode(asked)}" if asked else address
    return response


@require_GET
def plan_activity(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    changes = plan.changes.select_related("actor", "recommendation__decided_by")[:500]
    return render(
        request,
        "planning/activity.html",
        page_context(
            membership,
            plan,
            changes=changes,
            title="Recent activity",
        ),
    )


# The plan's own parts: title and period, mission, vision, labels... -------------------


@require_GET
def part_detail(request, district: str, plan_id: int, part: str):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    return render(
        request,
        f"planning/plan_detail.html#part_{part}",
        page_context(membership, plan, tree=tree),
    )


@require_http_methods(["GET", "POST"])
def part_edit(request, district: str, plan_id: int, part: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    form_class = PARTS[part]
    target = f"part-{part}"
    action = reverse("part_edit", args=[district, plan_id, part])
    cancel = reverse("part", args=[district, plan_id, part])
    # On an adopted plan, the same form proposes the change to the spring packet.
    propose = reverse("recommend_part", args=[district, plan_id, part])
    try:
        editing.locked(plan, "plan", form_class._meta.fields)
    except editing.Locked as problem:
        return locked_response(request, membership, plan, problem, propose)
    if request.method == "GET":
        return edit_form_response(
            request, membership, plan, form_class(instance=plan), target, action, cancel
        )

    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        plan.district = membership.district
        form = form_class(request.POST, instance=plan)
        if not form.is_valid() or form.conflicts:
            return edit_form_response(request, membership, plan, form, target, action, cancel)
        try:
            editing.save_section(
                form,
                plan=plan,
                actor=request.user,
                label=f"Plan: {part_name(part)}",
                # The title and years show across the page; the others in its head.
                scope="plan" if part == "header" else "head",
            )
        except editing.Locked as problem:
            transaction.set_rollback(True)
            return locked_response(request, membership, plan, problem, propose)
    if not request.htmx:
        messages.success(request, f"Saved the {part_name(part)}.")
        return redirect(plan_url(plan, target))
    tree = plan_tree(plan)
    response = render(
        request,
        f"planning/plan_detail.html#part_{part}",
        page_context(membership, plan, tree=tree, just_saved=True),
    )
    return with_activity(request, response, plan)


def part_name(part: str) -> str:
    return PART_NAMES[part]


@require_http_methods(["GET", "POST"])
def plan_structure(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    if plan.status == Plan.Status.ADOPTED and membership.can_edit:
        return _adopted_structure(request, membership, plan)
    if not may_shape(membership, plan):
        raise PermissionDenied(
            "Only an administrator, or an editor of a draft, sets its structure; an "
            "adopted plan's structure changes only by an approved recommendation."
        )
    data = request.POST if request.method == "POST" else None
    forms = [
        LevelForm(data, instance=level, prefix=level.slot) for level in plan.levels_by_slot.values()
    ]
    years = YearsForm(data, instance=plan, prefix="plan")
    if data is not None and all(f.is_valid() and not f.conflicts for f in [*forms, years]):
        try:
            with transaction.atomic():
                for form in forms:
                    editing.save_section(
                        form, plan=plan, actor=request.user, label="Plan: structure"
                    )
                editing.save_section(years, plan=plan, actor=request.user, label="Plan: its years")
        except editing.Locked as problem:
            return locked_response(request, membership, plan, problem)
        messages.success(request, "Saved the plan's levels and numbering.")
        return redirect(plan_url(plan, "goals"))
    status = 200 if data is None else 409 if not any(f.errors for f in [*forms, years]) else 422
    context = page_context(
        membership,
        plan,
        levels=[(SLOT_NAMES[form.instance.slot], form) for form in forms],
        years=years,
        sections=plan.sections.order_by("order"),
    )
    return render(request, "planning/structure.html", context, status=status)


def _adopted_structure(request, membership, plan: Plan):
    """An adopted plan's structure as it stands, each level with the way to propose its
    change: it is part of what the board adopted (planning.editing.locked)."""
    refused = request.method == "POST"
    context = page_context(
        membership,
        plan,
        levels=[(SLOT_NAMES[level.slot], level) for level in plan.levels_by_slot.values()],
        sections=plan.sections.order_by("order"),
        refused=refused,
    )
    return render(request, "planning/structure.html", context, status=403 if refused else 200)


SLOT_NAMES = {
    "pillar": "The level above goals",
    "goal": "Goals",
    "objective": "Objectives",
    "strategy": "Strategies",
    "action_step": "The level below strategies",
    "measure": "Measures",
}
