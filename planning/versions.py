"""Versions of a plan: the whole plan as it stood at adoption and after each packet of
approved changes. Every version is kept whole, so any two can be compared
(planning.compare)."""

from django.db import models

from planning.models import Packet, Plan, PlanVersion
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
