"""The forms of a plan's measures: a measure with its targets, a result, a file of results."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from districts.people import members_of
from measures.imports import MAX_BYTES
from measures.models import Measure, Result
from measures.numbers import as_written, written_places
from measures.periods import MONTHS
from planning.forms import EditForm, LinesField, PersonChoiceField, year_field
from planning.models import Plan


class MeasureForm(EditForm):
    """A measure with a target field for each year of the plan, for all students and for
    each student group it is broken down by. Numbers keep the decimals they are typed
    with, so 21 and 24.5 print as typed."""

    breakdown_names = LinesField(
        label="Student groups or grades",
        item_max_length=100,
        help_text="Results are kept for all students and for each group named here, "
        "one per line (for example English learners, Grade 3). Once saved, each group "
        "can have targets of its own.",
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
            "code",
            "name",
            "data_source",
            "results_by",
            "kind",
            "unit",
            "decimals",
            "direction",
            "baseline_value",
            "baseline_year",
            "baseline_month",
            "target_form",
            "final_target",
            "final_target_year",
            "final_target_month",
            "target_text",
        ]
        labels = {
            "data_source": "Measurement (data source)",
            "decimals": "Decimal places for values written without them",
            "target_form": "Target",
            "baseline_month": "Baseline month",
            "final_target_year": "Final target's year",
            "final_target_month": "Final target's month",
        }
        help_texts = {"code": "As the plan writes it (CPM 1.1); shown instead of 1.2.M1."}
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.TextInput,
            "target_text": forms.TextInput,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["decimals"].widget.attrs["max"] = 4
        self.fields["results_by"] = PersonChoiceField(
            queryset=members_of(plan.district_id),
            required=False,
            label="Results entered by",
            empty_label="— nobody in particular —",
            help_text="The member of the district who enters its results; shown in their My work.",
        )
        # A baseline often comes from a year before the plan starts.
        self.fields["baseline_year"] = year_field(
            plan, "Baseline year", list(range(plan.start_year - 5, plan.years[-1] + 1))
        )
        self.fields["final_target_year"] = year_field(plan, "Final target's year")
        for name in ("baseline_month", "final_target_month"):
            self.fields[name] = month_field(self.fields[name].label)
        # What is saved now, kept before validation copies the new values onto the instance.
        self.old_baseline = self.instance.baseline_value
        self.old_final_target = self.instance.final_target
        self.groups = list(self.instance.breakdown.all()) if self.instance.pk else []
        if self.instance.pk:
            self.initial["breakdown_names"] = [g.name for g in self.groups]
        self.old_targets = (
            {(t.group_id, t.year): t for t in self.instance.targets.all()}
            if self.instance.pk
            else {}
        )
        for group, year, name in self.target_places():
            old = self.old_targets.get((group.pk if group else None, year))
            self.fields[name] = forms.DecimalField(
                label=f"Target for {plan.year_label(year)}" + (f", {group.name}" if group else ""),
                required=False,
                max_digits=14,
                decimal_places=4,
                initial=as_written(old.value, old.places) if old else None,
            )
            self.fields[name].widget.attrs["step"] = "any"
        self.initial["baseline_value"] = as_written(
            self.instance.baseline_value, self.instance.baseline_places
        )
        self.initial["final_target"] = as_written(
            self.instance.final_target, self.instance.final_target_places
        )
        for name in ("baseline_value", "final_target"):
            self.fields[name].widget.attrs["step"] = "any"

    def target_places(self):
        """(group, year, field name) of each target: all students' first, then each group's."""
        for group in [None, *self.groups]:
            for year in self.plan.years:
                suffix = f"_g{group.pk}" if group else ""
                yield group, year, f"target_{year}{suffix}"

    @property
    def year_field_names(self) -> list[str]:
        return [name for _, _, name in self.target_places()]

    def target_fields(self):
        return [self[name] for name in self.year_field_names]

    def other_fields(self):
        grouped = {*self.year_field_names, "fingerprint", "revision_reason"}
        return [self[name] for name in self.fields if name not in grouped]

    def reason_fields(self):
        return [self["revision_reason"]] if self.instance.pk else []

    @property
    def new_targets(self) -> dict[tuple[int | None, int], object]:
        """{(group id or None, year): value} of every target given."""
        return {
            (group.pk if group else None, year): self.cleaned_data[name]
            for group, year, name in self.target_places()
            if self.cleaned_data.get(name) is not None
        }

    def revised(self) -> list[tuple[str, int | None, object, object]]:
        """(field, year, old, new) for each baseline or target that had a value and changed.
        A value with a mistake has not changed yet: its field says what is wrong."""
        changes = []
        old_baseline = self.old_baseline
        if old_baseline not in (None, self._cleaned_or("baseline_value", old_baseline)):
            changes.append(("baseline", None, old_baseline, self.cleaned_data["baseline_value"]))
        for (group_id, year), old in self.old_targets.items():
            name = f"target_{year}" + (f"_g{group_id}" if group_id else "")
            new = self._cleaned_or(name, old.value)
            if old.value != new:
                changes.append(("target", year, old.value, new))
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
            self.add_error("final_target_year", "Say by which year the target is due.")
        if form == Measure.TargetForm.WORDS and not cleaned.get("target_text"):
            self.add_error("target_text", "Write the target in words.")
        if cleaned.get("baseline_value") is not None and cleaned.get("baseline_year") is None:
            self.add_error("baseline_year", "Say which year the baseline is from.")
        if self.instance.pk and self.revised() and not cleaned.get("revision_reason", "").strip():
            self.add_error(
                "revision_reason", "Say why the baseline or target changed; the old value is kept."
            )
        return cleaned

    def save(self, commit=True):
        # The decimals each number was typed with, so that it prints as typed.
        for name in ("baseline", "final_target"):
            value = self.cleaned_data.get(f"{name}_value" if name == "baseline" else name)
            setattr(
                self.instance, f"{name}_places", None if value is None else written_places(value)
            )
        return super().save(commit)


def month_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "— (the year only)"), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="When the plan dates it by month: May 2023.",
    )


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
            self.initial["value"] = as_written(self.instance.value, self.instance.places)
        self.fields["note"].max_length = 2000

    def save(self, commit=True):
        self.instance.places = written_places(self.cleaned_data["value"])
        return super().save(commit)


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


class LongSelect(forms.Select):
    """A select of thousands of options (every line of a large plan's results grid),
    written out at once: Django's template for each option costs a second for them."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.build_attrs(self.attrs, attrs), "name": name}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == str(value) else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class PastedBlockForm(forms.Form):
    """A block copied from a spreadsheet and the grid cell its top left corner goes in."""

    start = forms.ChoiceField(label="Starting at the row", widget=LongSelect)
    year = forms.TypedChoiceField(label="and the year", coerce=int)
    block = forms.CharField(
        label="Cells copied from a spreadsheet",
        max_length=100_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="Paste cells copied from a spreadsheet: each line a row of the grid, "
        "cells separated by tabs. Blank cells leave the result there as it is.",
    )

    def __init__(self, *args, rows, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = rows
        self.fields["year"].choices = years

    def clean_block(self):
        block = self.cleaned_data["block"]
        if not block.strip():
            raise forms.ValidationError("Paste at least one result.")
        return block
