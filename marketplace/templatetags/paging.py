"""{% page_url page number %}: the current address with only the page's own parameter changed,
so paging one list keeps the filters and the other lists' pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, page, number) -> str:
    params = context["request"].GET.copy()
    params[getattr(page, "param", "pagina")] = str(number)
    return "?" + params.urlencode()


@register.simple_tag
def page_numbers(page) -> list:
    """The page numbers to link, with gaps (Paginator.ELLIPSIS) in a long list."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
