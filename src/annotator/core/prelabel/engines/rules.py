"""Hand-written rules: dates and times, names in 《》, and repairs of jieba's person/place/organisation tags.

Each rule is named so it can be switched off; research/rules.py measures what each one gains
on the People's Daily dev articles (figures in research/RESULTS-prelabel.md); rules that lost there
were deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from annotator.core.annotations import EntitySpan, Token
from annotator.core.prelabel.base import Prepared, suggestion
from annotator.core.prelabel.engines.wordlists import DROP, ORG_SUFFIXES, SURNAMES

RULES_SCORE = 0.6
JIEBA_LABELS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}
# Kept by measurement on dev_articles (gains over jieba alone, research/RESULTS-prelabel.md): surname
# +0.028, drop +0.023, org_suffix +0.006, person_merge +0.002.
ALL_RULES = ("time", "misc", "person_merge", "surname", "org_suffix", "drop")
DEFAULT_RULES = ALL_RULES

_D = "0-9０-９"
_CN = "〇零一二三四五六七八九十两"
_YEAR = rf"(?:(?:[{_D}]{{4}}|[〇○零一二三四五六七八九]{{4}}|[{_D}]{{2}}(?=年代))年(?:代)?)"
_MONTH = rf"(?:(?:[{_D}]{{1,2}}|十[一二]?|[一二三四五六七八九])月(?:份)?)"
_DAY = rf"(?:(?:[{_D}]{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])"
_PART = r"(?:上旬|中旬|下旬|初|底|末)"
_DAYPART = r"(?:上午|下午|中午|晚上|晚间|凌晨|早上|早晨|清晨|傍晚|深夜|夜间|夜)"
_CLOCK = rf"(?:[{_D}{_CN}]{{1,3}}时(?:[{_D}{_CN}]{{1,3}}分)?(?:许)?|[{_D}]{{1,2}}[:：][{_D}]{{2}})"
_RELATIVE = (r"(?:今年|去年|明年|前年|后年|本月|上月|下月|今天|昨天|明天|前天|后天|今日|昨日|明日|当天|当日"
             r"|今晨|昨晚|今晚|次日|翌日|本周|上周|下周|近日|日前|年初|年底|年末|月初|月底|元旦|春节"
             r"|星期[一二三四五六日天]|周[一二三四五六日])")
_CENTURY = (rf"(?:(?:[{_D}]{{2}}|[一二]?十[一二三四五六七八九]?)世纪"
            rf"(?:[{_D}]{{2}}年代|[一二三四五六七八九]十年代|初|末|中叶)?)")
_DATE = (rf"(?:{_YEAR}{_MONTH}?{_DAY}?|{_MONTH}{_DAY}?|{_DAY}){_PART}?"
         rf"|{_CENTURY}|{_RELATIVE}(?:{_MONTH}{_DAY}?|{_DAY})?{_PART}?")
_TAIL = rf"(?:{_DAYPART}?{_CLOCK}|{_DAYPART})?"
_RANGE = rf"(?:[至到—－\-～~](?:{_YEAR}?{_MONTH}?{_DAY}|{_YEAR}{_MONTH}?|{_MONTH}){_PART}?{_TAIL})?"
# Every character a date can start with (tests/core/prelabel/test_fast_paths.py checks it against
# the pattern): the lookahead lets the regex engine reject all other positions at once, 6x faster.
_TIME_FIRST = "0-9０-９〇○零一二三四五六七八九十今去明前后本上下昨当次翌近日年月元春星周"
TIME_RE = re.compile(rf"(?=[{_TIME_FIRST}])(?:{_DATE}){_TAIL}{_RANGE}")
MISC_RE = re.compile(r"《([^《》\n]{1,40})》")
# A day number after a date-less "N日" is too ambiguous when it is a count ("3日游" is rare, "两日" is a
# duration); a bare day stays only when digits precede 日/号 directly.
_BARE_CN_DAY = re.compile(r"^(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]$")


def time_spans(text: str) -> list[tuple[int, int]]:
    """Dates and times: `12月9日`, `１９９７年１２月３１日`, `12月中旬`, `今年`, one span for `3日至5日`."""
    return [(m.start(), m.end()) for m in TIME_RE.finditer(text)
            if not _BARE_CN_DAY.match(m.group())]


def misc_spans(text: str) -> list[tuple[int, int]]:
    """Names in 《》 (laws, books, declarations), without the brackets."""
    return [(m.start(1), m.end(1)) for m in MISC_RE.finditer(text) if m.group(1).strip()]


class RulesEngine:
    """Dates, 《》 names and repaired jieba entities; `rules` picks which of ALL_RULES run."""

    name = "rules"

    def __init__(self, rules: Iterable[str] = DEFAULT_RULES, *, entities: bool = True) -> None:
        self.rules = frozenset(rules)
        unknown = self.rules - set(ALL_RULES)
        if unknown:
            raise ValueError(f"unknown rules: {', '.join(sorted(unknown))}")
        self.entities = entities

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """TIME and MISC spans, and (when `entities`) PER/LOC/ORG from jieba's tags repaired by rules."""
        text = doc.text
        out: list[tuple[int, int, str]] = []
        if "time" in self.rules:
            out += [(s, e, "TIME") for s, e in time_spans(text)]
        if "misc" in self.rules:
            out += [(s, e, "MISC") for s, e in misc_spans(text)]
        if self.entities:
            out += self.entity_spans(doc)
        return [suggestion(s, e, label, self.name, RULES_SCORE) for s, e, label in out]

    def entity_spans(self, doc: Prepared) -> list[tuple[int, int, str]]:
        """PER/LOC/ORG spans from jieba's dictionary tags, then each enabled repair in turn."""
        text, an = doc.text, doc.analysis
        words, tags = an.words, an.tags
        labels = [JIEBA_LABELS.get(t) for t in tags]
        on = self.rules
        if "surname" in on:
            labels = _surname(text, words, tags, labels)
        spans = [(s, e, lab) for (s, e), lab in zip(words, labels, strict=True) if lab]
        if "person_merge" in on:
            spans = _merge_adjacent(spans, "PER")
        if "org_suffix" in on:
            spans = _org_suffix(text, words, tags, spans)
        if "drop" in on:
            spans = [s for s in spans if text[s[0]:s[1]] not in DROP]
        return spans


def _surname(text: str, words: Sequence[Token], tags: Sequence[str], labels: list[str | None]) -> list[str | None]:
    """An unknown 2-3 character word starting with a surname is a person; so is a surname word
    followed by an unknown or name word of 1-2 characters (pre-segmented `刘 澜涛`)."""
    out = list(labels)
    for i, ((s, e), tag) in enumerate(zip(words, tags, strict=True)):
        w = text[s:e]
        if tag == "unk" and 2 <= len(w) <= 3 and (w[0] in SURNAMES or w[:2] in SURNAMES):
            out[i] = "PER"
        elif len(w) == 1 and w in SURNAMES and i + 1 < len(words) and words[i + 1][0] == e:
            nxt = words[i + 1]
            if nxt[1] - nxt[0] <= 2 and tags[i + 1] in ("unk", "nr", "nrfg"):
                out[i] = out[i + 1] = "PER"
    return out


def _merge_adjacent(spans: list[tuple[int, int, str]], label: str) -> list[tuple[int, int, str]]:
    """Join touching spans of `label` (a surname and a given name tagged apart are one person)."""
    out: list[tuple[int, int, str]] = []
    for s in spans:
        if out and s[2] == label and out[-1][2] == label and out[-1][1] == s[0]:
            out[-1] = (out[-1][0], s[1], label)
        else:
            out.append(s)
    return out


_ORG_BODY = {"ns", "nt", "nz", "j", "nr", "unk", "nrt", "ORG"}


def _org_suffix(text: str, words: Sequence[Token], tags: Sequence[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation suffix word (部, 委员会, 银行, 大学 ...) absorbs the names and places before it."""
    new: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(words):
        if text[s:e] not in ORG_SUFFIXES:
            continue
        j = i
        while j > 0 and words[j - 1][1] == words[j][0] and tags[j - 1] in _ORG_BODY:
            j -= 1
        if j < i:
            new.append((words[j][0], e))
    if not new:
        return spans
    out = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b for a, b in new)]
    out += [(a, b, "ORG") for a, b in new]
    return sorted(out)
