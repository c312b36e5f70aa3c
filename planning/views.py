"""The plan page and its in-place editing.

Each view looks the plan up through plan_for(), which checks the person's district and
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

from districts.access import membership_for, require_editor
from planning import editing
from planning.models import Change, Plan, plural
from planning.tree import PlanTree, plan_tree

ACTIVITY_SHOWN = 8


def plan_for(request, district: str, plan_id: int, *, edit: bool = False):
    """The plan, if the person belongs to its district (else 404) and, to edit, may (else 403)."""
    membership = membership_for(request.user, district)
    if edit:
        require_editor(membership)
    # With its making, if it has one: every page of the plan links to it.
    plans = Plan.objects.in_district(membership.district).select_related("development")
    plan = get_object_or_404(plans, pk=plan_id)
    plan.district = membership.district
    return membership, plan


def node_in(tree: PlanTree, kind: str, pk: int):
    try:
        return tree.find(kind, pk)
    except KeyError:
        raise Http404("No such item in this plan") from None


def context_for(request, membership, tree: PlanTree, **extra) -> dict:
    return {
        "membership": membership,
        "district": membership.district,
        "plan": tree.plan,
        "tree": tree,
        "can_edit": membership.can_edit,
        **extra,
    }


def plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plan", kwargs={"district": plan.district.slug, "plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def label_of(kind: editing.Kind, plan: Plan, node) -> str:
    number = f" {node.number}" if node.number else ""
    return f"{kind.label(plan)}{number}: {describe(node.item)}"


def describe(item) -> str:
    for name in ("title", "name", "text", "statement"):
        text = getattr(item, name, "")
        if text:
            return text if len(text) <= 80 else text[:79] + "…"
    return getattr(item, "statement", "")[:80]


def recent_activity(plan: Plan):
    return plan.changes.select_related("actor")[:ACTIVITY_SHOWN]


def with_activity(request, response: HttpResponse, membership, plan: Plan) -> HttpResponse:
    """After a change, htmx also refreshes the plan's recent activity (out of band)."""
    if request.htmx:
        activity = render(
            request,
            "planning/plan_detail.html#activity",
            {"plan": plan, "activity": recent_activity(plan), "oob": True},
        )
        response.content += activity.content
    return response


# The page ----------------------------------------------------------------------------


@require_GET
def plan_detail(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    undo_change = None
    if membership.can_edit and request.GET.get("deleted", "").isdigit():
        undo_change = plan.changes.filter(
            pk=request.GET["deleted"],
            action=Change.Action.DELETED,
            item_kind__in=editing.KINDS,
            undone=False,
        ).first()
    return render(
        request,
        "planning/plan_detail.html",
        context_for(
            request,
            membership,
            tree,
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
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "changes": changes,
            "title": "Recent activity",
        },
    )


# The plan's own parts: title and period, mission, vision, labels... -------------------


@require_GET
def section_detail(request, district: str, plan_id: int, section: str):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    return render(
        request,
        f"planning/plan_detail.html#section_{section}",
        context_for(request, membership, tree),
    )


@require_http_methods(["GET", "POST"])
def section_edit(request, district: str, plan_id: int, section: str):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    form_class = editing.SECTIONS[section]
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
        editing.save_edit(
            form, plan=plan, actor=request.user, kind="plan", label=f"Plan: {section_name(section)}"
        )
    if not request.htmx:
        messages.success(request, f"Saved the {section_name(section)}.")
        return redirect(plan_url(plan, target))
    tree = plan_tree(plan)
    response = render(
        request,
        f"planning/plan_detail.html#section_{section}",
        context_for(request, membership, tree, just_saved=True),
    )
    return with_activity(request, response, membership, plan)


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
        context_for(request, membership, tree, node=node),
    )


@require_http_methods(["GET", "POST"])
def item_edit(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = editing.KINDS[kind]
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
            form, plan=plan, actor=request.user, kind=kind, label=label_of(kind_, plan, node)
        )
    if not request.htmx:
        messages.success(request, f"Saved {label_of(kind_, plan, node)}.")
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    tree = plan_tree(plan)
    response = render(
        request,
        f"planning/plan_detail.html#{kind}_own",
        context_for(request, membership, tree, node=node_in(tree, kind, pk), just_saved=True),
    )
    return with_activity(request, response, membership, plan)


def edit_form_response(
    request,
    membership,
    plan,
    form,
    target,
    action,
    cancel,
    node=None,
    cancel_target=None,
    recorded_as=None,
    **page,
):
    """The form, in place or as a page; 422 when it has mistakes, 409 when someone else
    saved first (with what they saved, and the person's own text kept to copy).
    recorded_as: the (kind, id) its changes are recorded under, when it is not a node;
    page: what the page around a form shows instead of the plan's (heading, back...)."""
    if recorded_as is None:
        recorded_as = (node.kind, node.pk) if node else ("plan", plan.pk)
    status = 200
    conflict = None
    if form.is_bound:
        if form.errors:
            status = 422
        elif form.conflicts:
            status = 409
            conflict = {
                "saved": form.saved_values_for_people(),
                "by": plan.changes.filter(item_kind=recorded_as[0], item_id=recorded_as[1])
                .select_related("actor")
                .first(),
            }
    else:
        first = next(iter(form.visible_fields()), None)
        if first is not None and request.htmx:
            first.field.widget.attrs["autofocus"] = True
    context = {
        "membership": membership,
        "district": membership.district,
        "plan": plan,
        "form": form,
        "target": target,
        "action": action,
        "cancel": cancel,
        "cancel_target": cancel_target or target,
        "conflict": conflict,
        "node": node,
        "back": plan_url(plan, target.removesuffix("-own")),
        # After a conflict the form carries what is saved now: a second save is a choice.
        "fingerprint": form.saved_fingerprint if conflict else form["fingerprint"].value(),
        **page,
    }
    template = "planning/edit.html#form" if request.htmx else "planning/edit.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def item_add(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = editing.KINDS[kind]
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
    return with_activity(request, response, membership, plan)


def render_list(request, membership, plan, parent_kind, parent_pk, kind, **extra):
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    return render(
        request,
        f"planning/plan_detail.html#{kind}_list",
        context_for(request, membership, tree, parent=parent, **extra),
    )


@require_GET
def item_list(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id)
    if not request.htmx:
        return redirect(plan_url(plan, f"{parent_kind}-{parent_pk}"))
    return render_list(request, membership, plan, parent_kind, parent_pk, kind)


@require_http_methods(["GET", "POST"])
def item_delete(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = editing.KINDS[kind]
    label = label_of(kind_, plan, node)
    if request.method == "GET":
        return render(
            request,
            "planning/delete.html",
            {
                "membership": membership,
                "district": membership.district,
                "plan": plan,
                "label": label,
                "node": node,
                "back": plan_url(plan, f"{kind}-{pk}"),
            },
        )
    parent_kind, parent_pk = editing.parent_ref(kind_, node.item)
    change = editing.delete_item(node.item, kind=kind_, plan=plan, actor=request.user, label=label)
    if not request.htmx:
        return redirect(f"{plan_url(plan)}?deleted={change.pk}#notices")
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind)
    notice = render(
        request,
        "planning/plan_detail.html#notices",
        context_for(request, membership, plan_tree(plan), undo_change=change, oob=True),
    )
    response.content += notice.content
    return with_activity(request, response, membership, plan)


@require_POST
def undo(request, district: str, plan_id: int, change_id: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    change = get_object_or_404(
        plan.changes, pk=change_id, action=Change.Action.DELETED, item_kind__in=editing.KINDS
    )
    try:
        item = editing.undo_delete(change, actor=request.user)
    except editing.CannotUndo as problem:
        if not request.htmx:
            messages.error(request, str(problem))
            return redirect(plan_url(plan))
        response = render(
            request,
            "planning/plan_detail.html#notices",
            context_for(request, membership, plan_tree(plan), problem=str(problem)),
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
    cleared = render(
        request,
        "planning/plan_detail.html#notices",
        context_for(request, membership, plan_tree(plan), restored=change.item_label, oob=True),
    )
    response.content += cleared.content
    return with_activity(request, response, membership, plan)


@require_POST
def item_move(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = editing.KINDS[kind]
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
    return with_activity(request, response, membership, plan)


@require_POST
def item_reorder(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = editing.KINDS[kind]
    siblings_of_kind = children_of(parent, kind)
    try:
        ids = [int(pk) for pk in request.POST.getlist("ids")]
    except ValueError:
        return HttpResponse("The new order must be a list of item numbers.", status=400)
    if not siblings_of_kind or sorted(ids) != sorted(n.pk for n in siblings_of_kind):
        return HttpResponse("The new order must name each item of the list once.", status=400)
    siblings = kind_.siblings(siblings_of_kind[0].item)
    within = (
        "the plan" if parent_kind == "plan" else label_of(editing.KINDS[parent_kind], plan, parent)
    )
    editing.reorder_items(
        siblings,
        ids,
        kind=kind_,
        plan=plan,
        actor=request.user,
        label=f"{plural(kind_.label(plan))} of {within}",
    )
    response = render_list(request, membership, plan, parent_kind, parent_pk, kind)
    return with_activity(request, response, membership, plan)


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
    kind_ = editing.KINDS[kind]
    changes = plan.changes.filter(item_kind=kind, item_id=pk).select_related("actor")
    return render(
        request,
        "planning/activity.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "changes": changes,
            "title": f"History of {label_of(kind_, plan, node)}",
            "back": plan_url(plan, f"{kind}-{pk}"),
        },
    )
