"""The spring cycle: the committee drafts recommendations and forwards them as one
packet; the superintendent decides each; approved ones change the plan, which gets a
new version. Every step, the state it starts from and the ability it needs (from the
one table of districts.models.ABILITIES) are in STEPS below; nothing else moves a packet
or a recommendation. The views ask the same ability of the person before they call here.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone

from districts.access import REFUSALS
from districts.models import ABILITIES, Membership, Role
from planning import editing
from planning.cycle.proposals import PlanLevel, PlanPart, kind_of
from planning.kinds import PART_NAMES
from planning.models import Packet, Plan, PlanVersion, Recommendation
from planning.titles import titled
from planning.tree import plan_tree
from planning.versions import corrections_since, first_version, new_version

COMMITTEE, SUPERINTENDENT = "edit", "approve"
R, P = Recommendation.State, Packet.State

# (what, its state, the step) -> (its next state, the ability the step needs)
STEPS = {
    ("recommendation", R.DRAFT, "edit"): (R.DRAFT, COMMITTEE),
    ("recommendation", R.DRAFT, "withdraw"): (R.WITHDRAWN, COMMITTEE),
    ("packet", P.DRAFTING, "forward"): (P.FORWARDED, COMMITTEE),
    ("recommendation", R.DRAFT, "forward"): (R.FORWARDED, COMMITTEE),
    ("recommendation", R.FORWARDED, "approve"): (R.APPROVED, SUPERINTENDENT),
    ("recommendation", R.FORWARDED, "decline"): (R.DECLINED, SUPERINTENDENT),
    ("recommendation", R.FORWARDED, "return"): (R.RETURNED, SUPERINTENDENT),
    ("packet", P.FORWARDED, "close"): (P.CLOSED, SUPERINTENDENT),
    ("packet", P.DRAFTING, "amend"): (P.DRAFTING, "administer"),
}
DECISIONS = ("approve", "decline", "return")


class StepRefused(Exception):
    """A step that the state or the person's role does not allow; says why."""


class CannotApply(Exception):
    def __init__(self, recommendation: Recommendation, reason: str):
        self.recommendation = recommendation
        super().__init__(f"“{recommendation}” can no longer be applied: {reason}")


def step(what: str, state: str, name: str, role: str) -> str:
    """The state after the step, or StepRefused saying why it is not allowed."""
    allowed = STEPS.get((what, state, name))
    if allowed is None:
        shown = (R if what == "recommendation" else P)(state).label.lower()
        raise StepRefused(f"A {what} that is {shown} cannot be {_past(name)}.")
    next_state, ability = allowed
    if role not in ABILITIES[ability]:
        raise StepRefused(REFUSALS[ability])
    return next_state


def _past(name: str) -> str:
    return {
        "edit": "edited",
        "withdraw": "withdrawn",
        "forward": "forwarded",
        "approve": "approved",
        "decline": "declined",
        "return": "returned",
        "close": "closed",
        "amend": "opened out of cycle",
    }[name]


def packet_being_drafted(plan: Plan) -> Packet:
    return Packet.objects.get_or_create(plan=plan, state=P.DRAFTING)[0]


@transaction.atomic
def open_amendment(plan: Plan, *, role: str) -> Packet:
    """An administrator opens a packet out of cycle: the one being drafted becomes it if
    it holds no draft yet; a spring packet with drafts is forwarded first."""
    step("packet", P.DRAFTING, "amend", role)
    if plan.status != Plan.Status.ADOPTED:
        raise StepRefused("Only an adopted plan is amended; a draft is edited in place.")
    packet = packet_being_drafted(plan)
    packet = Packet.objects.select_for_update().get(pk=packet.pk)
    if packet.out_of_cycle:
        return packet
    if packet.recommendations.filter(state=R.DRAFT).exists():
        raise StepRefused(
            "The spring recommendations being drafted must be forwarded before an "
            "amendment is opened."
        )
    packet.out_of_cycle = True
    packet.save(update_fields=["out_of_cycle"])
    return packet


@transaction.atomic
def draft(plan: Plan, *, role: str, by, **fields) -> Recommendation:
    step("recommendation", R.DRAFT, "edit", role)
    return Recommendation.objects.create(packet=packet_being_drafted(plan), drafted_by=by, **fields)


@transaction.atomic
def edit_draft(
    recommendation: Recommendation, *, role: str, proposed: dict, changes: list, rationale: str
):
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    step("recommendation", recommendation.state, "edit", role)
    recommendation.proposed, recommendation.rationale = proposed, rationale
    recommendation.changes = changes
    recommendation.save(update_fields=["proposed", "rationale", "changes"])
    return recommendation


@transaction.atomic
def withdraw(recommendation: Recommendation, *, role: str) -> None:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.state = step("recommendation", recommendation.state, "withdraw", role)
    recommendation.save(update_fields=["state"])


@transaction.atomic
def forward(packet: Packet, *, role: str, by, link: str) -> Packet:
    packet = Packet.objects.select_for_update().get(pk=packet.pk)
    packet.state = step("packet", packet.state, "forward", role)
    drafts = packet.recommendations.filter(state=R.DRAFT)
    if not drafts.exists():
        raise StepRefused("There is no draft recommendation to forward.")
    count = drafts.update(state=R.FORWARDED)
    packet.forwarded_by, packet.forwarded_at = by, timezone.now()
    packet.save()
    _tell(
        packet.plan,
        {Role.APPROVER},
        f"Spring recommendations to decide: {packet.plan.title}",
        f"The steering committee forwarded {count} recommendation{pluralize(count)} "
        f"for {titled(packet.plan)}. Decide each one here:\n\n{link}\n",
    )
    return packet


@transaction.atomic
def decide(
    recommendation: Recommendation, *, decision: str, note: str, role: str, by, link: str
) -> Recommendation:
    """Record one decision. The last decision of a packet closes it and applies every
    approved recommendation, all or none: if one can no longer apply, CannotApply is
    raised and nothing of it, this decision included, is kept."""
    if decision not in DECISIONS:
        raise StepRefused("Approve, decline or return: there is no other decision.")
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.state = step("recommendation", recommendation.state, decision, role)
    recommendation.decision_note = note
    recommendation.decided_by, recommendation.decided_at = by, timezone.now()
    recommendation.save()
    packet = recommendation.packet
    if not packet.recommendations.filter(state=R.FORWARDED).exists():
        close(packet, role=role, by=by, link=link)
    return recommendation


@transaction.atomic
def decide_several(decisions: list[tuple], *, role: str, by, link: str) -> list[Recommendation]:
    """Several decisions at once, each recorded as decide records one, with its own note;
    all of them or, if one is refused or cannot apply, none."""
    return [
        decide(recommendation, decision=decision, note=note, role=role, by=by, link=link)
        for recommendation, decision, note in decisions
    ]


def close(packet: Packet, *, role: str, by, link: str) -> PlanVersion | None:
    packet.state = step("packet", packet.state, "close", role)
    packet.closed_at = timezone.now()
    packet.save()
    approved = list(packet.recommendations.filter(state=R.APPROVED))
    version = None
    if approved:
        plan = packet.plan
        first_version(plan)
        for recommendation in approved:
            apply(recommendation, plan=plan, by=by)
        count = len(approved)
        label = f"{packet}: {count} approved change{pluralize(count)}"
        corrected = corrections_since(plan, plan.versions.order_by("number").last()).count()
        if corrected:
            label += f", then {corrected} correction{pluralize(corrected)}"
        version = new_version(plan, label, packet)
    _tell(
        packet.plan,
        {Role.ADMIN, Role.EDITOR},
        f"Spring recommendations decided: {packet.plan.title}",
        f"The superintendent has decided every recommendation of {packet}. "
        f"See the decisions here:\n\n{link}\n",
    )
    return version


def apply(recommendation: Recommendation, *, plan: Plan, by) -> None:
    kind = kind_of(recommendation.item_kind)
    label = recommendation.item_label
    if isinstance(kind, PlanPart | PlanLevel):
        _apply_to_plan(recommendation, kind, plan=plan, by=by)
        return
    if recommendation.action == Recommendation.Action.ADD:
        parent_model = kind.parent_model(recommendation.parent_kind)
        parent = _in_plan(parent_model, recommendation.parent_id, plan)
        if parent is None:
            raise CannotApply(recommendation, "what it was to be added to has been deleted.")
        form = kind.form_for(plan, recommendation.proposed)
        _must_be_valid(form, recommendation)
        editing.add_item(
            form,
            kind=kind,
            parent=parent,
            plan=plan,
            actor=by,
            label=lambda item: _named(kind, plan, item),
            approved=recommendation,
        )
        return
    item = _in_plan(kind.model, recommendation.item_id, plan)
    if item is None:
        raise CannotApply(recommendation, "the item has been deleted since it was drafted.")
    current = kind.form_for(plan, instance=item)
    if editing.plain_values(current) != recommendation.base:
        raise CannotApply(recommendation, "the item has been changed since it was drafted.")
    if recommendation.action in (Recommendation.Action.MOVE_UP, Recommendation.Action.MOVE_DOWN):
        direction = "up" if recommendation.action == Recommendation.Action.MOVE_UP else "down"
        moved = editing.move_item(
            item,
            kind=kind,
            plan=plan,
            actor=by,
            direction=direction,
            label=label,
            approved=recommendation,
        )
        if not moved:
            raise CannotApply(recommendation, f"it cannot move further {direction}.")
        return
    if recommendation.action == Recommendation.Action.RETIRE:
        editing.delete_item(
            item, kind=kind, plan=plan, actor=by, label=label, approved=recommendation
        )
        return
    form = kind.form_for(plan, recommendation.proposed, instance=item)
    _must_be_valid(form, recommendation)
    editing.save_edit(form, kind=kind, plan=plan, actor=by, label=label, approved=recommendation)


def _apply_to_plan(recommendation: Recommendation, part, *, plan: Plan, by) -> None:
    """A change to one of the plan's own parts, or to a level of its structure."""
    # The plan as it is now, changed in place: the version made next is read from it.
    plan.refresh_from_db()
    plan.__dict__.pop("levels_by_slot", None)
    instance = plan if isinstance(part, PlanPart) else plan.level(part.slot)
    if editing.plain_values(part.form_for(plan, instance=instance)) != recommendation.base:
        raise CannotApply(recommendation, "it has been changed since it was drafted.")
    form = part.form_for(plan, recommendation.proposed, instance=instance)
    _must_be_valid(form, recommendation)
    editing.save_section(
        form,
        plan=plan,
        actor=by,
        label=f"Plan: {PART_NAMES[part.part]}" if isinstance(part, PlanPart) else "Plan: structure",
        scope=part.scope,
        approved=recommendation,
    )
    plan.__dict__.pop("levels_by_slot", None)


def _named(kind, plan: Plan, item) -> str:
    """An added item as the plan names it, by its number and title: "Objective 4.2:
    Career pathways", not what it was added to."""
    try:
        # Read whole only where the item is: a packet names each item it adds.
        tree = plan_tree(plan, only={f"{kind.name}-{item.pk}"})
        return editing.label_of(kind, plan, tree.find(kind.name, item.pk))
    except KeyError:
        return f"{kind.label(plan)}: {editing.describe(item)}"


def _in_plan(model, pk, plan: Plan):
    """The item of this plan, or None: every kind of item keeps its plan."""
    if model is Plan:
        return plan if pk == plan.pk else None
    return model.objects.filter(pk=pk, plan=plan).first()


def _must_be_valid(form, recommendation: Recommendation) -> None:
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        raise CannotApply(recommendation, f"its proposal no longer fits the plan ({problems}).")


def _tell(plan: Plan, roles: set[str], subject: str, body: str) -> None:
    emails = [
        m.user.email
        for m in Membership.objects.filter(
            district=plan.district_id, role__in=roles
        ).select_related("user")
        if m.user.email
    ]
    if emails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)


def link_to(request, plan: Plan, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=[plan.district.slug, plan.pk, *args]))
