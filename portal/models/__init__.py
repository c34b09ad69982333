from .accounts import Audience, SchoolRole, User, VerificationMethod, VerifiedSchoolDomain
from .pages import ContentPage, HomePage

__all__ = [
    "Audience",
    "ContentPage",
    "HomePage",
    "SchoolRole",
    "User",
    "VerificationMethod",
    "VerifiedSchoolDomain",
]
