"""Paging for list pages: Django's paginator, one page parameter per list on a page."""

from django.core.paginator import Page, Paginator


def page_of(request, items, *, per_page: int, param: str = "pagina") -> Page:
    """The page of `items` that `?<param>=` asks for; a wrong or too high number gives the
    nearest page instead of an error (a list may have shrunk since the link was made)."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    page.param = param  # the page-link partial builds its links with it
    return page
