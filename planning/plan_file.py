"""A whole plan as one nested JSON-ready dict: the shape of the sample files in fixtures/."""

from decimal import Decimal

from django.db import transaction

from districts.models import District
from measures.models import Measure, Target
from planning.models import (
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Strategy,
    VisionArea,
)

PLAN_FIELDS = (
    "title",
    "tagline",
    "start_year",
    "end_year",
    "status",
    "notes",
    "mission",
    "vision",
    "theory_of_action",
    "graduate_profile_title",
)
MEASURE_FIELDS = (
    "name",
    "data_source",
    "kind",
    "unit",
    "decimals",
    "direction",
    "baseline_year",
    "target_form",
    "final_target_year",
    "target_text",
)
STRATEGY_FIELDS = ("owner", "start_year", "end_year", "status", "funding_source")


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def create_plan(district: District, data: dict) -> Plan:
    labels = data.get("labels", {})
    plan = Plan.objects.create(
        district=district,
        **{name: data[name] for name in PLAN_FIELDS if name in data},
        **{f"{level}_label": label for level, label in labels.items()},
    )
    for order, value in enumerate(data.get("values", []), start=1):
        CoreValue.objects.create(
            plan=plan,
            order=order,
            name=value["name"],
            definition=value.get("definition", ""),
            descriptors=value.get("descriptors", []),
        )
    for order, area in enumerate(data.get("vision_areas", []), start=1):
        VisionArea.objects.create(
            plan=plan, order=order, name=area["name"], description=area.get("description", "")
        )
    attributes = {
        attribute["name"]: GraduateAttribute.objects.create(
            plan=plan,
            order=order,
            name=attribute["name"],
            descriptors=attribute.get("descriptors", []),
        )
        for order, attribute in enumerate(data.get("graduate_attributes", []), start=1)
    }
    for order, goal_data in enumerate(data.get("goals", []), start=1):
        _create_goal(plan, order, goal_data, attributes)
    for order, guardrail_data in enumerate(data.get("guardrails", []), start=1):
        guardrail = Guardrail.objects.create(
            plan=plan, order=order, statement=guardrail_data["statement"]
        )
        _create_measures(plan, guardrail_data.get("measures", []), guardrail=guardrail)
    return plan


def _create_goal(plan: Plan, order: int, data: dict, attributes: dict) -> Goal:
    goal = Goal.objects.create(
        plan=plan,
        order=order,
        title=data.get("title", ""),
        statement=data["statement"],
        rationale=data.get("rationale", []),
    )
    goal.graduate_attributes.set(attributes[name] for name in data.get("graduate_attributes", []))
    _create_measures(plan, data.get("measures", []), goal=goal)
    for objective_order, objective_data in enumerate(data.get("objectives", []), start=1):
        objective = Objective.objects.create(
            goal=goal,
            order=objective_order,
            title=objective_data["title"],
            description=objective_data.get("description", ""),
        )
        _create_measures(plan, objective_data.get("measures", []), objective=objective)
        _create_strategies(plan, goal, objective_data.get("strategies", []), objective=objective)
    _create_strategies(plan, goal, data.get("strategies", []), objective=None)
    return goal


def _create_strategies(plan: Plan, goal: Goal, items: list, objective: Objective | None) -> None:
    for order, data in enumerate(items, start=1):
        strategy = Strategy.objects.create(
            goal=goal,
            objective=objective,
            order=order,
            text=data["text"],
            sub_points=data.get("sub_points", []),
            cost=_decimal(data.get("cost")),
            **{name: data[name] for name in STRATEGY_FIELDS if name in data},
        )
        _create_measures(plan, data.get("measures", []), strategy=strategy)


def _create_measures(plan: Plan, items: list, **parent) -> None:
    for order, data in enumerate(items, start=1):
        measure = Measure.objects.create(
            plan=plan,
            order=order,
            baseline_value=_decimal(data.get("baseline_value")),
            final_target=_decimal(data.get("final_target")),
            **parent,
            **{name: data[name] for name in MEASURE_FIELDS if name in data},
        )
        Target.objects.bulk_create(
            Target(measure=measure, year=int(year), value=_decimal(value))
            for year, value in data.get("targets", {}).items()
        )
