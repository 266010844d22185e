"""What kind of page a source is: official, news, encyclopedia, dataset or copy.

The kind is recorded on every source (``sk:sourceKind``) when it enters the knowledge base, derived
from its address, title and publisher by :func:`classify`; a copy (a mirror or proxy of Wikipedia, a
reprint of an article on a third-party site) also records the original's address (``sk:copyOf``) when
its title names it as "(copy of URL)". ``coverage`` counts the facts sourced only by copies.
"""

from __future__ import annotations

import re

KINDS = ("official", "news", "encyclopedia", "dataset", "copy")

# Hosts that republish Wikipedia (mirrors, proxies, offline copies): a page there is a copy, not a source
# of its own. Any other host with "wiki" in its name that is not a Wikimedia project is one too.
COPY_HOSTS = ("wikiwand", "wikizero", "findatwiki", "piglix", "worddisk", "wikimili", "cloudfront.net", "kiwix",
              "wiki7.org", "wikiclassic", "owiki", "zxc.wiki", "1209k.com", "enwikipedia.net", "710302.xyz",
              "perceptio", "eymaps", "dbpedia", "wiki2.org", "wikibrief", "wikitia", "wiki.li", "wikiup",
              "the-uncensored-wiki", "pinocchiopedia", "memim.com", "theinfolist", "en-academic.com", "ipfs",
              "eth.link", "wikijii", "wikijaa", "wikiuz", "wikirussya", "infogalactic", "everybodywiki")
WIKIMEDIA = ("wikipedia.org", "wikidata.org", "wikinews.org", "wikisource.org", "wikimedia.org")
ENCYCLOPEDIA_HOSTS = WIKIMEDIA[:1] + ("britannica.com", "universalis.fr", "worldatlas.com", "reference.allrefer.com",
                                      "bigenc.ru", "encyclopedia.com")
DATASET_HOSTS = ("wikidata.org", "raw.githubusercontent.com", "github.com", "opensanctions.org", "electionguide.org",
                 "archive.ipu.org", "data.ipu.org", "wikileaks", "everypolitician", "rulers.org", "worldstatesmen.org")
# Government, parliament, presidency, ministry, central-bank and local-government sites.
OFFICIAL_PATTERNS = (r"(^|\.)gov(\.[a-z]{2})?$", r"\.gov\.", r"(^|\.)akorda\.kz$", r"president", r"prezident",
                     r"primeminister\.kz$", r"parlam", r"parliament", r"(^|\.)senate?\.", r"kenesh\.kg$",
                     r"(^|\.)mfa\.", r"(^|\.)nbkr\.kg$", r"(^|\.)nbt\.tj$", r"(^|\.)cbu\.uz$", r"nationalbank\.kz$",
                     r"(^|\.)un\.int$", r"(^|\.)wipo\.int$", r"(^|\.)sugd\.tj$", r"(^|\.)khujand\.tj$",
                     r"(^|\.)dushanbe\.tj$", r"(^|\.)lex\.uz$", r"adilet\.zan\.kz$", r"(^|\.)mvd\.", r"(^|\.)knb\.kz$",
                     r"(^|\.)gknb\.kg$", r"(^|\.)minjust\.", r"(^|\.)vmkp\.kg$")
_COPY_OF = re.compile(r"\(copy of (https?://[^\s()]+(?:\([^\s()]*\))?[^\s()]*)\)")


def host(url: str) -> str:
    h = url.split("/")[2].lower() if url.count("/") >= 2 else url.lower()
    h = h.split("@")[-1].split(":")[0].rstrip(".")
    for prefix in ("www.", "m."):
        if h.startswith(prefix):
            h = h[len(prefix):]
    return h


def is_copy(url: str, title: str | None = None, publisher: str | None = None) -> bool:
    """A copy of another page: a Wikipedia mirror or proxy, or a page whose title or publisher says it
    is a copy, a mirror or a reprint."""
    h = host(url)
    words = f"{title or ''} {publisher or ''}".lower()
    if any(c in h for c in COPY_HOSTS):
        return True
    if "wiki" in h and not any(h == w or h.endswith("." + w) for w in WIKIMEDIA) and "wikileaks" not in h:
        return True
    return "(copy of " in words or "mirror" in words or "(copy)" in words or "reprint" in words


def classify(url: str, title: str | None = None, publisher: str | None = None) -> str:
    """The kind of the page at ``url``: one of :data:`KINDS`."""
    if is_copy(url, title, publisher):
        return "copy"
    h = host(url)
    if any(d in h for d in DATASET_HOSTS):
        return "dataset"
    if any(h == e or h.endswith("." + e) for e in ENCYCLOPEDIA_HOSTS):
        return "encyclopedia"
    if any(re.search(p, h) for p in OFFICIAL_PATTERNS):
        return "official"
    return "news"


def original_of(title: str | None) -> str | None:
    """The original's address named by a copy's title ("... (copy of https://en.wikipedia.org/...)")."""
    found = _COPY_OF.search(title or "")
    return found.group(1) if found else None
