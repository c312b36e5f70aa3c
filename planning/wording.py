"""What people read where the plan keeps a value: a choice's label ("In progress", not
"in_progress"), a field's name ("Funding source"), money and percentages as the plan page
prints them ("$25,000.00", "58%"), years as the plan names them ("2022–23"). One function,
in_words, does this for every history, activity, comparison, packet page and PDF."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from measures.models import Measure
from planning.kinds import KINDS
from planning.models import Level, Plan

YEAR_FIELDS = {"start_year", "end_year", "baseline_year", "final_target_year"}
MONEY_FIELDS = {"cost"}
# A measure's values, printed in its unit with the decimals they were written with.
MEASURED_FIELDS = {"baseline_value", "final_target"}
NAMES = {
    "sub_points": "Sub-points",
    "targets": "Targets",
    "group_targets": "Targets by student group",
    "graduate_attributes": "Graduate attributes",
}


def _model(kind: str):
    if kind == "plan":
        return Plan
    if kind == "level":
        return Level
    return KINDS[kind].model if kind in KINDS else None


def _field(kind: str, name: str):
    model = _model(kind)
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def field_name(kind: str, name: str, plan: Plan) -> str:
    """A field as a person reads it: "Funding source", "Target for 2023–24"."""
    if name.startswith("target_") and name[7:].isdigit():
        return f"Target for {plan.year_label(int(name[7:]))}"
    if name in NAMES:
        return NAMES[name]
    field = _field(kind, name)
    if field is not None and hasattr(field, "verbose_name"):
        return capfirst(str(field.verbose_name))
    return capfirst(name.replace("_", " "))


def _number(value, measure: Measure | None) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    places = max(0, -number.as_tuple().exponent)
    if measure is None:
        return format(number, "f")
    return measure.format(number, places)


def in_words(kind: str, name: str, value, plan: Plan, measure: Measure | None = None) -> str:
    """One stored value of an item of that kind as a person reads it. measure: the
    measure it belongs to, or its unit and decimals, for a target or a baseline."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name in YEAR_FIELDS and str(value).isdigit():
        return plan.year_label(int(value))
    if name in MONEY_FIELDS:
        try:
            return f"${Decimal(str(value)):,.2f}"
        except InvalidOperation:
            return str(value)
    if name in MEASURED_FIELDS or (name.startswith("target_") and name[7:].isdigit()):
        return _number(value, measure)
    if name == "targets" and isinstance(value, dict):
        return "; ".join(
            f"{plan.year_label(int(year))}: {_number(target, measure)}"
            for year, target in sorted(value.items())
        )
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {in_words(kind, 'targets', inner, plan, measure)}"
            if isinstance(inner, dict)
            else f"{key}: {inner}"
            for key, inner in sorted(value.items())
        )
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return f"{value:%B} {value.day}, {value.year}"
    field = _field(kind, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value)
            return f"{day:%B} {day.day}, {day.year}"
        except ValueError:
            pass
    return str(value)


def measure_like(data: dict) -> Measure:
    """A measure's unit and decimals from its data (a version's), enough to print a value."""
    return Measure(unit=data.get("unit") or "", decimals=data.get("decimals") or 0)


def changes_in_words(
    kind: str, before: dict, after: dict, plan: Plan, measure: Measure | None = None
) -> list[tuple[str, str, str]]:
    """(field, before, after) in words for each field that changed."""
    return [
        (
            field_name(kind, name, plan),
            in_words(kind, name, before.get(name), plan, measure),
            in_words(kind, name, value, plan, measure),
        )
        for name, value in after.items()
        if before.get(name) != value
    ]


def change_in_words(change, plan: Plan) -> list[tuple[str, str, str]]:
    """A recorded change's fields in words. The plan's measures are read once a page."""
    measure = None
    if change.item_kind == "measure":
        if not hasattr(plan, "_measures_by_id"):
            plan._measures_by_id = Measure.objects.filter(plan=plan).in_bulk()
        measure = plan._measures_by_id.get(change.item_id)
    before, after = change.before or {}, change.after or {}
    return changes_in_words(change.item_kind, before, after, plan, measure)


def as_sentence(text: str) -> str:
    """A note quoted as a sentence: with a full stop, unless it already ends as one."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
