# Webhook subscriptions of employers and schools, their deliveries and each attempt.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0004_privacy_invitations_colleagues"),
        ("marketplace", "0009_recompute_runs"),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "event",
                    models.CharField(
                        choices=[
                            ("match.changed", "Een match verandert van stap"),
                            ("placement.started", "Een plaatsing begint"),
                            ("escalation.opened", "Er is een escalatie geopend"),
                        ],
                        max_length=40,
                    ),
                ),
                ("payload", models.JSONField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Wordt verstuurd"),
                            ("delivered", "Afgeleverd"),
                            ("failed", "Mislukt"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("delivered_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "webhookbericht",
                "verbose_name_plural": "webhookberichten",
                "ordering": ["-id"],
            },
        ),
        migrations.CreateModel(
            name="WebhookAttempt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField()),
                ("started_at", models.DateTimeField()),
                ("status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("duration_ms", models.PositiveIntegerField()),
                ("error", models.CharField(blank=True, max_length=300)),
                (
                    "delivery",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attempts",
                        to="marketplace.webhookdelivery",
                    ),
                ),
            ],
            options={
                "verbose_name": "webhookpoging",
                "verbose_name_plural": "webhookpogingen",
                "ordering": ["delivery", "number"],
            },
        ),
        migrations.CreateModel(
            name="WebhookSubscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("url", models.URLField(max_length=500, verbose_name="adres (URL)")),
                ("events", models.JSONField(default=list, verbose_name="gebeurtenissen")),
                ("secret", models.CharField(max_length=80)),
                (
                    "description",
                    models.CharField(blank=True, max_length=120, verbose_name="omschrijving"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "employer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="webhook_subscriptions",
                        to="employers.employer",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="webhook_subscriptions",
                        to="marketplace.school",
                    ),
                ),
            ],
            options={
                "verbose_name": "webhook",
                "verbose_name_plural": "webhooks",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="subscription",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="marketplace.webhooksubscription",
            ),
        ),
        migrations.AddConstraint(
            model_name="webhooksubscription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("employer__isnull", False), ("school__isnull", True)),
                    models.Q(("employer__isnull", True), ("school__isnull", False)),
                    _connector="OR",
                ),
                name="webhook_subscription_one_owner",
            ),
        ),
        migrations.AddIndex(
            model_name="webhookdelivery",
            index=models.Index(fields=["subscription", "-id"], name="webhook_delivery_recent"),
        ),
    ]
