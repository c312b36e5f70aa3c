import factory
from django.contrib.auth import get_user_model

from districts.models import District, Membership, Role
from measures.models import Measure, Result, Target
from planning.models import (
    CoreValue,
    Goal,
    GraduateAttribute,
    Level,
    Objective,
    Plan,
    Strategy,
    VisionArea,
    plural,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    district = factory.SubFactory(DistrictFactory)
    role = Role.VIEWER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    district = factory.SubFactory(DistrictFactory)
    title = "Strategic Plan"
    start_year = 2022
    end_year = 2027
    status = Plan.Status.ADOPTED
    mission = "Every student learns."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Goal title {n}")
    statement = "Ensure every student grows each year."


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    goal = factory.SubFactory(GoalFactory)
    plan = factory.LazyAttribute(lambda objective: objective.goal.plan)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    objective = factory.SubFactory(ObjectiveFactory)
    plan = factory.LazyAttribute(lambda strategy: strategy.objective.plan)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Strategy {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(GoalFactory)
    plan = factory.LazyAttribute(lambda measure: measure.goal.plan)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Measure {n}")
    unit = Measure.Unit.PERCENT
    baseline_value = 50
    baseline_year = 2021
    target_form = Measure.TargetForm.YEARLY


def build_plan(
    district: District, *, goals: int, objectives: int, strategies: int, status: str = ""
) -> Plan:
    """A plan of the given shape, each strategy and goal with a measure, target and result;
    adopted unless another status is asked for (a draft, to edit it in place)."""
    plan = PlanFactory(district=district, **({"status": status} if status else {}))
    for index in range(1, 4):
        CoreValue.objects.create(plan=plan, order=index, name=f"Value {index}")
        VisionArea.objects.create(plan=plan, order=index, name=f"Area {index}")
    attribute = GraduateAttribute.objects.create(plan=plan, order=1, name="Curious")
    for goal_order in range(1, goals + 1):
        goal = GoalFactory(plan=plan, order=goal_order)
        goal.graduate_attributes.add(attribute)
        _measure_with_data(goal=goal)
        for objective_order in range(1, objectives + 1):
            objective = ObjectiveFactory(goal=goal, order=objective_order)
            for strategy_order in range(1, strategies + 1):
                strategy = StrategyFactory(objective=objective, order=strategy_order)
                _measure_with_data(strategy=strategy, plan=plan)
    return plan


def _measure_with_data(plan=None, **parent) -> Measure:
    if plan is None:
        measure = MeasureFactory(order=1, **parent)
    else:
        measure = MeasureFactory(order=1, plan=plan, goal=None, **parent)
    Target.objects.create(measure=measure, year=2022, value=60)
    Result.objects.create(measure=measure, year=2022, value=58)
    return measure


def name_levels(plan: Plan, **names: str) -> Plan:
    """Call the plan's levels as the district does: name_levels(plan, goal="Priority")."""
    for slot, name in names.items():
        Level.objects.update_or_create(
            plan=plan,
            slot=slot,
            defaults={"singular": name, "plural": plural(name), "used": True},
        )
    plan.__dict__.pop("levels_by_slot", None)
    return plan
