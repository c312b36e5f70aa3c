"""The rules the database itself keeps, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from measures.models import Measure, Result, Target
from planning.models import Goal, Plan, Strategy
from tests.factories import GoalFactory, MeasureFactory, ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_plan_cannot_end_before_it_starts(district):
    assert refused(
        lambda: Plan.objects.create(district=district, title="X", start_year=2024, end_year=2020)
    )
    assert not refused(
        lambda: Plan.objects.create(district=district, title="X", start_year=2020, end_year=2021)
    )


def test_a_plans_years_stay_within_bounds_and_span_at_most_ten_years(district):
    assert (Plan.FIRST_YEAR, Plan.LAST_YEAR, Plan.LONGEST_PERIOD) == (1990, 2100, 10)

    def plan(start, end):
        return lambda: Plan.objects.create(
            district=district, title="X", start_year=start, end_year=end
        )

    assert refused(plan(1989, 1994))
    assert refused(plan(2096, 2101))
    assert refused(plan(2020, 2031))
    assert refused(plan(1, 32767))
    assert not refused(plan(1990, 2000))
    assert not refused(plan(2090, 2100))


def test_goals_order_is_unique_within_a_plan(plan):
    GoalFactory(plan=plan, order=1)
    assert refused(lambda: GoalFactory(plan=plan, order=1))
    assert not refused(lambda: GoalFactory(order=1))  # another plan's goal 1


def test_strategies_order_is_unique_among_siblings_on_goal_and_on_objective(plan):
    goal = GoalFactory(plan=plan)
    objective = ObjectiveFactory(goal=goal)
    Strategy.objects.create(plan=plan, goal=goal, order=1, text="on the goal")
    Strategy.objects.create(plan=plan, objective=objective, order=1, text="on the objective")
    assert refused(lambda: Strategy.objects.create(plan=plan, goal=goal, order=1, text="again"))
    assert refused(
        lambda: Strategy.objects.create(plan=plan, objective=objective, order=1, text="again")
    )


def test_an_item_hangs_on_one_parent_at_most(plan):
    goal = GoalFactory(plan=plan)
    objective = ObjectiveFactory(goal=goal)
    assert refused(
        lambda: Strategy.objects.create(
            plan=plan, goal=goal, objective=objective, order=9, text="two parents"
        )
    )
    assert not refused(lambda: Strategy.objects.create(plan=plan, order=1, text="on the plan"))


def test_measure_belongs_to_exactly_one_item(plan):
    goal = GoalFactory(plan=plan)
    objective = ObjectiveFactory(goal=goal)
    assert refused(lambda: Measure.objects.create(plan=plan, order=1, name="Orphan"))
    assert refused(
        lambda: Measure.objects.create(
            plan=plan, goal=goal, objective=objective, order=1, name="Two"
        )
    )
    assert not refused(
        lambda: Measure.objects.create(plan=plan, objective=objective, order=1, name="One")
    )


def test_one_target_per_measure_and_year(plan):
    measure = MeasureFactory(goal=GoalFactory(plan=plan))
    Target.objects.create(measure=measure, year=2023, value=10)
    assert refused(lambda: Target.objects.create(measure=measure, year=2023, value=11))


def test_one_result_per_measure_year_and_group(plan, district):
    measure = MeasureFactory(goal=GoalFactory(plan=plan))
    learners = district.student_groups.create(name="English learners")
    Result.objects.create(measure=measure, year=2023, value=10)
    Result.objects.create(measure=measure, year=2023, group=learners, value=7)
    assert refused(lambda: Result.objects.create(measure=measure, year=2023, value=11))
    assert refused(
        lambda: Result.objects.create(measure=measure, year=2023, group=learners, value=8)
    )


def test_plan_years_are_school_years_of_its_period():
    plan = PlanFactory.build(start_year=2018, end_year=2022)
    assert plan.period == "2018–2022"
    assert plan.year_labels == ["2018–19", "2019–20", "2020–21", "2021–22"]


def test_a_plan_in_calendar_years_runs_to_its_last_year_and_names_them_plainly():
    plan = PlanFactory.build(start_year=2023, end_year=2027, years_are="calendar")
    assert plan.years == [2023, 2024, 2025, 2026, 2027]
    assert plan.year_labels == ["2023", "2024", "2025", "2026", "2027"]


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "shown"),
    [
        ("percent", 1, 85.25, "85.3%"),
        ("ratio", 0, 490, "490:1"),
        ("money", 0, 12000, "$12,000"),
        ("count", 0, 1500, "1,500"),
        ("", 0, None, "—"),
    ],
)
def test_measure_values_read_in_their_unit(unit, decimals, value, shown):
    from decimal import Decimal

    measure = Measure(unit=unit, decimals=decimals)
    assert measure.format(None if value is None else Decimal(str(value))) == shown


@pytest.mark.parametrize(
    ("unit", "written", "shown"),
    [
        ("percent", "21", "21%"),
        ("percent", "24.5", "24.5%"),
        ("percent", "21.0", "21.0%"),
        ("ratio", "2.8", "2.8:1"),
        ("ratio", "4853", "4853:1"),  # a ratio has no thousands separator
        ("money", "25000.00", "$25,000.00"),
    ],
)
def test_each_value_reads_with_the_decimals_it_was_written_with(unit, written, shown):
    from measures.numbers import read_number

    value, places = read_number(written)
    assert Measure(unit=unit, decimals=3).format(value, places) == shown


def test_goal_title_falls_back_to_statement():
    assert str(Goal(statement="Engage families as partners.")) == "Engage families as partners."


@pytest.mark.parametrize(
    ("label", "plural_label"),
    [
        ("Goal", "Goals"),
        ("Measure of success", "Measures of success"),
        ("High Priority Strategy", "High Priority Strategies"),
        ("Key Performance Measure", "Key Performance Measures"),
        ("Action step", "Action steps"),
        ("Key indicator", "Key indicators"),
        ("Priority", "Priorities"),
    ],
)
def test_level_labels_have_plurals_for_headings(label, plural_label):
    from planning.models import plural

    assert plural(label) == plural_label
