from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from resources import selectors, services
from resources.forms import SubmissionForm
from resources.models import LANGS, ResourceAttachment
from strongcities.decorators import permission_required
from strongcities.permissions import can, cities_editable_by
from strongcities.ratelimit import rate_limited
from strongcities.text import absolute_url
from strongcities.uploads import file_response

PAGE_SIZE = 20


class CountedPaginator(Paginator):
    """A paginator told the total (counted with the facets), saving a COUNT query."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # fills Paginator.count's cached_property


def resource_list(request):
    with transaction.atomic():
        found = selectors.search_resources(request.GET, page_size=PAGE_SIZE, cards=True)
        page = CountedPaginator(found.results, PAGE_SIZE, count=found.total).get_page(
            request.GET.get("page")
        )
        items = selectors.highlighted_cards(list(page), found.terms)
        facets = [facet for facet in found.facets if facet.options]
    return render(
        request,
        "resources/resource_list.html",
        {
            "page": page,
            "items": items,
            "search": found,
            "facets": facets,
            "filters": found.filters,
            "page_query": found.filters.query_string(),
        },
    )


def resource_detail(request, slug):
    may_preview = can(request.user, "resources.manage")
    resource = selectors.resource_for_page(slug, include_unpublished=may_preview)
    if resource is None:
        raise Http404
    language = translation.get_language()
    alternates = []
    for code in resource.languages:
        with translation.override(code):
            url = reverse("resources:resource-detail", args=[slug])
            alternates.append({"code": code, "url": url, "absolute": absolute_url(url)})
    return render(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "preview": not resource.is_public,
            "in_visitor_language": language in resource.languages,
            "content_language": selectors.content_language(resource, language),
            "alternates": alternates,
            "attachments": resource.attachments.all(),
            "related": selectors.related_resources(resource),
        },
    )


@never_cache
def attachment_download(request, slug, pk):
    """A file of a resource: anyone for a published resource, the Management Unit for
    the others (a draft's files are as hidden as the draft: 404)."""
    attachment = get_object_or_404(
        ResourceAttachment.objects.select_related("resource"), resource__slug=slug, pk=pk
    )
    if not can(request.user, "resources.view", attachment.resource):
        raise Http404
    return file_response(attachment.file, filename=attachment.download_name)


@permission_required("resources.submit")
@rate_limited("resource_submission")
def resource_submit(request):
    cities = cities_editable_by(request.user).order_by("name")
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, cities=cities)
        if form.is_valid():
            data = form.cleaned_data
            if not can(request.user, "resources.submit", data["city"]):
                raise Http404
            services.submit_resource(
                city=data["city"],
                submitted_by=request.user,
                language=data["language"],
                kind=data["kind"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                themes=data["themes"],
                attachments=data["attachments"],
            )
            messages.success(
                request,
                _(
                    "Thank you. Your contribution is with the Management Unit for review; "
                    "we will email you when it is published."
                ),
            )
            return redirect("resources:resource-submit")
    else:
        form = SubmissionForm(
            cities=cities, initial={"language": translation.get_language() or "en"}
        )
    return render(request, "resources/resource_submit.html", {"form": form})


@permission_required("resources.manage")
def translation_parity(request):
    missing = request.GET.get("missing", "")
    rows, gaps = selectors.translation_parity(missing=missing)
    return render(
        request,
        "resources/translation_parity.html",
        {
            "rows": rows,
            "gaps": gaps,
            "missing": missing if missing in LANGS else "",
            "langs": LANGS,
        },
    )


class LatestResourcesFeed(Feed):
    """The newest published resources, in the language of the URL."""

    feed_type = Atom1Feed
    title = gettext_lazy("Strong Cities Network: online resource hub")
    subtitle = gettext_lazy(
        "Good practices, tools and guides, local policies and city spotlights from across "
        "the network."
    )

    def link(self):
        return reverse("resources:resource-list")

    def items(self):
        return selectors.public_resources().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at
