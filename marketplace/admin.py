"""Admin for people, profiles and the match pipeline; scoped by the permission layer."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from . import admin_pipeline
from . import models as m
from .admin_pipeline import ViewOnly
from .permissions import escalations_visible_to, students_visible_to
from .services.audit import access_log_record
from .services.suggestions import suggestions_enqueue_for_student


class UserCreate(UserCreationForm):
    class Meta:
        model = m.User
        fields = ("email", "role")


class UserChange(UserChangeForm):
    class Meta:
        model = m.User
        fields = "__all__"


@admin.register(m.User)
class UserAdmin(BaseUserAdmin):
    form = UserChange
    add_form = UserCreate
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "region", "is_active")
    list_filter = ("role", "region", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    raw_id_fields = ("school", "employer")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "phone")}),
        (_("Rol"), {"fields": ("role", "region", "school", "employer")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "role", "password1", "password2")}),)


@admin.register(m.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "escalation_weeks_before_start", "escalation_stale_days")
    search_fields = ("name",)


class SchoolLocationInline(admin.TabularInline):
    model = m.SchoolLocation
    extra = 0
    raw_id_fields = ("place",)


@admin.register(m.School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "brin", "kind", "region")
    list_filter = ("kind", "region")
    search_fields = ("name", "brin")
    inlines = [SchoolLocationInline]


class StudentCompetencyInline(ViewOnly, admin.TabularInline):
    model = m.StudentCompetency
    extra = 0
    raw_id_fields = ("competency",)


@admin.register(m.StudentProfile)
class StudentProfileAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("user", "school", "education_type", "level", "leerweg", "jobhunter")
    list_filter = ("education_type", "level", "leerweg", "school", "consent_show_to_employers")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    raw_id_fields = ("user", "school", "qualification", "home_place", "jobhunter", "jpo", "mentor")
    filter_horizontal = ("sector_preferences", "werkprocessen_achieved", "certificates")
    inlines = [StudentCompetencyInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return (
            qs if request.user.is_superuser else qs.filter(pk__in=students_visible_to(request.user))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        suggestions_enqueue_for_student(form.instance.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        student = self.get_object(request, object_id)
        if student is not None:
            access_log_record(
                user=request.user, student=student, action="admin_view", context=request.path
            )
        return super().change_view(request, object_id, form_url, extra_context)


def _simple(
    model, display, filters=(), search=(), raw=(), queryset=None, inlines=(), view_only=True
):
    """A plain admin; view-only unless `view_only=False` (case data and records are)."""
    attrs = {
        "list_display": display,
        "list_filter": filters,
        "search_fields": search,
        "raw_id_fields": raw,
        "inlines": list(inlines),
    }
    if queryset is not None:

        def get_queryset(self, request, _scope=queryset):
            qs = admin.ModelAdmin.get_queryset(self, request)
            return qs if request.user.is_superuser else qs.filter(pk__in=_scope(request.user))

        attrs["get_queryset"] = get_queryset
    bases = (ViewOnly, admin.ModelAdmin) if view_only else (admin.ModelAdmin,)
    admin.site.register(model, type(f"{model.__name__}Admin", bases, attrs))


STUDENT = ("student__user__email", "student__user__last_name")
admin_pipeline.register(admin.site)  # matches and placements: read-only state, rule-checked
_simple(m.SearchRequest, ("student", "kind", "deadline", "status", "last_progress_at"),
        ("status", "kind"), STUDENT, ("student", "created_by", "sector"))  # fmt: skip
_simple(m.CheckIn, ("placement", "week", "planned_for", "done_at", "risk_signal"),
        ("risk_signal", "week"), (), ("placement", "assigned_to", "done_by"))  # fmt: skip
_simple(m.Escalation, ("student", "reason", "status", "region", "opened_at"),
        ("status", "reason", "region"), STUDENT,
        ("student", "search_request", "opened_by", "assigned_to"),
        escalations_visible_to)  # fmt: skip
_simple(m.GuardianLink, ("guardian", "student", "relation"), (), ("guardian__email", *STUDENT),
        ("guardian", "student"))  # fmt: skip
_simple(m.ConsentRecord, ("student", "kind", "given", "recorded_at"), ("kind", "given"), STUDENT,
        ("student", "recorded_by"))  # fmt: skip
_simple(m.AccessLog, ("at", "user", "student", "action", "context"), ("action",),
        ("user__email", *STUDENT), ("user", "student"))  # fmt: skip
_simple(m.ActionItem, ("title", "student", "kind", "due_date", "done_at"), ("kind",), STUDENT,
        ("student", "match", "placement", "assigned_to"))  # fmt: skip
_simple(m.Notification, ("title", "user", "created_at", "read_at", "emailed_at"), (),
        ("user__email", "title"), ("user",))  # fmt: skip
_simple(m.Overgangsdokument, ("student", "status", "werkcoach", "sent_at"), ("status",),
        STUDENT, ("student", "werkcoach", "created_by"))  # fmt: skip
_simple(m.MatchingWeights, ("region", "version", "is_active", "created_at"), ("region",),
        view_only=False)  # fmt: skip
_simple(m.Suggestion, ("direction", "student", "opening", "rank", "score", "computed_at"),
        ("direction",), STUDENT, ("student", "opening"))  # fmt: skip
_simple(m.RankingLog, ("at", "viewer", "subject_type", "subject_id", "engine_version"),
        ("subject_type", "channel"), ("input_hash",), ("viewer",))  # fmt: skip
