"""The export of a young person's data as a readable PDF, in the reader's language."""

import io
from xml.sax.saxutils import escape

from django.apps import apps
from django.utils.translation import gettext as _

from .personal_data import export_readable


def _value(value) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "–"
    return str(value)


def personal_data_pdf(export: dict) -> bytes:
    """Title, one heading per part of the product, one table of label and value per row.
    Dates as local dates, like the page (not the JSON's ISO text)."""
    export = export_readable(export)
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    title = _("Mijn gegevens")
    pdf = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=_("BPV- en banenmatcher"))
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    subject = export.get("subject", {})
    story = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(f"{subject.get('name', '')} · {subject.get('email', '')}"), body),
        Paragraph(
            escape(_("Gemaakt op %(when)s") % {"when": export.get("generated_at", "")}),
            styles["Italic"],
        ),
        Spacer(1, 12),
    ]
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ]
    )
    for app_label, sections in export.get("sections", {}).items():
        try:
            heading = str(apps.get_app_config(app_label).verbose_name)
        except LookupError:
            heading = app_label
        story.append(Paragraph(escape(heading), styles["Heading1"]))
        for section, rows in sections.items():
            story.append(Paragraph(escape(section), styles["Heading2"]))
            for row in rows:
                cells = [
                    [Paragraph(escape(str(k)), body), Paragraph(escape(_value(v)), body)]
                    for k, v in row.items()
                ]
                table = Table(cells, colWidths=[5.5 * cm, 11 * cm])
                table.setStyle(grid)
                story += [table, Spacer(1, 6)]
    pdf.build(story)
    return buffer.getvalue()
