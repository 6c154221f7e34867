from django.apps import AppConfig


class PairsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pairs"
    content_kinds = "pairs.kinds.KINDS"
    verbose_name = "Groupes de pairs"
