"""StreamField blocks validate what editors enter."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from home.blocks import VideoBlock


def test_a_video_needs_a_file_or_a_link(db):
    block = VideoBlock()
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(block.to_python({"title": "Video", "file": None, "url": "", "caption": ""}))
    assert block.clean(block.to_python({"title": "Video", "file": None, "url": "https://example.org/v", "caption": ""}))
