"""Session fixtures for the writer tests: a real OCR'd scan, LibreOffice and Chromium once."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Chromium
from scan_documents import scanned_document
from writer_documents import budget_document, letter

from sohoa.model import Document
from sohoa.output.docx_writer import write_docx


@pytest.fixture(scope="session")
def scanned_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """A degraded 200 dpi scan, OCR'd by Tesseract, with restorer edits recorded on it."""
    return scanned_document(tmp_path_factory.mktemp("scan"))


@pytest.fixture(scope="session")
def docx_as_pdf(
    tmp_path_factory: pytest.TempPathFactory, scanned_doc: Document
) -> dict[str, tuple[Path, Path]]:
    """DOCX files of four documents and the PDFs LibreOffice made of them (one soffice run)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("docx")
    documents = {
        "budget": budget_document(),
        "scan": scanned_doc,
        "letter": letter(),
        "empty": Document(source="empty.txt", input_kind="txt"),
    }
    docx_files = {stem: write_docx(doc, folder, stem)[0] for stem, doc in documents.items()}
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *map(str, docx_files.values()),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {stem: (path, folder / "pdf" / f"{stem}.pdf") for stem, path in docx_files.items()}


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """One real headless Chromium for the session, with a fresh profile."""
    browser = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()
