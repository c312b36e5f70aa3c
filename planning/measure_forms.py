"""The forms of a plan's measures: a measure with its targets, a result, a file of results."""

from django import forms

from measures.imports import MAX_BYTES
from measures.models import Measure, Result
from measures.periods import school_year_label
from planning.forms import EditForm, LinesField, as_typed, school_year_field
from planning.models import Plan


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
        """(field, year, old, new) for each baseline or target that had a value and changed.
        A value with a mistake has not changed yet: its field says what is wrong."""
        changes = []
        old_baseline = self.old_baseline
        if old_baseline not in (None, self._cleaned_or("baseline_value", old_baseline)):
            changes.append(("baseline", None, old_baseline, self.cleaned_data["baseline_value"]))
        for year, old in self.old_targets.items():
            new = self._cleaned_or(f"target_{year}", old)
            if old != new:
                changes.append(("target", year, old, new))
        old_final = self.old_final_target
        if old_final not in (None, self._cleaned_or("final_target", old_final)):
            changes.append(("final_target", None, old_final, self.cleaned_data["final_target"]))
        return changes

    def _cleaned_or(self, name: str, old):
        """The cleaned value, or the old one while the field has a mistake."""
        return old if name in self.errors else self.cleaned_data.get(name)

    def clean(self):
        cleaned = super().clean()
        form = cleaned.get("target_form")
        missing = cleaned.get("final_target") is None and "final_target" not in self.errors
        if form == Measure.TargetForm.FINAL and missing:
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


class ResultForm(EditForm):
    class Meta:
        model = Result
        fields = ["value", "note"]
        labels = {"value": "Result"}
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "maxlength": 2000})}

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        value.required = True
        value.widget.attrs["step"] = "any"
        if measure.kind == measure.Kind.MILESTONE:
            value.help_text = "1 when the milestone is reached, 0 when it is not yet."
        if self.instance.pk and self.instance.value is not None:
            self.initial["value"] = format(self.instance.value.normalize(), "f")
        self.fields["note"].max_length = 2000


class ResultsFileForm(forms.Form):
    file = forms.FileField(
        label="CSV file of results",
        help_text="Columns: measure (reference or name), year, value; optionally note and group.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // 1000:,} KB; files of up to "
                f"{MAX_BYTES // 1000:,} KB are read."
            )
        return upload
