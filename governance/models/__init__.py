from .groups import GroupKind, GroupStatus, Membership, MembershipRole, PartnershipGroupPage, PartnershipIndexPage
from .meetings import AttendanceCapacity, AttendanceRecord, AttendanceStatus, MeetingPage
from .people import Organisation, OrganisationKind, Person
from .terms import TermsOfReferencePage

__all__ = [
    "AttendanceCapacity",
    "AttendanceRecord",
    "AttendanceStatus",
    "GroupKind",
    "GroupStatus",
    "MeetingPage",
    "Membership",
    "MembershipRole",
    "Organisation",
    "OrganisationKind",
    "PartnershipGroupPage",
    "PartnershipIndexPage",
    "Person",
    "TermsOfReferencePage",
]
