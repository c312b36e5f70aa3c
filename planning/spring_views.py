"""The spring recommendations' pages. Who may take each step, and from which state, is
decided in planning/cycle.py; these views ask it and show its answer."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planning import cycle, editing
from planning.compare import compare
from planning.models import Packet, Recommendation
from planning.tree import plan_tree
from planning.views import label_of, node_in, plan_for

Action = Recommendation.Action


class RationaleForm(forms.Form):
    rationale = forms.CharField(
        label="Rationale",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the committee recommends this.",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("decline", "Decline"),
            ("return", "Return to the committee"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


def a(word: str) -> str:
    """The word with its indefinite article: a goal, an objective."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def as_data(form) -> dict:
    """A form's current values as form data, as a person would post them unchanged."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


def posted(form_class_fields, post) -> dict:
    return {
        name: post.getlist(name)
        if getattr(field.widget, "allow_multiple_selected", False)
        else post.get(name, "")
        for name, field in form_class_fields.items()
        if name != "fingerprint"
    }


def changes_between(form) -> list[list[str]]:
    """[label, what is saved, what is proposed] for each field the proposal changes."""
    saved = dict(form.saved_values_for_people()) if form.instance.pk else {}
    rows = []
    for name in form.changed_data:
        if name in ("fingerprint", "revision_reason"):
            continue
        field = form.fields[name]
        label = str(field.label or name.replace("_", " ").capitalize())
        value = form.cleaned_data.get(name)
        if isinstance(value, list | tuple) or (
            hasattr(value, "__iter__") and not isinstance(value, str)
        ):
            value = ", ".join(str(v) for v in value)
        elif hasattr(field, "choices") and value not in (None, ""):
            value = dict(field.choices).get(value, dict(field.choices).get(str(value), value))
        rows.append(
            [
                label,
                str(saved.get(label, "") or "—"),
                str(value if value not in (None, "") else "—"),
            ]
        )
    return rows


@require_GET
def spring(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    tree = plan_tree(plan)
    drafting = plan.packets.filter(state=Packet.State.DRAFTING).first()
    return render(
        request,
        "planning/spring.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "drafting": drafting,
            "drafts": drafting.recommendations.select_related("drafted_by", "decided_by")
            if drafting
            else [],
            "packets": plan.packets.exclude(state=Packet.State.DRAFTING),
            "choices": choices(tree),
            "can_draft": membership.can_edit,
        },
    )


def choices(tree) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the committee can recommend, item by item, for the picker."""
    plan = tree.plan
    groups = [("The plan", [(f"add:plan:{plan.pk}:goal", f"Add {a(plan.goal_label.lower())}")])]
    for goal in tree.goals:
        options = []
        for node in editing_nodes(goal):
            kind = editing.KINDS[node.kind]
            label = label_of(kind, plan, node)
            options += [
                (f"change:{node.kind}:{node.pk}", f"Change {label}"),
                (f"retire:{node.kind}:{node.pk}", f"Retire {label}"),
            ]
            if node.kind == "measure":
                options.append(
                    (f"adjust_targets:measure:{node.pk}", f"Adjust the targets of {label}")
                )
            for child in ("objective", "strategy", "measure"):
                if node.kind in editing.KINDS[child].parents and not (
                    child == "objective" and node.kind != "goal"
                ):
                    word = getattr(plan, f"{child}_label").lower()
                    options.append(
                        (f"add:{node.kind}:{node.pk}:{child}", f"Add {a(word)} to {label}")
                    )
        groups.append((f"{plan.goal_label} {goal.number}", options))
    return groups


def editing_nodes(goal):
    yield goal
    yield from goal.measures
    for objective in goal.objectives:
        yield objective
        yield from objective.measures
        for strategy in objective.strategies:
            yield strategy
            yield from strategy.measures
    for strategy in goal.strategies:
        yield strategy
        yield from strategy.measures


@require_GET
def pick(request, district: str, plan_id: int):
    plan_for(request, district, plan_id, edit=True)
    parts = request.GET.get("what", "").split(":")
    if len(parts) == 4 and parts[0] == "add":
        return redirect("recommend_add", district, plan_id, parts[1], int(parts[2]), parts[3])
    if (
        len(parts) == 3
        and parts[0] in {"change", "retire", "adjust_targets"}
        and parts[2].isdigit()
    ):
        return redirect("recommend", district, plan_id, parts[0], parts[1], int(parts[2]))
    messages.error(request, "Choose what to recommend from the list.")
    return redirect("spring", district, plan_id)


@require_http_methods(["GET", "POST"])
def recommend(request, district: str, plan_id: int, action: str, kind: str, pk: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    if action not in {Action.CHANGE, Action.RETIRE, Action.ADJUST_TARGETS}:
        raise Http404("No such recommendation")
    if action == Action.ADJUST_TARGETS and kind != "measure":
        raise Http404("Only a measure has targets")
    tree = plan_tree(plan)
    node = node_in(tree, kind, pk)
    kind_ = editing.KINDS[kind]
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
def recommend_add(
    request, district: str, plan_id: int, parent_kind: str, parent_pk: int, kind: str
):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    tree = plan_tree(plan)
    parent = node_in(tree, parent_kind, parent_pk)
    kind_ = editing.KINDS[kind]
    if parent_kind not in kind_.parents:
        raise Http404("That cannot be added there")
    where = (
        "the plan" if parent_kind == "plan" else label_of(editing.KINDS[parent_kind], plan, parent)
    )
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
    # A prefix, because a goal's form has a rationale field of its own.
    reason = RationaleForm(
        request.POST or None,
        prefix="why",
        initial={"rationale": recommendation.rationale if recommendation else ""},
    )
    proposal = None
    if action != Action.RETIRE:
        start = (
            recommendation.proposed if recommendation else (as_data(current) if current else None)
        )
        data = start
        if request.method == "POST":
            data = request.POST.copy()
            if action == Action.ADJUST_TARGETS:
                targets = {k: v for k, v in request.POST.items() if k.startswith("target_")}
                data = {**as_data(current), **targets}
            # The rationale is also the reason a revised baseline or target is kept with.
            data["revision_reason"] = request.POST.get("why-rationale", "")
        proposal = (
            kind.form_for(plan, data, instance=item) if data is not None else kind.form_for(plan)
        )
    if request.method == "POST":
        valid = reason.is_valid() & (proposal is None or proposal.is_valid())
        if valid:
            proposed = {}
            if proposal is not None:
                proposed = (
                    data if action == Action.ADJUST_TARGETS else posted(proposal.fields, data)
                )
            try:
                if recommendation:
                    cycle.edit_draft(
                        recommendation,
                        role=membership.role,
                        proposed=proposed,
                        rationale=reason.cleaned_data["rationale"],
                    )
                    recommendation.changes = changes_between(proposal) if proposal else []
                    recommendation.save(update_fields=["changes"])
                else:
                    cycle.draft(
                        plan,
                        role=membership.role,
                        by=request.user,
                        action=action,
                        item_kind=kind.name,
                        item_id=item.pk if item else None,
                        parent_kind=parent[0] if parent else "",
                        parent_id=parent[1] if parent else None,
                        item_label=label[:300],
                        base=editing.plain_values(current) if current else {},
                        proposed=proposed,
                        changes=changes_between(proposal) if proposal else [],
                        rationale=reason.cleaned_data["rationale"],
                    )
            except cycle.StepRefused as refused:
                messages.error(request, str(refused))
                return redirect("spring", plan.district.slug, plan.pk)
            messages.success(request, "The recommendation is saved as a draft.")
            return redirect("spring", plan.district.slug, plan.pk)
    fields = None
    if proposal is not None:
        fields = (
            proposal.target_fields()
            if action == Action.ADJUST_TARGETS
            else [
                proposal[name]
                for name in proposal.fields
                if name not in ("fingerprint", "revision_reason")
            ]
        )
    return render(
        request,
        "planning/recommend.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "action": Action(action),
            "label": label,
            "proposal": proposal,
            "fields": fields,
            "reason": reason,
            "recommendation": recommendation,
        },
        status=422 if request.method == "POST" else 200,
    )


def recommendation_for(request, district, plan_id, pk, *, edit=False):
    membership, plan = plan_for(request, district, plan_id, edit=edit)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("packet"), pk=pk, packet__plan=plan
    )
    return membership, plan, recommendation


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, district: str, plan_id: int, pk: int):
    membership, plan, recommendation = recommendation_for(request, district, plan_id, pk, edit=True)
    try:
        cycle.step("recommendation", recommendation.state, "edit", membership.role)
    except cycle.StepRefused as refused:
        messages.error(request, str(refused))
        return redirect("packet", district, plan_id, recommendation.packet_id)
    kind = editing.KINDS[recommendation.item_kind]
    item = None
    if recommendation.item_id:
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
    membership, _, recommendation = recommendation_for(request, district, plan_id, pk, edit=True)
    try:
        cycle.withdraw(recommendation, role=membership.role)
        messages.success(request, f"Withdrew “{recommendation}”.")
    except cycle.StepRefused as refused:
        messages.error(request, str(refused))
    return redirect("spring", district, plan_id)


@require_POST
def packet_forward(request, district: str, plan_id: int, pk: int):
    membership, plan = plan_for(request, district, plan_id, edit=True)
    packet = get_object_or_404(plan.packets, pk=pk)
    try:
        cycle.forward(
            packet,
            role=membership.role,
            by=request.user,
            link=cycle.link_to(request, plan, "packet", packet.pk),
        )
        messages.success(request, "The packet is forwarded; the superintendent has been told.")
    except cycle.StepRefused as refused:
        messages.error(request, str(refused))
        return redirect("spring", district, plan_id)
    return redirect("packet", district, plan_id, packet.pk)


@require_GET
def packet_detail(request, district: str, plan_id: int, pk: int):
    membership, plan = plan_for(request, district, plan_id)
    packet = get_object_or_404(plan.packets, pk=pk)
    return render(
        request,
        "planning/packet.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "packet": packet,
            "recommendations": packet.recommendations.select_related("decided_by", "drafted_by"),
            "can_decide": membership.can_approve and packet.state == Packet.State.FORWARDED,
            "decision_form": DecisionForm(),
        },
    )


@require_POST
def recommendation_decide(request, district: str, plan_id: int, pk: int):
    membership, plan, recommendation = recommendation_for(request, district, plan_id, pk)
    form = DecisionForm(request.POST)
    back = redirect("packet", district, plan_id, recommendation.packet_id)
    if not form.is_valid():
        messages.error(request, "Choose approve, decline or return, then record the decision.")
        return back
    try:
        cycle.decide(
            recommendation,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            role=membership.role,
            by=request.user,
            link=cycle.link_to(request, plan, "packet", recommendation.packet_id),
        )
    except cycle.StepRefused as refused:
        messages.error(request, str(refused))
        return back
    except cycle.CannotApply as problem:
        messages.error(
            request,
            f"{problem} Nothing was applied and this decision was not "
            "recorded: decline or return that recommendation, then decide again.",
        )
        return back
    recommendation.refresh_from_db()
    messages.success(request, f"{recommendation.get_state_display()}: “{recommendation}”.")
    return back


@require_GET
def versions(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    return render(
        request,
        "planning/versions.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "versions": plan.versions.defer("snapshot"),
        },
    )


@require_GET
def version_detail(request, district: str, plan_id: int, number: int):
    membership, plan = plan_for(request, district, plan_id)
    version = get_object_or_404(plan.versions, number=number)
    return render(
        request,
        "planning/version.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "version": version,
            "snapshot": version.snapshot,
        },
    )


@require_GET
def versions_compare(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    numbers = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(n.isdigit() for n in numbers):
        messages.error(request, "Choose two versions to compare.")
        return redirect("versions", district, plan_id)
    older = get_object_or_404(plan.versions, number=int(numbers[0]))
    newer = get_object_or_404(plan.versions, number=int(numbers[1]))
    return render(
        request,
        "planning/compare.html",
        {
            "membership": membership,
            "district": membership.district,
            "plan": plan,
            "older": older,
            "newer": newer,
            "comparison": compare(older.snapshot, newer.snapshot),
            "back": reverse("versions", args=[district, plan_id]),
        },
    )
