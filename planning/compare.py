"""Two versions of a plan compared, by each item that hangs on the plan (a goal, or a
level above) and each section beside the tree, in words a board member reads: what was
added, what changed (old and new text, the changed words marked) and what was retired.
Items are matched by their level and id, so a moved item is not read as new. Versions
kept in the shape of version 1 are read through planning.plan_file.upgrade."""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from planning.forms import LevelForm
from planning.kinds import IMPLEMENTATION
from planning.models import TREE_SLOTS, Plan
from planning.models.plan import Slot
from planning.plan_file import SECTION_FIELDS, upgrade
from planning.wording import field_name, in_words, measure_like

# What a version holds of a strategy's commitments: its progress (status, owner, years)
# is implementation, updated all year without approval, and not a version's change.
WORK = tuple(
    name
    for name in (
        "code",
        "text",
        "sub_points",
        "owner",
        "status",
        "start_year",
        "end_year",
        "cost",
        "funding_source",
    )
    if name not in IMPLEMENTATION["strategy"]
)
SHOWN_FIELDS = {
    "pillar": ("code", "title", "statement"),
    "goal": ("code", "title", "statement", "rationale"),
    "objective": ("code", "title", "description"),
    "strategy": WORK,
    "action_step": WORK,
    "guardrail": ("code", "title", "statement"),
    "section": SECTION_FIELDS,  # its heading, what it calls its items, how it numbers them
    "measure": (
        "code",
        "name",
        "data_source",
        "baseline_value",
        "baseline_year",
        "target_form",
        "targets",
        "group_targets",
        "final_target",
        "final_target_year",
        "target_text",
    ),
}
PLAN_FIELDS = (
    "title",
    "tagline",
    "start_year",
    "end_year",
    "mission",
    "vision",
    "theory_of_action",
    "graduate_profile_title",
)


@dataclass
class Difference:
    what: str  # "Added", "Changed", "Retired"
    level: str  # the plan's own word for it
    name: str
    changes: list[tuple[str, SafeString, SafeString]] = field(default_factory=list)
    key: tuple[str, int] | None = None  # (its kind, its id): what made it, see versions


@dataclass
class GoalDifferences:
    title: str
    differences: list[Difference]


def words_marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    """old and new, with the words taken out of old and put into new marked."""
    a, b = old.split(), new.split()
    before, after = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        gone, came = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            before.append(gone)
            after.append(came)
            continue
        if gone:
            before.append(f"<del>{gone}</del>")
        if came:
            after.append(f"<ins>{came}</ins>")
    return mark_safe(" ".join(before)), mark_safe(" ".join(after))


def _field_changes(kind: str, old: dict, new: dict, plan: Plan) -> list:
    """(field, before, after) in the words the plan page uses (planning.wording), the
    changed words marked."""
    measure = measure_like(new) if kind == "measure" else None
    changes = []
    for name in SHOWN_FIELDS.get(kind, PLAN_FIELDS):
        if old.get(name) != new.get(name):
            before, after = words_marked(
                in_words(kind, name, old.get(name), plan, measure),
                in_words(kind, name, new.get(name), plan, measure),
            )
            changes.append((field_name(kind, name, plan), before, after))
    return changes


def _name(kind: str, data: dict) -> str:
    for key in ("title", "name", "text", "statement"):
        if data.get(key):
            text = data[key]
            return text if len(text) <= 90 else text[:89] + "…"
    return "(untitled)"


def _kind(data: dict, default: str) -> str:
    return data.get("level", default)


def _compare_lists(
    kind: str, labels: dict, old: list, new: list, out: list, plan: Plan | None = None
) -> None:
    before = {(_kind(item, kind), item["id"]): item for item in old}
    after = {(_kind(item, kind), item["id"]) for item in new}
    for item in new:
        level = _kind(item, kind)
        previous = before.get((level, item["id"]))
        key = (level, item["id"])
        if previous is None:
            out.append(Difference("Added", labels[level], _name(level, item), key=key))
            continue
        changes = _field_changes(level, previous, item, plan)
        if changes:
            out.append(Difference("Changed", labels[level], _name(level, item), changes, key))
        _compare_children(previous, item, labels, out, plan)
    for key, item in before.items():
        if key not in after:
            out.append(Difference("Retired", labels[key[0]], _name(key[0], item), key=key))


def _compare_children(old: dict, new: dict, labels: dict, out: list, plan: Plan) -> None:
    _compare_lists("measure", labels, old.get("measures", []), new.get("measures", []), out, plan)
    _compare_lists("item", labels, old.get("children", []), new.get("children", []), out, plan)


def compare(old: dict, new: dict) -> dict:
    old, new = upgrade(old), upgrade(new)
    levels = new.get("levels", {})
    labels = {
        slot: levels.get(slot, {}).get("singular") or slot.replace("_", " ").capitalize()
        for slot in (*TREE_SLOTS, "measure")
    } | {"guardrail": "Item"}
    # What names the years and fields as the plan did then.
    plan = Plan(**{k: new[k] for k in ("start_year", "end_year", "years_are") if new.get(k)})
    plan_changes = _field_changes("plan", old, new, plan) + _level_changes(old, new)
    groups = _groups(labels, old.get("items", []), new.get("items", []), plan)
    # Items beside the tree are matched by id whatever section they are in now.
    kept = {g["id"]: (s["name"], g) for s in old.get("sections", []) for g in s["items"]}
    now = {g["id"] for s in new.get("sections", []) for g in s["items"]}
    sections_then = {s["id"]: s for s in old.get("sections", []) if "id" in s}
    for section in new.get("sections", []):
        labels["guardrail"] = section.get("item_label") or "Item"
        previous = [kept[g["id"]][1] for g in section["items"] if g["id"] in kept]
        differences: list[Difference] = []
        then = sections_then.get(section.get("id"))
        if then and (changes := _field_changes("section", then, section, plan)):
            key = ("section", section["id"])
            differences.append(Difference("Changed", "Section", section["name"], changes, key))
        _compare_lists("guardrail", labels, previous, section["items"], differences, plan)
        if differences:
            groups.append(GoalDifferences(section["name"], differences))
    for id_, (name, item) in kept.items():
        if id_ not in now:
            retired = Difference(
                "Retired", "Item", _name("guardrail", item), key=("guardrail", id_)
            )
            groups.append(GoalDifferences(name, [retired]))
    nothing = not plan_changes and not groups
    return {"plan_changes": plan_changes, "goals": groups, "nothing": nothing}


def _level_changes(old: dict, new: dict) -> list:
    """What the plan calls each level of its structure, and how it numbers it."""
    changes = []
    for slot, level in new.get("levels", {}).items():
        before = old.get("levels", {}).get(slot, {})
        for name in ("used", "singular", "plural", "numbering", "style"):
            if name in before and before.get(name) != level.get(name):
                was, now = words_marked(
                    in_words("level", name, before.get(name), None),
                    in_words("level", name, level.get(name), None),
                )
                what = str(LevelForm.base_fields[name].label)  # as the structure page says
                changes.append((f"{Slot(slot).label}: {what.lower()}", was, now))
    return changes


def _groups(labels: dict, old: list, new: list, plan: Plan) -> list["GoalDifferences"]:
    """The differences under each item that hangs on the plan, in the newer order, then
    the items that were retired whole."""
    before = {(_kind(item, "goal"), item["id"]): item for item in old}
    groups = []
    seen: dict[str, int] = {}
    for item in new:
        level = _kind(item, "goal")
        seen[level] = seen.get(level, 0) + 1
        differences: list[Difference] = []
        _compare_lists(
            "goal",
            labels,
            [before[(level, item["id"])]] if (level, item["id"]) in before else [],
            [item],
            differences,
            plan,
        )
        if differences:
            title = f"{labels[level]} {seen[level]}: {_name(level, item)}"
            groups.append(GoalDifferences(title, differences))
    current = {(_kind(item, "goal"), item["id"]) for item in new}
    for key, item in before.items():
        if key not in current:
            retired = Difference("Retired", labels[key[0]], _name(key[0], item), key=key)
            groups.append(GoalDifferences(f"{labels[key[0]]}: {_name(key[0], item)}", [retired]))
    return groups


def summary(difference: Difference) -> SafeString:
    return format_html("{} {} “{}”", difference.what, difference.level.lower(), difference.name)
