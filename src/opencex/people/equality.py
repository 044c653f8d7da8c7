"""The equality-monitoring questions a resident may answer, and their answers, as data: the ONS
2021 census categories (ethnic group, religion, sex, gender identity, sexual orientation), the
Equality Act 2010 definition of disability, age bands and main language. Every question has
"Prefer not to say"; a question left blank is "not answered". Reports group by these values
(insight.reach), never show one person's answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = "prefer_not_to_say"
NOT_ANSWERED = ""

# Why the council asks, as the resident agrees to it and as the profile records it.
PURPOSE = _(
    "To check that the council's services reach everyone and treat everyone fairly "
    "(Equality Act 2010, section 149). Only totals for groups of at least 5 people are "
    "reported; no officer can see your answers."
)


@dataclass(frozen=True)
class Question:
    field: str  # the EqualityProfile field that holds the answer
    label: Promise  # the question, as the resident reads it
    heading: Promise  # the characteristic, as a report names it
    options: tuple[tuple[str, Promise], ...]
    hint: Promise | str = ""

    @property
    def choices(self) -> list[tuple[str, Promise]]:
        return [*self.options, (PREFER_NOT_TO_SAY, _("Prefer not to say"))]

    def answer_in_words(self, value: str) -> str:
        if value == NOT_ANSWERED:
            return str(_("Not answered"))
        return str(dict(self.choices).get(value, value))


AGE_BAND = Question(
    "age_band",
    _("What is your age?"),
    _("Age"),
    (
        ("under_18", _("Under 18")),
        ("18_24", _("18 to 24")),
        ("25_34", _("25 to 34")),
        ("35_44", _("35 to 44")),
        ("45_54", _("45 to 54")),
        ("55_64", _("55 to 64")),
        ("65_74", _("65 to 74")),
        ("75_plus", _("75 or over")),
    ),
)
SEX = Question(
    "sex",
    _("What is your sex?"),
    _("Sex"),
    (("female", _("Female")), ("male", _("Male"))),
)
GENDER_SAME_AS_BIRTH = Question(
    "gender_same_as_birth",
    _("Is the gender you identify with the same as your sex registered at birth?"),
    _("Gender identity the same as sex registered at birth"),
    (("yes", _("Yes")), ("no", _("No"))),
)
# The ONS 2021 census ethnic groups for England and Wales: 19 groups within 5 headings.
ETHNIC_GROUP = Question(
    "ethnic_group",
    _("What is your ethnic group?"),
    _("Ethnic group"),
    (
        ("asian_bangladeshi", _("Asian, Asian British or Asian Welsh: Bangladeshi")),
        ("asian_chinese", _("Asian, Asian British or Asian Welsh: Chinese")),
        ("asian_indian", _("Asian, Asian British or Asian Welsh: Indian")),
        ("asian_pakistani", _("Asian, Asian British or Asian Welsh: Pakistani")),
        ("asian_other", _("Asian, Asian British or Asian Welsh: any other Asian background")),
        ("black_african", _("Black, Black British, Black Welsh, Caribbean or African: African")),
        (
            "black_caribbean",
            _("Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
        ),
        (
            "black_other",
            _(
                "Black, Black British, Black Welsh, Caribbean or African: any other Black, "
                "Black British or Caribbean background"
            ),
        ),
        ("mixed_white_asian", _("Mixed or Multiple ethnic groups: White and Asian")),
        (
            "mixed_white_black_african",
            _("Mixed or Multiple ethnic groups: White and Black African"),
        ),
        (
            "mixed_white_black_caribbean",
            _("Mixed or Multiple ethnic groups: White and Black Caribbean"),
        ),
        (
            "mixed_other",
            _("Mixed or Multiple ethnic groups: any other Mixed or Multiple ethnic background"),
        ),
        ("white_british", _("White: English, Welsh, Scottish, Northern Irish or British")),
        ("white_irish", _("White: Irish")),
        ("white_gypsy_traveller", _("White: Gypsy or Irish Traveller")),
        ("white_roma", _("White: Roma")),
        ("white_other", _("White: any other White background")),
        ("other_arab", _("Other ethnic group: Arab")),
        ("other_any", _("Other ethnic group: any other ethnic group")),
    ),
)
DISABILITY = Question(
    "disability",
    _("Do you consider yourself to be disabled?"),
    _("Disability"),
    (("yes", _("Yes")), ("no", _("No"))),
    hint=_(
        "The Equality Act 2010 says you are disabled if you have a physical or mental "
        "impairment that has a substantial and long-term negative effect on your ability to do "
        "normal daily activities."
    ),
)
RELIGION = Question(
    "religion",
    _("What is your religion?"),
    _("Religion"),
    (
        ("none", _("No religion")),
        ("christian", _("Christian")),
        ("buddhist", _("Buddhist")),
        ("hindu", _("Hindu")),
        ("jewish", _("Jewish")),
        ("muslim", _("Muslim")),
        ("sikh", _("Sikh")),
        ("other", _("Any other religion")),
    ),
)
SEXUAL_ORIENTATION = Question(
    "sexual_orientation",
    _("Which of the following best describes your sexual orientation?"),
    _("Sexual orientation"),
    (
        ("straight", _("Straight or heterosexual")),
        ("gay_lesbian", _("Gay or lesbian")),
        ("bisexual", _("Bisexual")),
        ("other", _("Other sexual orientation")),
    ),
)
MAIN_LANGUAGE = Question(
    "main_language",
    _("What is your main language?"),
    _("Main language"),
    # The site's own languages, each in its own name, and any other.
    (*((code, name) for code, name in settings.LANGUAGES), ("other", _("Another language"))),
)

QUESTIONS: tuple[Question, ...] = (
    AGE_BAND,
    SEX,
    GENDER_SAME_AS_BIRTH,
    ETHNIC_GROUP,
    DISABILITY,
    RELIGION,
    SEXUAL_ORIENTATION,
    MAIN_LANGUAGE,
)
FIELDS = tuple(question.field for question in QUESTIONS)


def question(field: str) -> Question:
    return next(q for q in QUESTIONS if q.field == field)
