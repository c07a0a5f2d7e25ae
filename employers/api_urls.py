"""The employer's part of the API: openings, locations, recognitions, candidates, colleagues."""

urlpatterns: list = []
