from django import forms

from measures.imports import MAX_BYTES
from measures.models import Result
from planning.forms import EditForm


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
