"""Forms for editing a plan in place. Each validates; none looks at the request."""

import hashlib
import json

from django import forms
from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.utils.functional import cached_property

from districts.people import display_name, members_of, open_invitations
from measures.models import Result, Target
from planning import month_or_day
from planning.models import (
    ITEM_MODELS,
    ActionStep,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Level,
    Numbering,
    Objective,
    Pillar,
    Plan,
    ProgressUpdate,
    Section,
    Strategy,
    UpdateWindow,
    VisionArea,
    Work,
    plural,
)
from planning.titles import titled


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


def year_field(plan: Plan, label: str, years=None) -> forms.TypedChoiceField:
    """A choice of year, named as the plan names its years; by default the plan's own."""
    years = plan.years if years is None else years
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "—"), *((str(y), plan.year_label(y)) for y in years)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": f"Choose a year within the plan's period ({plan.period})."
            if years == plan.years
            else "Choose one of the years listed."
        },
    )


def plan_year_field(label: str, help_text: str = "") -> forms.IntegerField:
    """A plan's first or last year, within the years a plan may have."""
    bounds = f"Choose a year from {Plan.FIRST_YEAR} to {Plan.LAST_YEAR}."
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=Plan.FIRST_YEAR,
        max_value=Plan.LAST_YEAR,
        error_messages={"min_value": bounds, "max_value": bounds},
    )


def check_period(form, cleaned: dict) -> bool:
    """Says beside the last year what is wrong with the plan's period; True if nothing is."""
    start, end = cleaned.get("start_year"), cleaned.get("end_year")
    if start is None or end is None:
        return False
    if end <= start:
        form.add_error("end_year", "The last year must come after the first year.")
        return False
    if end - start > Plan.LONGEST_PERIOD:
        form.add_error(
            "end_year",
            f"A plan's period can be at most {Plan.LONGEST_PERIOD} years; "
            f"{start}–{end} is {end - start}.",
        )
        return False
    return True


class PlanHeaderForm(EditForm):
    start_year = plan_year_field(
        "First year", "A 2018–2022 plan starts in 2018 (the 2018–19 school year)."
    )
    end_year = plan_year_field(
        "Last year", "A 2018–2022 plan ends in 2022 (after the 2021–22 school year)."
    )

    class Meta:
        model = Plan
        fields = ["title", "tagline", "start_year", "end_year", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plan being made is adopted through its making: version 1, the old plan ended.
        making = getattr(self.instance, "making", None) if self.instance.pk else None
        if making is not None and not making.is_adopted:
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        if not check_period(self, cleaned):
            return cleaned
        start, end = cleaned["start_year"], cleaned["end_year"]
        if self.instance.pk:
            last = end + 1 if self.instance.in_calendar_years else end
            outside = ~Q(year__gte=start, year__lt=last)
            targets = Target.objects.filter(outside, measure__plan=self.instance).count()
            results = Result.objects.filter(outside, measure__plan=self.instance).count()
            if targets or results:
                counted = [
                    f"{n} {word}{pluralize(n)}"
                    for n, word in ((targets, "target"), (results, "result"))
                    if n
                ]
                one = targets + results == 1
                self.add_error(
                    None,
                    f"{' and '.join(counted)} {'falls' if one else 'fall'} outside "
                    f"{start}–{end}. Move or remove {'it' if one else 'them'} before "
                    "shortening the plan.",
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

    start_year = plan_year_field("First year")
    end_year = plan_year_field("Last year")

    class Meta:
        model = Plan
        fields = ["title", "start_year", "end_year"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = Plan.objects.in_district(district)
        self.fields["copy_from"].label_from_instance = titled

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
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


class ItemForm(EditForm):
    """An item of the tree. It offers a code to type when its level is numbered by typed
    codes (or it has one), and the priorities of the plan's making it comes from, when
    the plan was made here: the making owns those links (its priorities point at the
    items), so they are read and set through the item's priorities, reached by name."""

    priorities = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Priorities it comes from",
        help_text="Drafted while the plan was made, from its SWOT and input.",
        widget=forms.CheckboxSelectMultiple,
    )
    slot = ""

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        typed = plan.level(self.slot).numbering == Numbering.TYPED
        if "code" in self.fields and not typed and not self.instance.code:
            del self.fields["code"]
        making = getattr(plan, "making", None) if self.slot in DRAFTED else None
        choices = making.priorities.order_by("order") if making else None
        if choices is None or not choices.exists():
            del self.fields["priorities"]
            return
        self.fields["priorities"].queryset = choices
        if self.instance.pk:
            self.initial["priorities"] = [p.pk for p in self.instance.priorities.all()]

    def _save_m2m(self):
        super()._save_m2m()
        if "priorities" in self.fields:
            self.instance.priorities.set(self.cleaned_data["priorities"])


# The levels a plan's making drafts items of (making.models.Priority).
DRAFTED = ("goal", "objective", "strategy")
CODE_HELP = "As the plan writes it (1.A, 4.C); shown instead of a number."


class PillarForm(ItemForm):
    slot = "pillar"

    class Meta:
        model = Pillar
        fields = ["code", "title", "statement", "priorities"]
        labels = {"statement": "Description"}
        help_texts = {"code": CODE_HELP}
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}


class GoalForm(ItemForm):
    slot = "goal"
    rationale = LinesField(label="Research and practice rationale", item_max_length=1000)

    class Meta:
        model = Goal
        fields = ["code", "title", "statement", "rationale", "graduate_attributes", "priorities"]
        labels = {"title": "Short title", "graduate_attributes": "Graduate attributes it serves"}
        help_texts = {"code": CODE_HELP}
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "graduate_attributes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        attributes = self.fields["graduate_attributes"]
        attributes.queryset = GraduateAttribute.objects.filter(plan=plan)
        if not attributes.queryset.exists():
            del self.fields["graduate_attributes"]


class ObjectiveForm(ItemForm):
    slot = "objective"

    class Meta:
        model = Objective
        fields = ["code", "title", "description", "priorities"]
        help_texts = {"code": CODE_HELP}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MonthOrDayField(forms.CharField):
    """A date typed as a day (2026-03-15) or a whole month (2026-03): (date, precision)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "A day (2026-03-15) or a month (2026-03).")
        super().__init__(max_length=10, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return month_or_day.written(*value)
        return value

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return (None, Work.Precision.DAY)
        try:
            return month_or_day.read(text)
        except ValueError:
            raise forms.ValidationError(
                "Write a day as 2026-03-15 or a month as 2026-03.", code="invalid"
            ) from None


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return display_name(user)


class InvitationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, invitation) -> str:
        return f"{invitation.email} (invited)"


class WorkForm(ItemForm):
    """A strategy or an action step: what is done, by whom, when, at what cost."""

    sub_points = LinesField(label="Sub-points", item_max_length=1000)
    starts = MonthOrDayField(label="Starts")
    due = MonthOrDayField(label="Due")
    fields_of_work = [
        "code",
        "text",
        "sub_points",
        "owner_user",
        "owner_invitation",
        "owner",
        "status",
        "percent",
        "start_year",
        "end_year",
        "cost",
        "funding_source",
        "priorities",
    ]
    field_order = [*fields_of_work[:8], "starts", "due", *fields_of_work[8:]]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        for name, label in (("start_year", "From"), ("end_year", "To")):
            self.fields[name] = year_field(plan, label)
        self.fields["cost"].widget.attrs["step"] = "any"
        self.fields["owner_user"] = PersonChoiceField(
            queryset=members_of(plan.district_id),
            required=False,
            label="Owner",
            empty_label="— nobody of the district —",
            help_text="A member of the district; or write a name below for someone "
            "without an account.",
        )
        self.fields["owner_invitation"] = InvitationChoiceField(
            queryset=open_invitations().filter(district_id=plan.district_id).order_by("email"),
            required=False,
            label="Or someone invited who has not joined yet",
            empty_label="—",
            help_text="They own it once they accept their invitation.",
        )
        self.fields["percent"].widget.attrs.update(min=0, max=100)
        self.fields["percent"].required = False
        item = self.instance
        self.initial["starts"] = (item.start_on, item.start_precision)
        self.initial["due"] = (item.due_on, item.due_precision)
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The timeline must end in or after the year it starts.")
        if cleaned.get("owner_user") and cleaned.get("owner_invitation"):
            self.add_error(
                "owner_invitation", "Choose a member or someone invited as the owner, not both."
            )
        starts, due = cleaned.get("starts"), cleaned.get("due")
        if starts and due and starts[0] and due[0] and month_or_day.due_day(*due) < starts[0]:
            self.add_error("due", "It must be due on or after the day it starts.")
        return cleaned

    def clean_percent(self) -> int:
        percent = self.cleaned_data.get("percent")
        return 0 if percent is None else percent

    def _post_clean(self):
        for name, field in (("starts", "start"), ("due", "due")):
            if name in self.cleaned_data:
                day, precision = self.cleaned_data[name]
                if day:
                    day = month_or_day.kept_day(field, day, precision)
                setattr(self.instance, f"{field}_on", day)
                setattr(self.instance, f"{field}_precision", precision)
        super()._post_clean()


class StrategyForm(WorkForm):
    slot = "strategy"

    class Meta:
        model = Strategy
        fields = WorkForm.fields_of_work
        help_texts = {"code": CODE_HELP}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionStepForm(WorkForm):
    slot = "action_step"

    class Meta:
        model = ActionStep
        fields = WorkForm.fields_of_work
        help_texts = {"code": CODE_HELP}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


ITEM_FORMS: dict[str, type[ItemForm]] = {
    "pillar": PillarForm,
    "goal": GoalForm,
    "objective": ObjectiveForm,
    "strategy": StrategyForm,
    "action_step": ActionStepForm,
}


class SectionForm(EditForm):
    """A section beside the tree: what it is headed, what one of its items and of its
    measures is called, and how its items are numbered."""

    class Meta:
        model = Section
        fields = [
            "name",
            "item_label",
            "measure_label",
            "measure_plural",
            "prefix",
            "numbering",
            "style",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("measure_label") and not cleaned.get("measure_plural"):
            cleaned["measure_plural"] = plural(cleaned["measure_label"])
        return cleaned


class GuardrailForm(EditForm):
    """An item of a section beside the tree; its section says what it is called."""

    class Meta:
        model = Guardrail
        fields = ["code", "title", "statement"]
        help_texts = {"code": CODE_HELP}
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        section = self.instance.section if self.instance.section_id else None
        typed = section is not None and section.numbering == Numbering.TYPED
        if not typed and not self.instance.code:
            del self.fields["code"]


class PlanFileForm(forms.Form):
    file = forms.FileField(
        label="Plan file (JSON)", help_text="A file downloaded from a plan's page."
    )


class LevelForm(EditForm):
    """How the plan names and numbers one level of its tree (or its measures)."""

    class Meta:
        model = Level
        fields = ["used", "singular", "plural", "numbering", "style"]
        labels = {"used": "Used in this plan", "singular": "Called", "plural": "Plural"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plural"].required = False
        if self.instance.slot == "measure":
            del self.fields["used"]  # every plan measures its progress

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("singular") and not cleaned.get("plural"):
            cleaned["plural"] = plural(cleaned["singular"])
        if "used" in self.fields and not cleaned.get("used"):
            model = ITEM_MODELS[self.instance.slot]
            count = model.objects.filter(plan=self.instance.plan_id).count()
            if count:
                self.add_error(
                    "used",
                    f"This plan has {count} {self.instance.plural.lower()}: move or remove "
                    "them before it stops using the level.",
                )
        return cleaned


class YearsForm(EditForm):
    class Meta:
        model = Plan
        fields = ["years_are"]


class ProgressUpdateForm(forms.ModelForm):
    """An owner's dated update: it becomes the item's status and percent complete."""

    evidence_url = forms.URLField(
        label="Link to evidence",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="A web address starting with http:// or https://.",
        error_messages={"invalid": "Give a web address starting with http:// or https://."},
    )

    class Meta:
        model = ProgressUpdate
        fields = ["status", "percent", "narrative", "evidence_url"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        error_messages = {
            "percent": {"max_value": "Give a percent from 0 to 100."},
        }

    def clean_evidence_url(self) -> str:
        url = self.cleaned_data.get("evidence_url", "")
        # URLField adds http:// to an address typed without a scheme; javascript:, data:
        # and file: addresses are refused by the model's validator.
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Give a web address starting with http:// or https://.")
        return url


class UpdateWindowForm(forms.ModelForm):
    class Meta:
        model = UpdateWindow
        fields = ["name", "opens_on", "closes_on", "remind_days_before"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "A window closes on or after the day it opens.")
        return cleaned
