"""What one entry of a catalogue file may say, as pydantic models.

Each entry is checked on its own, so that every entry's problems are reported at once; what
needs the whole file (unique slugs, a team naming a service area that exists, the profile's
routing teams) is checked by `loading` after. A text left empty or null is "", an unknown key is
refused (a misspelt "standard_day" would otherwise be silently dropped).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from opencex.catalogue.models import TRANSLATED_SERVICE_FIELDS, Channel, Provider
from opencex.file_problems import problem
from opencex.languages import ENGLISH, offered_languages, translation_problems


def _stripped(value: Any) -> Any:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _required(value: str) -> str:
    if not value:
        raise problem("is empty")
    return value


def _none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def _kept_texts(values: list[str]) -> list[str]:
    return [value for value in values if value]


# A text: null is "", spaces around it do not count.
Text = Annotated[StrictStr, BeforeValidator(_stripped)]
RequiredText = Annotated[Text, AfterValidator(_required)]
# A list of texts; null is an empty list, and empty texts are dropped.
Texts = Annotated[list[Text], BeforeValidator(_none_as_empty_list), AfterValidator(_kept_texts)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    slug: RequiredText


class ServiceAreaEntry(Entry):
    name: RequiredText
    description: Text = ""


class TopicEntry(Entry):
    name: RequiredText


class TeamEntry(Entry):
    name: RequiredText
    service_area: Text
    email: Text = ""


class ServiceTexts(BaseModel):
    """A service's resident-facing texts in one other language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: StrictStr | None = None
    summary: StrictStr | None = None
    eligibility: StrictStr | None = None
    cost: StrictStr | None = None
    standard_text: StrictStr | None = None
    if_late: StrictStr | None = None

    @model_validator(mode="before")
    @classmethod
    def _only_resident_texts(cls, value: Any) -> Any:
        unknown = (
            sorted(set(value) - set(TRANSLATED_SERVICE_FIELDS)) if isinstance(value, dict) else []
        )
        if unknown:
            raise problem(
                f"{unknown} are not texts of a service; use {list(TRANSLATED_SERVICE_FIELDS)}"
            )
        return value

    def stored(self) -> dict[str, str]:
        """The texts as a service stores them: stripped, the empty ones left out."""
        texts = {name: (getattr(self, name) or "").strip() for name in TRANSLATED_SERVICE_FIELDS}
        return {name: text for name, text in texts.items() if text}


assert set(ServiceTexts.model_fields) == set(TRANSLATED_SERVICE_FIELDS)


class ServiceEntry(Entry):
    title: RequiredText
    summary: RequiredText
    provider: Annotated[Provider, BeforeValidator(lambda v: v or Provider.COUNCIL)] = (
        Provider.COUNCIL
    )
    external_url: Text = ""
    external_provider: Any = ""
    form_family: Text = ""
    form_questions: Annotated[list[dict[str, Any]], BeforeValidator(_none_as_empty_list)] = []
    service_area: Text = ""
    team: Text = ""
    topic: Text = ""
    channels: Annotated[list[Channel], BeforeValidator(_none_as_empty_list)] = []
    cost: Text = ""
    eligibility: Text = ""
    lgsl: StrictInt | None = None
    case_kind: Text = ""
    standard_days: Annotated[StrictInt, Field(ge=1)] | None = None
    standard_text: Text = ""
    if_late: Text = ""
    keywords: Texts = []
    landlord_function: bool = False
    translations: dict[str, ServiceTexts] | None = None

    @field_validator("translations")
    @classmethod
    def _offered_languages(cls, value: dict[str, ServiceTexts] | None) -> Any:
        others = [code for code in offered_languages() if code != ENGLISH]
        for code in value or {}:
            if code == ENGLISH:
                raise problem("English goes in the service's own fields, not translations")
            if code not in others:
                raise problem(
                    f"'{code}' is a language this site does not offer "
                    f"(it offers {', '.join(others)} besides English)"
                )
        return value

    @field_validator("external_provider")
    @classmethod
    def _provider_name(cls, value: Any) -> Any:
        found = translation_problems(value, "the provider's name")
        if found:
            raise problem(" ".join(found).removesuffix("."))
        return value or ""

    @model_validator(mode="after")
    def _complete(self) -> ServiceEntry:
        if self.provider == Provider.COUNTY and not self.external_url:
            raise problem("it is the county's, so it needs an external_url to send people to")
        if (self.standard_days is None) != (not self.standard_text):
            raise problem("a service standard needs both standard_days and standard_text")
        return self

    def stored_translations(self) -> dict[str, dict[str, str]]:
        return {code: texts.stored() for code, texts in (self.translations or {}).items()}


VIDEO_KEYS = {"src", "captions", "transcript", "title", "captions_language"}


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, str) for i in value)


def _is_block(block: Any) -> bool:
    if isinstance(block, str):
        return bool(block.strip())
    if isinstance(block, list):
        return _is_text_list(block)
    if isinstance(block, dict) and set(block) == {"steps"}:
        return _is_text_list(block["steps"])
    if isinstance(block, dict) and set(block) == {"video"}:
        return isinstance(block["video"], dict)
    is_heading = isinstance(block, dict) and set(block) == {"heading"}
    return is_heading and isinstance(block["heading"], str)


def _video_problem(video: dict[str, Any]) -> str:
    """What is wrong with a video block, or "": a video is shown only with captions (a WebVTT
    file) and a transcript, so that nobody needs to hear or see it to follow it."""
    unknown = set(video) - VIDEO_KEYS
    if unknown:
        return f"has unknown keys {', '.join(sorted(unknown))}"
    missing = [
        name
        for name, ok in (
            ("src (the video's address)", isinstance(video.get("src"), str) and video["src"]),
            (
                "captions (a WebVTT .vtt file)",
                isinstance(video.get("captions"), str) and video["captions"].endswith(".vtt"),
            ),
            (
                "transcript",
                isinstance(video.get("transcript"), str) and video["transcript"].strip(),
            ),
        )
        if not ok
    ]
    return f"needs {' and '.join(missing)}" if missing else ""


def _blocks(body: list[Any]) -> list[Any]:
    for position, block in enumerate(body):
        if not _is_block(block):
            raise problem(
                f"block {position + 1} is not a paragraph (text), a bulleted list (a list of "
                'text), a heading ({"heading": text}), numbered steps ({"steps": [text, ...]}) '
                'or a video ({"video": {"src", "captions", "transcript"}})'
            )
        if isinstance(block, dict) and "video" in block:
            found = _video_problem(block["video"])
            if found:
                raise problem(f"the video in block {position + 1} {found}")
    return body


# A guidance page's body: paragraphs, bulleted lists and headings.
Body = Annotated[list[Any], BeforeValidator(_none_as_empty_list), AfterValidator(_blocks)]


class GuidancePageEntry(Entry):
    title: RequiredText
    summary: RequiredText
    body: Body = []
    keywords: Texts = []
    topic: Text = ""
    services: Texts = []


def body_shape(body: list[Any]) -> list[str]:
    """A guidance body's shape, block by block: "paragraph", "heading", "video", "list of 3" or
    "steps of 3"."""
    shape = []
    for block in body:
        if isinstance(block, list):
            shape.append(f"list of {len(block)}")
        elif isinstance(block, dict) and "steps" in block:
            shape.append(f"steps of {len(block['steps'])}")
        elif isinstance(block, dict) and "video" in block:
            shape.append("video")
        elif isinstance(block, dict):
            shape.append("heading")
        else:
            shape.append("paragraph")
    return shape


class Translation(BaseModel):
    """One row's texts in a translation file; a text left out, empty or null is not translated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def stored(self) -> dict[str, Any]:
        """The texts as a row's `translations` keeps them, the untranslated ones left out."""
        return {name: value for name, value in self.model_dump().items() if value}


class ServiceAreaTranslation(Translation):
    name: Text = ""
    description: Text = ""


class TopicTranslation(Translation):
    name: Text = ""


class ServiceTranslation(Translation):
    title: Text = ""
    summary: Text = ""
    eligibility: Text = ""
    cost: Text = ""
    standard_text: Text = ""
    if_late: Text = ""
    keywords: Texts = []


class GuidancePageTranslation(Translation):
    title: Text = ""
    summary: Text = ""
    body: Body = []
    keywords: Texts = []


# A translation file's sections: (name in the file, singular for problems, what each entry holds).
TRANSLATION_SECTIONS: tuple[tuple[str, str, type[Translation]], ...] = (
    ("service_areas", "service area", ServiceAreaTranslation),
    ("topics", "topic", TopicTranslation),
    ("services", "service", ServiceTranslation),
    ("guidance_pages", "guidance page", GuidancePageTranslation),
)
