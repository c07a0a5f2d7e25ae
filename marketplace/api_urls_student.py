"""The student's and the parent's part of the API: profile, matches, timeline, registrations."""

urlpatterns: list = []
