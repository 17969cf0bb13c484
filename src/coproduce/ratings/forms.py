"""The rating form (stars, a comment, and whether to stay anonymous) and a coordinator's
answer to a comment."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from coproduce.ratings.models import HIGHEST, LOWEST
from coproduce.ratings.services import ANSWER_MAX, COMMENT_MAX
from coproduce.record.models import Decision

STAR_CHOICES = [(s, f"{s} star{'' if s == 1 else 's'}") for s in range(LOWEST, HIGHEST + 1)]


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        choices=STAR_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Your rating",
        help_text="1 star is the worst, 5 stars the best.",
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Comment (optional)",
        help_text="What worked, what did not. Coordinators may answer it publicly, without "
        "your name.",
    )
    anonymous = forms.BooleanField(
        required=False,
        label="Do not show my name with this rating",
        help_text="No one else sees that it is yours: not other members, coordinators or "
        "staff. Where only one other person was there, they may still guess.",
    )


class DecisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.decided_on:%d %b %Y})"


class AnswerForm(forms.Form):
    text = forms.CharField(
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What was done about it",
        help_text='Published on the initiative\'s "You said, we did" list.',
    )
    decision = DecisionField(
        queryset=Decision.objects.none(),
        required=False,
        label="The decision it led to (optional)",
        help_text="A decision in this initiative's record.",
    )

    def __init__(self, *args: Any, decisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = decisions
