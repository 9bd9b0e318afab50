from hubs.models import Consultation, Hub, HubCountry, HubStaff, Need, Stakeholder


def add_hub_staff(*, hub, user, role: str = HubStaff.Role.EXPERT) -> HubStaff:
    staff, _created = HubStaff.objects.update_or_create(
        hub=hub, user=user, defaults={"role": role, "is_active": True}
    )
    return staff


def hub_for_country(country_code: str) -> Hub | None:
    """The hub that covers a country, or None where no hub does (the Management Unit)."""
    covered = HubCountry.objects.select_related("hub").filter(country=country_code).first()
    return covered.hub if covered else None


def add_stakeholder(*, hub, **fields) -> Stakeholder:
    return Stakeholder.objects.create(hub=hub, **fields)


def record_need(*, hub, user, **fields) -> Need:
    return Need.objects.create(hub=hub, recorded_by=user, **fields)


def record_consultation(*, hub, user, **fields) -> Consultation:
    return Consultation.objects.create(hub=hub, recorded_by=user, **fields)
