"""The urgency cues as data: each cue's phrases in English, Polish and Arabic.

A phrase is a tuple of slots; a slot is the words any one of which fills it ("word" whole,
"stem*" any ending, for inflections). A phrase is found when each slot is filled by a different
word of one clause, all within `detector.WINDOW` words. A phrase marked `negative` carries its own
negation ("no heating", "I can't afford food"), so a "no" before it does not cancel it; any other
phrase is cancelled by a negation just before it ("I don't smell gas"). `excluded` words near a
phrase make it a near miss ("flood risk", "food waste"). Written as residents write, unaccented
and Arabic letters are normalised the same way as the text (`detector.forms_of`).

Changing these lists changes what the model does: raise `MODEL_VERSION` and run `bench/cues.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

MODEL_VERSION = "cues-2026-12.1"


@dataclass(frozen=True)
class Phrase:
    slots: tuple[str, ...]  # each slot: words separated by "|"
    negative: bool = False


@dataclass(frozen=True)
class Cue:
    key: str
    name: str  # what an officer reads: "gas smell"
    priority: str  # the least priority a case with this cue should have: "high" or "urgent"
    phrases: dict[str, tuple[Phrase, ...]]  # by language
    excluded: dict[str, str]  # by language: words that make a phrase near them a near miss
    special_category: bool = False  # health data (UK GDPR art. 9): only the key is kept
    heating_season_only: bool = False  # "no heating, no hot water in winter"


# Negations that cancel a phrase after them (and that "no heating" is made of).
NEGATIONS = {
    "en": "no|not|never|dont|doesnt|didnt|isnt|wasnt|arent|aint|cant|cannot|couldnt|hasnt|havent"
    "|hadnt|wont|without|nothing|none|nor",
    "pl": "nie|brak|bez|zaden*|nigdy|ani",
    "ar": "لا|لم|لن|ما|ليس|ليست|مش|مو|بدون|عدم|غير|مافي|ماكو",
}

# Words that say the problem is over ("fixed now"): the clause they are in holds no cue, nor the
# clause before a "but ... fixed". A negation just before one keeps the problem ("not fixed").
RESOLVED = {
    "en": "fixed|repaired|resolved|sorted|restored|mended|working again|works again|"
    "working now|now working|now works|back on|all good|no problem now",
    "pl": "naprawi*|naprawion*|przywrocon*|rozwiazan*|usunieto|dziala juz|juz dziala|"
    "znowu dziala|dziala znowu|dziala ponownie|z powrotem",
    "ar": "اصلاح|اصلح*|تصليح|صلح*|تم حل|انحلت|عادت|عاد|رجعت|يعمل الان|تعمل الان|اشتغل*",
}

# Words that start a clause turning against the one before ("..., but it is fixed now").
CONTRASTS = {
    "en": "but|however|although|though",
    "pl": "ale|jednak|lecz|choc",
    "ar": "لكن|ولكن|بس|لكنه|لكنها",
}

_BROKEN = {
    "en": NEGATIONS["en"] + "|broken|broke|break*|stopped|stop*|fail*|faulty|dead|kaput|packed|"
    "cold|freezing|bust|conked",
    "pl": NEGATIONS["pl"] + "|zepsu*|popsu*|awari*|niesprawn*|zimn*|przesta*|padl*|zamarz*",
    "ar": NEGATIONS["ar"] + "|معطل*|عطل*|خربان*|خرب*|متوقف*|توقف*|بارد*|مقطوع*|انقطع*|انقطاع",
}
_FAMILY = {
    "en": "mother|mum|mom|mummy|father|dad|daddy|husband|wife|partner|son|daughter|child|baby|"
    "brother|sister|grandmother|grandma|granny|nan|nana|grandad|granddad|grandfather|parent*|"
    "aunt|uncle|relative|fiance|fiancee|boyfriend|girlfriend",
    "pl": "matk*|mama|mamy|ojciec|ojca|tata|taty|tato|maz|meza|zona|zony|syn|syna|corka|"
    "corki|dziecko|dziecka|brat|brata|siostra|siostry|babcia|babci|dziadek|dziadka|rodzic*|"
    "partner*",
    "ar": "امي|والدتي|والدي|ابي|زوجي|زوجتي|ابني|ابنتي|بنتي|اخي|اختي|جدي|جدتي|طفلي|ولدي|امه|ابوه",
}

CUES: tuple[Cue, ...] = (
    Cue(
        key="no_heating",
        name="no heating",
        priority="high",
        heating_season_only=True,
        phrases={
            "en": (
                Phrase(("heating|heater*|boiler*|radiator*|heat", _BROKEN["en"]), negative=True),
                Phrase(("freezing|frozen", "home|house|flat|we|kids|children|baby|inside")),
            ),
            "pl": (
                Phrase(
                    (
                        "ogrzewani*|grzejnik*|kaloryfer*|piec|pieca|piecu|piecyk*|kociol|kotla|"
                        "kotle|boiler*",
                        _BROKEN["pl"],
                    ),
                    negative=True,
                ),
                Phrase(("marzniemy|zamarzamy|zimno|lodowato", "domu|mieszkaniu|dzieci|dziecko")),
            ),
            "ar": (
                Phrase(
                    (
                        "تدفئه*|دفايه|مدفا*|مدفئه|غلايه|غلاي*|مرجل*|شوفاج|رادياتير*|مشعاع*",
                        _BROKEN["ar"],
                    ),
                    negative=True,
                ),
                Phrase(("برد*|بارد*|نتجمد|متجمد*", "بيت*|منزل*|شقه*|اطفال*|اولاد*")),
            ),
        },
        excluded={
            "en": "bill|bills|tariff|grant|payment|allowance",
            "pl": "rachun*|oplat*",
            "ar": "فاتوره*",
        },
    ),
    Cue(
        key="no_hot_water",
        name="no hot water",
        priority="high",
        heating_season_only=True,
        phrases={
            "en": (
                Phrase(("hot", "water", _BROKEN["en"]), negative=True),
                Phrase(("only|just", "cold", "water")),
            ),
            "pl": (
                Phrase(("ciepl*|gorac*", "wod*", _BROKEN["pl"]), negative=True),
                Phrase(("tylko", "zimn*", "wod*")),
            ),
            "ar": (
                Phrase(("ماء|مياه|مي|مويه", "ساخن*|حار*|دافئ*", _BROKEN["ar"]), negative=True),
                Phrase(("سخان*", _BROKEN["ar"]), negative=True),
            ),
        },
        excluded={"en": "bill|bills|tank|bottle", "pl": "rachun*", "ar": "فاتوره*"},
    ),
    Cue(
        key="flooding",
        name="flooding or water coming through",
        priority="urgent",
        phrases={
            "en": (
                Phrase(("flood*|inundated",)),
                Phrase(
                    (
                        "water",
                        "coming|pouring|pours|poured|gushing|leaking|leaks|dripping|running|"
                        "pouring|streaming|flowing",
                        "ceiling|through|light*|electric*|socket*|floor*|everywhere|walls",
                    )
                ),
                Phrase(("burst|bursting", "pipe*|main*|water")),
                Phrase(("water", "everywhere")),
                Phrase(("sewage", "flood*|overflow*|coming|everywhere|house|home|garden|inside")),
            ),
            "pl": (
                Phrase(("zala*|zalew*|powodz*|podtop*",)),
                Phrase(
                    (
                        "wod*",
                        "leci|leje|cieknie|kapie|przecieka|plynie|wlewa|tryska",
                        "sufit*|scian*|prad*|gniazd*|podlog*|wszedzie|mieszkani*|lamp*",
                    )
                ),
                Phrase(("pekl*|peknie*", "rur*")),
            ),
            "ar": (
                Phrase(("فيضان*|طوفان|غمر*|غرقت|غرق",)),
                Phrase(
                    (
                        "ماء|مياه|مي|مويه",
                        "تتسرب|يتسرب|تسرب*|تنزل|ينزل|يقطر|تقطر|تتدفق|يتدفق|تدخل|يدخل|نازل*",
                        "سقف*|جدار*|حيطان|كهرباء|ارض*|شقه|بيت|منزل|كل",
                    )
                ),
                Phrase(("انفجار|انفجر*|مكسور*|كسر*", "انبوب*|ماسوره*|مواسير|بايب")),
            ),
        },
        excluded={
            "en": "risk|defence|defences|defense|alleviation|plain|zone|map|insurance|"
            "complaints|emails|calls|letters|scheme|consultation|warning|warnings|alert",
            "pl": "ryzyk*|przeciwpowodziow*|mapa|ubezpiecz*|wiadomosci|polec*",
            "ar": "مخاطر|خطر|تامين|خريطه|رسائل",
        },
    ),
    Cue(
        key="gas_smell",
        name="gas smell",
        priority="urgent",
        phrases={
            "en": (
                Phrase(("smell*|whiff|odour|odor|stink*|reek*|smelt", "gas|gass")),
                Phrase(("gas|gass", "leak*|escape|escaping")),
            ),
            "pl": (
                Phrase(("czuc|czuj*|czuje|zapach*|smierdz*|smrod*|won", "gaz*")),
                Phrase(("ulatnia*|wyciek*|ucieka*|ulatuje|ulatnianie", "gaz*")),
            ),
            "ar": (
                Phrase(("رائحه*|ريحه|رايحه|اشم|شم*", "غاز")),
                Phrase(("تسرب*|تسريب*|يتسرب|تتسرب", "غاز")),
            ),
        },
        excluded={"en": "bill|bills|tariff|supplier", "pl": "rachun*|oplat*", "ar": "فاتوره*"},
    ),
    Cue(
        key="threats",
        name="threats or violence",
        priority="urgent",
        phrases={
            "en": (
                Phrase(("threat*",)),
                Phrase(
                    (
                        "assault*|attacked|attacking|violence|violent|abuse|abused|abusive|"
                        "harass*|intimidat*|stabbed|stabbing|knife|knives|weapon*|gun",
                    )
                ),
                Phrase(("hit|kicked|punched|hurt|beat|beaten|attacked", "me|us|my|her|him")),
                Phrase(("kill", "me|us|you|family|kids|children")),
                Phrase(("afraid|scared|frightened|fear*|terrified", "life|safety|safe")),
            ),
            "pl": (
                Phrase(("groz*|grozb*",)),
                Phrase(
                    (
                        "pobi*|bije|bil|uderzy*|napad*|napast*|zaatak*|atakuje|przemoc*|"
                        "zastrasz*|neka*|nekani*|noz|nozem|noza|bron",
                    )
                ),
                Phrase(("zabij*|zabic|zabije", "cie|ciebie|was|mnie|nas|dzieci")),
                Phrase(("boj*|boi*|strach*", "zycie|zycia|bezpieczen*")),
            ),
            "ar": (
                Phrase(("هدد*|يهدد*|تهديد*|تهدد*",)),
                Phrase(
                    (
                        "اعتدي*|اعتداء|يعتدي*|اعتدى|عنف|سكين|سلاح|مسدس|ضربني|ضربوني|ضربنا|يضربني|"
                        "يضربنا|سيقتلني|يقتلني|قتلي|تحرش*",
                    )
                ),
                Phrase(("خائف*|خايف*|اخاف|خوف", "حياتي|سلامتي|حياه|حياتنا")),
            ),
        },
        excluded={
            "en": "heart|panic|asthma|species|fire",
            "pl": "serc*|mandat*|kara|kary",
            "ar": "قلب*|غرامه*",
        },
    ),
    Cue(
        key="bereavement",
        name="bereavement",
        priority="high",
        phrases={
            "en": (
                Phrase(("bereave*|funeral*|cremation",)),
                Phrase(("passed", "away")),
                Phrase(("died|dead|death|deceased|lost|passing", _FAMILY["en"])),
            ),
            "pl": (
                Phrase(("zmarl*|zmarla|zgon*|smierc*|pogrzeb*|zalob*|odeszl*|odszedl",)),
                Phrase(("umarl*|stracil*|stracilam", _FAMILY["pl"])),
            ),
            "ar": (
                Phrase(("توفي*|توفت|وفاه|متوفي*|جنازه*|عزاء|المرحوم|المرحومه|مرحوم*",)),
                Phrase(("مات|ماتت|فقدت|فقدنا", _FAMILY["ar"])),
            ),
        },
        excluded={"en": "", "pl": "", "ar": ""},
    ),
    Cue(
        key="self_harm",
        name="self-harm or suicide",
        priority="urgent",
        special_category=True,
        phrases={
            "en": (
                Phrase(("suicid*|selfharm|overdose*",)),
                Phrase(("self", "harm*")),
                Phrase(
                    (
                        "kill|end|ending|take|taking|hurt|hurting|harm|harming|cut|cutting",
                        "myself|life",
                    )
                ),
                Phrase(("end", "it", "all")),
                Phrase(("want|wanna|wish", "die|dead")),
                Phrase(("dont|not|no", "want", "live|alive|living|anymore|here"), negative=True),
                Phrase(("no", "reason|point", "living|live|life|on"), negative=True),
                Phrase(("better", "off", "dead|without")),
            ),
            "pl": (
                Phrase(("samoboj*|samookalecz*|przedawkow*",)),
                Phrase(
                    (
                        "zabic|zabije|zabic|odebrac|odbiore|skonczyc|skoncze|okalecz*|tne|ranie",
                        "sie|sobie|zycie|soba",
                    )
                ),
                Phrase(("nie", "chce|chcialbym|chcialabym", "zyc"), negative=True),
                Phrase(("chce|chcialbym|chcialabym", "umrzec")),
            ),
            "ar": (
                Phrase(("انتحار*|انتحر*|انتحاري*",)),
                Phrase(("اقتل|قتل|اؤذي|ايذاء|اذيت|اذي*|اجرح|جرح", "نفسي|نفس")),
                Phrase(("انهي|انهاء|انهى|انهيت", "حياتي")),
                Phrase(("لا|ما|مش", "اريد|ابغي|بدي|اريده", "اعيش|عيش|حياه"), negative=True),
                Phrase(("اريد|بدي|ابغي", "اموت")),
            ),
        },
        excluded={
            "en": "stairs|pavement|road|pothole|here|there|area|street|flat|estate|house",
            "pl": "schod*|chodnik*|dziur*|drodze|ulic*|tu|tutaj|tam|okolic*",
            "ar": "درج|رصيف|شارع|حفره|هنا|هناك|منطقه",
        },
    ),
    Cue(
        key="financial_crisis",
        name="financial crisis",
        priority="high",
        phrases={
            "en": (
                Phrase(
                    (
                        "cant|cannot|unable|not",
                        "afford",
                        "food|eat|heat*|feed*|rent|electric*|gas|meter|nappies|baby|children|kids",
                    ),
                    negative=True,
                ),
                Phrase(
                    (
                        "no|nothing|without|out",
                        "money|cash",
                        "food|eat|left|rent|bills|electric*|"
                        "gas|meter|kids|children|tomorrow|week|all",
                    ),
                    negative=True,
                ),
                Phrase(("no|nothing|without", "food|eat"), negative=True),
                Phrase(("food", "bank*|parcel*|voucher*")),
                Phrase(("evict*|bailiff*|repossess*|destitute|starving|hungry",)),
                Phrase(("kicked|thrown|chucked", "out")),
                Phrase(("homeless", "tonight|tomorrow|today|street|streets")),
            ),
            "pl": (
                Phrase(
                    (
                        "nie",
                        "mam|mamy|stac|starcza*|wystarcza*",
                        "pieniedzy|pieniadz*|jedzeni*|jesc|czynsz*|prad*|chleb*",
                    ),
                    negative=True,
                ),
                Phrase(("brak|bez", "pieniedzy|jedzenia|srodkow"), negative=True),
                Phrase(("bank*", "zywnosci")),
                Phrase(("eksmisj*|eksmit*|wyeksmit*|komornik*|glod*|glodn*|bezdomn*",)),
                Phrase(("wyrzuc*", "mieszkani*|domu|ulice|nas|mnie")),
            ),
            "ar": (
                Phrase(
                    ("لا|ليس|ما|مافي|بدون|ماكو|لايوجد", "مال|فلوس|نقود|مصاري|طعام|اكل|اكله|نقد"),
                    negative=True,
                ),
                Phrase(
                    ("لا|ما|مش", "استطيع|اقدر|قادر*|نستطيع", "شراء|اشتري|اطعام|طعام|اكل"),
                    negative=True,
                ),
                Phrase(("بنك|بنوك", "طعام")),
                Phrase(
                    ("اخلاء|طردنا|سيطردوننا|يطردوننا|طردي|طردونا|طردني|جوع*|جائع*|جوعان*|مشرد*",)
                ),
            ),
        },
        excluded={
            "en": "waste|caddy|bin|bins|hygiene|rating|collection|business|licence|license|"
            "stall|online|website|refund",
            "pl": "odpad*|kosz*|higien*|licencj*|online|stron*",
            "ar": "نفايات|قمامه|صحيه|رخصه|انترنت|موقع|اونلاين",
        },
    ),
)

CUES_BY_KEY = {cue.key: cue for cue in CUES}
LANGUAGES = ("en", "pl", "ar")
