from django import template

from onboarding.answers import Answers
from onboarding.models import SavedAnswers

register = template.Library()


@register.inclusion_tag("onboarding/includes/saved_answers.html")
def saved_answers(user):
    """On /compte/: her saved answers, to see, reopen, change or delete."""
    saved = SavedAnswers.objects.filter(user=user).first() if user.is_authenticated else None
    summary = []
    if saved is not None:
        from onboarding.views import _summary

        summary = _summary(Answers.from_dict(saved.answers))
    return {"saved": saved, "summary": summary}
