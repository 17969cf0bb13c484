"""The rating form (stars, a comment, and whether to stay anonymous) and a coordinator's
answer to a comment."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from coproduce.ratings.models import HIGHEST, LOWEST
from coproduce.ratings.services import ANSWER_MAX, COMMENT_MAX
from coproduce.record.models import Decision

STAR_CHOICES = [
    (s, format_lazy(ngettext_lazy("{stars} star", "{stars} stars", s), stars=s))
    for s in range(LOWEST, HIGHEST + 1)
]


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        choices=STAR_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label=_("Your rating"),
        help_text=_("1 star is the worst, 5 stars the best."),
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Comment (optional)"),
        help_text=_(
            "What worked, what did not. Coordinators may answer it publicly, without your name."
        ),
    )
    anonymous = forms.BooleanField(
        required=False,
        label=_("Do not show my name with this rating"),
        help_text=_(
            "No one else sees that it is yours: not other members, coordinators or staff. "
            "Where only one other person was there, they may still guess."
        ),
    )


class DecisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.decided_on:%d %b %Y})"


class AnswerForm(forms.Form):
    text = forms.CharField(
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("What was done about it"),
        help_text=_('Published on the initiative\'s "You said, we did" list.'),
    )
    decision = DecisionField(
        queryset=Decision.objects.none(),
        required=False,
        label=_("The decision it led to (optional)"),
        help_text=_("A decision in this initiative's record."),
    )

    def __init__(self, *args: Any, decisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = decisions
