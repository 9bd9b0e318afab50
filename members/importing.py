"""Bulk import of cities and focal points from CSV or XLSX.

Every row is validated first; the file is written only if every row is valid, in one
transaction, so a bad file changes nothing. A row names one city and, optionally, one
focal point, who gets an invitation (sent by the outbox after the import commits).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubs.models import Hub
from members.models import City
from strongcities.models import Invitation
from strongcities.text import comma_join
from strongcities.uploads import policy as upload_policy
from strongcities.uploads import private_storage

MAX_ROWS = 5000
COLUMNS = [
    "country",
    "name_en",
    "name_ar",
    "name_fr",
    "slug",
    "authority_type",
    "hub",
    "membership_status",
    "member_since",
    "population",
    "latitude",
    "longitude",
    "website",
    "focal_point_email",
    "focal_point_name",
    "focal_point_job_title",
    "focal_point_language",
]
REQUIRED_COLUMNS = {"country", "name_en", "authority_type"}


class CityRow(forms.Form):
    """One row, validated with the same messages the rest of the portal uses."""

    country = forms.CharField(max_length=2)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=150)
    name_ar = forms.CharField(required=False, max_length=150)
    name_fr = forms.CharField(required=False, max_length=150)
    slug = forms.SlugField(required=False, max_length=80)
    authority_type = forms.ChoiceField(choices=City.AuthorityType.choices)
    hub = forms.CharField(required=False)
    membership_status = forms.ChoiceField(choices=City.MembershipStatus.choices, required=False)
    member_since = forms.DateField(required=False)
    population = forms.IntegerField(required=False, min_value=0)
    latitude = forms.DecimalField(required=False, min_value=-90, max_value=90, decimal_places=5)
    longitude = forms.DecimalField(required=False, min_value=-180, max_value=180, decimal_places=5)
    website = forms.URLField(required=False, assume_scheme="https")
    focal_point_email = forms.EmailField(required=False)
    focal_point_name = forms.CharField(required=False, max_length=150)
    focal_point_job_title = forms.CharField(required=False, max_length=200)
    focal_point_language = forms.ChoiceField(
        choices=[("", "")] + [(c, c) for c in ("ar", "en", "fr")], required=False
    )

    def __init__(self, *args, hubs: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.hubs = hubs

    def clean_country(self):
        from django_countries import countries

        code = self.cleaned_data["country"].strip().upper()
        if code not in dict(countries):
            raise ValidationError(_("“%(code)s” is not an ISO country code.") % {"code": code})
        return code

    def clean_hub(self):
        slug = self.cleaned_data["hub"].strip()
        if slug and slug not in self.hubs:
            raise ValidationError(_("No regional hub is called “%(slug)s”.") % {"slug": slug})
        return self.hubs.get(slug)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("focal_point_email") and not cleaned.get("focal_point_name"):
            self.add_error("focal_point_name", _("Give the focal point's name with their email."))
        if not cleaned.get("slug") and cleaned.get("name_en"):
            cleaned["slug"] = slugify(cleaned["name_en"])[:80]
        return cleaned


@dataclass
class RowError:
    line: int
    messages: list[str]


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    cities_created: int = 0
    cities_updated: int = 0
    focal_points: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


def read_rows(upload) -> list[dict]:
    """The file's rows as dicts keyed by lower-case column name."""
    kind = upload_policy("member_import").check(upload).kind
    suffix = kind.extensions[0]
    upload.seek(0)
    if suffix == ".csv":
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the CSV file as UTF-8 and try again.")) from None
        reader = csv.reader(io.StringIO(text))
        table = list(reader)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValidationError(_("This file is not a readable XLSX workbook.")) from None
        table = [
            ["" if v is None else str(v) for v in row]
            for row in workbook.active.iter_rows(values_only=True)
        ]
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    if not table:
        raise ValidationError(_("The file is empty."))
    header = [h.strip().lower() for h in table[0]]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise ValidationError(
            _("The first row must name these columns: %(columns)s.")
            % {"columns": comma_join(sorted(missing))}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    return [
        {header[i]: (cell or "").strip() for i, cell in enumerate(row) if i < len(header)}
        for row in table[1:]
        if any((cell or "").strip() for cell in row)
    ]


def import_file(upload, *, commit: bool, by) -> ImportReport:
    report = ImportReport()
    try:
        raw_rows = read_rows(upload)
    except ValidationError as error:
        report.errors.append(RowError(1, list(error.messages)))
        return report
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    valid, seen = [], {}
    for line, raw in enumerate(raw_rows, start=2):
        report.rows += 1
        form = CityRow({k: v for k, v in raw.items() if k in COLUMNS}, hubs=hubs)
        if not form.is_valid():
            report.errors.append(
                RowError(
                    line,
                    [
                        f"{name if name != '__all__' else ''} {message}".strip()
                        for name, messages in form.errors.items()
                        for message in messages
                    ],
                )
            )
            continue
        key = (form.cleaned_data["country"], form.cleaned_data["slug"])
        if key in seen:
            report.errors.append(
                RowError(
                    line,
                    [_("The same city is already on line %(line)s.") % {"line": seen[key]}],
                )
            )
            continue
        seen[key] = line
        valid.append(form.cleaned_data)
    if report.errors or not commit:
        _count(valid, report)
        return report
    with transaction.atomic():
        _write(valid, by, report)
    report.committed = True
    return report


def _count(rows, report):
    existing = set(
        City.objects.filter(slug__in=[r["slug"] for r in rows]).values_list("country", "slug")
    )
    for row in rows:
        if (row["country"], row["slug"]) in existing:
            report.cities_updated += 1
        else:
            report.cities_created += 1
        report.focal_points += bool(row["focal_point_email"])


def _write(rows, by, report):
    from members.services import settle_city_hub
    from strongcities.services import invite_person

    for row in rows:
        city_fields = {
            "name_en": row["name_en"],
            "authority_type": row["authority_type"],
        }
        for optional in (
            "name_ar",
            "name_fr",
            "membership_status",
            "member_since",
            "population",
            "latitude",
            "longitude",
            "website",
        ):
            if row[optional] not in (None, ""):
                city_fields[optional] = row[optional]
        city, created = City.objects.update_or_create(
            country=row["country"], slug=row["slug"], defaults=city_fields
        )
        # A hub named in the file is a choice by hand; otherwise the country decides
        # (and a hub staff chose earlier is kept).
        if row["hub"]:
            city.hub = row["hub"]
        settle_city_hub(city, hub_chosen_by_hand=bool(row["hub"]))
        city.save(update_fields=["hub", "hub_overridden"])
        if created:
            report.cities_created += 1
        else:
            report.cities_updated += 1
        email = row["focal_point_email"]
        if email and not city.focal_points.filter(user__email__iexact=email).exists():
            invite_person(
                email=email,
                display_name=row["focal_point_name"],
                role=Invitation.Role.FOCAL_POINT,
                invited_by=by,
                language=row["focal_point_language"] or "en",
                city=city,
                job_title=row["focal_point_job_title"],
            )
            report.focal_points += 1


# --- keeping a checked file between the dry run and the confirmation ------------------

UPLOAD_SALT = "members.import"


def keep_upload(upload, *, user) -> str:
    """Store the checked file (private: it holds people's names and emails); the token
    names it and is only valid for this user."""
    import uuid

    from django.core import signing

    suffix = PurePath(upload.name).suffix.lower()
    upload.seek(0)
    name = private_storage().save(f"imports/{uuid.uuid4().hex}{suffix}", upload)
    return signing.dumps({"name": name, "user": user.pk}, salt=UPLOAD_SALT)


def _stored_name(token: str, *, user) -> str | None:
    from django.core import signing

    try:
        data = signing.loads(token, salt=UPLOAD_SALT, max_age=3600)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or not str(data.get("name", "")).startswith("imports/"):
        return None
    return data["name"]


def stored_upload(token: str, *, user):
    name = _stored_name(token, user=user)
    if name is None or not private_storage().exists(name):
        return None
    stored = private_storage().open(name, "rb")
    stored.name = name
    return stored


def discard_upload(token: str, *, user) -> None:
    name = _stored_name(token, user=user)
    if name:
        private_storage().delete(name)
