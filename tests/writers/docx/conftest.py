"""Fixtures of the DOCX writer's tests: the sample brief, written once for all of them."""

from __future__ import annotations

import pytest
from sample_brief import sample_brief

from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import unzip


@pytest.fixture(scope="session")
def data() -> bytes:
    """Return the sample brief as a .docx."""
    return write(sample_brief())


@pytest.fixture(scope="session")
def parts(data) -> dict[str, bytes]:
    """Return the parts of `data` by name."""
    return unzip(data)
