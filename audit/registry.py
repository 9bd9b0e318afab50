"""What the audit trail records, in one place.

Each registered model's saves and deletes become entries with before/after values
(django-auditlog). Translated content is stored by modeltranslation in one column per
language (name_ar, name_en, name_fr) next to the original column, which only mirrors
one of them: the original is left out so a change is recorded once, per language.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import Model

# Saves that only touch bookkeeping are not worth an entry.
NOISE = ["created_at", "updated_at", "version"]

# (model, options). include_fields keeps free text and secrets out of the trail where
# only a status matters.
AUDITED: list[tuple[str, dict]] = [
    # accounts, roles and permissions
    (
        "strongcities.User",
        {
            "exclude_fields": ["password", "last_login"],
            "m2m_fields": {"groups", "user_permissions"},
        },
    ),
    ("strongcities.Invitation", {}),
    ("auth.Group", {"m2m_fields": {"permissions"}}),
    ("account.EmailAddress", {"include_fields": ["email", "verified", "primary", "user"]}),
    # the TOTP secret and recovery codes live in `data`: never copied into the trail
    ("mfa.Authenticator", {"include_fields": ["type", "user"]}),
    # members
    ("members.City", {"m2m_fields": {"priorities", "themes"}}),
    ("members.FocalPoint", {}),
    ("members.Leader", {}),
    ("members.PrinciplesAgreement", {}),
    ("members.AgreedExpectations", {}),
    ("members.GuidingPrinciples", {}),
    # hubs: assignments, and the helpdesk's status and assignment (not its free text)
    ("hubs.Hub", {}),
    ("hubs.HubStaff", {}),
    ("hubs.HubCountry", {}),
    (
        "hubs.Ticket",
        {"include_fields": ["hub", "city", "status", "priority", "assignee", "category"]},
    ),
    (
        "hubs.SupportFundRequest",
        {"include_fields": ["hub", "city", "status", "estimated_budget", "decided_by"]},
    ),
    # surveys: who is asked
    (
        "surveys.Survey",
        {
            "include_fields": ["audience", "status", "opens_on", "closes_on"],
            "m2m_fields": {"hubs", "cities"},
        },
    ),
    # steering committee: seats, meetings and papers
    ("steering.Committee", {}),
    ("steering.CommitteeMember", {}),
    ("steering.ActionPlan", {}),
    ("steering.Meeting", {}),
    ("steering.MeetingPaper", {}),
    ("steering.Decision", {}),
    # resources: what is or was public (drafts are skipped in audit.receivers)
    ("resources.Resource", {}),
]

# Models whose every entry is a role or permission change.
ROLE_MODELS = {
    "members.focalpoint",
    "hubs.hubstaff",
    "steering.committeemember",
    "auth.group",
}
ROLE_FIELDS = {"is_active", "is_staff", "is_superuser", "is_management_unit", "groups"}
ROLE_FIELDS_OF = {"strongcities.user": ROLE_FIELDS, "members.city": {"hub"}}


def _translated_originals(model) -> list[str]:
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def register_models() -> None:
    for label, options in AUDITED:
        try:
            model = apps.get_model(label)
        except LookupError:  # an optional app (e.g. allauth.mfa) is not installed
            continue
        if auditlog.contains(model):
            continue
        options = dict(options)
        if "include_fields" not in options:
            options["exclude_fields"] = [
                *options.get("exclude_fields", []),
                *NOISE,
                *_translated_originals(model),
                # auditlog would write "members.FocalPoint.None" for a related manager
                *(f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete),
            ]
        auditlog.register(model, **options)


def audited_models() -> list[type[Model]]:
    return [model for model in apps.get_models() if auditlog.contains(model)]


def _given(change) -> bool:
    return isinstance(change, list) and len(change) == 2 and bool(change[1])


def describe(instance: Model, action, changes) -> dict:
    """The portal's columns of an entry about `instance`: kind, subject, city."""
    from audit.models import AuditEntry
    from members.models import City

    label = instance._meta.label_lower
    role_fields = set(changes or {}) & ROLE_FIELDS_OF.get(label, set())
    if action == AuditEntry.Action.CREATE:
        # a new row "changes" every field: only a role actually given counts
        role_fields = {n for n in role_fields if _given(changes[n])} - {"is_active"}
    kind = AuditEntry.Kind.CHANGE
    if label in ROLE_MODELS or role_fields:
        kind = AuditEntry.Kind.ROLE_CHANGE
    elif label == "strongcities.invitation":
        kind = AuditEntry.Kind.INVITATION
    elif label == "mfa.authenticator" and action == AuditEntry.Action.DELETE:
        kind = AuditEntry.Kind.MFA_RESET
    if label == "strongcities.user":
        subject = instance.pk
    else:
        subject = getattr(instance, "user_id", None) or getattr(instance, "accepted_user_id", None)
    city = instance.pk if isinstance(instance, City) else getattr(instance, "city_id", None)
    return {"kind": kind, "subject_user_id": subject, "city_id": city}
