"""Forms for editing a plan in place. Each validates; none looks at the request."""

import hashlib
import json

from django import forms
from django.db.models import Q
from django.utils.functional import cached_property

from measures.models import Measure, Result, Target
from planning.models import (
    CoreValue,
    Development,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Priority,
    Strategy,
    VisionArea,
    school_year_label,
)


def as_typed(value):
    """A stored number as a person would type it: 50, not 50.0000."""
    return None if value is None else format(value.normalize(), "f")


class LinesField(forms.CharField):
    """A list of short texts, typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, item_max_length: int = 1000, **kwargs):
        self.item_max_length = item_max_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One per line.")
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError("Write at least one line.", code="required")
        for line in value:
            if len(line) > self.item_max_length:
                raise forms.ValidationError(
                    f"Each line can be at most {self.item_max_length} characters; "
                    f"one has {len(line)}.",
                    code="max_length",
                )


class EditForm(forms.ModelForm):
    """Carries a fingerprint of the values the person started from. If the saved values
    have changed since, someone else saved in between, and the save is refused rather
    than overwriting their work. Only this form's fields count, so two people editing
    different parts of one item do not get in each other's way."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    not_fingerprinted = ("fingerprint", "revision_reason")

    @cached_property
    def saved_fingerprint(self) -> str:
        return self._fingerprint() if self.instance.pk else ""

    def get_initial_for_field(self, field, field_name):
        if field_name == "fingerprint":
            return self.saved_fingerprint
        return super().get_initial_for_field(field, field_name)

    def saved_values(self) -> dict[str, object]:
        return {
            name: self.get_initial_for_field(field, name)
            for name, field in self.fields.items()
            if name not in self.not_fingerprinted
        }

    def _fingerprint(self) -> str:
        values = {
            name: [getattr(v, "pk", v) for v in value] if isinstance(value, list | tuple) else value
            for name, value in self.saved_values().items()
        }
        text = json.dumps(values, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    @property
    def conflicts(self) -> bool:
        """True when the item was saved by someone else since this person opened it."""
        posted = self.data.get(self.add_prefix("fingerprint"))
        return bool(self.instance.pk) and posted != self.saved_fingerprint

    def saved_values_for_people(self) -> list[tuple[str, str]]:
        """(label, value) of what is saved now, as a person reads it."""
        shown = []
        for name, value in self.saved_values().items():
            field = self.fields[name]
            if isinstance(value, list | tuple):
                value = ", ".join(str(v) for v in value)
            elif hasattr(field, "choices") and value not in (None, ""):
                value = dict(field.choices).get(value, dict(field.choices).get(str(value), value))
            shown.append((str(field.label or name.replace("_", " ").capitalize()), value))
        return shown


def school_year_field(plan: Plan, label: str, years=None) -> forms.TypedChoiceField:
    """A choice of school year; by default the plan's own years."""
    years = plan.school_years if years is None else years
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "—"), *((str(y), school_year_label(y)) for y in years)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": f"Choose a school year within the plan's period ({plan.period})."
            if years == plan.school_years
            else "Choose one of the school years listed."
        },
    )


class PlanHeaderForm(EditForm):
    class Meta:
        model = Plan
        fields = ["title", "tagline", "start_year", "end_year", "status"]
        labels = {"start_year": "First year", "end_year": "Last year"}
        help_texts = {
            "start_year": "A 2018–2022 plan starts in 2018 (the 2018–19 school year).",
            "end_year": "A 2018–2022 plan ends in 2022 (after the 2021–22 school year).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plan being made is adopted through its making: version 1, the old plan ended.
        being_made = Development.objects.filter(plan=self.instance.pk, adopted_at=None)
        if self.instance.pk and being_made.exists():
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is None or end is None:
            return cleaned
        if end <= start:
            self.add_error("end_year", "The last year must come after the first year.")
            return cleaned
        if self.instance.pk:
            outside = ~Q(year__gte=start, year__lt=end)
            dated = Target.objects.filter(outside, measure__plan=self.instance).count()
            dated += Result.objects.filter(outside, measure__plan=self.instance).count()
            if dated:
                self.add_error(
                    None,
                    f"{dated} target(s) or result(s) fall outside {start}–{end}. "
                    "Move or remove them before shortening the plan.",
                )
        return cleaned


class NewPlanForm(forms.ModelForm):
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Start from",
        empty_label="An empty plan",
        help_text="Copying keeps the mission, vision, values, goals, objectives, strategies and "
        "measures with their baselines; results, reviews and targets outside the new period "
        "stay with the old plan.",
    )

    class Meta:
        model = Plan
        fields = ["title", "start_year", "end_year"]
        labels = {"start_year": "First year", "end_year": "Last year"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = Plan.objects.in_district(district)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end <= start:
            self.add_error("end_year", "The last year must come after the first year.")
        return cleaned


class MissionForm(EditForm):
    class Meta:
        model = Plan
        fields = ["mission"]
        widgets = {"mission": forms.Textarea(attrs={"rows": 3})}


class VisionForm(EditForm):
    class Meta:
        model = Plan
        fields = ["vision"]
        labels = {"vision": "Vision statement"}
        widgets = {"vision": forms.Textarea(attrs={"rows": 3})}


class TheoryOfActionForm(EditForm):
    class Meta:
        model = Plan
        fields = ["theory_of_action"]


class GraduateProfileForm(EditForm):
    class Meta:
        model = Plan
        fields = ["graduate_profile_title"]
        labels = {"graduate_profile_title": "Heading of the graduate profile"}


class NotesForm(EditForm):
    class Meta:
        model = Plan
        fields = ["notes"]


class PlanLabelsForm(EditForm):
    class Meta:
        model = Plan
        fields = ["goal_label", "objective_label", "strategy_label", "measure_label"]
        labels = {
            "goal_label": "What this plan calls a goal",
            "objective_label": "What it calls an objective",
            "strategy_label": "What it calls a strategy",
            "measure_label": "What it calls a measure",
        }


class CoreValueForm(EditForm):
    descriptors = LinesField(label="Descriptor words", item_max_length=200)

    class Meta:
        model = CoreValue
        fields = ["name", "definition", "descriptors"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 2})}


class VisionAreaForm(EditForm):
    class Meta:
        model = VisionArea
        fields = ["name", "description"]


class GraduateAttributeForm(EditForm):
    descriptors = LinesField(label="Descriptors", item_max_length=500)

    class Meta:
        model = GraduateAttribute
        fields = ["name", "descriptors"]


class DraftedForm(EditForm):
    """A goal, objective or strategy, which can say which of the priorities drafted while
    the plan was made it comes from (when there are any)."""

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        priorities = self.fields["priorities"]
        priorities.queryset = Priority.objects.filter(development__plan=plan).order_by("order")
        priorities.label = "Priorities it comes from"
        priorities.help_text = "Drafted while the plan was made, from its SWOT and input."
        if not priorities.queryset.exists():
            del self.fields["priorities"]


class GoalForm(DraftedForm):
    rationale = LinesField(label="Research and practice rationale", item_max_length=1000)

    class Meta:
        model = Goal
        fields = ["title", "statement", "rationale", "graduate_attributes", "priorities"]
        labels = {"title": "Short title", "graduate_attributes": "Graduate attributes it serves"}
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "graduate_attributes": forms.CheckboxSelectMultiple,
            "priorities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        attributes = self.fields["graduate_attributes"]
        attributes.queryset = GraduateAttribute.objects.filter(plan=plan)
        if not attributes.queryset.exists():
            del self.fields["graduate_attributes"]


class ObjectiveForm(DraftedForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "priorities"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "priorities": forms.CheckboxSelectMultiple,
        }


class StrategyForm(DraftedForm):
    sub_points = LinesField(label="Sub-points", item_max_length=1000)

    class Meta:
        model = Strategy
        fields = [
            "text",
            "sub_points",
            "owner",
            "status",
            "start_year",
            "end_year",
            "cost",
            "funding_source",
            "priorities",
        ]
        labels = {"start_year": "From school year", "end_year": "To school year"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "priorities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        for name in ("start_year", "end_year"):
            self.fields[name] = school_year_field(plan, self.fields[name].label)
        self.fields["cost"].widget.attrs["step"] = "any"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The timeline must end in or after the year it starts.")
        return cleaned


class GuardrailForm(EditForm):
    class Meta:
        model = Guardrail
        fields = ["statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}


class MeasureForm(EditForm):
    """A measure with a target field for each school year of the plan."""

    breakdown_names = LinesField(
        label="Student groups or grades",
        item_max_length=100,
        help_text="Results are kept for all students and for each group named here, "
        "one per line (for example English learners, Grade 3).",
    )

    revision_reason = forms.CharField(
        label="Why the baseline or targets changed",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you change a baseline or a target that was already set.",
    )

    class Meta:
        model = Measure
        fields = [
            "name",
            "data_source",
            "kind",
            "unit",
            "decimals",
            "direction",
            "baseline_value",
            "baseline_year",
            "target_form",
            "final_target",
            "final_target_year",
            "target_text",
        ]
        labels = {
            "data_source": "Measurement (data source)",
            "decimals": "Decimal places shown",
            "target_form": "Target",
            "final_target_year": "Final target's school year",
        }
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.TextInput,
            "target_text": forms.TextInput,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["decimals"].widget.attrs["max"] = 4
        # A baseline often comes from a year before the plan starts.
        self.fields["baseline_year"] = school_year_field(
            plan, "Baseline school year", list(range(plan.start_year - 5, plan.end_year))
        )
        self.fields["final_target_year"] = school_year_field(
            plan, self.fields["final_target_year"].label
        )
        # What is saved now, kept before validation copies the new values onto the instance.
        self.old_baseline = self.instance.baseline_value
        self.old_final_target = self.instance.final_target
        if self.instance.pk:
            self.initial["breakdown_names"] = [g.name for g in self.instance.breakdown.all()]
        self.old_targets = (
            {t.year: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        )
        for year in plan.school_years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=f"Target for {school_year_label(year)}",
                required=False,
                max_digits=14,
                decimal_places=4,
                initial=as_typed(self.old_targets.get(year)),
            )
        for name in ("baseline_value", "final_target"):
            self.initial[name] = as_typed(self.initial.get(name))
        for name in ("baseline_value", "final_target"):
            self.fields[name].widget.attrs["step"] = "any"
        for name in self.year_field_names:
            self.fields[name].widget.attrs["step"] = "any"

    @property
    def year_field_names(self) -> list[str]:
        return [f"target_{year}" for year in self.plan.school_years]

    def target_fields(self):
        return [self[name] for name in self.year_field_names]

    def other_fields(self):
        grouped = {*self.year_field_names, "fingerprint", "revision_reason"}
        return [self[name] for name in self.fields if name not in grouped]

    def reason_fields(self):
        return [self["revision_reason"]] if self.instance.pk else []

    @property
    def new_targets(self) -> dict[int, object]:
        return {
            year: self.cleaned_data.get(f"target_{year}")
            for year in self.plan.school_years
            if self.cleaned_data.get(f"target_{year}") is not None
        }

    def revised(self) -> list[tuple[str, int | None, object, object]]:
        """(field, year, old, new) for each baseline or target that had a value and changed."""
        changes = []
        old_baseline = self.old_baseline
        if old_baseline is not None and old_baseline != self.cleaned_data.get("baseline_value"):
            changes.append(("baseline", None, old_baseline, self.cleaned_data["baseline_value"]))
        for year, old in self.old_targets.items():
            new = self.cleaned_data.get(f"target_{year}")
            if old != new:
                changes.append(("target", year, old, new))
        old_final = self.old_final_target
        if old_final is not None and old_final != self.cleaned_data.get("final_target"):
            changes.append(("final_target", None, old_final, self.cleaned_data["final_target"]))
        return changes

    def clean(self):
        cleaned = super().clean()
        form = cleaned.get("target_form")
        if form == Measure.TargetForm.FINAL and cleaned.get("final_target") is None:
            self.add_error("final_target", "Give the final target, or choose another target form.")
        if form == Measure.TargetForm.FINAL and cleaned.get("final_target_year") is None:
            self.add_error("final_target_year", "Say by which school year the target is due.")
        if form == Measure.TargetForm.WORDS and not cleaned.get("target_text"):
            self.add_error("target_text", "Write the target in words.")
        if cleaned.get("baseline_value") is not None and cleaned.get("baseline_year") is None:
            self.add_error("baseline_year", "Say which school year the baseline is from.")
        if self.instance.pk and self.revised() and not cleaned.get("revision_reason", "").strip():
            self.add_error(
                "revision_reason", "Say why the baseline or target changed; the old value is kept."
            )
        return cleaned
