"""Editing a plan's items in place: goals, objectives, strategies, measures, values...

Each view finds the plan through plan_for(), which checks the person's district and
role, and each item through the plan's own tree, so nothing of another plan is reached.
An htmx request gets the named part of planning/plan_detail.html it replaces; a plain
request gets a whole page, or a redirect after a POST, so everything works without
JavaScript.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from planning import editing
from planning.access import node_in, plan_for
from planning.editing import describe, label_of
from planning.kinds import KINDS
from planning.models import Change, plural
from planning.pages import edit_form_response, out_of_band, page_context, plan_url, with_activity
from planning.tree import plan_tree

# Items: goals, objectives, strategies, measures, values... ---------------------------


@require_GET
def item_detail(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    if not request.htmx:
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    return render(
        request,
        f"planning/plan_detail.html#{kind}_own",
        page_context(membership, plan, tree=tree, node=node),
    )


@require_http_methods(["GET", "POST"])
def item_edit(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    target = f"{kind}-{pk}-own"
    action = reverse("item_edit", args=[district, plan_id, kind, pk])
    cancel = reverse("item_detail", args=[district, plan_id, kind, pk])
    if request.method == "GET":
        form = kind_.form_for(plan, instance=node.item)
        return edit_form_response(
            request, membership, plan, form, target, action, cancel, node=node
        )

    with transaction.atomic():
        item = kind_.model.objects.select_for_update().get(pk=pk)
        form = kind_.form_for(plan, request.POST, instance=item)
        if not form.is_valid() or form.conflicts:
            return edit_form_response(
                request, membership, plan, form, target, action, cancel, node=node
            )
        editing.save_edit(
            form, kind=kind_, plan=plan, actor=request.user, label=label_of(kind_, plan, node)
        )
    if not request.htmx:
        messages.success(request, f"Saved {label_of(kind_, plan, node)}.")
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    tree = plan_tree(plan)
    response = render(
        request,
        f"planning/plan_detail.html#{kind}_own",
        page_context(membership, plan, tree=tree, node=node_in(tree, kind, pk), just_saved=True),
    )
    return with_activity(request, response, plan)


@require_http_methods(["GET", "POST"])
def item_add(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = KINDS[kind]
    if parent_kind not in kind_.parents:
        raise Http404("That cannot be added there")
    list_id = f"{kind}-list-{parent_kind}-{parent_pk}"
    action = reverse("item_add", args=[district, plan_id, parent_kind, parent_pk, kind])
    cancel = reverse("item_list", args=[district, plan_id, parent_kind, parent_pk, kind])
    target = f"{list_id}-add"
    form = kind_.form_for(plan, request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return edit_form_response(
            request, membership, plan, form, target, action, cancel, cancel_target=list_id
        )

    item = editing.add_item(
        form,
        kind=kind_,
        parent=parent.item,
        plan=plan,
        actor=request.user,
        label=lambda item: f"{kind_.label(plan)}: {describe(item)}",
    )
    if not request.htmx:
        messages.success(request, f"Added {kind_.label(plan).lower()} “{describe(item)}”.")
        return redirect(plan_url(plan, f"{kind}-{item.pk}"))
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind, focus=item.pk)
    retarget(response, f"#{list_id}")
    reswap(response, "outerHTML")
    return with_activity(request, response, plan)


def render_list(request, membership, plan, parent_kind, parent_pk, kind, **extra):
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    return render(
        request,
        f"planning/plan_detail.html#{kind}_list",
        page_context(membership, plan, tree=tree, parent=parent, **extra),
    )


@require_GET
def item_list(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id)
    if not request.htmx:
        return redirect(plan_url(plan, f"{parent_kind}-{parent_pk}"))
    return render_list(request, membership, plan, parent_kind, parent_pk, kind)


@require_http_methods(["GET", "POST"])
def item_delete(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    label = label_of(kind_, plan, node)
    if request.method == "GET":
        return render(
            request,
            "planning/delete.html",
            page_context(
                membership, plan, label=label, node=node, back=plan_url(plan, f"{kind}-{pk}")
            ),
        )
    parent_kind, parent_pk = editing.parent_ref(kind_, node.item)
    change = editing.delete_item(node.item, kind=kind_, plan=plan, actor=request.user, label=label)
    if not request.htmx:
        return redirect(f"{plan_url(plan)}?deleted={change.pk}#notices")
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind)
    notice = page_context(membership, plan, undo_change=change)
    out_of_band(request, response, ("planning/plan_detail.html#notices", notice))
    return with_activity(request, response, plan)


@require_POST
def undo(request, district: str, plan_id: int, change_id: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    change = get_object_or_404(
        plan.changes, pk=change_id, action=Change.Action.DELETED, item_kind__in=KINDS
    )
    try:
        item = editing.undo_delete(change, kind=KINDS[change.item_kind], actor=request.user)
    except editing.CannotUndo as problem:
        if not request.htmx:
            messages.error(request, str(problem))
            return redirect(plan_url(plan))
        response = render(
            request,
            "planning/plan_detail.html#notices",
            page_context(membership, plan, problem=str(problem)),
            status=409,
        )
        retarget(response, "#notices")
        return reswap(response, "outerHTML")
    kind = change.item_kind
    if not request.htmx:
        messages.success(request, f"Restored {change.item_label}.")
        return redirect(plan_url(plan, f"{kind}-{item.pk}"))
    parent_kind, parent_pk = change.before["parent"]
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind, focus=item.pk)
    retarget(response, f"#{kind}-list-{parent_kind}-{parent_pk}")
    reswap(response, "outerHTML")
    cleared = page_context(membership, plan, restored=change.item_label)
    out_of_band(request, response, ("planning/plan_detail.html#notices", cleared))
    return with_activity(request, response, plan)


@require_POST
def item_move(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Say whether to move up or down.", status=400)
    editing.move_item(
        node.item,
        kind=kind_,
        plan=plan,
        actor=request.user,
        direction=direction,
        label=label_of(kind_, plan, node),
    )
    if not request.htmx:
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    parent_kind, parent_pk = editing.parent_ref(kind_, node.item)
    response = render_list(
        request, membership, plan, parent_kind, parent_pk, kind, focus=pk, moved=direction
    )
    return with_activity(request, response, plan)


@require_POST
def item_reorder(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = KINDS[kind]
    siblings_of_kind = children_of(parent, kind)
    try:
        ids = [int(pk) for pk in request.POST.getlist("ids")]
    except ValueError:
        return HttpResponse("The new order must be a list of item numbers.", status=400)
    if not siblings_of_kind or sorted(ids) != sorted(n.pk for n in siblings_of_kind):
        return HttpResponse("The new order must name each item of the list once.", status=400)
    siblings = kind_.siblings(siblings_of_kind[0].item)
    within = "the plan" if parent_kind == "plan" else label_of(KINDS[parent_kind], plan, parent)
    editing.reorder_items(
        siblings,
        ids,
        kind=kind_,
        plan=plan,
        actor=request.user,
        label=f"{plural(kind_.label(plan))} of {within}",
    )
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind)
    return with_activity(request, response, plan)


def children_of(parent, kind: str) -> list:
    attribute = {
        "goal": "goals",
        "objective": "objectives",
        "strategy": "strategies",
        "measure": "measures",
        "guardrail": "guardrails",
        "value": "values",
        "vision_area": "vision_areas",
        "attribute": "graduate_attributes",
    }[kind]
    return getattr(parent, attribute)


@require_GET
def item_history(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    changes = plan.changes.filter(item_kind=kind, item_id=pk).select_related("actor")
    return render(
        request,
        "planning/activity.html",
        page_context(
            membership,
            plan,
            changes=changes,
            title=f"History of {label_of(kind_, plan, node)}",
            back=plan_url(plan, f"{kind}-{pk}"),
        ),
    )
