from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "onboarding"
    verbose_name = "Questionnaire et parcours"

    def ready(self):
        from guichet import account_sections
        from onboarding.account import saved_answers

        account_sections.register(saved_answers)
