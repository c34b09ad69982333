from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    """Django's admin keeps the account history: who changed what about a person, and when."""

    list_display = ["email", "first_name", "last_name", "audience", "is_verified_school_staff", "is_staff"]
    list_filter = ["audience", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name", "school_name"]
    # Email and password change only through allauth, where a new address counts once it is confirmed.
    readonly_fields = [
        "email",
        "password",
        "last_login",
        "date_joined",
        "school_staff_verified_at",
        "school_staff_verified_by",
    ]
    history_list_display = ["audience", "school_staff_verified_at", "verification_method"]

    @admin.display(boolean=True, description="verified school staff")
    def is_verified_school_staff(self, user):
        return user.is_verified_school_staff
