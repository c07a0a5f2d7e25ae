"""The access log: who looked at or changed which student's record."""

from ..models import AccessLog, StudentProfile, User


def access_log_record(
    *, user: User | None, student: StudentProfile, action: str, context: str = ""
) -> AccessLog:
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        student=student,
        action=action,
        context=context[:200],
    )
