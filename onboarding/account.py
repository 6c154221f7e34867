"""Her account page's section (guichet.account_sections): her saved answers."""

from django.template.loader import render_to_string

from guichet.answers import Answers
from guichet.answers import summary as answers_summary
from onboarding.models import SavedAnswers


def saved_answers(user) -> str:
    """On /compte/: her saved answers, to see, reopen, change or delete."""
    saved = SavedAnswers.objects.filter(user=user).first() if user.is_authenticated else None
    summary = []
    if saved is not None:
        summary = answers_summary(Answers.from_dict(saved.answers))
    return render_to_string("onboarding/includes/saved_answers.html", {"saved": saved, "summary": summary})
