"""API parts for everyone: notifications, the events calendar, webhooks."""

from django.urls import path

from events import apis as events

from . import apis_notifications as notifications

urlpatterns: list = [
    path("notifications/", notifications.NotificationListApi.as_view(), name="api-notifications"),
    path(
        "notifications/read-all/",
        notifications.NotificationsReadAllApi.as_view(),
        name="api-notifications-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        notifications.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
    path("events/", events.EventListApi.as_view(), name="api-events"),
    path("events/<int:pk>/", events.EventDetailApi.as_view(), name="api-event"),
    path(
        "events/<int:pk>/registration/",
        events.EventRegistrationApi.as_view(),
        name="api-event-registration",
    ),
    path("me/registrations/", events.MyRegistrationListApi.as_view(), name="api-my-registrations"),
    path("me/calendar-feed/", events.CalendarFeedApi.as_view(), name="api-my-calendar-feed"),
    path(
        "me/calendar-feed/renew/",
        events.CalendarFeedRenewApi.as_view(),
        name="api-my-calendar-feed-renew",
    ),
]
