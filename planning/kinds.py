"""The kinds of item a plan is edited in, for planning.editing: the levels of its tree
(a level above goals, goals, objectives, strategies, action steps), measures, the
sections beside the tree and their items, core values, vision areas and graduate
attributes; and the plan's own parts (SECTIONS) edited through their forms."""

from measures.models import PARENTS, Measure, Revision, StudentGroup, Target
from measures.numbers import written_places
from planning import forms as plan_forms
from planning import plan_file
from planning.editing import Kind, kept_whole, plain
from planning.measure_forms import MeasureForm
from planning.models import (
    ITEM_MODELS,
    PARENT_FIELDS,
    TREE_SLOTS,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Plan,
    Section,
    VisionArea,
)


def _with_plan(plan: Plan) -> dict:
    return {"plan": plan}


def _read_out_item(slot: str):
    def read_out(item, with_ids=True) -> dict:
        return plan_file.item_data(slot, item, with_ids=with_ids)

    return read_out


def _put_back_item(plan, parent, order, data, kind):
    data = plan_file.upgrade_item(kind.name, data)
    hangs_on = None if isinstance(parent, Plan) else parent
    return plan_file.create_item(plan, hangs_on, order, data, keep_ids=True)


def _put_back_measure(plan, parent, order, data, kind):
    return plan_file.create_measure(
        plan, order, data, keep_ids=True, **{KIND_OF[type(parent)]: parent}
    )


def _put_back_section(plan, parent, order, data, kind):
    return plan_file.create_section(plan, order, data, keep_ids=True)


def _put_back_guardrail(plan, section, order, data, kind):
    return plan_file.create_guardrail(plan, section, order, data, keep_ids=True)


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
    """A measure's student groups and targets (for all students and for each group, with
    the decimals they were written with), and a revision kept for each baseline or target
    that had a value and changed."""
    district = measure.plan.district
    measure.breakdown.set(
        StudentGroup.objects.named(district, name)
        for name in form.cleaned_data.get("breakdown_names", [])
    )
    new = form.new_targets
    for target in measure.targets.all():
        if (target.group_id, target.year) not in new:
            target.delete()
    for (group_id, year), value in new.items():
        Target.objects.update_or_create(
            measure=measure,
            year=year,
            group_id=group_id,
            defaults={"value": value, "places": written_places(value)},
        )
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


def _level_word(slot: str):
    return lambda plan: plan.level(slot).singular


_value_out, _value_back = kept_whole(("name", "definition", "descriptors"))
_area_out, _area_back = kept_whole(("name", "description"))

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        *(
            Kind(
                slot,
                ITEM_MODELS[slot],
                plan_forms.ITEM_FORMS[slot],
                parents=("plan", *PARENT_FIELDS[slot]),
                read_out=_read_out_item(slot),
                put_back=_put_back_item,
                word=_level_word(slot),
                form_needs=_with_plan,
                in_tree=True,
            )
            for slot in TREE_SLOTS
        ),
        Kind(
            "measure",
            Measure,
            MeasureForm,
            parents=PARENTS,
            read_out=plan_file.measure_data,
            put_back=_put_back_measure,
            word=_level_word("measure"),
            prefetch=plan_file.MEASURE_PREFETCH,
            form_needs=_with_plan,
            after_save=save_targets,
        ),
        Kind(
            "section",
            Section,
            plan_forms.SectionForm,
            parents=("plan",),
            read_out=plan_file.section_data,
            put_back=_put_back_section,
            word="Section",
        ),
        Kind(
            "guardrail",
            Guardrail,
            plan_forms.GuardrailForm,
            parents=("section",),
            read_out=plan_file.guardrail_data,
            put_back=_put_back_guardrail,
            word="Item",
            form_needs=_with_plan,
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
KIND_OF = {kind.model: name for name, kind in KINDS.items()} | {Plan: "plan"}


def can_hang_on(kind: str, parent_kind: str) -> bool:
    """Whether an item of that kind may be added under a parent of that kind."""
    return kind in KINDS and parent_kind in KINDS[kind].parents


# Once a plan is adopted, what it commits to changes only by an approved recommendation
# or an administrator's correction (planning.editing.locked): every kind of its items and
# its own parts ("plan"). These fields of each are its implementation, edited directly
# all year: the progress of strategies and action steps, and the plan's notes.
COMMITMENTS = {*KINDS, "plan"}
# A work item's owner, dates and progress, as its form and its row name them.
WORK_PROGRESS = {
    "status",
    "owner",
    "owner_user",
    "owner_invitation",
    "percent",
    "start_year",
    "end_year",
    "starts",
    "due",
    "start_on",
    "start_precision",
    "due_on",
    "due_precision",
}
IMPLEMENTATION: dict[str, set[str]] = {
    "strategy": WORK_PROGRESS,
    "action_step": WORK_PROGRESS,
    "plan": {"notes"},
}

# The parts of the plan itself that are edited in place, each with its own form.
PARTS: dict[str, type[plan_forms.EditForm]] = {
    "header": plan_forms.PlanHeaderForm,
    "mission": plan_forms.MissionForm,
    "vision": plan_forms.VisionForm,
    "theory": plan_forms.TheoryOfActionForm,
    "profile": plan_forms.GraduateProfileForm,
    "notes": plan_forms.NotesForm,
}
PART_NAMES = {
    "header": "title and period",
    "mission": "mission",
    "vision": "vision",
    "theory": "theory of action",
    "profile": "graduate profile heading",
    "notes": "notes",
}
