"""The toolkits: regulations and advice for employers, pages for parents and for students."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

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


def index(request):
    """Public: the employer toolkit (general texts and regulations, nothing personal)."""
    text = request.GET.get("q", "")
    category = request.GET.get("onderwerp", "")
    items = ToolkitItem.objects.filter(published=True, audience=Audience.WERKGEVER)
    english = (get_language() or "nl").startswith("en")
    labels: dict[str, str] = {}
    for nl, en in items.values_list("category", "category_en"):
        labels.setdefault(nl, (en if english and en else nl))
    categories = sorted(labels.items(), key=lambda pair: pair[1])
    if category in labels:
        items = items.filter(category=category)
    context = {
        "regulations": _search(
            Regulation.objects.order_by("name"),
            text,
            ("name", "summary", "who_qualifies", "provider", "name_en", "summary_en"),
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


def item(request, slug: str):
    """Public for the employer articles (the public toolkit links them); the pages for parents
    and students stay behind the login."""
    obj = get_object_or_404(ToolkitItem, slug=slug, published=True)
    if obj.audience != Audience.WERKGEVER and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "toolkit/item.html", {"item": obj})


def regulation(request, slug: str):
    reg = get_object_or_404(Regulation, slug=slug)
    context = {"reg": reg, "rule": RULES.get(reg.code), "years": list(reg.years.all())}
    return render(request, "toolkit/regulation.html", context)
