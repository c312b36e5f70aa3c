"""The spring recommendations' pages. Who may take each step, and from which state, is
decided in planning/recommendations.py; these views ask it and show its answer."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planning import editing
from planning.access import node_in, plan_for
from planning.cycle import recommendations
from planning.cycle.forms import DecisionsForm, RationaleForm
from planning.cycle.proposals import (
    PROPOSED_PARTS,
    PlanLevel,
    PlanPart,
    a,
    changes_between,
    choices,
    kind_of,
    proposal_fields,
    proposal_form,
    proposed_data,
)
from planning.editing import label_of
from planning.kinds import KINDS
from planning.models import Packet, Recommendation
from planning.models.plan import Slot
from planning.pages import fingerprint_of, form_status, page_context
from planning.tree import plan_tree

Action = Recommendation.Action


@require_GET
def spring(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    drafting = plan.packets.filter(state=Packet.State.DRAFTING).first()
    return render(
        request,
        "planning/spring.html",
        page_context(
            membership,
            plan,
            drafting=drafting,
            drafts=drafting.recommendations.select_related("drafted_by", "decided_by")
            if drafting
            else [],
            packets=plan.packets.exclude(state=Packet.State.DRAFTING),
            choices=choices(tree),
            can_draft=membership.can_edit,
        ),
    )


@require_GET
def pick(request, district: str, plan_id: int):
    plan_for(request, district, plan_id, "edit")
    parts = request.GET.get("what", "").split(":")
    if parts[:2] == ["change", "plan"] and len(parts) == 3 and parts[2] in PROPOSED_PARTS:
        return redirect("recommend_part", district, plan_id, parts[2])
    if parts[:2] == ["change", "level"] and len(parts) == 3 and parts[2] in Slot.values:
        return redirect("recommend_level", district, plan_id, parts[2])
    if len(parts) == 4 and parts[0] == "add":
        return redirect("recommend_add", district, plan_id, parts[1], int(parts[2]), parts[3])
    if (
        len(parts) == 3
        and parts[0] in {"change", "retire", "adjust_targets", "move_up", "move_down"}
        and parts[2].isdigit()
    ):
        return redirect("recommend", district, plan_id, parts[0], parts[1], int(parts[2]))
    messages.error(request, "Choose what to recommend from the list.")
    return redirect("spring", district, plan_id)


@require_http_methods(["GET", "POST"])
def recommend(request, district: str, plan_id: int, action: str, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    if action not in {*Action} - {Action.ADD}:
        raise Http404("No such recommendation")
    if action == Action.ADJUST_TARGETS and kind != "measure":
        raise Http404("Only a measure has targets")
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = KINDS[kind]
    current = kind_.form_for(plan, instance=node.item)
    label = label_of(kind_, plan, node)
    return _draft_page(
        request,
        membership,
        plan,
        action=action,
        kind=kind_,
        label=label,
        current=current,
        item=node.item,
    )


@require_http_methods(["GET", "POST"])
def recommend_part(request, district: str, plan_id: int, part: str):
    """A change to one of the plan's own parts (its mission, its title and period…),
    proposed with the form that edits it on a draft."""
    membership, plan = plan_for(request, district, plan_id, "edit")
    if part not in PROPOSED_PARTS:
        raise Http404("The plan's notes are edited directly")
    kind = PlanPart(part)
    return _draft_page(
        request,
        membership,
        plan,
        action=Action.CHANGE,
        kind=kind,
        label=kind.label(),
        current=kind.form_for(plan, instance=plan),
        item=plan,
    )


@require_http_methods(["GET", "POST"])
def recommend_level(request, district: str, plan_id: int, slot: str):
    """A change to one level of the plan's structure: what it calls the level's items
    and how it numbers them, proposed with the structure page's form for that level."""
    membership, plan = plan_for(request, district, plan_id, "edit")
    if slot not in Slot.values:
        raise Http404("No such level")
    kind = PlanLevel(slot)
    return _draft_page(
        request,
        membership,
        plan,
        action=Action.CHANGE,
        kind=kind,
        label=kind.label(plan),
        current=kind.form_for(plan),
        item=plan.level(slot),
    )


@require_http_methods(["GET", "POST"])
def recommend_add(
    request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str
):
    membership, plan = plan_for(request, district, plan_id, "edit")
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = KINDS[kind]
    if parent_kind not in kind_.parents:
        raise Http404("That cannot be added there")
    where = "the plan" if parent_kind == "plan" else label_of(KINDS[parent_kind], plan, parent)
    return _draft_page(
        request,
        membership,
        plan,
        action=Action.ADD,
        kind=kind_,
        label=f"{a(kind_.label(plan).lower())} to {where}",
        current=None,
        parent=(parent_kind, parent_pk),
    )


def _draft_page(
    request,
    membership,
    plan,
    *,
    action,
    kind,
    label,
    current,
    item=None,
    parent=None,
    recommendation=None,
):
    posted = request.POST if request.method == "POST" else None
    with transaction.atomic():
        if recommendation and posted is not None:
            recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        # A prefix, because a goal's form has a rationale field of its own.
        reason = RationaleForm(posted, prefix="why", instance=recommendation or Recommendation())
        proposal, data = proposal_form(
            kind, plan, action, posted, current=current, item=item, recommendation=recommendation
        )
        valid = reason.is_valid() & (proposal is None or proposal.is_valid())
        if posted is not None and valid and not reason.conflicts:
            draft = {
                "proposed": proposed_data(proposal, data, action),
                "changes": changes_between(proposal, plan) if proposal else [],
                "rationale": reason.cleaned_data["rationale"],
            }
            try:
                if recommendation:
                    recommendations.edit_draft(recommendation, role=membership.role, **draft)
                else:
                    recommendations.draft(
                        plan,
                        role=membership.role,
                        by=request.user,
                        action=action,
                        item_kind=kind.name,
                        item_id=item.pk if item else None,
                        parent_kind=parent[0] if parent else "",
                        parent_id=parent[1] if parent else None,
                        item_label=_named(label, action, proposal)[:300],
                        base=editing.plain_values(current) if current else {},
                        **draft,
                    )
                messages.success(request, "The recommendation is saved as a draft.")
            except recommendations.StepRefused as refused:
                messages.error(request, str(refused))
            return redirect("spring", plan.district.slug, plan.pk)
    status, conflict = form_status(reason, plan, ("recommendation", reason.instance.pk or 0))
    if posted is not None and not valid:
        status = 422
    context = page_context(
        membership,
        plan,
        action=Action(action),
        label=label,
        proposal=proposal,
        fields=proposal_fields(proposal, action),
        reason=reason,
        recommendation=recommendation,
        conflict=conflict,
        fingerprint=fingerprint_of(reason, conflict),
    )
    return render(request, "planning/recommend.html", context, status=status)


def _named(label: str, action: str, proposal) -> str:
    """What a recommendation to add is called: what it adds as well as where."""
    if action != Action.ADD or proposal is None:
        return label
    data = proposal.cleaned_data
    title = next((data[n] for n in ("title", "name", "text", "statement") if data.get(n)), "")
    return f"{label}: {title}" if title else label


def recommendation_for(request, district, plan_id, pk, ability="read"):
    membership, plan = plan_for(request, district, plan_id, ability)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("packet"), pk=pk, packet__plan=plan
    )
    return membership, plan, recommendation


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, district: str, plan_id: int, pk: int):
    membership, plan, recommendation = recommendation_for(request, district, plan_id, pk, "edit")
    try:
        recommendations.step("recommendation", recommendation.state, "edit", membership.role)
    except recommendations.StepRefused as refused:
        messages.error(request, str(refused))
        return redirect("packet", district, plan_id, recommendation.packet_id)
    kind = kind_of(recommendation.item_kind)
    item = None
    if isinstance(kind, PlanPart):
        item = plan
    elif isinstance(kind, PlanLevel):
        item = plan.level(kind.slot)
    elif recommendation.item_id:
        item = kind.model.objects.filter(pk=recommendation.item_id).first()
        if item is None:
            raise Http404("The item has been deleted")
    current = kind.form_for(plan, instance=item) if item else None
    parent = (
        (recommendation.parent_kind, recommendation.parent_id)
        if recommendation.parent_kind
        else None
    )
    return _draft_page(
        request,
        membership,
        plan,
        action=recommendation.action,
        kind=kind,
        label=recommendation.item_label,
        current=current,
        item=item,
        parent=parent,
        recommendation=recommendation,
    )


@require_POST
def recommendation_withdraw(request, district: str, plan_id: int, pk: int):
    membership, _, recommendation = recommendation_for(request, district, plan_id, pk, "edit")
    try:
        recommendations.withdraw(recommendation, role=membership.role)
        messages.success(request, f"Withdrew “{recommendation}”.")
    except recommendations.StepRefused as refused:
        messages.error(request, str(refused))
    return redirect("spring", district, plan_id)


@require_http_methods(["GET", "POST"])
def packet_forward(request, district: str, plan_id: int, pk: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    packet = get_object_or_404(plan.packets, pk=pk)
    if request.method == "GET":
        drafts = [str(r) for r in packet.recommendations.filter(state=Recommendation.State.DRAFT)]
        if packet.state != Packet.State.DRAFTING or not drafts:
            messages.error(request, "There is no draft recommendation to forward.")
            return redirect("spring", district, plan_id)
        context = page_context(
            membership,
            plan,
            heading="Forward the drafts to the superintendent?",
            crumb="Forward the drafts",
            explanation=[
                f"{len(drafts)} recommendation{pluralize(len(drafts))} will go to the "
                "superintendent, who is told by email. Once forwarded, the packet and its "
                "recommendations cannot be edited."
            ],
            warnings=drafts,
            warnings_lead="These are forwarded:",
            button="Forward the drafts",
            action=reverse("packet_forward", args=[district, plan_id, packet.pk]),
            back=reverse("spring", args=[district, plan_id]),
        )
        return render(request, "planning/confirm.html", context)
    try:
        recommendations.forward(
            packet,
            role=membership.role,
            by=request.user,
            link=recommendations.link_to(request, plan, "packet", packet.pk),
        )
        messages.success(request, "The packet is forwarded; the superintendent has been told.")
    except recommendations.StepRefused as refused:
        messages.error(request, str(refused))
        return redirect("spring", district, plan_id)
    return redirect("packet", district, plan_id, packet.pk)


@require_GET
def packet_detail(request, district: str, plan_id: int, pk: int):
    membership, plan = plan_for(request, district, plan_id)
    packet = get_object_or_404(plan.packets, pk=pk)
    return _packet_page(request, membership, plan, packet)


def _packet_page(request, membership, plan, packet, form=None, status=200):
    shown = list(packet.recommendations.select_related("decided_by", "drafted_by"))
    can_decide = membership.can_approve and packet.state == Packet.State.FORWARDED
    if can_decide and form is None:
        undecided = [r for r in shown if r.state == Recommendation.State.FORWARDED]
        form = DecisionsForm(recommendations=undecided)
    if form is not None:
        # The form's recommendations carry its fields: show those in their place.
        by_pk = {r.pk: r for r in form.recommendations}
        shown = [by_pk.get(r.pk, r) for r in shown]
    return render(
        request,
        "planning/packet.html",
        page_context(
            membership,
            plan,
            packet=packet,
            recommendations=shown,
            can_decide=can_decide,
            form=form,
        ),
        status=status,
    )


@require_POST
def packet_decide(request, district: str, plan_id: int, pk: int):
    membership, plan = plan_for(request, district, plan_id, "approve")
    packet = get_object_or_404(plan.packets, pk=pk)
    back = redirect("packet", district, plan_id, packet.pk)
    # Each recommendation posted is read, so that one decided by someone else meanwhile
    # refuses all of these decisions rather than being passed over.
    shown = packet.recommendations.exclude(state=Recommendation.State.WITHDRAWN)
    form = DecisionsForm(
        request.POST, recommendations=shown.select_related("decided_by", "drafted_by")
    )
    if not form.is_valid():
        return _packet_page(request, membership, plan, packet, form, status=422)
    decisions = form.decisions()
    try:
        recommendations.decide_several(
            decisions,
            role=membership.role,
            by=request.user,
            link=recommendations.link_to(request, plan, "packet", packet.pk),
        )
    except recommendations.StepRefused as refused:
        messages.error(request, f"{refused} None of these decisions was recorded.")
        return back
    except recommendations.CannotApply as problem:
        messages.error(
            request,
            f"{problem} Nothing was applied and none of these decisions was recorded: "
            "decline or return that recommendation, then decide again.",
        )
        return back
    count = len(decisions)
    messages.success(request, f"Recorded {count} decision{pluralize(count)}.")
    return back


@require_POST
def amendment_open(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id, "administer")
    try:
        recommendations.open_amendment(plan, role=membership.role)
        messages.success(
            request,
            "An amendment out of cycle is open: draft its recommendations, then forward them.",
        )
    except recommendations.StepRefused as refused:
        messages.error(request, str(refused))
    return redirect("spring", district, plan_id)
