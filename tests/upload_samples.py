"""Small real files of every kind the portal accepts or refuses, built in memory.

Zip members carry a fixed date so the bytes (and pytest ids built from them) are the
same in every process.
"""

import io
import struct
import zipfile

from PIL import Image

FIXED_DATE = (2024, 1, 1, 0, 0, 0)
OOXML = "application/vnd.openxmlformats-officedocument"


def pdf_bytes(title: str = "Sample") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + f"% {title}\n".encode()
        + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def image_bytes(fmt: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def svg_bytes() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>"
    )


def zip_bytes(members: dict[str, bytes | str], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = (
                zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, content)
    return buffer.getvalue()


def content_types(main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/main.xml" ContentType="{main}"/></Types>'
    )


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": content_types(f"{OOXML}.wordprocessingml.document.main+xml"),
            "word/document.xml": "<w:document/>",
        }
    )


def docm_bytes() -> bytes:
    """A Word document with macros."""
    return zip_bytes(
        {
            "[Content_Types].xml": content_types(
                "application/vnd.ms-word.document.macroEnabled.main+xml"
            ),
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\x00" * 16,
        }
    )


def xlsx_bytes(rows=(("country", "name"), ("KE", "Nairobi"))) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": content_types(f"{OOXML}.presentationml.presentation.main+xml"),
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def odf_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return zip_bytes(
        {"mimetype": mimetype, "content.xml": "<office:document-content/>"},
        stored_first="mimetype",
    )


def plain_zip_bytes() -> bytes:
    return zip_bytes({"readme.txt": "hello"})


def ole_bytes(*entries: str, storages: tuple[str, ...] = ()) -> bytes:
    """A minimal OLE2 compound file (what Office 97–2003 files are) holding empty
    streams (and storages) with these names: header, one FAT sector, one directory."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = [(name, 2) for name in entries] + [(name, 1) for name in storages]
    assert len(names) <= 3
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126

    def entry(name, kind, child=no_stream, right=no_stream):
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + b"\x00" * 16
            + struct.pack("<I", 0)
            + b"\x00" * 16
            + struct.pack("<IQ", end, 0)
        )

    directory = entry("Root Entry", 5, child=1 if names else no_stream)
    for index, (name, kind) in enumerate(names, start=1):
        directory += entry(name, kind, right=index + 1 if index < len(names) else no_stream)
    while len(directory) < 512:
        directory += entry("", 0)
    return header + fat + directory
