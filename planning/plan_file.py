"""A plan, or one item of it with everything under it, as a JSON-ready dict and back.

The shape is the one fixtures/FORMAT.md describes. Reading an item out and creating it
again loses nothing: undoing a delete does exactly that. With keep_ids the items come
back under their old ids, so their history still points at them.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.utils.dateparse import parse_datetime

from districts.models import District
from measures.models import Measure, Result, Revision, StudentGroup, Target
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
    "published",
)
LEVELS = ("goal", "objective", "strategy", "measure")
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
    return None if value is None or value == "" else Decimal(str(value))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


# Reading out -------------------------------------------------------------------------

MEASURE_PREFETCH = (
    Prefetch("targets", queryset=Target.objects.order_by("year")),
    Prefetch(
        "results",
        queryset=Result.objects.select_related("group", "entered_by").order_by("year", "pk"),
    ),
    Prefetch("revisions", queryset=Revision.objects.select_related("changed_by").order_by("pk")),
    "breakdown",
)


def measures_prefetch(prefix: str) -> list:
    ordered = Prefetch(f"{prefix}measures", queryset=Measure.objects.order_by("order"))
    return [ordered, *(_nested(prefix + "measures__", item) for item in MEASURE_PREFETCH)]


def _nested(prefix: str, item):
    if isinstance(item, Prefetch):
        return Prefetch(prefix + item.prefetch_to, queryset=item.queryset)
    return prefix + item


def measure_data(measure: Measure, *, with_ids: bool = False) -> dict:
    data = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    data |= {
        "baseline_value": _text(measure.baseline_value),
        "final_target": _text(measure.final_target),
        "targets": {str(t.year): _text(t.value) for t in measure.targets.all()},
        "breakdown": [group.name for group in measure.breakdown.all()],
        "results": [
            {
                "year": result.year,
                "group": result.group.name if result.group else None,
                "value": _text(result.value),
                "note": result.note,
                "entered_by": result.entered_by.username if result.entered_by else None,
                "entered_at": result.entered_at.isoformat(),
            }
            for result in measure.results.all()
        ],
        "revisions": [
            {
                "field": revision.field,
                "year": revision.year,
                "old_value": revision.old_value,
                "new_value": revision.new_value,
                "reason": revision.reason,
                "changed_by": revision.changed_by.username if revision.changed_by else None,
                "changed_at": revision.changed_at.isoformat(),
            }
            for revision in measure.revisions.all()
        ],
    }
    return _with_id(data, measure, with_ids)


def strategy_data(strategy: Strategy, *, with_ids: bool = False) -> dict:
    data = {
        "text": strategy.text,
        "sub_points": strategy.sub_points,
        **{name: getattr(strategy, name) for name in STRATEGY_FIELDS},
        "cost": _text(strategy.cost),
        "measures": [measure_data(m, with_ids=with_ids) for m in strategy.measures.all()],
    }
    return _with_id(data, strategy, with_ids)


def objective_data(objective: Objective, *, with_ids: bool = False) -> dict:
    data = {
        "title": objective.title,
        "description": objective.description,
        "measures": [measure_data(m, with_ids=with_ids) for m in objective.measures.all()],
        "strategies": [strategy_data(s, with_ids=with_ids) for s in objective.strategies.all()],
    }
    return _with_id(data, objective, with_ids)


def goal_data(goal: Goal, *, with_ids: bool = False) -> dict:
    data = {
        "title": goal.title,
        "statement": goal.statement,
        "rationale": goal.rationale,
        "graduate_attributes": [a.name for a in goal.graduate_attributes.all()],
        "measures": [measure_data(m, with_ids=with_ids) for m in goal.measures.all()],
        "objectives": [objective_data(o, with_ids=with_ids) for o in goal.objectives.all()],
        "strategies": [
            strategy_data(s, with_ids=with_ids)
            for s in goal.strategies.all()
            if s.objective_id is None
        ],
    }
    return _with_id(data, goal, with_ids)


def guardrail_data(guardrail: Guardrail, *, with_ids: bool = False) -> dict:
    data = {
        "statement": guardrail.statement,
        "measures": [measure_data(m, with_ids=with_ids) for m in guardrail.measures.all()],
    }
    return _with_id(data, guardrail, with_ids)


def _with_id(data: dict, item, with_ids: bool) -> dict:
    return {"id": item.pk, **data} if with_ids else data


def objective_prefetch(prefix: str = "") -> list:
    strategies = Prefetch(f"{prefix}strategies", queryset=Strategy.objects.order_by("order"))
    return [
        *measures_prefetch(prefix),
        strategies,
        *measures_prefetch(f"{prefix}strategies__"),
    ]


def goal_prefetch(prefix: str = "") -> list:
    objectives = Prefetch(f"{prefix}objectives", queryset=Objective.objects.order_by("order"))
    strategies = Prefetch(f"{prefix}strategies", queryset=Strategy.objects.order_by("order"))
    return [
        f"{prefix}graduate_attributes",
        *measures_prefetch(prefix),
        objectives,
        *objective_prefetch(f"{prefix}objectives__"),
        strategies,
        *measures_prefetch(f"{prefix}strategies__"),
    ]


def start_plan(district: District, wanted: dict) -> Plan:
    """A new draft plan, empty or copied from another without its results and reviews."""
    years = range(wanted["start_year"], wanted["end_year"])
    data = {
        "title": wanted["title"],
        "start_year": wanted["start_year"],
        "end_year": wanted["end_year"],
        "status": Plan.Status.DRAFT,
    }
    source = wanted.get("copy_from")
    if source:
        data = {**plan_data(source), **data, "published": False}
        keep_to_period(data, years)
    return create_plan(district, data)


def keep_to_period(value, years) -> None:
    """Drop, in place, what of plan data belongs to another period: the results and
    revisions of each measure and its targets outside the years."""
    if isinstance(value, dict):
        if "targets" in value:
            value["targets"] = {y: v for y, v in value["targets"].items() if int(y) in years}
            value["results"], value["revisions"] = [], []
            if value.get("final_target_year") and value["final_target_year"] not in years:
                value["final_target_year"] = None
        for item in value.values():
            keep_to_period(item, years)
    elif isinstance(value, list):
        for item in value:
            keep_to_period(item, years)


# Creating ----------------------------------------------------------------------------


@transaction.atomic
def create_plan(district: District, data: dict) -> Plan:
    labels = data.get("labels", {})
    plan = Plan.objects.create(
        district=district,
        **{name: data[name] for name in PLAN_FIELDS if name in data},
        **{f"{level}_label": labels[level] for level in LEVELS if level in labels},
    )
    for order, value in enumerate(data.get("values", []), start=1):
        create_value(plan, order, value)
    for order, area in enumerate(data.get("vision_areas", []), start=1):
        create_vision_area(plan, order, area)
    for order, attribute in enumerate(data.get("graduate_attributes", []), start=1):
        create_graduate_attribute(plan, order, attribute)
    for order, goal_data_ in enumerate(data.get("goals", []), start=1):
        create_goal(plan, order, goal_data_)
    for order, guardrail_data_ in enumerate(data.get("guardrails", []), start=1):
        create_guardrail(plan, order, guardrail_data_)
    return plan


def create_value(plan: Plan, order: int, data: dict, keep_ids: bool = False) -> CoreValue:
    return CoreValue.objects.create(
        **_id(data, keep_ids),
        plan=plan,
        order=order,
        name=data["name"],
        definition=data.get("definition", ""),
        descriptors=data.get("descriptors", []),
    )


def create_vision_area(plan: Plan, order: int, data: dict, keep_ids: bool = False) -> VisionArea:
    return VisionArea.objects.create(
        **_id(data, keep_ids),
        plan=plan,
        order=order,
        name=data["name"],
        description=data.get("description", ""),
    )


def create_graduate_attribute(
    plan: Plan, order: int, data: dict, keep_ids: bool = False
) -> GraduateAttribute:
    return GraduateAttribute.objects.create(
        **_id(data, keep_ids),
        plan=plan,
        order=order,
        name=data["name"],
        descriptors=data.get("descriptors", []),
    )


def create_guardrail(plan: Plan, order: int, data: dict, keep_ids: bool = False) -> Guardrail:
    guardrail = Guardrail.objects.create(
        **_id(data, keep_ids), plan=plan, order=order, statement=data["statement"]
    )
    create_measures(plan, data.get("measures", []), keep_ids, guardrail=guardrail)
    return guardrail


def create_goal(plan: Plan, order: int, data: dict, keep_ids: bool = False) -> Goal:
    goal = Goal.objects.create(
        **_id(data, keep_ids),
        plan=plan,
        order=order,
        title=data.get("title", ""),
        statement=data["statement"],
        rationale=data.get("rationale", []),
    )
    goal.graduate_attributes.set(
        plan.graduate_attributes.filter(name__in=data.get("graduate_attributes", []))
    )
    create_measures(plan, data.get("measures", []), keep_ids, goal=goal)
    for objective_order, objective in enumerate(data.get("objectives", []), start=1):
        create_objective(goal, objective_order, objective, keep_ids)
    for strategy_order, strategy in enumerate(data.get("strategies", []), start=1):
        create_strategy(goal, None, strategy_order, strategy, keep_ids)
    return goal


def create_objective(goal: Goal, order: int, data: dict, keep_ids: bool = False) -> Objective:
    objective = Objective.objects.create(
        **_id(data, keep_ids),
        goal=goal,
        order=order,
        title=data["title"],
        description=data.get("description", ""),
    )
    create_measures(goal.plan, data.get("measures", []), keep_ids, objective=objective)
    for strategy_order, strategy in enumerate(data.get("strategies", []), start=1):
        create_strategy(goal, objective, strategy_order, strategy, keep_ids)
    return objective


def create_strategy(
    goal: Goal, objective: Objective | None, order: int, data: dict, keep_ids: bool = False
) -> Strategy:
    strategy = Strategy.objects.create(
        **_id(data, keep_ids),
        goal=goal,
        objective=objective,
        order=order,
        text=data["text"],
        sub_points=data.get("sub_points", []),
        cost=_decimal(data.get("cost")),
        **{name: data[name] for name in STRATEGY_FIELDS if data.get(name) is not None},
    )
    create_measures(goal.plan, data.get("measures", []), keep_ids, strategy=strategy)
    return strategy


def create_measures(plan: Plan, items: list, keep_ids: bool = False, **parent) -> None:
    for order, data in enumerate(items, start=1):
        create_measure(plan, order, data, keep_ids, **parent)


def create_measure(plan: Plan, order: int, data: dict, keep_ids: bool = False, **parent) -> Measure:
    measure = Measure.objects.create(
        **_id(data, keep_ids),
        plan=plan,
        order=order,
        baseline_value=_decimal(data.get("baseline_value")),
        final_target=_decimal(data.get("final_target")),
        **parent,
        **{name: data[name] for name in MEASURE_FIELDS if data.get(name) is not None},
    )
    groups = _student_groups(plan.district, data)
    measure.breakdown.set(groups[name] for name in data.get("breakdown", []))
    Target.objects.bulk_create(
        Target(measure=measure, year=int(year), value=_decimal(value))
        for year, value in data.get("targets", {}).items()
    )
    people = _people(data)
    Result.objects.bulk_create(
        Result(
            measure=measure,
            year=result["year"],
            group=groups[result["group"]] if result.get("group") else None,
            value=_decimal(result.get("value")),
            note=result.get("note", ""),
            entered_by=people.get(result.get("entered_by")),
            **_when("entered_at", result),
        )
        for result in data.get("results", [])
    )
    Revision.objects.bulk_create(
        Revision(
            measure=measure,
            field=revision["field"],
            year=revision.get("year"),
            old_value=revision.get("old_value", ""),
            new_value=revision.get("new_value", ""),
            reason=revision["reason"],
            changed_by=people.get(revision.get("changed_by")),
            **_when("changed_at", revision),
        )
        for revision in data.get("revisions", [])
    )
    return measure


def _id(data: dict, keep_ids: bool) -> dict:
    return {"pk": data["id"]} if keep_ids and data.get("id") else {}


def _when(name: str, data: dict) -> dict:
    return {name: parse_datetime(data[name])} if data.get(name) else {}


def _student_groups(district: District, data: dict) -> dict[str, StudentGroup]:
    names = set(data.get("breakdown", [])) | {
        r["group"] for r in data.get("results", []) if r.get("group")
    }
    return {
        name: StudentGroup.objects.get_or_create(district=district, name=name)[0] for name in names
    }


def _people(data: dict) -> dict:
    usernames = {r.get("entered_by") for r in data.get("results", [])} | {
        r.get("changed_by") for r in data.get("revisions", [])
    }
    usernames.discard(None)
    if not usernames:
        return {}
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def plan_data(plan: Plan, *, with_ids: bool = False) -> dict:
    """The whole plan, everything under it included, in the shape create_plan reads."""
    goals = plan.goals.order_by("order").prefetch_related(*goal_prefetch())
    guardrails = plan.guardrails.order_by("order").prefetch_related(*measures_prefetch(""))
    return {
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
        "labels": {level: getattr(plan, f"{level}_label") for level in LEVELS},
        "values": [
            _with_id(
                {"name": v.name, "definition": v.definition, "descriptors": v.descriptors},
                v,
                with_ids,
            )
            for v in plan.values.order_by("order")
        ],
        "vision_areas": [
            _with_id({"name": a.name, "description": a.description}, a, with_ids)
            for a in plan.vision_areas.order_by("order")
        ],
        "graduate_attributes": [
            _with_id({"name": a.name, "descriptors": a.descriptors}, a, with_ids)
            for a in plan.graduate_attributes.order_by("order")
        ],
        "goals": [goal_data(goal, with_ids=with_ids) for goal in goals],
        "guardrails": [guardrail_data(g, with_ids=with_ids) for g in guardrails],
    }
