"""A student's invitations on a mediator's page, as far as the viewer may see them."""

from django import template

from ..selectors import invitations_seen_by

register = template.Library()


@register.simple_tag(takes_context=True)
def invitations_of(context, student):
    """`{% invitations_of student as invitations %}`: scoped by the viewer (request.user)."""
    return invitations_seen_by(context["request"].user, student)
