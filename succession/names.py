"""Name keys that make transliterations and scripts meet.

``key`` folds case, diacritics, punctuation and Cyrillic script (Russian, Tajik, Kazakh, Kyrgyz,
Uzbek letters) into plain Latin words. ``phonetic`` further merges the usual transliteration
variants of Central Asian names: kh/h/x, zh/dzh/j, y/i, yo/o, ye/e, w/v, q/k, doubled letters, so
"Rakhmonov", "Rahmonov" and "Рахмонов" share one key, as do "Ubaydulloyev" and "Ubaidulloev".
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Tajik
    "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j",
    # Kazakh, Kyrgyz
    "ә": "a", "і": "i", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    # Uzbek Cyrillic
    "ў": "o",
}

# Office words that mean the same post in English-language press.
# A value of several words expands in place ("pm" -> "prime minister"), so "Tajik PM" contains the words
# of "Prime Minister of Tajikistan" and the loose look-up finds it; edits never use these loose matches.
_SYNONYMS = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "speaker": "chair",
    "toraga": "chair", "torogaga": "chair", "chief": "chair", "head": "chair", "director": "chair",
    "raisi": "chair", "rais": "chair", "predsedatel": "chair",
    "akim": "governor", "hokim": "governor", "khokim": "governor", "hakim": "governor", "mayoralty": "governor",
    "mayor": "governor", "hokimi": "governor", "akimi": "governor",
    # Kyrgyz regional heads were "plenipotentiary representatives" (полпред) of the government or president
    "polpred": "governor", "plenipotentiary": "governor", "governorate": "governor",
    "presidential": "president", "presidency": "president",
    "premier": "prime minister", "pm": "prime minister", "dpm": "deputy prime minister",
    "fdpm": "first deputy prime minister", "fm": "foreign minister", "mfa": "foreign minister",
    "ministry": "minister", "mns": "minister national security",
    "interior": "internal affairs", "mvd": "internal affairs", "defense": "defence",
    "knb": "national security committee", "gknb": "state committee national security",
    "snb": "national security service", "sgb": "state security service", "dxx": "state security service",
    "mnb": "minister national security",
    # the press still calls every post-Soviet security service "the KGB"
    "kgb": "national security", "nss": "national security service",
    "kazakh": "kazakhstan", "kazakhstani": "kazakhstan", "kyrgyz": "kyrgyzstan", "kirghiz": "kyrgyzstan",
    "tajik": "tajikistan", "turkmen": "turkmenistan", "uzbek": "uzbekistan", "karakalpak": "karakalpakstan",
    # "Mary welaýat hakimi", "Andijon viloyati hokimi", "Chuy oblusu": the local words for a region
    "welayat": "region", "velayat": "region", "viloyat": "region", "viloyati": "region", "oblast": "region",
    "oblasti": "region", "oblys": "region", "oblysy": "region", "oblusu": "region", "hakimi": "governor",
    "khokimi": "governor",
    # Kyrgyz spellings of Issyk-Kul (Ysyk-Köl)
    "ysyk": "issyk", "kol": "kul",
    # Russian as the region's press writes it ("Премьер-министр Казахстана", "Председатель ГКНБ Кыргызстана",
    # "Министр внутренних дел Узбекистана"), folded to Latin first: the genitive country and the usual words
    "kazakhstana": "kazakhstan", "kyrgyzstana": "kyrgyzstan", "kirgizii": "kyrgyzstan", "kirgizstana": "kyrgyzstan",
    "tadzhikistana": "tajikistan", "uzbekistana": "uzbekistan", "turkmenistana": "turkmenistan",
    "turkmenii": "turkmenistan", "respublika": "republic", "respubliki": "republic",
    "premer": "prime", "ministr": "minister", "ministra": "minister", "prezident": "president",
    "prezidenta": "president", "mer": "governor", "glava": "chair", "sekretar": "secretary",
    "vnutrennikh": "internal", "del": "affairs", "oborony": "defence", "inostrannykh": "foreign",
    "prokuror": "prosecutor", "generalnyy": "general", "generalnyi": "general",
    "sovet": "council", "soveta": "council", "bezopasnosti": "security", "natsionalnoy": "national",
    "natsionalnogo": "national", "gosudarstvennogo": "state", "komiteta": "committee",
    "banka": "bank", "administratsii": "administration", "senata": "senate", "pervyy": "first",
    "pervyi": "first", "zamestitel": "deputy",
    # Uzbek and Tajik: "Bosh vazir" (Uzbek prime minister), "Сарвазир" (Tajik), "vazir" a minister
    "bosh": "prime", "vazir": "minister", "vaziri": "minister", "sarvazir": "prime minister",
    "vazirligi": "minister",
    # the countries in their own languages: Qazaqstan, O'zbekiston, Tojikiston, Türkmenistan
    "qazaqstan": "kazakhstan", "kazakstan": "kazakhstan", "qazaqstannyng": "kazakhstan", "ozbekiston": "uzbekistan",
    "uzbekiston": "uzbekistan", "ozbekistan": "uzbekistan", "tojikiston": "tajikistan", "todjikiston": "tajikistan",
    "prezidenti": "president", "jumhurii": "republic", "jumhuriyati": "republic",
    "ministri": "minister", "respublikasi": "republic", "respublikasy": "republic", "respublikasynyng": "republic",
}
_STOP = {"the", "of", "a", "an", "in", "on"}


def fold(text: str) -> str:
    """Lower-case Latin letters, digits and single spaces; Cyrillic transliterated."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for ch in text:
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        else:
            out.append(ch)
    text = unicodedata.normalize("NFKD", "".join(out))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[ʻʼ’'`ʹ]", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def key(text: str) -> str:
    """Exact-match key: folded, office synonyms unified, small words dropped."""
    words = []
    for w in fold(text).split():
        for x in _SYNONYMS.get(w, w).split():
            if x not in _STOP:
                words.append(x)
    return " ".join(words)


# in this order (the report's search script applies the same pairs)
PHONETIC_PAIRS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("x", "h"), ("q", "k"),
                  ("w", "v"), ("yo", "o"), ("ye", "e"), ("yu", "u"), ("ya", "a"), ("ts", "s"))


def _phonetic_word(w: str) -> str:
    for a, b in PHONETIC_PAIRS:
        w = w.replace(a, b)
    w = w.replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    # "Emomalii" / "Emomali", "Ubaidullo-ev" / "Ubaidulloiev": an i before a final vowel group folds away
    w = re.sub(r"i(?=[aeou])", "", w) if len(w) > 3 else w
    return w


def phonetic(text: str) -> str:
    """Loose key for transliteration variants; compare only when the exact key finds nothing."""
    return " ".join(_phonetic_word(w) for w in key(text).split())
