import contextlib
import re

import nh3
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from strongcities.uploads import PrivateFileField, RandomName, UploadValidator, safe_filename

LANGUAGE_CHOICES = [("ar", "العربية"), ("en", "English"), ("fr", "Français")]
LANGS = ("ar", "en", "fr")

# Rich text a resource body may use; everything else is stripped by nh3 on save.
BODY_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
ACTIVE_CONTENT = re.compile(
    r"<\s*(script|iframe|object|embed|style)\b|javascript:|\son\w+\s*=", re.IGNORECASE
)


def sanitise_body(html: str | None) -> str:
    if not html:
        return html or ""
    return nh3.clean(
        html,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def validate_rich_text(value: str) -> None:
    if value and ACTIVE_CONTENT.search(value):
        raise ValidationError(
            _("Scripts, frames and event handlers are not allowed in the text. Remove them."),
            code="active_content",
        )


def validate_attachment(file) -> None:
    """Kept for migration 0002; fields use UploadValidator("resource_attachment")."""
    UploadValidator("resource_attachment")(file)


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)


def resource_date(publication_date, published_at):
    """The date a resource is shown with: its publication's, else the day it went up."""
    return publication_date or (published_at and published_at.date())


class Resource(models.Model):
    """An item of the online resource hub. Only published resources are public."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        TOOLKIT = "toolkit", _("Toolkit or guide")
        TRAINING = "training", _("Training module")
        POLICY = "policy", _("Local policy")
        SPOTLIGHT = "spotlight", _("City spotlight")
        RESEARCH = "research", _("Report or research")
        RECORDING = "recording", _("Webinar recording")
        STRATEGY = "strategy", _("Strategy document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("body"), blank=True, validators=[validate_rich_text], help_text=_("Rich text.")
    )
    # The languages the resource itself exists in (a title may be translated for
    # discovery while the document exists in one language only).
    in_ar = models.BooleanField(_("exists in Arabic"), default=False)
    in_en = models.BooleanField(_("exists in English"), default=False)
    in_fr = models.BooleanField(_("exists in French"), default=False)
    themes = models.ManyToManyField(
        "members.ThematicArea",
        verbose_name=_("thematic areas"),
        blank=True,
        related_name="resources",
    )
    priorities = models.ManyToManyField(
        "members.StrategicPriority",
        verbose_name=_("strategic priorities"),
        blank=True,
        related_name="resources",
    )
    hubs = models.ManyToManyField(
        "hubs.Hub", verbose_name=_("regions"), blank=True, related_name="resources"
    )
    cities = models.ManyToManyField(
        "members.City", verbose_name=_("cities involved"), blank=True, related_name="resources"
    )
    author_organisation = models.CharField(_("author organisation"), max_length=200, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    cover_image = models.ImageField(
        _("cover image"),
        upload_to="resources/covers/",
        blank=True,
        validators=[UploadValidator("resource_cover")],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # Good practice, structured as practitioners' collections are (translated).
    approach = models.TextField(_("approach"), blank=True)
    aim = models.TextField(_("aim"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    methods = models.TextField(_("methods"), blank=True)
    results = models.TextField(_("results and evaluation"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    contact_point = models.TextField(_("contact point"), blank=True)

    # City spotlight: one member city, the approach in short (summary) and a quote.
    spotlight_city = models.ForeignKey(
        "members.City",
        verbose_name=_("city in the spotlight"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spotlights",
    )
    quote = models.TextField(_("quote from a local leader"), blank=True)
    quote_attribution = models.CharField(_("quote by"), max_length=250, blank=True)

    # Member submissions.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_city = models.ForeignKey(
        "members.City",
        verbose_name=_("submitted for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_resources",
    )
    submitted_language = models.CharField(
        _("language of the submission"), max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="resource_public_idx"),
            models.Index(fields=["status", "-publication_date"], name="resource_pubdate_idx"),
            # the home page's featured resources
            models.Index(
                fields=["status", "-featured", "-published_at"], name="resource_featured_idx"
            ),
        ]

    def __str__(self):
        return self.title or self.title_en or self.title_fr or self.title_ar or self.slug

    def save(self, *args, **kwargs):
        for code in LANGS:
            setattr(self, f"body_{code}", sanitise_body(getattr(self, f"body_{code}", "")))
        if not self.languages:
            # Nobody said: the languages with a title are the languages it exists in.
            for code in LANGS:
                setattr(self, f"in_{code}", bool(getattr(self, f"title_{code}", None)))
        super().save(*args, **kwargs)
        self.update_search_entry()

    def get_absolute_url(self):
        return reverse("resources:resource-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def languages(self) -> list[str]:
        return [code for code in LANGS if getattr(self, f"in_{code}")]

    @property
    def date(self):
        return resource_date(self.publication_date, self.published_at)

    @property
    def listed_themes(self) -> list:
        """The thematic areas in their order: as a page of results read them all at once
        (resources.selectors.attach_listed_themes), else through the relation."""
        if "_listed_themes" in self.__dict__:
            return self._listed_themes
        return list(self.themes.all())

    def clean(self):
        errors = {}
        if not any(getattr(self, f"title_{code}", None) for code in LANGS):
            errors["title_en"] = _("Give the resource a title in at least one language.")
        if self.kind == self.Kind.SPOTLIGHT:
            from members.models import City

            if self.spotlight_city_id is None:
                errors["spotlight_city"] = _("A city spotlight needs the member city it is about.")
            elif self.spotlight_city.membership_status != City.MembershipStatus.MEMBER:
                errors["spotlight_city"] = _("A city spotlight can only feature a member city.")
        if errors:
            raise ValidationError(errors)

    def update_search_entry(self) -> None:
        """Refresh this resource's row of the public search (PostgreSQL only)."""
        from resources.search import refresh_search_entries

        refresh_search_entries([self])


class ResourceAttachment(models.Model):
    """A file of a resource in one language; a resource has one per translation."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="attachments")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # Outside MEDIA_ROOT under a random name, served by a view that checks the resource
    # is published (or the reader is Management Unit staff): drafts are never reachable.
    file = PrivateFileField(
        _("file"),
        upload_to=RandomName("resources/attachments/%Y"),
        validators=[UploadValidator("resource_attachment")],
        help_text=_(
            "PDF, Word, Excel, PowerPoint (also 97–2003), OpenDocument, EPUB or plain text; "
            "at most 20 MB."
        ),
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["sort_order", "language", "pk"]

    def __str__(self):
        return self.title or f"{self.resource} ({self.language})"

    def save(self, *args, **kwargs):
        if self.file:
            with contextlib.suppress(OSError, ValueError):
                self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""

    def get_download_url(self) -> str:
        return reverse("resources:attachment", kwargs={"slug": self.resource.slug, "pk": self.pk})

    @property
    def download_name(self) -> str:
        return safe_filename(self.title or f"{self.resource.slug}-{self.language}")


class ResourceLink(models.Model):
    """An external link of a resource (a recording, the city's own page, a partner's copy)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("external link")
        verbose_name_plural = _("external links")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class SubmissionNotice(models.Model):
    """An email sent to a submitter about a step of their submission; sent once per step."""

    class Step(models.TextChoices):
        RECEIVED = "received", _("Received and in review")
        PUBLISHED = "published", _("Published")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="notices")
    step = models.CharField(max_length=16, choices=Step.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "step"], name="one_notice_per_step")
        ]

    def __str__(self):
        return f"{self.resource_id}: {self.step}"


class TagsField(ArrayField):
    """An array in PostgreSQL; plain text elsewhere (SQLite, the quick start, where no
    search entry is ever written: its search runs in Python)."""

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """One row per *published* resource: everything the public search reads.

    Matching, ranking and facet counting touch only this table. A resource row holds
    its text in three languages (about 3.6 KB each, so ten thousand matches spread
    over ten thousand pages); an entry is the vectors (the full one stored apart by
    PostgreSQL's TOAST), the dates it is sorted by and its facet values as tags, so
    one pass over the matches counts every facet. Drafts, items in review and
    archived items have no entry: the public search cannot find them. Kept current by
    `resources.search.refresh_search_entries` (saving, the many-to-many signals) and
    rebuilt by `manage.py rebuild_resource_search`. PostgreSQL only.
    """

    resource = models.OneToOneField(
        Resource, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    publication_date = models.DateField(null=True)
    published_at = models.DateTimeField(null=True)
    # "kind:toolkit", "year:2024", "lang:ar", "theme:<slug>", "priority:<number>",
    # "hub:<slug>", "city:<pk>": the values the list page's filters use.
    tags = TagsField(models.CharField(max_length=80), default=list)
    # Title (A), summary and quote (B): small, kept in the row, what results are ranked by.
    head_vector = SearchVectorField(null=True)
    # Everything, weighted title (A) > summary and quote (B) > body (C) > the
    # good-practice fields (D), each language by its own configuration: what matches.
    search_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="search_entry_vector_gin"),
            GinIndex(fields=["tags"], name="search_entry_tags_gin"),
            # newest first: related resources, browsing by date
            models.Index(
                models.F("publication_date").desc(),
                models.F("resource").desc(),
                name="search_entry_newest_idx",
            ),
        ]

    def __str__(self):
        return f"search entry of resource {self.resource_id}"


class SearchTermFrequency(models.Model):
    """In how many published resources each word (lexeme) occurs, refreshed daily and
    after a rebuild: the search tells distinctive words from common ones with it."""

    lexeme = models.CharField(max_length=255, primary_key=True)  # "": all published
    documents = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.lexeme}: {self.documents}"
