"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from yanqun_desktop.db.models.accounts import Account
from yanqun_desktop.db.models.audit import AuditChange, AuditOperation
from yanqun_desktop.db.models.base import DISTRICT_CODE, Base, Synced, add_sync_indexes
from yanqun_desktop.db.models.meta import InstallMeta
from yanqun_desktop.db.models.people import (
    CommitteeMember,
    CommitteeTerm,
    MentorLink,
    Person,
    PersonAlias,
    PersonPhoto,
    PersonTalent,
    Position,
    Transfer,
)
from yanqun_desktop.db.models.programmes import (
    Cohort,
    CompetencyModel,
    CompetencyNode,
    Enrolment,
    ReserveEntry,
    Tutor,
    TutorFeedback,
    TutorRecommendation,
)
from yanqun_desktop.db.models.records import (
    ArchiveEntry,
    Assessment,
    AssessmentScore,
    Attendance,
    SessionCohort,
    SessionTutor,
    TrainingSession,
)
from yanqun_desktop.db.models.reference import Community, Street
from yanqun_desktop.db.models.sync import PackageRecord, SyncConflict, SyncPeer, TrustedKey
from yanqun_desktop.db.models.topics import (
    CasePerson,
    Document,
    GovernanceCase,
    Honour,
    Topic,
    TopicMember,
    TopicOutcome,
    TopicStep,
)

__all__ = [
    "DISTRICT_CODE",
    "Account",
    "ArchiveEntry",
    "Assessment",
    "AssessmentScore",
    "Attendance",
    "AuditChange",
    "AuditOperation",
    "Base",
    "CasePerson",
    "Cohort",
    "CommitteeMember",
    "CommitteeTerm",
    "Community",
    "CompetencyModel",
    "CompetencyNode",
    "Document",
    "Enrolment",
    "GovernanceCase",
    "Honour",
    "InstallMeta",
    "MentorLink",
    "PackageRecord",
    "Person",
    "PersonAlias",
    "PersonPhoto",
    "PersonTalent",
    "Position",
    "ReserveEntry",
    "SessionCohort",
    "SessionTutor",
    "Street",
    "SyncConflict",
    "SyncPeer",
    "Synced",
    "Topic",
    "TopicMember",
    "TopicOutcome",
    "TopicStep",
    "TrainingSession",
    "Transfer",
    "TrustedKey",
    "Tutor",
    "TutorFeedback",
    "TutorRecommendation",
]


add_sync_indexes(Base.metadata)


def synced_tables() -> list[str]:
    """Names of the tables that travel in packages, in foreign-key dependency order."""
    return [t.name for t in Base.metadata.sorted_tables if "version" in t.c and "owner" in t.c]
