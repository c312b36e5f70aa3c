"""Changing a plan in place: each kind of item, and the changes made to it, recorded.

Every change is one transaction and one Change row (who, what, before, after, when).
A deleted item is kept whole in its Change, so Undo can put it back where it was,
under its old ids, with everything that hung under it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from measures.models import PARENTS, Measure, Revision, StudentGroup, Target
from planning import forms as plan_forms
from planning import plan_file
from planning.measure_forms import MeasureForm
from planning.models import (
    Change,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Strategy,
    VisionArea,
)


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    form: type[plan_forms.EditForm]
    # The kinds it hangs under ("plan" for the plan itself); siblings share these fields.
    parents: tuple[str, ...]
    read_out: Callable[..., dict]
    put_back: Callable[..., models.Model]
    prefetch: tuple = ()

    def label(self, plan: Plan) -> str:
        return {
            "goal": plan.goal_label,
            "objective": plan.objective_label,
            "strategy": plan.strategy_label,
            "measure": plan.measure_label,
            "value": "Core value",
            "vision_area": "Vision area",
            "attribute": "Graduate attribute",
            "guardrail": "Guardrail",
        }[self.name]

    def siblings(self, item: models.Model) -> models.QuerySet:
        return self.model.objects.filter(
            **{f"{name}_id": getattr(item, f"{name}_id") for name in self.parents}
        ).order_by("order")

    def form_for(self, plan: Plan, *args, **kwargs) -> plan_forms.EditForm:
        if self.name in {"goal", "objective", "strategy", "measure"}:
            kwargs["plan"] = plan
        return self.form(*args, **kwargs)


def _put_back_plan_item(create):
    def put_back(plan, parent, order, data):
        return create(plan, order, data, keep_ids=True)

    return put_back


def _put_back_attribute(plan, parent, order, data):
    attribute = plan_file.create_graduate_attribute(plan, order, data, keep_ids=True)
    attribute.goals.set(Goal.objects.filter(plan=plan, pk__in=data.get("goal_ids", [])))
    return attribute


def _read_out_attribute(attribute, with_ids):
    return {
        "id": attribute.pk,
        "name": attribute.name,
        "descriptors": attribute.descriptors,
        "goal_ids": [goal.pk for goal in attribute.goals.all()],
    }


def _flat(fields):
    def read_out(item, with_ids):
        return {"id": item.pk, **{name: getattr(item, name) for name in fields}}

    return read_out


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
            prefetch=tuple(plan_file.goal_prefetch()),
        ),
        Kind(
            "objective",
            Objective,
            plan_forms.ObjectiveForm,
            parents=("goal",),
            read_out=plan_file.objective_data,
            put_back=lambda plan, goal, order, data: plan_file.create_objective(
                goal, order, data, keep_ids=True
            ),
            prefetch=tuple(plan_file.objective_prefetch()),
        ),
        Kind(
            "strategy",
            Strategy,
            plan_forms.StrategyForm,
            parents=("goal", "objective"),
            read_out=plan_file.strategy_data,
            put_back=lambda plan, parent, order, data: plan_file.create_strategy(
                parent if isinstance(parent, Goal) else parent.goal,
                parent if isinstance(parent, Objective) else None,
                order,
                data,
                keep_ids=True,
            ),
            prefetch=tuple(plan_file.measures_prefetch("")),
        ),
        Kind(
            "measure",
            Measure,
            MeasureForm,
            parents=PARENTS,
            read_out=plan_file.measure_data,
            put_back=lambda plan, parent, order, data: plan_file.create_measure(
                plan, order, data, keep_ids=True, **{KIND_OF[type(parent)]: parent}
            ),
            prefetch=tuple(item for item in plan_file.MEASURE_PREFETCH),
        ),
        Kind(
            "guardrail",
            Guardrail,
            plan_forms.GuardrailForm,
            parents=("plan",),
            read_out=plan_file.guardrail_data,
            put_back=_put_back_plan_item(plan_file.create_guardrail),
            prefetch=tuple(plan_file.measures_prefetch("")),
        ),
        Kind(
            "value",
            CoreValue,
            plan_forms.CoreValueForm,
            parents=("plan",),
            read_out=_flat(("name", "definition", "descriptors")),
            put_back=_put_back_plan_item(plan_file.create_value),
        ),
        Kind(
            "vision_area",
            VisionArea,
            plan_forms.VisionAreaForm,
            parents=("plan",),
            read_out=_flat(("name", "description")),
            put_back=_put_back_plan_item(plan_file.create_vision_area),
        ),
        Kind(
            "attribute",
            GraduateAttribute,
            plan_forms.GraduateAttributeForm,
            parents=("plan",),
            read_out=_read_out_attribute,
            put_back=_put_back_attribute,
            prefetch=("goals",),
        ),
    ]
}
KIND_OF = {kind.model: name for name, kind in KINDS.items()} | {Plan: "plan"}


def describe(item) -> str:
    """An item in a few words: its title, name or text, cut at 80 characters."""
    for name in ("title", "name", "text", "statement"):
        text = getattr(item, name, "")
        if text:
            return text if len(text) <= 80 else text[:79] + "…"
    return getattr(item, "statement", "")[:80]


def label_of(kind: Kind, plan: Plan, node) -> str:
    """An item as the plan names it: "Goal 2: Student growth"."""
    number = f" {node.number}" if node.number else ""
    return f"{kind.label(plan)}{number}: {describe(node.item)}"


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


def plain(value):
    """A value as JSON keeps it, for a change's before and after."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple | models.QuerySet):
        return [plain(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    return value


def plain_values(form) -> dict:
    """A form's saved values as JSON keeps them: what an item was, to compare later."""
    return {name: plain(value) for name, value in form.saved_values().items()}


def record(
    *, plan: Plan, actor, action: str, kind: str, item_id: int, label: str, before=None, after=None
) -> Change:
    # The plan's updated_at is what kept documents are checked against.
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    return Change.objects.create(
        plan=plan,
        actor=actor,
        action=action,
        item_kind=kind,
        item_id=item_id,
        item_label=label[:300],
        before=before,
        after=after,
    )


@transaction.atomic
def save_edit(form: plan_forms.EditForm, *, plan: Plan, actor, kind: str, label: str):
    """Save a valid, conflict-free form and record what changed."""
    before = plain_values(form)
    item = form.save()
    if isinstance(form, MeasureForm):
        _save_targets(form, item, actor)
    after = {name: plain(form.cleaned_data.get(name)) for name in before}
    changed = {name for name in before if before[name] != after[name]}
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.CHANGED,
        kind=kind,
        item_id=item.pk,
        label=label,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return item


def _save_targets(form: MeasureForm, measure: Measure, actor) -> None:
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


def parent_fields(kind: Kind, parent: models.Model, plan: Plan) -> dict:
    """The fields that hang a new item of this kind under its parent."""
    match kind.name, parent:
        case "strategy", Objective():
            return {"goal": parent.goal, "objective": parent}
        case "strategy", Goal():
            return {"goal": parent, "objective": None}
        case "measure", _:
            return {"plan": plan, KIND_OF[type(parent)]: parent}
        case _, Plan():
            return {"plan": parent}
        case _:
            return {KIND_OF[type(parent)]: parent}


@transaction.atomic
def add_item(
    form: plan_forms.EditForm,
    *,
    kind: Kind,
    parent: models.Model,
    plan: Plan,
    actor,
    label: Callable[[models.Model], str],
):
    item = form.save(commit=False)
    for name, value in parent_fields(kind, parent, plan).items():
        setattr(item, name, value)
    last = kind.siblings(item).aggregate(models.Max("order"))["order__max"] or 0
    item.order = last + 1
    item.save()
    form.save_m2m()
    if isinstance(form, MeasureForm):
        _save_targets(form, item, actor)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.ADDED,
        kind=kind.name,
        item_id=item.pk,
        label=label(item),
        after={name: plain(form.cleaned_data.get(name)) for name in form.saved_values()},
    )
    return item


@transaction.atomic
def delete_item(item: models.Model, *, kind: Kind, plan: Plan, actor, label: str) -> Change:
    item = kind.model.objects.prefetch_related(*kind.prefetch).get(pk=item.pk)
    parent_kind, parent_id = parent_ref(kind, item)
    siblings = list(kind.siblings(item).values_list("pk", flat=True))
    change = record(
        plan=plan,
        actor=actor,
        action=Change.Action.DELETED,
        kind=kind.name,
        item_id=item.pk,
        label=label,
        before={
            "parent": [parent_kind, parent_id],
            "position": siblings.index(item.pk),
            "data": kind.read_out(item, with_ids=True),
        },
    )
    item.delete()
    return change


def parent_ref(kind: Kind, item: models.Model) -> tuple[str, int]:
    if kind.name == "strategy" and item.objective_id:
        return "objective", item.objective_id
    for name in ("objective", *PARENTS, "plan"):
        if name in kind.parents and getattr(item, f"{name}_id", None):
            return name, getattr(item, f"{name}_id")
    raise ValueError(f"{kind.name} {item.pk} has no parent")


class CannotUndo(Exception):
    pass


@transaction.atomic
def undo_delete(change: Change, *, actor) -> models.Model:
    """Put a deleted item back where it was, with everything under it."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if change.action != Change.Action.DELETED or change.undone:
        raise CannotUndo("That deletion has already been undone.")
    kind = KINDS[change.item_kind]
    parent_kind, parent_id = change.before["parent"]
    parent_model = Plan if parent_kind == "plan" else KINDS[parent_kind].model
    parent = parent_model.objects.filter(pk=parent_id).first()
    if parent is None:
        raise CannotUndo("The item it belonged to was deleted too: undo that first, then this one.")
    if kind.model.objects.filter(pk=change.item_id).exists():
        raise CannotUndo("It is already back in the plan.")
    siblings = kind.siblings(kind.model(**parent_fields(kind, parent, change.plan)))
    last = siblings.aggregate(models.Max("order"))["order__max"] or 0
    item = kind.put_back(change.plan, parent, last + 1, change.before["data"])
    ids = [pk for pk in siblings.values_list("pk", flat=True) if pk != item.pk]
    ids.insert(min(change.before["position"], len(ids)), item.pk)
    reorder(siblings, ids)
    change.undone = True
    change.save(update_fields=["undone"])
    record(
        plan=change.plan,
        actor=actor,
        action=Change.Action.RESTORED,
        kind=kind.name,
        item_id=item.pk,
        label=change.item_label,
    )
    return item


def reorder(siblings: models.QuerySet, ids: list[int]) -> None:
    """Give siblings the order of ids, in two steps so that no two share a place midway."""
    items = {item.pk: item for item in siblings}
    if sorted(ids) != sorted(items):
        raise ValueError("The new order must name each sibling once.")
    above = max((item.order for item in items.values()), default=0) + 1
    model = siblings.model
    for step in (above, 1):
        for position, pk in enumerate(ids):
            items[pk].order = step + position
        model.objects.bulk_update(items.values(), ["order"])


@transaction.atomic
def move_item(
    item: models.Model, *, kind: Kind, plan: Plan, actor, direction: str, label: str
) -> bool:
    """Move an item one place up or down among its siblings; False if it cannot go further."""
    siblings = kind.siblings(item)
    ids = list(siblings.values_list("pk", flat=True))
    here = ids.index(item.pk)
    there = here - 1 if direction == "up" else here + 1
    if not 0 <= there < len(ids):
        return False
    ids[here], ids[there] = ids[there], ids[here]
    reorder(siblings, ids)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.MOVED,
        kind=kind.name,
        item_id=item.pk,
        label=label,
        before={"position": here + 1},
        after={"position": there + 1},
    )
    return True


@transaction.atomic
def reorder_items(
    siblings: models.QuerySet, ids: list[int], *, kind: Kind, plan: Plan, actor, label: str
) -> None:
    before = list(siblings.values_list("pk", flat=True))
    reorder(siblings, ids)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.MOVED,
        kind=kind.name,
        item_id=ids[0] if ids else 0,
        label=label,
        before={"order": before},
        after={"order": ids},
    )
