"""Editing a plan's items in place: the items of its tree at any level, measures,
sections and their items, values, vision areas, graduate attributes.

Each view finds the plan through plan_for(), which checks the person's district and
role, and each item through the plan's own tree, so nothing of another plan is reached.
An htmx request gets the named part of planning/plan_detail.html it replaces; a plain
request gets a whole page, or a redirect after a POST, so everything works without
JavaScript.

Items are shown in lists: the items that hang on a parent of the tree, whatever their
level, are one list ("item"); its measures another ("measure"); and so on. A list is
re-rendered whole after an add, a delete, a move or an undo.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from planning import editing, updates
from planning.access import node_in, plan_for
from planning.editing import describe, label_of
from planning.forms import ProgressUpdateForm
from planning.kinds import IMPLEMENTATION, KINDS, can_hang_on
from planning.models import TREE_SLOTS, Change
from planning.pages import (
    edit_form_response,
    locked_response,
    out_of_band,
    page_context,
    plan_url,
    with_activity,
)
from planning.plan_page import plan_page
from planning.tree import WORK_SLOTS, Node, plan_tree

# The list each kind of item is shown in under its parent, and how the parent names it.
LIST_OF = {slot: "item" for slot in TREE_SLOTS} | {
    "measure": "measure",
    "section": "section",
    "guardrail": "guardrail",
    "value": "value",
    "vision_area": "vision_area",
    "attribute": "attribute",
}
CHILDREN = {
    "item": "children",
    "measure": "measures",
    "section": "sections",
    "guardrail": "children",
    "value": "values",
    "vision_area": "vision_areas",
    "attribute": "graduate_attributes",
}


def list_dom_id(list_kind: str, parent_kind: str, parent_pk: int) -> str:
    return f"{list_kind}-list-{parent_kind}-{parent_pk}"


def tree_around(plan, kind: str, pk: int, measures: bool = True):
    """The plan's tree, read whole only where that item is (see plan_tree)."""
    if kind in ("value", "vision_area", "attribute", "plan"):
        return plan_tree(plan, only=set())
    return plan_tree(plan, only={f"{kind}-{pk}"}, measures=measures)


@require_GET
def item_detail(request, district: str, plan_id: int, kind: str, pk: int):
    """An item's own page: where its link leads, and, without JavaScript, its controls.
    htmx asks for the item as it is shown in the plan, after a cancelled edit."""
    membership, plan = plan_for(request, district, plan_id)
    tree = tree_around(plan, kind, pk)
    node = node_in(tree, kind, pk)
    context = page_context(membership, plan, tree=tree, node=node)
    if request.htmx:
        context["refocus"] = True  # back to its Edit control
        return render(request, f"planning/plan_detail.html#{kind}_own", context)
    return _item_page(request, membership, plan, node, context)


def _item_page(request, membership, plan, node, context, update_form=None, status=200):
    kind_ = KINDS[node.kind]
    district, plan_id, kind, pk = plan.district.slug, plan.pk, node.kind, node.pk
    context |= {
        "label": label_of(kind_, plan, node),
        "adds": [
            (level, reverse("item_add", args=[district, plan_id, kind, pk, level]), word)
            for level, word in _adds_under(plan, node)
        ],
        "proposed_adds": [
            (level, reverse("recommend_add", args=[district, plan_id, kind, pk, level]), word)
            for level, word in _adds_under(plan, node)
        ],
    }
    if kind in updates.WORK_MODELS:
        item = node.item  # read whole, with its owner, by the tree
        may_post = updates.may_post(membership, item)
        context |= {
            "work": item,
            "updates": item.updates.select_related("author"),
            "may_post": may_post,
            "update_form": update_form
            or (ProgressUpdateForm(initial={"status": item.status, "percent": item.percent})),
        }
    return render(request, "planning/item.html", context, status=status)


@require_POST
def item_update(request, district: str, plan_id: int, kind: str, pk: int):
    """An owner, editor or administrator posts a dated progress update on a strategy or
    an action step; on an adopted plan too, where implementation goes on."""
    membership, plan = plan_for(request, district, plan_id)
    if kind not in updates.WORK_MODELS:
        raise Http404("Only strategies and action steps take progress updates")
    tree = tree_around(plan, kind, pk)
    node = node_in(tree, kind, pk)
    if not updates.may_post(membership, node.item):
        raise PermissionDenied("Only its owner, editors and administrators post its updates.")
    form = ProgressUpdateForm(request.POST)
    if not form.is_valid():
        context = page_context(membership, plan, tree=tree, node=node)
        return _item_page(request, membership, plan, node, context, form, status=422)
    updates.post_update(form, kind=kind, item=node.item, plan=plan, author=request.user)
    messages.success(request, "Your progress update is posted.")
    url = reverse("item_detail", args=[district, plan_id, kind, pk])
    return redirect(f"{url}#updates")


def _adds_under(plan, node) -> list[tuple[str, str]]:
    """What may be added under the item, and what each is called there."""
    if node.kind == "section":
        return [("guardrail", node.item.item_label)]
    if node.kind == "guardrail":
        return [("measure", node.parent.item.measure_label)]
    levels = [(level.slot, level.singular) for level in getattr(node, "addable", [])]
    if node.kind in TREE_SLOTS and can_hang_on("measure", node.kind):
        levels.append(("measure", plan.measure_label))
    return levels


@require_http_methods(["GET", "POST"])
def item_edit(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    # A strategy's form and its own part, which a save answers with, show no measures.
    tree = tree_around(plan, kind, pk, measures=kind not in WORK_SLOTS)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    target = f"{kind}-{pk}-own"
    action = reverse("item_edit", args=[district, plan_id, kind, pk])
    cancel = reverse("item_detail", args=[district, plan_id, kind, pk])
    with transaction.atomic():
        item = node.item
        if request.method == "POST":
            item = kind_.model.objects.select_for_update().get(pk=pk)
        if not IMPLEMENTATION.get(kind) and editing.is_locked(plan, kind):
            # Nothing of it is edited directly on an adopted plan: its proposal instead.
            args = ("recommend", district, plan_id, "change", kind, pk)
            if request.method == "GET":
                return _to_proposal(request, *args)
            problem = editing.Locked(editing.LOCKED)
            return locked_response(
                request, membership, plan, problem, reverse(*args[:1], args=args[1:])
            )
        form = kind_.form_for(plan, request.POST or None, instance=item)
        editing.lock_fields(form, plan, kind)
        if request.method == "GET" or not form.is_valid() or form.conflicts:
            return edit_form_response(
                request, membership, plan, form, target, action, cancel, node=node
            )
        label = label_of(kind_, plan, node)
        try:
            node.item = editing.save_edit(
                form, kind=kind_, plan=plan, actor=request.user, label=label, scope=scope_of(node)
            )
        except editing.Locked as problem:
            transaction.set_rollback(True)
            propose = reverse("recommend", args=[district, plan_id, "change", kind, pk])
            return locked_response(request, membership, plan, problem, propose)
    if not request.htmx:
        messages.success(request, f"Saved {label}.")
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    if kind == "measure":  # its targets and revisions are saved beside it: read them again
        node = node_in(tree_around(plan, kind, pk), kind, pk)
    context = page_context(membership, plan, tree=tree, node=node, refocus=True)
    response = render(request, f"planning/plan_detail.html#{kind}_own", context)
    return with_activity(request, response, plan)


def _to_proposal(request, name: str, *args):
    """On an adopted plan, where an editor would change a commitment: its proposal."""
    url = reverse(name, args=args)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def scope_of(node) -> str:
    """Where on the plan page an edit of the item shows (Change.scope), from its tree."""
    top = node
    while isinstance(top.parent, Node):
        top = top.parent
    if top.kind in TREE_SLOTS:
        return f"{top.kind}-{top.pk}"
    return ""  # record() works it out


@require_http_methods(["GET", "POST"])
def item_add(request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = tree_around(plan, parent_kind, parent_pk)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = KINDS[kind]
    if not can_hang_on(kind, parent_kind) or (kind in TREE_SLOTS and not plan.level(kind).used):
        raise Http404("That cannot be added there")
    if request.method == "GET" and editing.is_locked(plan, kind):
        return _to_proposal(
            request, "recommend_add", district, plan_id, parent_kind, parent_pk, kind
        )
    list_id = list_dom_id(LIST_OF[kind], parent_kind, parent_pk)
    action = reverse("item_add", args=[district, plan_id, parent_kind, parent_pk, kind])
    cancel = reverse("item_list", args=[district, plan_id, parent_kind, parent_pk, LIST_OF[kind]])
    target = f"{list_id}-add"
    placed = kind_.model(**editing.parent_fields(kind_, parent.item, plan))
    form = kind_.form_for(plan, request.POST or None, instance=placed)
    if request.method == "GET" or not form.is_valid():
        return edit_form_response(
            request, membership, plan, form, target, action, cancel, cancel_target=list_id
        )
    word = _word(kind_, plan, parent)
    try:
        item = editing.add_item(
            form,
            kind=kind_,
            parent=parent.item,
            plan=plan,
            actor=request.user,
            label=lambda item: f"{word}: {describe(item)}",
        )
    except editing.Locked as problem:
        propose = reverse("recommend_add", args=[district, plan_id, parent_kind, parent_pk, kind])
        return locked_response(request, membership, plan, problem, propose)
    if not request.htmx:
        messages.success(request, f"Added {word.lower()} “{describe(item)}”.")
        return redirect(plan_url(plan, f"{kind}-{item.pk}"))
    response = render_list(
        request,
        membership,
        plan,
        parent_kind,
        parent_pk,
        LIST_OF[kind],
        focus=item.pk,
        focus_kind=kind,
    )
    response = _in_place_of(response, list_id)
    return with_activity(request, response, plan)


def _word(kind, plan, parent) -> str:
    """What the plan calls one of that kind there: a section names its own items."""
    if kind.name == "guardrail":
        return parent.item.item_label
    if kind.name == "measure" and parent.kind == "guardrail":
        return parent.parent.item.measure_label
    return kind.label(plan)


def _in_place_of(response: HttpResponse, list_id: str) -> HttpResponse:
    retarget(response, f"#{list_id}")
    return reswap(response, "outerHTML")


def render_list(request, membership, plan, parent_kind, parent_pk, list_kind, **extra):
    if (parent_kind, list_kind) == ("plan", "item"):  # the items that hang on the plan
        context = page_context(membership, plan, **extra)
        page = plan_page(plan, membership)
        context |= {"parent": page.tree, "pieces": page.items, "heading": page.heading}
        return render(request, "planning/plan_detail.html#item_list", context)
    if (parent_kind, list_kind) == ("plan", "section"):
        # The sections' add slot stands outside their kept list: an add form there is
        # closed by the list's answer too.
        tree = plan_tree(plan, only={"sections"})
        context = page_context(membership, plan, tree=tree, parent=tree, **extra)
        response = render(request, "planning/plan_detail.html#section_list", context)
        return out_of_band(request, response, ("planning/plan_detail.html#sections_add", context))
    if parent_kind == "plan":
        tree = plan_tree(plan, only=set())
    else:
        tree = tree_around(plan, parent_kind, parent_pk)
    parent = node_in(tree, parent_kind, parent_pk)
    context = page_context(membership, plan, tree=tree, parent=parent, **extra)
    if list_kind == "measure" and parent.kind == "guardrail":
        section = parent.parent.item
        context |= {"measure_word": section.measure_label, "measures_word": section.measure_plural}
    return render(request, f"planning/plan_detail.html#{list_kind}_list", context)


@require_GET
def item_list(
    request, district: str, plan_id: int, parent_kind: str, parent_pk: int, list_kind: str
):
    membership, plan = plan_for(request, district, plan_id)
    if not request.htmx:
        return redirect(plan_url(plan, f"{parent_kind}-{parent_pk}"))
    return render_list(request, membership, plan, parent_kind, parent_pk, list_kind)


@require_http_methods(["GET", "POST"])
def item_delete(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = tree_around(plan, kind, pk)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    label = label_of(kind_, plan, node)
    if request.method == "GET" and editing.is_locked(plan, kind):
        return _to_proposal(request, "recommend", district, plan_id, "retire", kind, pk)
    if request.method == "GET":
        back = plan_url(plan, f"{kind}-{pk}")
        context = page_context(membership, plan, label=label, node=node, back=back)
        return render(request, "planning/delete.html", context)
    parent_kind, parent_pk = editing.parent_ref(kind_, node.item)
    try:
        change = editing.delete_item(
            node.item, kind=kind_, plan=plan, actor=request.user, label=label
        )
    except editing.Locked as problem:
        propose = reverse("recommend", args=[district, plan_id, "retire", kind, pk])
        return locked_response(request, membership, plan, problem, propose)
    if not request.htmx:
        return redirect(f"{plan_url(plan)}?deleted={change.pk}#notices")
    # Undo is offered where the item was, and the deletion said aloud, not shown at the top.
    response = render_list(
        request, membership, plan, parent_kind, parent_pk, LIST_OF[kind], deleted_here=change
    )
    _in_place_of(response, list_dom_id(LIST_OF[kind], parent_kind, parent_pk))
    notice = page_context(membership, plan, deleted_here=change)
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
    except editing.Locked as problem:
        return locked_response(request, membership, plan, problem)
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
    list_kind = LIST_OF[kind]
    response = render_list(
        request, membership, plan, parent_kind, parent_pk, list_kind, focus=item.pk, focus_kind=kind
    )
    _in_place_of(response, list_dom_id(list_kind, parent_kind, parent_pk))
    cleared = page_context(membership, plan, restored=change.item_label)
    out_of_band(request, response, ("planning/plan_detail.html#notices", cleared))
    return with_activity(request, response, plan)


@require_POST
def item_move(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = tree_around(plan, kind, pk)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Say whether to move up or down.", status=400)
    label = label_of(kind_, plan, node)
    try:
        editing.move_item(
            node.item, kind=kind_, plan=plan, actor=request.user, direction=direction, label=label
        )
    except editing.Locked as problem:
        return locked_response(request, membership, plan, problem)
    if not request.htmx:
        return redirect(plan_url(plan, f"{kind}-{pk}"))
    parent_kind, parent_pk = editing.parent_ref(kind_, node.item)
    response = render_list(
        request,
        membership,
        plan,
        parent_kind,
        parent_pk,
        LIST_OF[kind],
        focus=pk,
        focus_kind=kind,
        moved=direction,
    )
    return with_activity(request, response, plan)


@require_POST
def item_reorder(
    request, district: str, plan_id: int, parent_kind: str, parent_pk: int, list_kind: str
):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = tree_around(plan, parent_kind, parent_pk)
    parent = node_in(tree, parent_kind, parent_pk)
    nodes = getattr(parent, CHILDREN[list_kind])
    if not nodes:
        return HttpResponse("The new order must name each item of the list once.", status=400)
    kind_ = KINDS[nodes[0].kind]
    siblings = kind_.siblings(nodes[0].item)
    within = "the plan" if parent_kind == "plan" else parent.label
    try:
        editing.reorder_items(
            siblings,
            request.POST.getlist("ids"),
            kind=kind_,
            plan=plan,
            actor=request.user,
            label=f"The order of what is under {within}",
        )
    except editing.Locked as problem:
        return locked_response(request, membership, plan, problem)
    except ValueError:
        return HttpResponse("The new order must name each item of the list once.", status=400)
    response = render_list(request, membership, plan, parent_kind, parent_pk, list_kind)
    return with_activity(request, response, plan)


@require_GET
def item_history(request, district: str, plan_id: int, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = tree_around(plan, kind, pk)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    changes = plan.changes.filter(item_kind=kind, item_id=pk).select_related(
        "actor", "recommendation__decided_by"
    )
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
