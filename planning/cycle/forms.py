"""The forms of the yearly cycle: opening a fall review and assessing a goal; drafting
and deciding a spring recommendation."""

from django import forms

from planning.models import Assessment


class OpenReviewForm(forms.Form):
    year = forms.TypedChoiceField(label="School year to review", coerce=int)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(plan.reviews.values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, plan.year_label(year)) for year in plan.years if year not in taken
        ]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["rating", "text", "meeting_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
            "rating": forms.RadioSelect,
        }


class RationaleForm(forms.Form):
    rationale = forms.CharField(
        label="Rationale",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the committee recommends this.",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("decline", "Decline"),
            ("return", "Return to the committee"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
