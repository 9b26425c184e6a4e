"""The blocks course writers build lessons from."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

#: Rich text in lessons: headings come from the heading block, so that the
#: outline of a lesson stays h1, h2, h3 in order.
PARAGRAPH_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{6,12}$")


def video_embed_url(url):
    """Return the privacy-friendly player address for a YouTube or Vimeo link.

    Return None for any other link: only these two players are allowed to
    be framed by the site's Content-Security-Policy.
    """
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [None])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live"}:
            video_id = segments[1]
        if video_id and _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be" and len(segments) == 1:
        if _YOUTUBE_ID.match(segments[0]):
            return f"https://www.youtube-nocookie.com/embed/{segments[0]}"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        candidates = [s for s in segments if _VIMEO_ID.match(s)]
        if candidates:
            return f"https://player.vimeo.com/video/{candidates[0]}"
    return None


class HeadingBlock(blocks.CharBlock):
    """A section heading inside a lesson, shown as a second-level heading."""

    class Meta:
        icon = "title"
        template = "lms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text a screen reader announces."""

    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        label="Alternative text",
        max_length=250,
        help_text="What the image shows, for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "lms/blocks/image.html"


class KeyPointBlock(blocks.TextBlock):
    """A key point the delegate should remember, set apart from the text."""

    class Meta:
        icon = "pick"
        template = "lms/blocks/key_point.html"


class GlossaryTermBlock(blocks.StructBlock):
    """A term and its definition."""

    term = blocks.CharBlock(max_length=120)
    definition = blocks.TextBlock()

    class Meta:
        icon = "doc-full"
        template = "lms/blocks/glossary_term.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, played from the provider's privacy player."""

    url = blocks.URLBlock(
        label="Video address",
        help_text="A YouTube or Vimeo link, for example https://youtu.be/…",
    )
    title = blocks.CharBlock(
        max_length=200,
        help_text="Names the video for screen readers and in the link below it.",
    )
    transcript = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="A text version for people who cannot watch or hear the video.",
    )

    def clean(self, value):
        value = super().clean(value)
        if video_embed_url(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Use a YouTube or Vimeo video link; other players cannot be "
                        "shown in lessons."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context

    class Meta:
        icon = "media"
        template = "lms/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    """A document the delegate can download."""

    document = DocumentChooserBlock()
    label = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Link text; the document's title when left empty.",
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "lms/blocks/document.html"


class TableBlock(blocks.StructBlock):
    """A captioned table of text with one header row."""

    caption = blocks.CharBlock(
        max_length=200, help_text="Says what the table shows; read out first."
    )
    header = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Column heading"), min_num=1
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label="Cell", required=False), min_num=1),
        min_num=1,
    )

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        errors = {
            index: ValidationError(
                f"This row has {len(row)} cells; the table has {width} columns."
            )
            for index, row in enumerate(value["rows"])
            if len(row) != width
        }
        if errors:
            raise StructBlockValidationError(
                block_errors={"rows": ListBlockValidationError(block_errors=errors)}
            )
        return value

    class Meta:
        icon = "table"
        template = "lms/blocks/table.html"


class SelfCheckBlock(blocks.StructBlock):
    """A question the delegate answers on the page; it is never scored."""

    question = blocks.TextBlock()
    choices = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=2)
    correct = blocks.IntegerBlock(
        min_value=0,
        help_text="Which choice is right, counting from 0 for the first.",
    )
    explanation = blocks.TextBlock(help_text="Why that answer is right.")

    def clean(self, value):
        value = super().clean(value)
        if value["correct"] >= len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "correct": ValidationError(
                        f"There are only {len(value['choices'])} choices "
                        f"(0 to {len(value['choices']) - 1})."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        choices = list(value["choices"])
        correct = value["correct"]
        context["correct_choice"] = (
            choices[correct]
            if correct is not None and 0 <= correct < len(choices)
            else ""
        )
        return context

    def get_searchable_content(self, value):
        # The answer index is a number, not words anyone searches for.
        return [value["question"], *value["choices"], value["explanation"]]

    class Meta:
        icon = "help"
        template = "lms/blocks/self_check.html"


class LessonBodyBlock(blocks.StreamBlock):
    """Everything a lesson's body can hold."""

    heading = HeadingBlock(max_length=120)
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="lms/blocks/paragraph.html",
    )
    image = ImageBlock()
    key_point = KeyPointBlock()
    glossary_term = GlossaryTermBlock()
    video = VideoBlock()
    document = DocumentBlock()
    table = TableBlock()
    self_check = SelfCheckBlock()
