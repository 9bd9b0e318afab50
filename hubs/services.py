from hubs.models import Hub, HubCountry, HubStaff


def add_hub_staff(*, hub, user, role: str = HubStaff.Role.EXPERT) -> HubStaff:
    staff, _created = HubStaff.objects.update_or_create(
        hub=hub, user=user, defaults={"role": role, "is_active": True}
    )
    return staff


def hub_for_country(country_code: str) -> Hub | None:
    """The hub that covers a country, or None where no hub does (the Management Unit)."""
    covered = HubCountry.objects.select_related("hub").filter(country=country_code).first()
    return covered.hub if covered else None
