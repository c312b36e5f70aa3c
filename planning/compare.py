"""Two versions of a plan compared, goal by goal, in words a board member reads:
what was added, what changed (old and new text, the changed words marked) and what
was retired. Items are matched by their ids, so a moved item is not read as new."""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LEVELS = (("objectives", "objective"), ("strategies", "strategy"), ("measures", "measure"))
SHOWN_FIELDS = {
    "goal": ("title", "statement", "rationale"),
    "objective": ("title", "description"),
    "strategy": ("text", "sub_points", "owner", "status", "start_year", "end_year", "cost"),
    "measure": (
        "name",
        "data_source",
        "baseline_value",
        "baseline_year",
        "target_form",
        "targets",
        "final_target",
        "final_target_year",
        "target_text",
    ),
}
PLAN_FIELDS = ("title", "start_year", "end_year", "mission", "vision", "theory_of_action")


@dataclass
class Difference:
    what: str  # "Added", "Changed", "Retired"
    level: str  # the plan's own word for it
    name: str
    changes: list[tuple[str, SafeString, SafeString]] = field(default_factory=list)


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


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in sorted(value.items())) or "—"
    return str(value)


def _field_changes(kind: str, old: dict, new: dict) -> list:
    changes = []
    for name in SHOWN_FIELDS.get(kind, PLAN_FIELDS):
        if old.get(name) != new.get(name):
            before, after = words_marked(_text(old.get(name)), _text(new.get(name)))
            changes.append((name.replace("_", " ").capitalize(), before, after))
    return changes


def _name(kind: str, data: dict) -> str:
    for key in ("title", "name", "text", "statement"):
        if data.get(key):
            text = data[key]
            return text if len(text) <= 90 else text[:89] + "…"
    return "(untitled)"


def _compare_lists(kind: str, labels: dict, old: list, new: list, out: list) -> None:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    for item in new:
        if item["id"] not in before:
            out.append(Difference("Added", labels[kind], _name(kind, item)))
            continue
        changes = _field_changes(kind, before[item["id"]], item)
        if changes:
            out.append(Difference("Changed", labels[kind], _name(kind, item), changes))
        _compare_children(before[item["id"]], item, labels, out)
    for item in old:
        if item["id"] not in after:
            out.append(Difference("Retired", labels[kind], _name(kind, item)))


def _compare_children(old: dict, new: dict, labels: dict, out: list) -> None:
    for key, child_kind in LEVELS:
        _compare_lists(child_kind, labels, old.get(key, []), new.get(key, []), out)


def compare(old: dict, new: dict) -> dict:
    labels = {
        level: new.get("labels", {}).get(level, level.capitalize())
        for level in ("goal", "objective", "strategy", "measure")
    }
    plan_changes = _field_changes("plan", old, new)
    old_goals = {goal["id"]: goal for goal in old.get("goals", [])}
    goals = []
    for number, goal in enumerate(new.get("goals", []), start=1):
        differences: list[Difference] = []
        previous = old_goals.get(goal["id"])
        if previous is None:
            differences.append(Difference("Added", labels["goal"], _name("goal", goal)))
        else:
            changes = _field_changes("goal", previous, goal)
            if changes:
                differences.append(
                    Difference("Changed", labels["goal"], _name("goal", goal), changes)
                )
            _compare_children(previous, goal, labels, differences)
        if differences:
            goals.append(
                GoalDifferences(f"{labels['goal']} {number}: {_name('goal', goal)}", differences)
            )
    new_ids = {goal["id"] for goal in new.get("goals", [])}
    retired = [
        GoalDifferences(
            f"{labels['goal']}: {_name('goal', goal)}",
            [Difference("Retired", labels["goal"], _name("goal", goal))],
        )
        for goal in old.get("goals", [])
        if goal["id"] not in new_ids
    ]
    return {
        "plan_changes": plan_changes,
        "goals": goals + retired,
        "nothing": not plan_changes and not goals and not retired,
    }


def summary(difference: Difference) -> SafeString:
    return format_html("{} {} “{}”", difference.what, difference.level.lower(), difference.name)
