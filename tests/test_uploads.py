"""strongcities.uploads: every upload is judged by its bytes, against its field's policy."""

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from strongcities.uploads import (
    MB,
    MultipleUploadField,
    UploadField,
    UploadValidator,
    policy,
    safe_filename,
    sniff,
)
from tests import upload_samples as samples

ACCEPTED = [
    ("report.pdf", samples.pdf_bytes(), "pdf"),
    ("plan.docx", samples.docx_bytes(), "docx"),
    ("budget.xlsx", samples.xlsx_bytes(), "xlsx"),
    ("slides.pptx", samples.pptx_bytes(), "pptx"),
    ("old.doc", samples.ole_bytes("WordDocument", "SummaryInformation"), "doc"),
    ("old.xls", samples.ole_bytes("Workbook"), "xls"),
    ("old.ppt", samples.ole_bytes("PowerPoint Document"), "ppt"),
    ("notes.odt", samples.odf_bytes(), "odt"),
    ("sheet.ods", samples.odf_bytes("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
    ("talk.odp", samples.odf_bytes("application/vnd.oasis.opendocument.presentation"), "odp"),
    ("photo.png", samples.image_bytes("PNG"), "png"),
    ("photo.jpg", samples.image_bytes("JPEG"), "jpeg"),
    ("photo.jpeg", samples.image_bytes("JPEG"), "jpeg"),
    ("anim.gif", samples.image_bytes("GIF"), "gif"),
    ("photo.webp", samples.image_bytes("WEBP"), "webp"),
    ("notes.txt", "ملاحظات\nnotes\n".encode(), "txt"),
]


def readable(value):
    """Test ids from names only: content bytes (some with timestamps) differ per process."""
    return value if isinstance(value, str) else "content"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(policy_name, name, content) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        policy(policy_name).check(upload(name, content))
    return error.value


@pytest.mark.parametrize("name,content,kind", ACCEPTED, ids=readable)
def test_each_accepted_kind_is_recognised_by_its_content(name, content, kind):
    checked = policy("ticket_attachment").check(upload(name, content))
    assert checked.kind.name == kind
    assert checked.name == name


@pytest.mark.parametrize(
    "policy_name,name,content",
    [
        ("city_logo", "logo.gif", samples.image_bytes("GIF")),  # logos: PNG, JPEG, WebP
        ("city_logo", "logo.pdf", samples.pdf_bytes()),
        ("meeting_paper", "photo.png", samples.image_bytes("PNG")),  # papers: documents
        ("meeting_paper", "notes.txt", b"plain text"),
        ("attendance_import", "list.xlsx", samples.xlsx_bytes()),  # attendance: CSV only
        ("resource_attachment", "photo.jpg", samples.image_bytes("JPEG")),
    ],
    ids=readable,
)
def test_each_field_allows_only_its_own_kinds(policy_name, name, content):
    assert refusal(policy_name, name, content).code == "wrong_type"


@pytest.mark.parametrize(
    "name,content",
    [
        ("drawing.svg", samples.svg_bytes()),
        ("drawing.png", samples.svg_bytes()),  # an SVG under an image's name
        ("drawing.svg", samples.image_bytes("PNG")),  # an SVG name is refused as such
    ],
    ids=readable,
)
def test_svg_is_refused_whatever_its_name(name, content):
    error = refusal("city_logo", name, content)
    assert error.code == "svg"
    assert "SVG" in error.messages[0] and "PNG or JPEG" in error.messages[0]


@pytest.mark.parametrize(
    "name,content",
    [
        ("plan.docx", samples.docm_bytes()),
        ("plan.doc", samples.ole_bytes("WordDocument", storages=("Macros",))),
        ("book.xls", samples.ole_bytes("Workbook", storages=("_VBA_PROJECT_CUR",))),
    ],
    ids=readable,
)
def test_office_files_with_macros_are_refused(name, content):
    assert refusal("ticket_attachment", name, content).code == "macros"


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "wrong_type"),
        ("setup.doc", samples.ole_bytes("SummaryInformation"), "mismatch"),  # an installer
        ("archive.zip", samples.plain_zip_bytes(), "wrong_type"),
        ("plan.docx", samples.plain_zip_bytes(), "mismatch"),  # a zip is not a document
        ("plan.docx", samples.pdf_bytes(), "mismatch"),  # a renamed PDF
        ("report.pdf", b"%PDF" + b"\x00" * 16, "mismatch"),  # no "%PDF-" header
        ("page.html", b"<html><script>alert(1)</script></html>", "wrong_type"),
        ("notes.txt", b"\x00\x01binary", "mismatch"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "mismatch"),  # not decodable
    ],
    ids=readable,
)
def test_content_that_is_not_what_is_allowed_is_refused(name, content, code):
    assert refusal("ticket_attachment", name, content).code == code


def test_a_file_without_extension_is_named_after_its_content():
    checked = policy("ticket_attachment").check(upload("scan", samples.pdf_bytes()))
    assert checked.kind.name == "pdf" and checked.name == "scan.pdf"


def test_size_limits_differ_per_field():
    big_logo = samples.image_bytes("PNG") + b"\x00" * (2 * MB)
    error = refusal("city_logo", "logo.png", big_logo)
    assert error.code == "too_large"
    assert "2.0\xa0MB" in error.messages[0]
    # the same bytes are within a ticket attachment's 10 MB (the padding after PNG's end
    # chunk is ignored by decoders)
    assert policy("ticket_attachment").check(upload("logo.png", big_logo)).kind.name == "png"


def test_empty_files_are_refused():
    assert refusal("ticket_attachment", "empty.pdf", b"").code == "empty"


def test_huge_images_are_refused_before_decoding(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)  # the 4×3 sample has 12 pixels
    assert refusal("city_logo", "bomb.png", samples.image_bytes("PNG")).code == "mismatch"


def test_sniff_reads_from_the_start_and_leaves_the_file_at_the_start():
    handle = io.BytesIO(samples.docx_bytes())
    handle.seek(10)
    assert sniff(handle) == "docx"
    assert handle.tell() == 0


@pytest.mark.parametrize(
    "raw,safe",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\someone\\Report.PDF", "Report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override removed
        ("a\u2066b\u2069c\u200fd.pdf", "abcd.pdf"),  # isolates and marks removed
        ("tab\tand\nnewline.txt", "tab and newline.txt"),
        ("x\x00y\x1bz.txt", "xyz.txt"),
        ("what?<is>:this|.txt", "what__is__this_.txt"),
        ("  ..hidden.. ", "hidden"),
        ("", "file"),
        ("...", "file"),
        ("خطة\u200cالعمل.docx", "خطة\u200cالعمل.docx"),  # ZWNJ is part of the spelling
        ("plan.", "plan"),
    ],
)
def test_file_names_are_normalised(raw, safe):
    assert safe_filename(raw) == safe


def test_long_names_are_shortened_keeping_the_extension():
    name = safe_filename("ب" * 300 + ".docx")
    assert len(name) == 120 and name.endswith(".docx")


def test_a_form_field_gives_the_upload_a_safe_name_and_the_type_of_its_content():
    class Form(forms.Form):
        logo = UploadField(policy="city_logo")

    png = SimpleUploadedFile("dir/lo\u202ego.png", samples.image_bytes("PNG"), "text/html")
    form = Form(files={"logo": png})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["logo"]
    assert cleaned.name == "logo.png"
    assert cleaned.content_type == "image/png"  # the browser's claim is not kept
    assert form.fields["logo"].widget.attrs["accept"] == ".png,.jpg,.jpeg,.webp"


def test_a_multiple_field_reports_every_bad_file_and_counts_them():
    class Form(forms.Form):
        files = MultipleUploadField(policy="ticket_attachment", max_files=2)

    bad = [upload("a.exe", b"MZ"), upload("b.svg", samples.svg_bytes())]
    form = Form(files=MultiValueDict({"files": bad}))
    assert not form.is_valid()
    messages = form.errors["files"]
    assert len(messages) == 2 and "a.exe" in messages[0] and "b.svg" in messages[1]
    many = [upload(f"{i}.txt", b"x") for i in range(3)]
    form = Form(files=MultiValueDict({"files": many}))
    assert not form.is_valid()
    assert "Attach at most 2 files." in form.errors["files"]


def test_model_validators_skip_files_already_stored_and_check_new_ones():
    validator = UploadValidator("resource_cover")
    with pytest.raises(ValidationError):
        validator(upload("cover.png", samples.svg_bytes()))

    class Stored:
        _committed = True

    validator(Stored())  # checked when it was uploaded; not read again
    assert UploadValidator("resource_cover") == validator
    assert UploadValidator("city_logo") != validator
