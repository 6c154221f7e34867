from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "onboarding"
    verbose_name = "Questionnaire et parcours"

    def ready(self):
        from guichet import account_sections, desk
        from guichet.kinds import DeskLine
        from onboarding.account import saved_answers
        from onboarding.figures import desk_call_backs

        account_sections.register(saved_answers)
        # After the new requests to be put in touch (the directory's kinds, at 40-50).
        desk.register(DeskLine("call_backs", desk_call_backs, "admin/onboarding/desk_call_backs.html", position=45))
