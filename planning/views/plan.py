"""The plan page: the whole plan as one page, its activity, and the plan's own parts
(title and period, mission, vision, labels...) edited in place."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from planning import editing
from planning.access import plan_for
from planning.kinds import KINDS, SECTIONS
from planning.models import Change, Plan
from planning.pages import (
    edit_form_response,
    page_context,
    plan_url,
    recent_activity,
    with_activity,
)
from planning.tree import plan_tree


@require_GET
def plan_detail(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    undo_change = None
    if membership.can_edit and request.GET.get("deleted", "").isdigit():
        undo_change = plan.changes.filter(
            pk=request.GET["deleted"],
            action=Change.Action.DELETED,
            item_kind__in=KINDS,
            undone=False,
        ).first()
    return render(
        request,
        "planning/plan_detail.html",
        page_context(
            membership,
            plan,
            tree=tree,
            activity=recent_activity(plan),
            undo_change=undo_change,
        ),
    )


@require_GET
def plan_activity(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    changes = plan.changes.select_related("actor")[:500]
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
def section_detail(request, district: str, plan_id: int, section: str):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    return render(
        request,
        f"planning/plan_detail.html#section_{section}",
        page_context(membership, plan, tree=tree),
    )


@require_http_methods(["GET", "POST"])
def section_edit(request, district: str, plan_id: int, section: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    form_class = SECTIONS[section]
    target = f"section-{section}"
    action = reverse("section_edit", args=[district, plan_id, section])
    cancel = reverse("section", args=[district, plan_id, section])
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
        editing.save_section(
            form, plan=plan, actor=request.user, label=f"Plan: {section_name(section)}"
        )
    if not request.htmx:
        messages.success(request, f"Saved the {section_name(section)}.")
        return redirect(plan_url(plan, target))
    tree = plan_tree(plan)
    response = render(
        request,
        f"planning/plan_detail.html#section_{section}",
        page_context(membership, plan, tree=tree, just_saved=True),
    )
    return with_activity(request, response, plan)


def section_name(section: str) -> str:
    return {
        "header": "title and period",
        "mission": "mission",
        "vision": "vision",
        "theory": "theory of action",
        "profile": "graduate profile heading",
        "labels": "level names",
        "notes": "notes",
    }[section]
