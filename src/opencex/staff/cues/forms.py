"""The form an officer dismisses an urgency cue with."""

from django import forms


class DismissCueForm(forms.Form):
    reason = forms.CharField(
        label="Why is the cue wrong?",
        help_text="For example: the resident says the heating was fixed yesterday.",
        max_length=500,
        error_messages={
            "required": "Say why the cue is wrong",
            "max_length": "Say why in 500 characters or fewer",
        },
    )

    def __init__(self, *args, suggestion_pk: int, **kwargs):
        super().__init__(*args, prefix="cue-dismiss", auto_id="%s", **kwargs)
        self.suggestion_pk = suggestion_pk
