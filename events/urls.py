"""URLs of the calendar of matching events (mounted at /evenementen/)."""

from django.urls import path

from . import views, views_checkin, views_feeds
from . import views_speeddates as speeddates

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aanmelden/", views.register, name="register"),
    path("<int:pk>/afmelden/", views.cancel, name="cancel"),
    path("<int:pk>/agenda.ics", views.ics, name="ics"),
    path("organiseren/", views.organise, name="organise"),
    path("organiseren/nieuw/", views.organise_new, name="organise-new"),
    path("organiseren/<int:pk>/", views.organise_edit, name="organise-edit"),
    path("organiseren/<int:pk>/publiceren/", views.organise_publish, name="organise-publish"),
    path("organiseren/<int:pk>/afgelasten/", views.organise_cancel, name="organise-cancel"),
    path("feed/<str:token>.ics", views_feeds.feed, name="feed"),
    path("feed/nieuw-adres/", views_feeds.renew, name="feed-renew"),
    path("<int:pk>/toegangsbewijs/", views_checkin.ticket, name="ticket"),
    path("<int:pk>/mijn-speeddates/", views_checkin.my_dates, name="my-dates"),
    path("<int:pk>/inchecken/", views_checkin.staff_checkin, name="checkin"),
    path("<int:pk>/no-shows/", views_checkin.no_shows, name="no-shows"),
    path("<int:pk>/speeddates/", speeddates.schedule, name="speeddates"),
    path("<int:pk>/speeddates/maken/", speeddates.build, name="speeddates-build"),
    path("<int:pk>/speeddates/ruilen/", speeddates.swap, name="speeddates-swap"),
    path("<int:pk>/speeddates/publiceren/", speeddates.publish, name="speeddates-publish"),
    path("<int:pk>/speeddates/tafels/", speeddates.tables, name="speeddates-tables"),
    path("<int:pk>/speeddates/mijn-schema/", speeddates.mine, name="speeddates-mine"),
    path("<int:pk>/speeddates/mijn-schema.pdf", speeddates.mine_pdf, name="speeddates-pdf"),
    path("<int:pk>/speeddates/wensen/", speeddates.wishes, name="speeddates-wishes"),
]
