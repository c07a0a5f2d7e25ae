"""The mediators' part of the API after the match: check-ins, escalations, advies, transition."""

urlpatterns: list = []
