"""Models of the marketplace app, split by part of the domain."""

from .people import Region, Role, School, SchoolLocation, User
from .pipeline import (
    CheckIn,
    Escalation,
    Invitation,
    Match,
    MatchStatus,
    Placement,
    SearchRequest,
    TimelineEntry,
)
from .privacy import ApiToken, ErasureRequest
from .profiles import (
    AccessLog,
    ConsentRecord,
    EducationType,
    GuardianLink,
    StudentCompetency,
    StudentProfile,
)
from .ranking import (
    CandidateAlias,
    MatchingWeights,
    RankingLog,
    RecomputeChunk,
    RecomputeRun,
    Suggestion,
)
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription
from .work import ActionItem, AftercareContact, Notification, Overgangsdokument

__all__ = [
    "AccessLog",
    "ActionItem",
    "ApiToken",
    "AftercareContact",
    "CandidateAlias",
    "CheckIn",
    "ConsentRecord",
    "EducationType",
    "ErasureRequest",
    "Escalation",
    "GuardianLink",
    "Invitation",
    "Match",
    "MatchStatus",
    "MatchingWeights",
    "Notification",
    "Overgangsdokument",
    "Placement",
    "RankingLog",
    "RecomputeChunk",
    "RecomputeRun",
    "Region",
    "Role",
    "School",
    "SchoolLocation",
    "SearchRequest",
    "StudentCompetency",
    "StudentProfile",
    "Suggestion",
    "TimelineEntry",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
