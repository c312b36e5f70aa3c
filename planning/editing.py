"""Changing things in place, one mechanism for all of them: the items of a plan
(planning.kinds) and the entries of a plan's making (making.entries) are each a Kind,
and are added, edited, moved, deleted and restored here.

Every change is one transaction and one Change row (who, what, before, after, when).
A deleted item is kept whole in its Change, so Undo can put it back where it was,
under its old ids, with everything that hung under it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from measures.models import PARENTS, Measure
from planning.forms import EditForm
from planning.models import ITEM_MODELS, PARENT_FIELDS, TREE_SLOTS, Change, Plan


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    form: type[EditForm]
    # The fields that can hang it under its parent ("plan" for the plan itself); siblings
    # share these, and the grouped_by fields too (a SWOT entry's kind).
    parents: tuple[str, ...]
    # The item, whole, as a change keeps it; and that made again under its old id.
    read_out: Callable[..., dict]
    put_back: Callable[..., models.Model]
    # How a person names one: a word, or the plan's own word for its level.
    word: str | Callable[[Plan], str]
    grouped_by: tuple[str, ...] = ()
    prefetch: tuple = ()
    # What its form needs besides its data, from the plan: {"plan": plan}, {"making": …}.
    form_needs: Callable[[Plan], dict] = lambda plan: {}
    # What a save does besides the form's own fields (a measure's targets).
    after_save: Callable[[EditForm, models.Model, object], None] | None = None
    # An item of the plan's tree shares its order with its parent's children of every level.
    in_tree: bool = False

    def label(self, plan: Plan) -> str:
        return self.word(plan) if callable(self.word) else self.word

    def siblings(self, item: models.Model) -> list[models.Model]:
        """The items that share the order of this one's parent, this one included."""
        if self.in_tree:
            return tree_children(*parent_ref(self, item), plan_id=item.plan_id)
        shared = {f"{name}_id": getattr(item, f"{name}_id") for name in self.parents}
        shared |= {name: getattr(item, name) for name in self.grouped_by}
        return list(self.model.objects.filter(**shared).order_by("order"))

    def form_for(self, plan: Plan, *args, **kwargs) -> EditForm:
        return self.form(*args, **self.form_needs(plan), **kwargs)

    def parent_model(self, parent_kind: str) -> type[models.Model]:
        return self.model._meta.get_field(parent_kind).related_model


def describe(item) -> str:
    """An item in a few words: its title, name or text, cut at 80 characters."""
    for name in ("title", "name", "text", "statement"):
        text = getattr(item, name, "")
        if text:
            return text if len(text) <= 80 else text[:79] + "…"
    return getattr(item, "statement", "")[:80]


def label_of(kind: Kind, plan: Plan, node) -> str:
    """An item as the plan names it: "Goal 2: Student growth"."""
    word = getattr(node, "word", "") or kind.label(plan)
    if kind.name == "section":  # its node is worded by its own name, which describe() gives
        word = kind.label(plan)
    number = getattr(node, "reference", "") or node.number
    return f"{word} {number}: {describe(node.item)}" if number else f"{word}: {describe(node.item)}"


def plain(value):
    """A value as JSON keeps it, for a change's before and after."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple | models.QuerySet):
        return [plain(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain_values(form) -> dict:
    """A form's saved values as JSON keeps them: what an item was, to compare later."""
    return {name: plain(value) for name, value in form.saved_values().items()}


def kept_whole(
    fields: tuple[str, ...], relations: tuple[str, ...] = (), children: tuple = ()
) -> tuple[Callable, Callable]:
    """read_out and put_back for an item kept as its fields, the ids it is related to
    (forwards or backwards: the priorities that cite a SWOT entry), and its children
    (name, kind): an outreach activity with its themes."""

    def read_out(item, with_ids=True) -> dict:
        data = {"id": item.pk, **{name: plain(getattr(item, name)) for name in fields}}
        for name in relations:
            data[name] = [related.pk for related in getattr(item, name).all()]
        for name, kind in children:
            data[name] = [kind.read_out(child) for child in getattr(item, name).order_by("order")]
        return data

    def put_back(plan, parent, order, data, kind) -> models.Model:
        item = kind.model.objects.create(
            pk=data["id"],
            order=order,
            **parent_fields(kind, parent, plan),
            **{name: data[name] for name in fields},
        )
        for name in relations:
            manager = getattr(item, name)
            manager.set(manager.model.objects.filter(pk__in=data.get(name, [])))
        for name, child_kind in children:
            for position, child in enumerate(data.get(name, []), start=1):
                child_kind.put_back(plan, item, position, child, child_kind)
        return item

    return read_out, put_back


class Locked(Exception):
    """A commitment of an adopted plan changed other than by an approved recommendation
    or an administrator's correction; says what to do instead."""


def locked(plan: Plan, kind: str, fields=None) -> None:
    """Raise Locked if changing those fields of an item of that kind (None: the item
    itself, added, deleted or moved) would change a commitment of an adopted plan. Every
    save below asks this; which fields are implementation is declared in planning.kinds."""
    from planning.kinds import COMMITMENTS, IMPLEMENTATION  # planning.kinds builds on this

    if plan.status != Plan.Status.ADOPTED or kind not in COMMITMENTS:
        return
    live = IMPLEMENTATION.get(kind)
    if fields is not None and live and set(fields) <= live:
        return
    raise Locked(LOCKED)


LOCKED = (
    "The plan is adopted: its commitments change only by an approved recommendation. "
    "Propose a change instead."
)


def is_locked(plan: Plan, kind: str, fields=None) -> bool:
    try:
        locked(plan, kind, fields)
    except Locked:
        return True
    return False


def lock_fields(form: EditForm, plan: Plan, kind: str) -> EditForm:
    """The form with the commitments of an adopted plan shown but not editable, so that
    its implementation (a strategy's status, owner, years) is still updated directly."""
    if not is_locked(plan, kind):
        return form
    saved = form.saved_values()
    for name, field in form.fields.items():
        if name in saved and is_locked(plan, kind, [name]):
            field.disabled = True
    return form


def record(
    *,
    plan: Plan,
    actor,
    action: str,
    kind: str,
    item_id: int,
    label: str,
    before=None,
    after=None,
    scope: str = "",
    correction: str = "",
    recommendation=None,
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
        scope=scope or scope_of(kind, item_id, action),
        correction=correction,
        recommendation=recommendation,
    )


def scope_of(kind: str, item_id: int, action: str) -> str:
    """Where a change shows on the plan page (Change.scope): within the item that hangs
    on the plan that it falls under, unless it changes the plan's list of such items."""
    if kind in ("value", "vision_area", "attribute"):
        return "head"
    if kind == "guardrail":
        return "sections"
    if kind == "measure":
        row = Measure.objects.filter(pk=item_id).values(*(f"{p}_id" for p in PARENTS)).first()
        parent = next(((p, row[f"{p}_id"]) for p in PARENTS if row and row[f"{p}_id"]), None)
        if parent is None:
            return "plan"
        if parent[0] == "guardrail":
            return "sections"
        kind, item_id, action = *parent, Change.Action.CHANGED
    if kind not in TREE_SLOTS:
        return "plan"  # the plan's own fields, its sections, anything else: all of it
    top = _top_of(kind, item_id)
    if top is None or (top == (kind, item_id) and action != Change.Action.CHANGED):
        return "plan"
    return "-".join(map(str, top))


def _top_of(kind: str, pk: int) -> tuple[str, int] | None:
    """The item that hangs on the plan itself that this item of the tree falls under."""
    while True:
        fields = PARENT_FIELDS[kind]
        if not fields:  # the broadest level hangs on the plan alone
            return kind, pk
        row = ITEM_MODELS[kind].objects.filter(pk=pk).values_list(*(f"{f}_id" for f in fields))
        ids = row.first()
        if ids is None:
            return None
        set_ = [(f, i) for f, i in zip(fields, ids, strict=True) if i]
        parent = set_[-1] if set_ else None
        if parent is None:
            return kind, pk
        kind, pk = parent


@transaction.atomic
def save_edit(
    form: EditForm,
    *,
    kind: Kind,
    plan: Plan,
    actor,
    label: str,
    scope: str = "",
    approved=None,
    correction: str = "",
):
    """Save a valid, conflict-free form of an item and record what changed (in scope, if
    the caller knows it: see Change.scope)."""
    return _save(
        form,
        plan=plan,
        actor=actor,
        kind=kind.name,
        label=label,
        after=kind.after_save,
        scope=scope,
        approved=approved,
        correction=correction,
    )


@transaction.atomic
def save_section(
    form: EditForm,
    *,
    plan: Plan,
    actor,
    label: str,
    scope: str = "plan",
    approved=None,
    correction: str = "",
):
    """Save a valid, conflict-free form of one of the plan's own parts (its mission…)."""
    return _save(
        form,
        plan=plan,
        actor=actor,
        kind="plan",
        label=label,
        scope=scope,
        approved=approved,
        correction=correction,
    )


def _save(
    form: EditForm,
    *,
    plan: Plan,
    actor,
    kind: str,
    label: str,
    after=None,
    scope="",
    approved=None,
    correction="",
):
    before = plain_values(form)
    if not (approved or correction):
        locked(plan, kind, [n for n in form.changed_data if n in before])
    item = form.save()
    if after:
        after(form, item, actor)
    now = {name: plain(form.cleaned_data.get(name)) for name in before}
    changed = {name for name in before if before[name] != now[name]}
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.CHANGED,
        kind=kind,
        item_id=item.pk,
        label=label,
        before={name: before[name] for name in changed},
        after={name: now[name] for name in changed},
        scope=scope,
        correction=correction,
        recommendation=approved,
    )
    return item


def tree_children(parent_kind: str, parent_id: int, *, plan_id: int) -> list[models.Model]:
    """The items of every level that hang on one parent of the tree (or on the plan), in
    their shared order."""
    children = []
    for slot in TREE_SLOTS:
        fields = PARENT_FIELDS[slot]
        if parent_kind == "plan":
            rows = ITEM_MODELS[slot].objects.filter(
                plan_id=plan_id, **{f"{name}__isnull": True for name in fields}
            )
        elif parent_kind in fields:
            rows = ITEM_MODELS[slot].objects.filter(**{f"{parent_kind}_id": parent_id})
        else:
            continue
        children += [(item.order, TREE_SLOTS.index(slot), item.pk, item) for item in rows]
    return [item for *_, item in sorted(children, key=lambda row: row[:3])]


def parent_fields(kind: Kind, parent: models.Model, plan: Plan) -> dict:
    """The fields that hang a new item of this kind under its parent."""
    fields = {name: parent for name in kind.parents if isinstance(parent, kind.parent_model(name))}
    if "plan" in [f.name for f in kind.model._meta.fields] and "plan" not in fields:
        fields["plan"] = plan  # a measure keeps its plan beside its parent
    return fields


def next_order(kind: Kind, item: models.Model) -> int:
    return max((sibling.order for sibling in kind.siblings(item)), default=0) + 1


@transaction.atomic
def add_item(
    form: EditForm,
    *,
    kind: Kind,
    parent: models.Model,
    plan: Plan,
    actor,
    label: Callable[[models.Model], str],
    approved=None,
):
    if not approved:
        locked(plan, kind.name)
    item = form.save(commit=False)
    for name, value in parent_fields(kind, parent, plan).items():
        setattr(item, name, value)
    item.order = next_order(kind, item)
    item.save()
    form.save_m2m()
    if kind.after_save:
        kind.after_save(form, item, actor)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.ADDED,
        kind=kind.name,
        item_id=item.pk,
        label=label(item),
        after={name: plain(form.cleaned_data.get(name)) for name in form.saved_values()},
        recommendation=approved,
    )
    return item


@transaction.atomic
def delete_item(
    item: models.Model, *, kind: Kind, plan: Plan, actor, label: str, approved=None
) -> Change:
    if not approved:
        locked(plan, kind.name)
    item = kind.model.objects.prefetch_related(*kind.prefetch).get(pk=item.pk)
    parent_kind, parent_id = parent_ref(kind, item)
    siblings = [sibling for sibling in kind.siblings(item)]
    change = record(
        plan=plan,
        actor=actor,
        action=Change.Action.DELETED,
        kind=kind.name,
        item_id=item.pk,
        label=label,
        before={
            "parent": [parent_kind, parent_id],
            "position": siblings.index(item),
            "data": kind.read_out(item, with_ids=True),
        },
        recommendation=approved,
    )
    item.delete()
    return change


def parent_ref(kind: Kind, item: models.Model) -> tuple[str, int]:
    """(the field it hangs by, the parent's id): the nearest parent that is set, its
    parents being named broadest first."""
    for name in reversed(kind.parents):
        if getattr(item, f"{name}_id", None):
            return name, getattr(item, f"{name}_id")
    raise ValueError(f"{kind.name} {item.pk} has no parent")


class CannotUndo(Exception):
    pass


@transaction.atomic
def undo_delete(change: Change, *, kind: Kind, actor) -> models.Model:
    """Put a deleted item back where it was, with everything under it."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if change.action != Change.Action.DELETED or change.undone:
        raise CannotUndo("That deletion has already been undone.")
    locked(change.plan, kind.name)
    parent_kind, parent_id = change.before["parent"]
    parent = kind.parent_model(parent_kind).objects.filter(pk=parent_id).first()
    if parent is None:
        raise CannotUndo("The item it belonged to was deleted too: undo that first, then this one.")
    if kind.model.objects.filter(pk=change.item_id).exists():
        raise CannotUndo("It is already back in the plan.")
    data = change.before["data"]
    placed = kind.model(
        **parent_fields(kind, parent, change.plan), **{g: data[g] for g in kind.grouped_by}
    )
    placed.plan_id = change.plan_id
    item = kind.put_back(change.plan, parent, next_order(kind, placed), data, kind)
    others = [sibling for sibling in kind.siblings(item) if sibling != item]
    others.insert(min(change.before["position"], len(others)), item)
    reorder(others)
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


def reorder(items: list[models.Model]) -> None:
    """Give the items (of one model, or of the tree's levels) the order they are listed
    in, in two steps so that no two share a place midway."""
    above = max((item.order for item in items), default=0) + 1
    for step in (above, 1):
        for position, item in enumerate(items):
            item.order = step + position
        for model in {type(item) for item in items}:
            model.objects.bulk_update([i for i in items if type(i) is model], ["order"])


@transaction.atomic
def move_item(
    item: models.Model, *, kind: Kind, plan: Plan, actor, direction: str, label: str, approved=None
) -> bool:
    """Move an item one place up or down among its siblings; False if it cannot go further."""
    if not approved:
        locked(plan, kind.name)
    siblings = kind.siblings(item)
    here = siblings.index(item)
    there = here - 1 if direction == "up" else here + 1
    if not 0 <= there < len(siblings):
        return False
    siblings[here], siblings[there] = siblings[there], siblings[here]
    reorder(siblings)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.MOVED,
        kind=kind.name,
        item_id=item.pk,
        label=label,
        before={"position": here + 1},
        after={"position": there + 1},
        recommendation=approved,
    )
    return True


@transaction.atomic
def reorder_items(
    siblings: list[models.Model], ids: list[str], *, kind: Kind, plan: Plan, actor, label: str
) -> None:
    """Put siblings in the order of ids ("goal-4", or plain ids for one kind's list)."""
    locked(plan, kind.name)
    named = {_id_of(kind, item): item for item in siblings}
    if sorted(ids) != sorted(named):
        raise ValueError("The new order must name each sibling once.")
    reorder([named[id_] for id_ in ids])
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.MOVED,
        kind=kind.name,
        item_id=named[ids[0]].pk if ids else 0,
        label=label,
        before={"order": list(named)},
        after={"order": ids},
    )


def _id_of(kind: Kind, item: models.Model) -> str:
    if kind.in_tree:
        return f"{KIND_OF_MODEL[type(item)]}-{item.pk}"
    return str(item.pk)


KIND_OF_MODEL = {model: slot for slot, model in ITEM_MODELS.items()}
