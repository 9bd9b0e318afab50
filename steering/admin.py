from django.contrib import admin

from steering.models import CommitteeMember


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "city", "role", "term_start", "term_end"]
    list_select_related = ["user", "city"]
    autocomplete_fields = ["user", "city"]
