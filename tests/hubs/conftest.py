import pytest

from tests.hubs.factories import TicketFactory


@pytest.fixture
def ticket_a(network):
    """A request from city A, in hub A, opened by city A's focal point."""
    return TicketFactory(
        city=network.city_a,
        hub=network.hub_a,
        opened_by=network.user("focal_a"),
        subject="Youth engagement plan",
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
