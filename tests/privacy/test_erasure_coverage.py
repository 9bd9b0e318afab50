"""Every column that can hold a person has a decision in privacy.erasure.PERSON_FIELDS:
a model that gains one (a link to an account, a name, an address, a telephone number)
fails here until someone decides what erasing a person does to it."""

import re

from django.apps import apps
from django.conf import settings

from privacy.erasure import PERSON_FIELDS

PROJECT_APPS = {"strongcities", "members", "hubs", "resources", "events", "steering", "surveys"}
PROJECT_APPS |= {"audit", "privacy"}
PERSONISH = re.compile(
    r"(^|_)(name|email|phone|telephone|contact|participants|attribution|job_title)($|_)|_needs$"
)
LANGUAGE_SUFFIX = re.compile(r"_(ar|en|fr)$")


def base_name(model, field_name: str) -> str:
    """name_ar → name when `name` is a translated field of the model."""
    stripped = LANGUAGE_SUFFIX.sub("", field_name)
    if stripped != field_name and any(f.name == stripped for f in model._meta.concrete_fields):
        return stripped
    return field_name


def person_columns():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        label = model._meta.label
        links_to_user = False
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue
            if field.is_relation and field.related_model is user_model:
                links_to_user = True
                yield label, field.name
        if model._meta.app_label not in PROJECT_APPS and not links_to_user:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation:
                continue
            if PERSONISH.search(field.name):
                yield label, base_name(model, field.name)


def test_every_person_column_has_an_erasure_decision():
    missing = sorted(
        f"{label}.{name}"
        for label, name in set(person_columns())
        if name not in PERSON_FIELDS.get(label, {})
    )
    assert missing == [], f"Decide in privacy/erasure.py PERSON_FIELDS for: {missing}"


def test_every_decision_names_a_real_column():
    stale = []
    for label, fields in PERSON_FIELDS.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.get_fields()}
        stale += [f"{label}.{name}" for name in fields if name not in names]
    assert stale == []


def test_the_check_finds_the_columns_it_should():
    found = set(person_columns())
    assert {
        ("strongcities.User", "email"),
        ("members.FocalPoint", "user"),
        ("events.Registration", "guest_email"),
        ("hubs.Stakeholder", "phone"),
        ("resources.Resource", "contact_point"),
    } <= found
