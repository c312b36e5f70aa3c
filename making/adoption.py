"""A plan's making from its start, a draft with the five phases and the starting strategic
areas, to its adoption as the district's plan, version 1."""

from django.db import models, transaction
from django.utils import timezone

from making.models import Making, Phase, StrategicArea
from planning.editing import record
from planning.models import Change, Plan, PlanVersion, plural
from planning.plan_file import start_plan
from planning.titles import titled
from planning.versions import first_version


@transaction.atomic
def start_making(district, wanted: dict, *, actor) -> Making:
    """A new draft plan with its making: the five phases and the starting strategic areas."""
    plan = start_plan(district, wanted)
    making = Making.objects.create(plan=plan, follows=wanted.get("follows"), started_by=actor)
    Phase.objects.bulk_create(
        Phase(making=making, order=n, name=name) for n, name in enumerate(Phase.PHASES, start=1)
    )
    StrategicArea.objects.bulk_create(
        StrategicArea(making=making, order=n, name=name)
        for n, name in enumerate(StrategicArea.STARTING, start=1)
    )
    return making


class CannotAdopt(Exception):
    pass


def overlapping_plans(making: Making) -> models.QuerySet:
    """Adopted plans of the district, other than the one this replaces, that share years."""
    plan = making.plan
    return (
        Plan.objects.in_district(plan.district_id)
        .filter(status=Plan.Status.ADOPTED)
        .filter(start_year__lt=plan.end_year, end_year__gt=plan.start_year)
        .exclude(pk__in=[plan.pk, making.follows_id or 0])
    )


@transaction.atomic
def adopt(making: Making, *, actor) -> PlanVersion:
    """The draft becomes the district's plan for its period, as version 1; the plan it
    follows is ended. All of it or, if any step fails, nothing."""
    making = Making.objects.select_for_update().get(pk=making.pk)
    plan = Plan.objects.select_for_update().get(pk=making.plan_id)
    if making.is_adopted:
        raise CannotAdopt(f"{titled(plan)} was adopted already, on {making.adopted_at:%B %-d, %Y}.")
    if plan.status != Plan.Status.DRAFT:
        status = plan.get_status_display().lower()
        raise CannotAdopt(f"Only a draft is adopted; {titled(plan)} is {status}.")
    if not plan.goals.exists():
        goals = plural(plan.goal_label).lower()
        raise CannotAdopt(f"The draft has no {goals} yet: write them first.")
    other = overlapping_plans(making).first()
    if other:
        raise CannotAdopt(
            f"{titled(other)} is already adopted for years this plan covers. Shorten one of the "
            "periods, or archive it first."
        )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.CHANGED,
        kind="plan",
        item_id=plan.pk,
        label="Plan: adopted",
        before={"status": Plan.Status.DRAFT},
        after={"status": Plan.Status.ADOPTED},
    )
    previous = making.follows
    if previous and previous.status != Plan.Status.ARCHIVED:
        before = previous.status
        Plan.objects.filter(pk=previous.pk).update(status=Plan.Status.ARCHIVED)
        record(
            plan=previous,
            actor=actor,
            action=Change.Action.CHANGED,
            kind="plan",
            item_id=previous.pk,
            label=f"Plan: ended, followed by {titled(plan)}",
            before={"status": before},
            after={"status": Plan.Status.ARCHIVED},
        )
    plan.refresh_from_db()
    version = first_version(plan)
    making.adopted_at = timezone.now()
    making.adopted_by = actor
    making.save(update_fields=["adopted_at", "adopted_by"])
    return version
