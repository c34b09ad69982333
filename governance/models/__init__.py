from .groups import GroupKind, GroupStatus, Membership, MembershipRole, PartnershipGroupPage, PartnershipIndexPage
from .meetings import AttendanceCapacity, AttendanceRecord, AttendanceStatus, MeetingPage, MinutesUpload
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
    "MinutesUpload",
    "Organisation",
    "OrganisationKind",
    "PartnershipGroupPage",
    "PartnershipIndexPage",
    "Person",
    "TermsOfReferencePage",
]
