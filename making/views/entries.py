"""The entries of a plan's making (SWOT entries, strategic areas, outreach activities,
themes, priorities), added, edited, ranked, removed and restored in place through
planning.editing, like the items of a plan: an htmx request gets the named part of its
page, a plain one a page or a redirect. Once the plan is adopted they are kept as they
were, the record of how the plan was made."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from making.entries import ENTRIES, PLACES, entries_of, list_id
from making.models import short
from making.pages import list_url, making_for, new_entry, page_url, render_list
from planning import editing
from planning.editing import Kind
from planning.models import Change
from planning.pages import edit_form_response, page_context


def change_label(kind: Kind, item) -> str:
    """How the plan's activity names a change of an entry."""
    return f"{kind.word[:1].upper()}{kind.word[1:]}: {short(item, 80)}"


def form_for(kind: Kind, plan, *args, target: str, **kwargs):
    """The entry's form; its ids start with the target it is shown in, since several
    forms can be open on one page at once."""
    return kind.form_for(plan, *args, auto_id=f"{target}-%s", **kwargs)


def in_its_list(response: HttpResponse, kind: Kind, item) -> HttpResponse:
    retarget(response, f"#{list_id(kind, item)}")
    return reswap(response, "outerHTML")


@require_GET
def entry_list(request, district: str, plan_id: int, entry: str):
    membership, plan, making = making_for(request, district, plan_id)
    kind = ENTRIES[entry]
    if not request.htmx:
        return redirect(page_url(plan, PLACES[entry].page))
    return render_list(request, membership, making, kind, new_entry(kind, making, request.GET))


@require_http_methods(["GET", "POST"])
def entry_add(request, district: str, plan_id: int, entry: str):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    kind = ENTRIES[entry]
    item = new_entry(kind, making, request.GET)
    target = f"{list_id(kind, item)}-add"
    form = form_for(kind, plan, request.POST or None, instance=item, target=target)
    if request.method == "GET" or not form.is_valid():
        return edit_form_response(
            request,
            membership,
            plan,
            form,
            target=target,
            action=request.get_full_path(),
            cancel=list_url(plan, kind, item),
            cancel_target=list_id(kind, item),
            heading=f"Add a {kind.word}",
            back=page_url(plan, PLACES[entry].page, list_id(kind, item)),
            back_label="Back to the plan's making",
        )
    parent = item.outreach if entry == "theme" else making
    item = editing.add_item(
        form,
        kind=kind,
        parent=parent,
        plan=plan,
        actor=request.user,
        label=lambda item: change_label(kind, item),
    )
    if not request.htmx:
        messages.success(request, f"Added the {kind.word} “{short(item, 80)}”.")
        return redirect(page_url(plan, PLACES[entry].page, f"{entry}-{item.pk}"))
    response = render_list(request, membership, making, kind, item, changed=True, focus=item.pk)
    return in_its_list(response, kind, item)


@require_GET
def entry_detail(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, making = making_for(request, district, plan_id)
    kind = ENTRIES[entry]
    item = get_object_or_404(entries_of(kind, making), pk=pk)
    if not request.htmx:
        return redirect(page_url(plan, PLACES[entry].page, f"{entry}-{item.pk}"))
    return render_list(request, membership, making, kind, item)


@require_http_methods(["GET", "POST"])
def entry_edit(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    kind = ENTRIES[entry]
    item = get_object_or_404(entries_of(kind, making), pk=pk)
    form_page = {
        "target": f"{entry}-{pk}-own",
        "action": reverse("making_entry_edit", args=[district, plan_id, entry, pk]),
        "cancel": reverse("making_entry", args=[district, plan_id, entry, pk]),
        "cancel_target": list_id(kind, item),
        "heading": f"Edit the {kind.word}",
        "back": page_url(plan, PLACES[entry].page, f"{entry}-{pk}"),
        "back_label": "Back to the plan's making",
        "recorded_as": (entry, pk),
    }
    with transaction.atomic():
        if request.method == "POST":
            item = entries_of(kind, making).select_for_update().get(pk=pk)
        form = form_for(kind, plan, request.POST or None, instance=item, target=form_page["target"])
        if request.method == "GET" or not form.is_valid() or form.conflicts:
            return edit_form_response(request, membership, plan, form, **form_page)
        editing.save_edit(
            form, kind=kind, plan=plan, actor=request.user, label=change_label(kind, item)
        )
    if not request.htmx:
        messages.success(request, f"Saved the {kind.word}.")
        return redirect(form_page["back"])
    response = render_list(request, membership, making, kind, item, changed=True, focus=item.pk)
    return in_its_list(response, kind, item)


@require_http_methods(["GET", "POST"])
def entry_delete(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    kind = ENTRIES[entry]
    item = get_object_or_404(entries_of(kind, making), pk=pk)
    label = f"the {kind.word} “{short(item, 80)}”"
    back = page_url(plan, PLACES[entry].page, list_id(kind, item))
    if request.method == "GET":
        consequence = PLACES[entry].consequence
        context = page_context(membership, plan, label=label, back=back, verb="Remove")
        return render(request, "planning/delete.html", {**context, "consequence": consequence})
    change = editing.delete_item(
        item, kind=kind, plan=plan, actor=request.user, label=change_label(kind, item)
    )
    if not request.htmx:
        messages.success(request, f"Removed {label}.")
        return redirect(back)
    return render_list(
        request, membership, making, kind, item, changed=True, removed=True, undo_change=change
    )


@require_POST
def entry_undo(request, district: str, plan_id: int, change_id: int):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    change = get_object_or_404(
        plan.changes, pk=change_id, action=Change.Action.DELETED, item_kind__in=ENTRIES
    )
    kind = ENTRIES[change.item_kind]
    try:
        item = editing.undo_delete(change, kind=kind, actor=request.user)
    except editing.CannotUndo as problem:
        messages.error(request, str(problem))
        page = page_url(plan, PLACES[kind.name].page)
        return HttpResponseClientRedirect(page) if request.htmx else redirect(page)
    if not request.htmx:
        messages.success(request, f"Put back {change.item_label}.")
        return redirect(page_url(plan, PLACES[kind.name].page, f"{kind.name}-{item.pk}"))
    response = render_list(request, membership, making, kind, item, changed=True, focus=item.pk)
    return in_its_list(response, kind, item)


@require_POST
def entry_move(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, making = making_for(request, district, plan_id, "edit")
    kind = ENTRIES[entry]
    item = get_object_or_404(entries_of(kind, making), pk=pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Say whether to move up or down.", status=400)
    editing.move_item(
        item,
        kind=kind,
        plan=plan,
        actor=request.user,
        direction=direction,
        label=change_label(kind, item),
    )
    if not request.htmx:
        return redirect(page_url(plan, PLACES[entry].page, f"{entry}-{item.pk}"))
    return render_list(request, membership, making, kind, item, focus=pk, moved=direction)
