"""The real API plus a few operations that raise each kind of error, for the convention tests."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import include, path
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import expected_version
from config.urls import handler404, handler500  # noqa: F401 (the site's JSON 404 under /api/)


class StaffOnlyApi(APIView):
    permission_classes = [IsAdminUser]

    def get(self, request):
        return Response({})


class VersionedApi(APIView):
    """Stored at version 3: an older If-Match is a conflict, raised as the services raise it."""

    permission_classes = [AllowAny]

    def post(self, request):
        if expected_version(request, request.data.get("version")) != 3:
            raise ValidationError("Iemand anders was je voor.", code="conflict")
        return Response({"version": 4})


class OutOfRangeApi(APIView):
    """Asks the database for an id beyond its integer range, as a lookup by a path id does."""

    permission_classes = [AllowAny]

    def get(self, request, pk):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT 1 FROM marketplace_user WHERE id = %s::integer", [str(pk)])
            else:  # SQLite holds 64 bits: beyond them, as PostgreSQL's integer is beyond 32
                cursor.execute("SELECT 1 FROM marketplace_user WHERE id = %s", [pk << 30])
        return Response({})


urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("api/test/staff/", StaffOnlyApi.as_view()),
    path("api/test/versioned/", VersionedApi.as_view()),
    path("api/test/out-of-range/<int:pk>/", OutOfRangeApi.as_view()),
]
