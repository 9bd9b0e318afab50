"""Verbs that change the members' world: profiles, focal points, leaders, principles,
expectations and engagement facts. Views, the API, the admin and other apps call these."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import (
    ADDITIONAL_EXPECTATIONS,
    AgreedExpectations,
    City,
    ContinuityAlert,
    EngagementRecord,
    FocalPoint,
    FocalPointHandover,
    GuidingPrinciples,
    Leader,
    PrinciplesAgreement,
    ProfileRevision,
)
from strongcities.queue import enqueue_after_commit

# --- focal points and continuity ------------------------------------------------


@transaction.atomic
def add_focal_point(*, city, user, job_title: str = "", primary: bool = False) -> FocalPoint:
    """Bind a person to a city; the first active focal point becomes the primary one."""
    City.objects.select_for_update().filter(pk=city.pk).first()  # serialise primary changes
    has_primary = FocalPoint.objects.filter(city=city, is_primary=True, is_active=True).exists()
    if primary and has_primary:
        FocalPoint.objects.filter(city=city, is_primary=True).update(is_primary=False)
        has_primary = False
    focal_point, created = FocalPoint.objects.get_or_create(
        city=city,
        user=user,
        defaults={"job_title": job_title, "is_primary": not has_primary},
    )
    if not created:
        focal_point.is_active = True
        focal_point.is_primary = focal_point.is_primary or not has_primary
        focal_point.job_title = job_title or focal_point.job_title
        focal_point.save(update_fields=["is_active", "is_primary", "job_title"])
    check_continuity(city)
    return focal_point


@transaction.atomic
def deactivate_focal_point(focal_point: FocalPoint) -> ContinuityAlert | None:
    """Take a focal point off the city; promote another to primary; flag a gap."""
    City.objects.select_for_update().filter(pk=focal_point.city_id).first()
    was_primary = focal_point.is_primary
    focal_point.is_active = False
    focal_point.is_primary = False
    focal_point.save(update_fields=["is_active", "is_primary"])
    if was_primary:
        successor = (
            FocalPoint.objects.filter(city_id=focal_point.city_id, is_active=True)
            .order_by("since", "pk")
            .first()
        )
        if successor:
            successor.is_primary = True
            successor.save(update_fields=["is_primary"])
    return check_continuity(focal_point.city, reason=ContinuityAlert.Reason.DEACTIVATED)


@transaction.atomic
def hand_over_focal_point(
    *, city, from_user, to_user, job_title: str = "", note: str = "", recorded_by=None
) -> FocalPointHandover:
    """The old focal point hands the city to a new one; the handover is kept."""
    outgoing = FocalPoint.objects.filter(city=city, user=from_user, is_active=True).first()
    was_primary = bool(outgoing and outgoing.is_primary)
    if outgoing:
        outgoing.is_active = False
        outgoing.is_primary = False
        outgoing.save(update_fields=["is_active", "is_primary"])
    add_focal_point(city=city, user=to_user, job_title=job_title, primary=was_primary)
    return FocalPointHandover.objects.create(
        city=city, from_user=from_user, to_user=to_user, note=note, recorded_by=recorded_by
    )


def reachable_focal_points(city_queryset=None):
    """Active focal points whose account is active and whose email is not bouncing."""
    focal_points = FocalPoint.objects.filter(
        is_active=True, user__is_active=True, user__email_bounced_at__isnull=True
    )
    if city_queryset is not None:
        focal_points = focal_points.filter(city__in=city_queryset)
    return focal_points


def check_continuity(city, *, reason: str | None = None) -> ContinuityAlert | None:
    """Open an alert when a member has no reachable focal point; close it when it has one."""
    if reachable_focal_points().filter(city=city).exists():
        ContinuityAlert.objects.filter(city=city, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        return None
    if city.membership_status != City.MembershipStatus.MEMBER:
        return None
    if reason is None:
        has_bouncing = FocalPoint.objects.filter(
            city=city, is_active=True, user__email_bounced_at__isnull=False
        ).exists()
        reason = (
            ContinuityAlert.Reason.BOUNCING if has_bouncing else ContinuityAlert.Reason.NONE_LEFT
        )
    alert, created = ContinuityAlert.objects.get_or_create(
        city=city, resolved_at__isnull=True, defaults={"reason": reason}
    )
    if created:
        from members.tasks import notify_continuity_alert

        enqueue_after_commit(notify_continuity_alert, alert.pk)
    return alert


def mark_email_bounced(user) -> list[ContinuityAlert]:
    """Record that mail to this person bounces; their cities may now lack a contact."""
    user.email_bounced_at = timezone.now()
    user.save(update_fields=["email_bounced_at"])
    cities = City.objects.filter(focal_points__user=user, focal_points__is_active=True)
    return [alert for city in cities if (alert := check_continuity(city))]


def clear_email_bounced(user) -> None:
    """Mail reaches this person again; their cities may have a contact again."""
    user.email_bounced_at = None
    user.save(update_fields=["email_bounced_at"])
    for city in City.objects.filter(focal_points__user=user, focal_points__is_active=True):
        check_continuity(city)


def unnotified_alert_ids() -> list[int]:
    return list(
        ContinuityAlert.objects.filter(notified_at__isnull=True, resolved_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def notify_continuity_alert(alert_id: int) -> int:
    """Tell the city's hub staff and the Management Unit, once. Returns emails sent."""
    from django.contrib.auth import get_user_model

    from hubs.models import HubStaff
    from strongcities.mail import send_templated_mail

    with transaction.atomic():
        alert = (
            ContinuityAlert.objects.select_for_update(of=("self",))
            .select_related("city__hub")
            .filter(pk=alert_id, notified_at__isnull=True, resolved_at__isnull=True)
            .first()
        )
        if alert is None:
            return 0
        recipients = {
            u.email: u
            for u in get_user_model().objects.filter(is_management_unit=True, is_active=True)
        }
        if alert.city.hub_id:
            for staff in HubStaff.objects.filter(
                hub_id=alert.city.hub_id, is_active=True, user__is_active=True
            ).select_related("user"):
                recipients[staff.user.email] = staff.user
        for email, user in sorted(recipients.items()):
            send_templated_mail(
                template="emails/continuity_alert",
                to=email,
                language=user.preferred_language,
                context={"alert": alert, "city": alert.city, "recipient": user},
            )
        alert.notified_at = timezone.now()
        alert.save(update_fields=["notified_at"])
    return len(recipients)


# --- leadership and the Guiding Principles ------------------------------------------


def current_principles() -> GuidingPrinciples | None:
    return (
        GuidingPrinciples.objects.filter(published_on__lte=timezone.localdate())
        .order_by("-version")
        .first()
    )


@transaction.atomic
def change_leader(*, city, name: str, title: str, term_start, term_end=None) -> Leader:
    """A new mayor or head of authority; the city is then asked to agree to the principles again."""
    Leader.objects.filter(city=city, term_end__isnull=True, term_start__lt=term_start).update(
        term_end=term_start
    )
    return Leader.objects.create(
        city=city, name=name, title=title, term_start=term_start, term_end=term_end
    )


def current_leader(city) -> Leader | None:
    today = timezone.localdate()
    return city.leaders.filter(term_start__lte=today).order_by("-term_start").first()


@dataclass(frozen=True)
class PrinciplesStanding:
    agreed: bool
    principles: GuidingPrinciples | None
    agreement: PrinciplesAgreement | None
    reason: str = ""


def principles_standing(
    city, *, principles=None, leader=None, agreement=None
) -> PrinciplesStanding:
    """Has the member agreed to the current version since its current leader took office?"""
    principles = principles or current_principles()
    if principles is None:
        return PrinciplesStanding(True, None, None)
    if agreement is None:
        agreement = (
            city.principles_agreements.filter(principles=principles).order_by("-agreed_at").first()
        )
    if agreement is None:
        reason = _("Guiding Principles version %(version)s not agreed") % {
            "version": principles.version
        }
        return PrinciplesStanding(False, principles, None, reason)
    leader = leader if leader is not None else current_leader(city)
    if leader and agreement.agreed_at.date() < leader.term_start:
        reason = _("Not yet agreed again since the new mayor took office on %(date)s") % {
            "date": leader.term_start.isoformat()
        }
        return PrinciplesStanding(False, principles, agreement, reason)
    return PrinciplesStanding(True, principles, agreement)


def agree_to_principles(*, city, user) -> PrinciplesAgreement:
    """Record the member's agreement to the current version, on behalf of the city."""
    principles = current_principles()
    if principles is None:
        raise ValueError("No Guiding Principles are published.")
    standing = principles_standing(city, principles=principles)
    if standing.agreed and standing.agreement:
        return standing.agreement
    return PrinciplesAgreement.objects.create(
        city=city, principles=principles, agreed_by=user, agreed_by_name=str(user)
    )


# --- agreed expectations -----------------------------------------------------------


@transaction.atomic
def set_agreed_expectations(
    *, city, year: int, additional: list[str], notes: str = "", updated_by=None
) -> AgreedExpectations:
    """Agree this year's additional expectations with a member; every change is kept."""
    unknown = set(additional) - set(ADDITIONAL_EXPECTATIONS)
    if unknown:
        raise ValueError(f"Unknown expectations: {sorted(unknown)}")
    ordered = [e.value for e in ADDITIONAL_EXPECTATIONS if e in additional]
    agreed, created = AgreedExpectations.objects.select_for_update().get_or_create(
        city=city, year=year, defaults={"additional": ordered, "notes": notes}
    )
    before = {} if created else {"additional": agreed.additional, "notes": agreed.notes}
    after = {"additional": ordered, "notes": notes}
    changes = {
        key: {"before": before.get(key), "after": value}
        for key, value in after.items()
        if before.get(key) != value
    }
    if changes:
        agreed.additional, agreed.notes, agreed.updated_by = ordered, notes, updated_by
        agreed.save()
        ProfileRevision.objects.create(
            city=city,
            subject=ProfileRevision.Subject.EXPECTATIONS,
            changed_by=updated_by,
            version=year,
            changes=changes,
        )
    return agreed


# --- the city profile ----------------------------------------------------------------

# Fields a focal point edits in "My city"; the form offers each translated one in ar/en/fr.
PROFILE_FIELDS = [
    *[
        f"{name}_{lang}"
        for name in ("name", "summary", "approach", "local_priorities", "contact_page")
        for lang in ("ar", "en", "fr")
    ],
    "population",
    "latitude",
    "longitude",
    "website",
    "languages_of_work",
    "engagement_level",
]
PROFILE_RELATIONS = ["priorities", "themes"]


class StaleProfile(Exception):
    """Someone saved the profile after this editor opened it."""

    def __init__(self, revisions):
        self.revisions = revisions
        super().__init__("The profile changed since it was opened.")


def _plain(value):
    if value is None or isinstance(value, (str, int, bool, list)):
        return value
    return str(value)


@transaction.atomic
def update_city_profile(
    *, city, data: dict, expected_version: int, changed_by, logo=None
) -> ProfileRevision | None:
    """Save a profile edit unless someone else saved first; keep who changed what.

    Raises StaleProfile with the revisions saved since `expected_version`.
    """
    locked = City.objects.select_for_update().get(pk=city.pk)
    if locked.version != expected_version:
        raise StaleProfile(
            list(
                locked.revisions.filter(
                    subject=ProfileRevision.Subject.PROFILE, version__gt=expected_version
                ).select_related("changed_by")
            )
        )
    changes = {}
    for field in PROFILE_FIELDS:
        if field not in data:
            continue
        before, after = getattr(locked, field), data[field]
        if _plain(before) != _plain(after) and not (before in (None, "") and after in (None, "")):
            changes[field] = {"before": _plain(before), "after": _plain(after)}
            setattr(locked, field, after)
    for relation in PROFILE_RELATIONS:
        if relation not in data:
            continue
        before_ids = set(getattr(locked, relation).values_list("pk", flat=True))
        after_ids = {obj.pk for obj in data[relation]}
        if before_ids != after_ids:
            changes[relation] = {"before": sorted(before_ids), "after": sorted(after_ids)}
            getattr(locked, relation).set(data[relation])
    if logo is not None:
        changes["logo"] = {"before": locked.logo.name or None, "after": logo.name}
        locked.logo = logo
    locked.profile_reviewed_at = timezone.now()
    if not changes:
        locked.save(update_fields=["profile_reviewed_at"])
        return None
    locked.version += 1
    locked.save()
    city.version = locked.version
    return ProfileRevision.objects.create(
        city=locked, changed_by=changed_by, version=locked.version, changes=changes
    )


# --- the regional hub of a city ------------------------------------------------------


def settle_city_hub(
    city: City, *, hub_chosen_by_hand: bool = False, follow_country: bool = False
) -> None:
    """Apply the hub rule to `city` (not saved): a member's hub follows from its country
    unless staff chose it by hand.

    `hub_chosen_by_hand`: staff just set `city.hub`; if it differs from the country's
    hub, the city keeps it from now on. `follow_country`: staff dropped the override.
    """
    from hubs.services import hub_for_country

    country_hub = hub_for_country(city.country.code) if city.country else None
    if follow_country:
        city.hub_overridden = False
    elif hub_chosen_by_hand and city.hub_id != (country_hub.pk if country_hub else None):
        city.hub_overridden = True
    if not city.hub_overridden:
        city.hub = country_hub


def refresh_city_hubs() -> int:
    """After the countries of a hub changed: every city not overridden by hand moves to
    the hub that now covers its country (or to none). Returns how many moved.

    A few queries whatever the number of cities: one per hub that gains cities."""
    from hubs.models import HubCountry
    from strongcities.pagecache import CITIES, CITY_NAMES, bump_generation

    covering = dict(HubCountry.objects.values_list("country", "hub_id"))
    moves: dict[int | None, list[int]] = {}
    for pk, country, hub_id in City.objects.filter(hub_overridden=False).values_list(
        "pk", "country", "hub_id"
    ):
        target = covering.get(country)
        if target != hub_id:
            moves.setdefault(target, []).append(pk)
    moved = 0
    with transaction.atomic():
        for hub_id, pks in moves.items():
            moved += City.objects.filter(pk__in=pks, hub_overridden=False).update(hub_id=hub_id)
    if moved:
        bump_generation(CITIES, CITY_NAMES)  # queryset updates send no signal
    return moved


# --- engagement facts ----------------------------------------------------------------


def record_engagement(
    *,
    city,
    kind: str,
    occurred_on,
    source=None,
    title: str = "",
    note: str = "",
    recorded_by=None,
) -> EngagementRecord:
    """The one door through which other apps report an engagement fact about a city.

    With a source object the call is idempotent: the same (city, kind, source) is
    recorded once, so retried tasks and repeated saves do not double-count.
    """
    if source is None:
        return EngagementRecord.objects.create(
            city=city,
            kind=kind,
            occurred_on=occurred_on,
            title=title,
            note=note,
            recorded_by=recorded_by,
        )
    fields = {"occurred_on": occurred_on, "title": title or str(source)[:250], "note": note}
    record, _created = EngagementRecord.objects.update_or_create(
        city=city,
        kind=kind,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
        defaults=fields,
        create_defaults={**fields, "recorded_by": recorded_by},
    )
    return record


def withdraw_engagement(*, city, kind: str, source) -> int:
    """Remove a fact that turned out not to hold (an attendance corrected to no-show)."""
    deleted, _details = EngagementRecord.objects.filter(
        city=city,
        kind=kind,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
    ).delete()
    return deleted
