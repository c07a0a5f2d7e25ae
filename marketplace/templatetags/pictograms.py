"""SVG pictograms instead of emoji: `{% pictogram thing %}` draws the Lucide icon (ISC licence,
shipped in static/vendor/icons/) for a sector's or skill's stored pictogram. Emoji render as
empty boxes on a device without an emoji font; an SVG looks the same everywhere."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

# stored pictogram (an emoji, without its variation selector) -> Lucide icon name
ICONS = {
    "🩺": "stethoscope", "🍽": "utensils", "🏭": "factory", "📦": "package",
    "🔧": "wrench", "🔩": "nut", "🌱": "sprout", "🧹": "brush-cleaning",
    "⏰": "alarm-clock", "🤝": "handshake", "😊": "smile", "✅": "circle-check",
    "🧭": "compass", "🙋": "hand", "✨": "sparkles", "🎯": "target",
    "💬": "message-circle", "📋": "clipboard-list", "🦺": "hard-hat", "🧼": "droplets",
    "🔄": "refresh-cw", "💪": "biceps-flexed", "🧘": "flower-2", "🗣": "messages-square",
    "🗓": "calendar", "🛎": "concierge-bell", "📚": "book-open", "🏋": "dumbbell",
    "🙌": "hand-helping", "🛁": "bath", "🍲": "soup", "🛏": "bed-double",
    "🎲": "dices", "👀": "eye", "🦽": "accessibility", "🔪": "pocket-knife",
    "🍳": "chef-hat", "🍷": "wine", "☕": "coffee", "💶": "euro",
    "⚙": "settings", "🏷": "tag", "🔍": "search", "🚨": "siren",
    "🚜": "tractor", "📱": "smartphone", "📥": "inbox", "🚚": "truck",
    "🛒": "shopping-cart", "🔌": "plug", "🔋": "battery", "📐": "ruler-dimension-line",
    "🚿": "shower-head", "🧰": "toolbox", "🔥": "flame", "🪚": "slice",
    "📏": "ruler", "🪛": "screw", "🖥": "monitor", "🌿": "leaf",
    "✂": "scissors", "🧱": "brick-wall", "🪴": "flower", "🐄": "paw-print",
    "🌾": "wheat", "🧽": "spray-can", "♻": "recycle", "📬": "mail",
    "🪑": "armchair", "🔨": "hammer",
}  # fmt: skip
FALLBACK = "circle-small"


def icon_name(stored: str) -> str:
    return ICONS.get((stored or "").replace("\ufe0f", "").strip(), FALLBACK)


@register.simple_tag
def pictogram(thing, css_class: str = "pictogram"):
    """A decorative icon (the name next to it says what it is): alt="" and aria-hidden."""
    stored = getattr(thing, "pictogram", thing) or ""
    src = static(f"vendor/icons/{icon_name(str(stored))}.svg")
    return format_html(
        '<img class="{}" src="{}" alt="" aria-hidden="true" width="24" height="24">', css_class, src
    )


@register.simple_tag
def icon(name: str, css_class: str = "icon"):
    """A named interface icon (menu, close, warning), decorative like `pictogram`."""
    return format_html(
        '<img class="{}" src="{}" alt="" aria-hidden="true" width="20" height="20">',
        css_class,
        static(f"vendor/icons/{name}.svg"),
    )


@register.simple_tag
def pictogram_src(thing) -> str:
    """The address of a pictogram's SVG (for a script that draws it)."""
    return static(f"vendor/icons/{icon_name(str(getattr(thing, 'pictogram', thing) or ''))}.svg")
