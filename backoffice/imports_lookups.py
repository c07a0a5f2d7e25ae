"""The names a file may use (places, crebos, competencies, schools, sectors), read in a few
queries per file, so checking 10,000 rows asks the database nothing per row."""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.models import Role, School, User
from matching.models import Certificate, Competency, Place, Qualification, Sector


def _problem(message: str) -> Exception:
    from .imports_formats import CellProblem  # late: the formats module imports this one

    return CellProblem(message)


def _names(model) -> dict[str, int]:
    """Lower-case name and every synonym → id (names win over synonyms)."""
    found: dict[str, int] = {}
    rows = list(model.objects.values_list("pk", "name", "synonyms"))
    for pk, _name, synonyms in rows:
        for synonym in synonyms or []:
            found.setdefault(str(synonym).strip().lower(), pk)
    found.update({name.strip().lower(): pk for pk, name, _s in rows})
    return found


class Lookups:
    """What the rows of one file may refer to, for one user's scope (a region or a school)."""

    def __init__(self, *, region_id: int | None, school_id: int | None):
        self.region_id, self.own_school_id = region_id, school_id
        self._places: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, name, province in Place.objects.order_by("pk").values_list(
            "pk", "name", "province"
        ):
            self._places[name.strip().lower()].append((pk, province))
        self._crebos = dict(Qualification.objects.values_list("crebo", "pk"))
        self._competencies = _names(Competency)
        self._certificates = _names(Certificate)
        self._sectors: dict[str, int] = {}
        for pk, code, name in Sector.objects.values_list("pk", "code", "name"):
            self._sectors[code.lower()] = self._sectors[name.lower()] = pk
        self._schools: dict[str, tuple[int, int]] = {}
        for pk, name, brin, region in School.objects.values_list("pk", "name", "brin", "region"):
            self._schools[name.strip().lower()] = self._schools[brin.strip().lower()] = (pk, region)
        self._hints: dict[tuple[str, str], str] = {}
        self._scope_schools = sorted(
            name
            for pk, name, brin, region in School.objects.values_list("pk", "name", "brin", "region")
            if (pk == school_id if school_id else region == region_id)
        )
        self._staff: dict[str, dict[str, int]] | None = None  # read when a file names staff

    SHOWN_SCHOOLS = 5

    def _staff_of_region(self) -> dict[str, dict[str, int]]:
        """Role → lower-case e-mail → id: the region's active jobhunters and school staff."""
        if self._staff is None:
            self._staff = {Role.JOBHUNTER: {}, Role.SCHOOL: {}}
            jobhunters = User.objects.filter(role=Role.JOBHUNTER, region_id=self.region_id)
            staff = User.objects.filter(role=Role.SCHOOL, school__region_id=self.region_id)
            for qs in (jobhunters, staff):
                for pk, email, role in qs.filter(is_active=True).values_list("pk", "email", "role"):
                    self._staff[role][email.lower()] = pk
        return self._staff

    def jobhunter(self, text: str) -> int:
        pk = self._staff_of_region()[Role.JOBHUNTER].get(text.strip().lower())
        if pk is None:
            raise _problem(_("%(v)s kennen we niet als jobhunter in jouw regio") % {"v": text})
        return pk

    def mentor(self, text: str) -> int:
        pk = self._staff_of_region()[Role.SCHOOL].get(text.strip().lower())
        if pk is None:
            raise _problem(
                _("%(v)s kennen we niet als schoolmedewerker in jouw regio") % {"v": text}
            )
        return pk

    def place(self, text: str) -> int:
        """A place by name; 'Bergen (Noord-Holland)' when two provinces have one."""
        name, _sep, province = text.partition("(")
        found = self._places.get(name.strip().lower(), [])
        if province:
            wanted = province.rstrip(") ").strip().lower()
            found = [p for p in found if p[1].lower() == wanted]
        if not found:
            raise _problem(_("%(v)s kennen we niet als plaats") % {"v": text})
        if len({p[1] for p in found}) > 1:
            raise _problem(
                _("er zijn meer plaatsen die %(v)s heten; schrijf de provincie erachter, zoals "
                  "%(v)s (%(p)s)") % {"v": text, "p": found[0][1]}
            )  # fmt: skip
        return found[0][0]

    def qualification(self, text: str) -> int:
        crebo = text.strip()
        if crebo not in self._crebos:
            raise _problem(_("crebo %(v)s kennen we niet") % {"v": crebo})
        return self._crebos[crebo]

    def competency(self, text: str) -> int:
        return self._vocabulary_term(text, self._competencies, "competency")

    def certificate(self, text: str) -> int:
        return self._vocabulary_term(text, self._certificates, "certificate")

    def sector(self, text: str) -> int:
        try:
            return self._sectors[text.strip().lower()]
        except KeyError as exc:
            raise _problem(_("sector %(v)s kennen we niet") % {"v": text}) from exc

    def school(self, text: str) -> int:
        if not text and self.own_school_id:
            return self.own_school_id
        pk, region = self._schools.get(text.strip().lower(), (None, None))
        if pk is None:
            raise _problem(self._unknown_school(text))
        if self.own_school_id and pk != self.own_school_id:
            raise _problem(_("je kunt alleen leerlingen van je eigen school inlezen"))
        if region != self.region_id:
            raise _problem(_("school %(v)s hoort niet bij jouw regio") % {"v": text})
        return pk

    def _unknown_school(self, text: str) -> str:
        message = _("school %(v)s kennen we niet") % {"v": text}
        shown = self._scope_schools[: self.SHOWN_SCHOOLS]
        if shown:
            message += "; " + _("kies uit %(names)s") % {"names": ", ".join(shown)}
            rest = len(self._scope_schools) - len(shown)
            if rest:
                message += " " + ngettext(
                    "(en nog %(n)s school)", "(en nog %(n)s scholen)", rest
                ) % {"n": rest}
        return message

    def _vocabulary_term(self, text: str, names: dict[str, int], kind: str) -> int:
        """Exact name or synonym only: a guess could give a student a skill they lack. An
        unknown term gets the vocabulary's nearest suggestion in its message."""
        pk = names.get(text.strip().lower())
        if pk is not None:
            return pk
        key = (kind, text.strip().lower())
        if key not in self._hints:
            from employers.services import vocabulary_suggest

            hits = vocabulary_suggest(kind=kind, text=text, limit=1)
            self._hints[key] = hits[0].name if hits else ""
        message = _("%(v)s kennen we niet") % {"v": text}
        if self._hints[key]:
            message += " " + _("(bedoel je %(hint)s?)") % {"hint": self._hints[key]}
        raise _problem(message)
