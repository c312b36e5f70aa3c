"""The kinds of item a plan is edited in, for planning.editing: goals, objectives,
strategies, measures, guardrails, core values, vision areas and graduate attributes,
and the plan's own parts (SECTIONS) edited through their forms."""

from measures.models import PARENTS, Measure, Revision, StudentGroup, Target
from planning import forms as plan_forms
from planning import plan_file
from planning.editing import Kind, kept_whole, plain
from planning.measure_forms import MeasureForm
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


def _with_plan(plan: Plan) -> dict:
    return {"plan": plan}


def _put_back_plan_item(create):
    def put_back(plan, parent, order, data, kind):
        return create(plan, order, data, keep_ids=True)

    return put_back


def _put_back_objective(plan, goal, order, data, kind):
    return plan_file.create_objective(goal, order, data, keep_ids=True)


def _put_back_strategy(plan, parent, order, data, kind):
    goal = parent if isinstance(parent, Goal) else parent.goal
    objective = parent if isinstance(parent, Objective) else None
    return plan_file.create_strategy(goal, objective, order, data, keep_ids=True)


def _put_back_measure(plan, parent, order, data, kind):
    return plan_file.create_measure(
        plan, order, data, keep_ids=True, **{parent._meta.model_name: parent}
    )


def _put_back_attribute(plan, parent, order, data, kind):
    attribute = plan_file.create_graduate_attribute(plan, order, data, keep_ids=True)
    attribute.goals.set(Goal.objects.filter(plan=plan, pk__in=data.get("goal_ids", [])))
    return attribute


def _read_out_attribute(attribute, with_ids=True):
    return {
        "id": attribute.pk,
        "name": attribute.name,
        "descriptors": attribute.descriptors,
        "goal_ids": [goal.pk for goal in attribute.goals.all()],
    }


def save_targets(form: MeasureForm, measure: Measure, actor) -> None:
    """A measure's student groups and targets, with a revision kept for each baseline or
    target that had a value and changed."""
    district = measure.plan.district
    measure.breakdown.set(
        StudentGroup.objects.named(district, name)
        for name in form.cleaned_data.get("breakdown_names", [])
    )
    new = form.new_targets
    measure.targets.exclude(year__in=new).delete()
    for year, value in new.items():
        Target.objects.update_or_create(measure=measure, year=year, defaults={"value": value})
    reason = form.cleaned_data.get("revision_reason", "")
    Revision.objects.bulk_create(
        Revision(
            measure=measure,
            field=field,
            year=year,
            old_value=plain(old) if old is not None else "",
            new_value=plain(new_value) if new_value is not None else "",
            reason=reason,
            changed_by=actor,
        )
        for field, year, old, new_value in form.revised()
    )


_value_out, _value_back = kept_whole(("name", "definition", "descriptors"))
_area_out, _area_back = kept_whole(("name", "description"))

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind(
            "goal",
            Goal,
            plan_forms.GoalForm,
            parents=("plan",),
            read_out=plan_file.goal_data,
            put_back=_put_back_plan_item(plan_file.create_goal),
            word=lambda plan: plan.goal_label,
            prefetch=tuple(plan_file.goal_prefetch()),
            form_needs=_with_plan,
        ),
        Kind(
            "objective",
            Objective,
            plan_forms.ObjectiveForm,
            parents=("goal",),
            read_out=plan_file.objective_data,
            put_back=_put_back_objective,
            word=lambda plan: plan.objective_label,
            prefetch=tuple(plan_file.objective_prefetch()),
            form_needs=_with_plan,
        ),
        Kind(
            "strategy",
            Strategy,
            plan_forms.StrategyForm,
            parents=("goal", "objective"),
            read_out=plan_file.strategy_data,
            put_back=_put_back_strategy,
            word=lambda plan: plan.strategy_label,
            prefetch=tuple(plan_file.measures_prefetch("")),
            form_needs=_with_plan,
        ),
        Kind(
            "measure",
            Measure,
            MeasureForm,
            parents=PARENTS,
            read_out=plan_file.measure_data,
            put_back=_put_back_measure,
            word=lambda plan: plan.measure_label,
            prefetch=tuple(plan_file.MEASURE_PREFETCH),
            form_needs=_with_plan,
            after_save=save_targets,
        ),
        Kind(
            "guardrail",
            Guardrail,
            plan_forms.GuardrailForm,
            parents=("plan",),
            read_out=plan_file.guardrail_data,
            put_back=_put_back_plan_item(plan_file.create_guardrail),
            word="Guardrail",
            prefetch=tuple(plan_file.measures_prefetch("")),
        ),
        Kind(
            "value",
            CoreValue,
            plan_forms.CoreValueForm,
            parents=("plan",),
            read_out=_value_out,
            put_back=_value_back,
            word="Core value",
        ),
        Kind(
            "vision_area",
            VisionArea,
            plan_forms.VisionAreaForm,
            parents=("plan",),
            read_out=_area_out,
            put_back=_area_back,
            word="Vision area",
        ),
        Kind(
            "attribute",
            GraduateAttribute,
            plan_forms.GraduateAttributeForm,
            parents=("plan",),
            read_out=_read_out_attribute,
            put_back=_put_back_attribute,
            word="Graduate attribute",
            prefetch=("goals",),
        ),
    ]
}

# The parts of the plan itself that are edited in place, each with its own form.
SECTIONS: dict[str, type[plan_forms.EditForm]] = {
    "header": plan_forms.PlanHeaderForm,
    "mission": plan_forms.MissionForm,
    "vision": plan_forms.VisionForm,
    "theory": plan_forms.TheoryOfActionForm,
    "profile": plan_forms.GraduateProfileForm,
    "labels": plan_forms.PlanLabelsForm,
    "notes": plan_forms.NotesForm,
}
