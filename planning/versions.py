"""Versions of a plan: the whole plan as it stood at adoption and after each packet of
approved changes. Every version is kept whole, so any two can be compared
(planning.compare)."""

from django.db import models

from planning.models import Change, Packet, Plan, PlanVersion, Recommendation
from planning.plan_file import plan_data


def first_version(plan: Plan) -> PlanVersion:
    """Version 1, the plan as adopted, if it has no version yet."""
    existing = plan.versions.order_by("number").first()
    return existing or new_version(plan, "As adopted")


def new_version(plan: Plan, label: str, packet: Packet | None = None) -> PlanVersion:
    last = plan.versions.aggregate(models.Max("number"))["number__max"] or 0
    return PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        label=label,
        packet=packet,
        snapshot=plan_data(plan, with_ids=True),
    )


def corrections_since(plan: Plan, version: PlanVersion | None):
    """The corrections made to the plan since that version (all, without one)."""
    corrections = plan.changes.exclude(correction="").select_related("actor").order_by("at", "pk")
    return corrections.filter(at__gt=version.created_at) if version else corrections


def what_made(plan: Plan, older: PlanVersion, newer: PlanVersion) -> dict:
    """What changed the plan's commitments from one version to the other, each with who:
    the recommendations the packets of the versions between approved, then the
    corrections made between; on an adopted plan nothing else can (editing.locked).
    made_by maps (kind, id) of a changed item to the recommendation or correction;
    made_plan lists those that changed the plan's own parts."""
    if older.number > newer.number:
        older, newer = newer, older
    packets = plan.versions.filter(number__gt=older.number, number__lte=newer.number)
    approved = Recommendation.objects.filter(
        packet__in=packets.exclude(packet=None).values("packet"),
        state=Recommendation.State.APPROVED,
    ).select_related("packet", "drafted_by", "decided_by")
    corrections = corrections_since(plan, older).filter(at__lte=newer.created_at)
    applied = list(
        Change.objects.filter(plan=plan, recommendation__in=approved).select_related(
            "recommendation"
        )
    )
    corrections = list(corrections)
    made_by = {(c.item_kind, c.item_id): c.recommendation for c in applied}
    made_by |= {(c.item_kind, c.item_id): c for c in corrections}
    # The plan's own parts (its mission, its title…) are one item of several changes.
    made_plan = [c.recommendation for c in applied if c.item_kind == "plan"]
    made_plan += [c for c in corrections if c.item_kind == "plan"]
    return {
        "approved": list(approved),
        "corrections": corrections,
        "made_by": made_by,
        "made_plan": made_plan,
    }
