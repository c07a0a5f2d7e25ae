import datetime
import re

from django.db import migrations, models

# The sweep's old Dutch explanations -> code and parameters (dates were stored as dd-mm-yyyy).
NO_PLACE = re.compile(
    r"^De BPV begint op (\d{2}-\d{2}-\d{4}) en er is nog geen plek\. "
    r"De regio escaleert (\d+) weken voor de start\.$"
)
STALE = re.compile(
    r"^De zoekvraag staat (\d+) dagen stil \(de regio escaleert na (\d+) dagen\)\. "
    r"Uiterlijk geplaatst op (\d{2}-\d{2}-\d{4})\.$"
)


def _iso(text):
    return datetime.datetime.strptime(text, "%d-%m-%Y").date().isoformat()  # noqa: DTZ007


def explanation_code(text):
    """The code and parameters of an old generated explanation; ("", {}) for a person's words."""
    text = (text or "").strip()
    if found := NO_PLACE.match(text):
        return "escalation.why.no_place_before_start", {
            "start": _iso(found[1]),
            "weeks": int(found[2]),
        }
    if found := STALE.match(text):
        return "escalation.why.stale_search", {
            "idle": int(found[1]),
            "days": int(found[2]),
            "deadline": _iso(found[3]),
        }
    return "", {}


def codes_for_old_rows(apps, schema_editor):
    """Old cases stored the sweep's explanation as Dutch text: those become codes (a person's
    own words stay as written), and so does the explanation in the message of a new case."""
    Escalation = apps.get_model("marketplace", "Escalation")
    for case in Escalation.objects.filter(explanation_code="").only("explanation").iterator():
        code, params = explanation_code(case.explanation)
        if code:
            Escalation.objects.filter(pk=case.pk).update(
                explanation_code=code, explanation_params=params
            )
    Notification = apps.get_model("marketplace", "Notification")
    for note in Notification.objects.filter(code="escalation.opened").iterator():
        params = dict(note.params or {})
        code, why = explanation_code(params.get("text"))
        if code and not params.get("why"):
            params.update(why=code, why_params=why)
            Notification.objects.filter(pk=note.pk).update(params=params)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0012_stored_text_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="escalation",
            name="explanation_code",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="escalation",
            name="explanation_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(codes_for_old_rows, migrations.RunPython.noop),
    ]
