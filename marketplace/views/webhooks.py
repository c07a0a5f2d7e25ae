"""Webhooks on a page: register a URL for events, see what was sent, replay, delete."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..models import WebhookEvent
from ..permissions import get_delivery_for_user, get_subscription_for_user
from ..services import webhooks
from .common import form_errors_from

DELIVERIES_SHOWN = 50


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Adres (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Het adres van jullie systeem dat de berichten ontvangt."),
        error_messages={"required": gettext_lazy("Vul het adres in.")},
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Welke gebeurtenissen?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Kies minstens één gebeurtenis.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld ‘Ons HR-systeem’."),
    )

    def __init__(self, *args, events: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(WebhookEvent.choices)
        self.fields["events"].choices = [(e, f"{labels[e]} ({e})") for e in events]


@login_required
def webhook_list(request):
    events = webhooks.events_for(request.user)  # 403 for a role without webhooks
    form = WebhookForm(request.POST or None, events=events)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = webhooks.subscription_create(
                user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            created = {"subscription": subscription, "secret": secret}
            form = WebhookForm(events=events)
    context = {
        "form": form,
        "created": created,
        "subscriptions": webhooks.subscriptions_of(user=request.user),
    }
    status = 400 if request.method == "POST" and created is None else 200
    return render(request, "accounts/webhooks.html", context, status=status)


@login_required
def webhook_detail(request, pk):
    subscription = get_subscription_for_user(request.user, pk)
    deliveries = webhooks.deliveries_of(subscription=subscription)[:DELIVERIES_SHOWN]
    labels = dict(WebhookEvent.choices)
    context = {
        "subscription": subscription,
        "event_labels": [labels.get(e, e) for e in subscription.events],
        "deliveries": deliveries,
    }
    return render(request, "accounts/webhook_detail.html", context)


@require_POST
@login_required
def webhook_delete(request, pk):
    subscription = get_subscription_for_user(request.user, pk)
    webhooks.subscription_delete(user=request.user, subscription=subscription)
    messages.success(
        request, _("De webhook naar %(url)s is verwijderd.") % {"url": subscription.url}
    )
    return redirect("webhooks")


@require_POST
@login_required
def webhook_replay(request, pk):
    delivery = get_delivery_for_user(request.user, pk)
    webhooks.delivery_replay(user=request.user, delivery=delivery)
    messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("webhook", pk=delivery.subscription_id)
