"""A spring recommendation's proposal: what the committee can recommend, and the item's
form turned into the data a recommendation keeps and the changes a person reads."""

from django.db import models

from measures.models import Measure
from planning.editing import label_of
from planning.forms import LevelForm
from planning.kinds import KIND_OF, KINDS, PART_NAMES, PARTS
from planning.models import Level, Recommendation
from planning.models.plan import Slot
from planning.wording import field_name, in_words


def a(word: str) -> str:
    """The word with its indefinite article: a goal, an objective."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def as_data(form) -> dict:
    """A form's current values as form data, as a person would post them unchanged."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


class PlanPart:
    """One of the plan's own parts (its mission, its title and period…) as a proposal
    treats a kind of item: a recommendation keeps it as item_kind "plan:mission", on the
    plan itself."""

    def __init__(self, part: str):
        self.part = part
        self.name = f"{PLAN_PART}{part}"

    def form_for(self, plan, *args, **kwargs):
        form = PARTS[self.part](*args, **kwargs)
        # Adopting and publishing are steps of their own, not a recommendation's.
        form.fields.pop("status", None)
        return form

    def label(self, plan=None) -> str:
        return f"the plan’s {PART_NAMES[self.part]}"

    @property
    def scope(self) -> str:
        # The title and years show across the page; the others in its head.
        return "plan" if self.part == "header" else "head"


class PlanLevel:
    """One level of the plan's structure (what it calls its goals, how it numbers them)
    as a proposal treats a kind of item: a recommendation keeps it as item_kind
    "level:goal", and is applied to the plan's level of that slot."""

    def __init__(self, slot: str):
        self.slot = slot
        self.name = f"{PLAN_LEVEL}{slot}"
        self.scope = "plan"  # a level's name and numbers show across the page

    def form_for(self, plan, *args, **kwargs):
        kwargs.setdefault("instance", plan.level(self.slot))
        return LevelForm(*args, **kwargs)

    def label(self, plan) -> str:
        return f"what the plan calls its {plan.level(self.slot).plural.lower()}"


PLAN_PART, PLAN_LEVEL = "plan:", "level:"
# The plan's parts that are commitments: its notes are implementation, edited directly.
PROPOSED_PARTS = [part for part in PARTS if part != "notes"]


def kind_of(item_kind: str):
    """What a recommendation's item_kind names: a kind of item, a part of the plan or a
    level of its structure."""
    if item_kind.startswith(PLAN_PART) and item_kind[len(PLAN_PART) :] in PROPOSED_PARTS:
        return PlanPart(item_kind[len(PLAN_PART) :])
    if item_kind.startswith(PLAN_LEVEL) and item_kind[len(PLAN_LEVEL) :] in Slot.values:
        return PlanLevel(item_kind[len(PLAN_LEVEL) :])
    return KINDS[item_kind]


def of_the_plan(item_kind: str) -> bool:
    """Whether a recommendation changes the plan itself: one of its parts or levels."""
    return isinstance(kind_of(item_kind), PlanPart | PlanLevel) if item_kind else False


A = Recommendation.Action
# What is recommended of an item as it is, without a form of new values.
WITHOUT_FORM = {A.RETIRE, A.MOVE_UP, A.MOVE_DOWN}


def proposal_form(kind, plan, action: str, post, *, current, item, recommendation):
    """The item's form holding what is proposed, and the data it was given; no form for a
    retirement. It starts from the draft's proposal, else from the item as it is; a post
    of new targets keeps every other value as it is."""
    if action in WITHOUT_FORM:
        return None, None
    data = recommendation.proposed if recommendation else (as_data(current) if current else None)
    if post is not None:
        data = post.copy()
        if action == Recommendation.Action.ADJUST_TARGETS:
            targets = {k: v for k, v in post.items() if k.startswith("target_")}
            data = {**as_data(current), **targets}
        # The rationale is also the reason a revised baseline or target is kept with.
        data["revision_reason"] = post.get("why-rationale", "")
    if data is None:
        return kind.form_for(plan), None
    return kind.form_for(plan, data, instance=item), data


def proposed_data(proposal, data, action: str) -> dict:
    """What a recommendation keeps of its proposal: the form data as posted."""
    if proposal is None:
        return {}
    if action == Recommendation.Action.ADJUST_TARGETS:
        return data
    return posted(proposal.fields, data)


def proposal_fields(proposal, action: str) -> list | None:
    """The fields a person fills in: only the targets, when adjusting them."""
    if proposal is None:
        return None
    if action == Recommendation.Action.ADJUST_TARGETS:
        return proposal.target_fields()
    return [proposal[n] for n in proposal.fields if n not in ("fingerprint", "revision_reason")]


def posted(form_class_fields, post) -> dict:
    return {
        name: post.getlist(name)
        if getattr(field.widget, "allow_multiple_selected", False)
        else post.get(name, "")
        for name, field in form_class_fields.items()
        if name != "fingerprint"
    }


def changes_between(form, plan) -> list[list[str]]:
    """[label, what is saved, what is proposed] for each field the proposal changes, in
    the words the plan page uses (planning.wording)."""
    kind = KIND_OF.get(type(form.instance), "")
    measure = form.instance if kind == "measure" else None
    if measure is not None and form.is_valid():
        measure = Measure(
            unit=form.cleaned_data.get("unit", measure.unit),
            decimals=form.cleaned_data.get("decimals", measure.decimals) or 0,
        )
    # A level the plan has never renamed is not saved yet, yet has its values.
    saved = form.saved_values() if form.instance.pk or isinstance(form.instance, Level) else {}
    rows = []
    for name in form.changed_data:
        if name in ("fingerprint", "revision_reason"):
            continue
        field = form.fields[name]
        label = str(field.label) if field.label else field_name(kind, name, plan)
        rows.append(
            [
                label,
                _said(kind, name, saved.get(name), field, plan, measure),
                _said(kind, name, form.cleaned_data.get(name), field, plan, measure),
            ]
        )
    return rows


def _said(kind: str, name: str, value, field, plan, measure) -> str:
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    if hasattr(field, "choices") and value not in (None, ""):
        choices = dict(field.choices)
        value = choices.get(value, choices.get(str(value), value))
    return in_words(kind, name, value, plan, measure)


def choices(tree) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the committee can recommend, item by item, for the picker: grouped by each
    item that hangs on the plan itself, and by each section beside the tree."""
    plan = tree.plan
    top = [(f"change:plan:{part}", f"Change {PlanPart(part).label()}") for part in PROPOSED_PARTS]
    top += [
        (f"change:level:{slot}", f"Change {PlanLevel(slot).label(plan)}") for slot in Slot.values
    ]
    top += [
        (f"add:plan:{plan.pk}:{level.slot}", f"Add {a(level.singular.lower())}")
        for level in tree.addable
    ]
    groups = [("The plan", top)]
    for node in tree.children:
        groups.append((node.label, [o for each in node.walk() for o in _options(each, plan)]))
    for section in tree.sections:
        options = [
            (f"change:section:{section.pk}", f"Change the section {section.item.name}"),
            (f"add:section:{section.pk}:guardrail", f"Add {a(section.item.item_label.lower())}"),
        ]
        options += [
            o for item in section.children for each in item.walk() for o in _options(each, plan)
        ]
        groups.append((section.item.name, options))
    return groups


def _options(node, plan) -> list[tuple[str, str]]:
    label = label_of(KINDS[node.kind], plan, node)
    options = [
        (f"change:{node.kind}:{node.pk}", f"Change {label}"),
        (f"retire:{node.kind}:{node.pk}", f"Retire {label}"),
    ]
    if node.kind == "measure":
        options.append((f"adjust_targets:measure:{node.pk}", f"Adjust the targets of {label}"))
        return options
    below = [level.slot for level in node.addable] + ["measure"]
    for child in below:
        word = plan.level(child).singular.lower()
        options.append((f"add:{node.kind}:{node.pk}:{child}", f"Add {a(word)} to {label}"))
    return options
