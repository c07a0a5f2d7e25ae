"""Template helpers of the toolkit: a stored text in the reader's language."""

from itertools import groupby

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """`{{ item|tr:"title" }}`: the English twin in English mode when it is filled in."""
    return obj.tr(field)


BREAK, NEWLINE = SafeString("<br>"), SafeString("\n")


def _block(lines: list[str], is_list: bool) -> SafeString:
    if is_list:
        items = format_html_join("", "<li>{}</li>", ((line[2:].strip(),) for line in lines))
        return format_html('<ul class="utrecht-unordered-list">{}</ul>', items)
    # str.join drops the safe mark; every part is escaped, so the whole is safe.
    return format_html("<p>{}</p>", SafeString(BREAK.join(map(conditional_escape, lines))))


@register.filter(is_safe=True)
def paragraphs(text: str) -> SafeString:
    """A stored text as HTML: blocks split by an empty line become paragraphs, runs of lines
    that start with "- " a list, other lines within a block keep their line break. Every line
    is escaped: no HTML from the text itself."""
    blocks = []
    for block in str(text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for is_list, run in groupby(lines, key=lambda line: line.startswith("- ")):
            blocks.append(_block(list(run), is_list))
    return SafeString(NEWLINE.join(blocks))
