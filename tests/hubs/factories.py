import factory

from hubs.models import CannedReply, Stakeholder, Ticket, TicketMessage
from tests.factories import CityFactory, UserFactory


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    city = factory.SubFactory(CityFactory)
    hub = factory.LazyAttribute(lambda t: t.city.hub)
    opened_by = factory.SubFactory(UserFactory)
    category = Ticket.Category.POLICY_ADVICE
    subject = factory.Sequence(lambda n: f"Question {n}")
    description = "We would like advice on a prevention framework."
    language = "en"


class TicketMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketMessage

    ticket = factory.SubFactory(TicketFactory)
    author = factory.SubFactory(UserFactory)
    body = "A message."


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    kind = Stakeholder.Kind.CIVIL_SOCIETY
    name = factory.Sequence(lambda n: f"Organisation {n}")


class CannedReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CannedReply

    title_en = "Thank you"
    body_en = "Thank you for your request."
    body_fr = "Merci pour votre demande."
    body_ar = "شكرًا على طلبكم."
