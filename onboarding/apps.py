from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "onboarding"
    verbose_name = "Questionnaire et parcours"

    def ready(self):
        from guichet import account_sections, desk
        from onboarding.account import saved_answers
        from onboarding.figures import desk_call_backs

        account_sections.register(saved_answers)
        desk.register("call_backs", desk_call_backs)
