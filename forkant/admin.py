from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from forkant.models import AMG, Membership, Organisation, OrganisationAdmin, User, WallScreen


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Rettigheder", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(AMG)
class AMGAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    inlines = [MembershipInline]


admin.site.register(Organisation)
admin.site.register(OrganisationAdmin)


@admin.register(WallScreen)
class WallScreenAdmin(admin.ModelAdmin):
    list_display = ["name", "amg", "paired_at", "last_seen_at", "revoked_at"]
    readonly_fields = ["pairing_token_hash", "device_key"]
