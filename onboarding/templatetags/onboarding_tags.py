from django import template

from guichet.answers import Answers
from guichet.answers import summary as answers_summary
from onboarding.models import SavedAnswers

register = template.Library()


@register.inclusion_tag("onboarding/includes/saved_answers.html")
def saved_answers(user):
    """On /compte/: her saved answers, to see, reopen, change or delete."""
    saved = SavedAnswers.objects.filter(user=user).first() if user.is_authenticated else None
    summary = []
    if saved is not None:
        summary = answers_summary(Answers.from_dict(saved.answers))
    return {"saved": saved, "summary": summary}
