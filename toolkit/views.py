"""The toolkits: regulations and advice for employers, pages for parents and for students."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .hire_check import RULES
from .models import Audience, Regulation, ToolkitItem


def _search(qs, text: str, fields: tuple[str, ...]):
    text = text.strip()[:80]
    if not text:
        return qs
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    return qs.filter(condition)


@login_required
def index(request):
    text = request.GET.get("q", "")
    category = request.GET.get("onderwerp", "")
    items = ToolkitItem.objects.filter(published=True, audience=Audience.WERKGEVER)
    categories = sorted(set(items.values_list("category", flat=True)))
    if category in categories:
        items = items.filter(category=category)
    context = {
        "regulations": _search(
            Regulation.objects.order_by("name"),
            text,
            ("name", "summary", "who_qualifies", "provider"),
        ),
        "items": _search(items.order_by("category", "title"), text, ("title", "summary", "body")),
        "categories": categories,
        "category": category,
        "q": text,
    }
    return render(request, "toolkit/index.html", context)


@login_required
def audience_page(request, audience: str):
    items = ToolkitItem.objects.filter(published=True, audience=audience).order_by(
        "category", "title"
    )
    return render(
        request, "toolkit/audience.html", {"items": items, "audience": Audience(audience)}
    )


@login_required
def item(request, slug: str):
    obj = get_object_or_404(ToolkitItem, slug=slug, published=True)
    return render(request, "toolkit/item.html", {"item": obj})


@login_required
def regulation(request, slug: str):
    reg = get_object_or_404(Regulation, slug=slug)
    context = {"reg": reg, "rule": RULES.get(reg.code), "years": list(reg.years.all())}
    return render(request, "toolkit/regulation.html", context)
