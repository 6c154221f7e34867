from django import template

register = template.Library()


@register.simple_tag
def operator_desk(user):
    """An operator's to-do on the admin home page (backoffice.operator_desk)."""
    from backoffice.operator_desk import operator_desk as build

    return build(user)


@register.simple_tag
def coordinator_desk():
    """The coordinator's desk on the admin home page (backoffice.desk)."""
    from backoffice import desk

    return desk.desk()
