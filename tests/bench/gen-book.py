#!/usr/bin/env python3
"""Generate a realistic, valid DocBook 5 book for benchmarks and tests.

    gen-book.py --pages N [--lang en] [--seed S] [--split] -o DIR

Writes DIR/book.xml (and, with --split, DIR/chNN.xml pulled in with
xi:include), plus DIR/images/fig1.png and DIR/images/cover.png.

The text is synthetic English produced from word lists and sentence
templates (no copied prose, no lorem ipsum), about 350 words per printed
page, with the Folio publication metadata (see shared/DESIGN.md, "Source
profile") and print page-break anchors every ~350 words.  Output is
deterministic: the same arguments give byte-identical files.  Standard
library only.
"""

import argparse
import datetime
import os
import random
import re
import struct
import sys
import zlib

WORDS_PER_PAGE = 350
DB_NS = "http://docbook.org/ns/docbook"
XLINK_NS = "http://www.w3.org/1999/xlink"
XI_NS = "http://www.w3.org/2001/XInclude"
SERIES_ISSN = "1726-2224"

# --------------------------------------------------------------------------
# Vocabulary.  Themed on the kind of report series Folio targets: an
# institute's studies of regional development, infrastructure and services.
# --------------------------------------------------------------------------

NOUNS = """
account activity agency agreement allocation analysis approach area
assessment asset audit authority balance barrier basin benefit board
boundary budget building capacity catchment category centre change channel
charge choice circuit claim climate cluster coalition committee community
company comparison component condition conflict consensus constraint
consumer contract contribution corridor cost council county coverage
crop culture cycle database debate decision deficit delay demand density
department deposit design developer device district document domain
driver economy effect effort element employer energy engine enterprise
estimate evaluation evidence exchange expenditure experience export
facility factor farm feature figure finding firm flow forecast forest
framework function fund gap generation goal grant grid group growth
guideline harbour hazard household housing hypothesis impact incentive
income indicator industry inflow initiative input inspection institution
instrument interest interval investment island issue journey labour
landscape layer lender level licence limit loan location margin market
measure mechanism method metric migration model module network node norm
objective obligation observation operator option outcome output owner
parcel partner pattern payment period permit pipeline plan platform
policy pollution population port portfolio practice premium pressure
price principle priority procedure process producer programme project
proposal provider provision quality quota railway range rate ratio
reform region regulation regulator reservoir resource response result
revenue review risk river road route rule sample scenario scheme school
sector segment service settlement share shift shortage signal site skill
source standard station strategy stream structure subsidy supplier
supply survey system target tariff task tax technology tender territory
threshold timetable tool trade traffic transfer transition treatment
trend turnover unit utility valley value variable vehicle village volume
wage warehouse waste watershed workforce yield
""".split()

IRREGULAR_PLURALS = {
    "analysis": "analyses", "hypothesis": "hypotheses", "criterion": "criteria",
    "phenomenon": "phenomena", "datum": "data", "child": "children",
}

ADJECTIVES = """
active adequate administrative agricultural annual apparent average
balanced basic broad central civic coastal collective commercial
comparable competitive complex comprehensive considerable consistent
constant contemporary conventional critical cumulative current decisive
dedicated detailed direct distinct domestic dominant durable early
economic effective efficient electrical emerging empirical essential
existing explicit external fiscal flexible formal fragile frequent full
fundamental general gradual handsome historical important incremental
independent indirect individual industrial informal initial integrated
intensive interim internal irregular joint large lasting legal limited
local longer major marginal maritime measurable medium minor mixed
modest municipal mutual narrow national natural negative net new notable
numerous obvious occasional official open operational ordinary organic
overall parallel partial particular peripheral permanent persistent
physical plausible political practical precise preliminary primary
private productive prolonged prominent public qualitative quantitative
rapid rare reasonable recent regional regular relative reliable remote
residential resilient robust rural scarce seasonal secondary selective
separate severe shared significant similar simple small social specific
stable steady strategic strict structural substantial sufficient
sustainable systematic technical temporary tentative total traditional
transparent typical uneven uniform universal upland urban usable useful
valuable variable visible vital voluntary vulnerable weekly wide
""".split()

# Verbs: regular ones as the base form; irregular ones as
# "base|third|past|participle|gerund".
VERBS = """
absorb accelerate accept achieve address adjust adopt affect align
allocate alter analyse anticipate approve assess assign assume attract
balance broaden calculate challenge clarify combine compare compensate
complete concentrate confirm connect consider consolidate constrain
contain continue contribute convert coordinate correct create define
deliver demonstrate depend describe determine develop distinguish
distribute document double drive|drives|drove|driven|driving
enable encourage enhance ensure establish estimate evaluate examine
expand explain explore extend facilitate finance focus follow
forecast|forecasts|forecast|forecast|forecasting generate govern
grow|grows|grew|grown|growing highlight identify illustrate implement
improve include increase indicate influence inform integrate interpret
introduce investigate involve limit maintain manage measure mitigate
monitor moderate narrow observe obtain offset outline overcome|overcomes|overcame|overcome|overcoming
prepare present preserve prioritise produce promote protect provide
publish quantify raise reach record reduce reflect reinforce remain
replace report represent require reshape resolve restore restrict
retain reveal review revise shape shift|shifts|shifted|shifted|shifting
simplify stabilise strengthen structure suggest supply support sustain
test track transform trigger underline undermine update upgrade weaken
widen withstand|withstands|withstood|withstood|withstanding
""".split()

ADVERBS = """
broadly carefully clearly closely consistently considerably directly
effectively evenly explicitly fully gradually greatly largely markedly
moderately mostly notably partly plainly possibly primarily rapidly
rarely readily relatively reliably routinely sharply significantly
slightly steadily strongly substantially systematically typically
unevenly usually visibly widely
""".split()

CONNECTORS = """
However,|In practice,|By contrast,|At the same time,|In most cases,|
For this reason,|As a result,|In addition,|On balance,|Nevertheless,|
In the short term,|Over the longer term,|Taken together,|In principle,|
Not surprisingly,|More importantly,|In several districts,|Even so,|
According to the survey,|Within the sample,|In the first phase,|
""".replace("\n", "").strip("|").split("|")

PLACES = """
Northbridge|Eastmoor|Harwick|Lower Tamsford|Kestrel Bay|Ashby Vale|
Dunmore|Greyfield|Marlow Heath|Pennington|Riverside|Stonecross|
Wexley|Holloway|Brackenridge|Caldermere|Fenwick|Oakhurst|Saltmarsh|
the Upper Valley|the coastal districts|the northern provinces|
the metropolitan area|Zürich|Málaga|Łódź|São Paulo|Göteborg|Kraków|
Tromsø|Besançon|Plzeň|Košice|Ålesund|Coimbra|Thessaloniki|Tartu
""".replace("\n", "").split("|")

ORGS = """
the Regional Water Board|the Ministry of Transport|the Statistics Office|
the Northbridge City Council|the National Energy Agency|
the Harbour Authority|the Rural Development Fund|the Audit Commission|
the Planning Inspectorate|the Housing Trust|the Public Health Service|
the Chamber of Commerce|the Land Registry|the Environment Agency|
the Schools Inspectorate|the Grid Operator|the Infrastructure Bank
""".replace("\n", "").split("|")

SURNAMES = """
Abernethy Adeyemi Baptiste Bergström Castellano Chaudhry Dąbrowska
Delacroix Eriksen Fairbairn Fitzgerald Grünewald Hallström Ibáñez
Jablonski Kowalczyk Lindqvist MacAulay Moreau Nakamura Novák Okonkwo
Petrović Quintero Rasmussen Santos Szabó Thorne Underwood Valente
Whitcombe Yilmaz Zielinski
""".split()

NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten", "twelve", "fifteen", "twenty"]

SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into",
               "of", "on", "or", "the", "to", "with", "without", "versus"}

AN_EXCEPTIONS_A = ("uni", "use", "usa", "usu", "one", "eu")  # "a" before these
AN_EXCEPTIONS_AN = ("hour", "honest")                          # "an" before these

CAMEL = re.compile(r"\{(\w+)\}")


def plural(noun):
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def verb_forms(spec):
    if "|" in spec:
        return tuple(spec.split("|"))
    base = spec
    if base.endswith(("s", "x", "ch", "sh", "z")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("e"):
        past = base + "d"
        ger = base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past = base[:-1] + "ied"
        ger = base + "ing"
    else:
        past = base + "ed"
        ger = base + "ing"
    return (base, third, past, past, ger)


VERB_FORMS = [verb_forms(v) for v in VERBS]

# Index headings: plural, capitalised ("Reservoirs"), for both number forms.
NOUN_INDEX = {}
for _n in NOUNS:
    _h = plural(_n)
    NOUN_INDEX[_n] = NOUN_INDEX[_h] = _h[:1].upper() + _h[1:]
INDEX_ASPECTS = ["funding of", "regulation of", "costs of", "surveys of",
                 "in rural areas", "in urban areas", "reform of", "history of",
                 "and climate", "ownership of", "forecasts of", "maintenance of"]


def esc(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def esc_attr(text):
    return esc(text).replace('"', "&quot;")


def title_case(text):
    out = []
    for i, w in enumerate(text.split(" ")):
        if i > 0 and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def fix_articles(text):
    """Turn 'a' into 'an' before vowel sounds (tag-aware enough for us)."""
    def repl(m):
        art, nxt = m.group(1), m.group(2)
        low = nxt.lower()
        vowel = low[:1] in "aeiou"
        if low.startswith(AN_EXCEPTIONS_A):
            vowel = False
        if low.startswith(AN_EXCEPTIONS_AN):
            vowel = True
        if vowel:
            return ("An " if art == "A" else "an ") + nxt
        return m.group(0)
    return re.sub(r"\b([Aa]) ((?:<[^>]+>)*[A-Za-z]\w*)", repl, text)


def roman(n):
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
            (5, "v"), (4, "iv"), (1, "i")]
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def isbn13(first12):
    digits = [int(c) for c in first12]
    assert len(digits) == 12
    total = sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return first12 + str((10 - total % 10) % 10)


def issn_ok(issn):
    d = issn.replace("-", "")
    total = sum(int(c) * w for c, w in zip(d[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return d[7].upper() == ("X" if check == 10 else str(check))


def png_bytes(width, height, pixel):
    """A small, valid truecolour PNG; pixel(x, y) -> (r, g, b)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return (struct.pack(">I", len(data)) + body
                + struct.pack(">I", zlib.crc32(body) & 0xffffffff))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def fig_png():
    # 32x20 bar chart: five bars of different heights on a white ground.
    heights = [8, 14, 11, 17, 6]

    def px(x, y):
        bar = x // 6
        if bar < len(heights) and x % 6 in (1, 2, 3, 4) and 19 - y < heights[bar]:
            return (40 + 30 * bar, 90, 160)
        return (255, 255, 255)
    return png_bytes(32, 20, px)


def cover_png():
    # 40x60 cover: dark band with a light rule.
    def px(x, y):
        if 20 <= y <= 21:
            return (230, 200, 120)
        return (20, 40 + y, 80)
    return png_bytes(40, 60, px)


# --------------------------------------------------------------------------
# Text generation
# --------------------------------------------------------------------------

SENTENCES = [
    "{The} {A} {N} {V3} the {Ns} of {P}.",
    "In {Y}, {O} {Vd} {a} {A} {N} to {V} the {N} of local {Ns}.",
    "{C} the {Ns} {Vd} {R} when the {N} {Vd}.",
    "Most {Ns} in {P} {V} the {A} {N} rather than the {A} {N}.",
    "{Pct} of the {Ns} surveyed {Vd} that the {N} {V3} {A}.",
    "This {N} {V3} the {N} between {Ns} and {Ns}.",
    "The {N} was {R} {Vp} by {O} in {Y}.",
    "{Pn} ({Y}) {Vd} that {Ns} {V} the {A} {N} only when {Ns} are {A}.",
    "It is {A} to {V} the {N} without {Vg} the {Ns} that {V} it.",
    "{C} {a} {A} {N} can {V} the {N} {R}.",
    "Between {Y} and {Y2}, the {N} of {Ns} rose from {num} to {num2}.",
    "Between {Y} and {Y2}, the {N} of {Ns} fell from {num2} to {num}.",
    "The {N}, however, {V3} the {Ns} of the {A} {N}.",
    "Neither the {N} nor the {N} {V3} the {A} {Ns} in {P}.",
    "Several {Ns} {V} the {N}: {Ns}, {Ns} and {Ns}.",
    "There are {nw} {A} {Ns} in the {N}, and each of them {V3} {a} {A} {N}.",
    "What {O} {Vd} in {P} was not {a} {N} but {a} {A} {N}.",
    "{C} we {V} the {N} in {nw} steps.",
    "The {A} {Ns} {V} {a} {N} that few {Ns} had {Vp} before {Y}.",
    "Where the {N} is {A}, {Ns} tend to {V} the {N} {R}.",
    "{Vg} the {N} {V3} {a} {A} {N} for every {N} in the {N}.",
    "The {N} of {P} {Vd} its {Ns} by {pct} over the period.",
    "{C} the {N} {V3} {R} on the {N} of {A} {Ns}.",
    "Our {N} {V3} that the {A} {N} {V3} the {N} in {nw} of the {nw2} {Ns}.",
    "A {A} {N} would {V} the {Ns}, but it would also {V} the {N}.",
    "The {Ns} we {Vd} in {P} {V} the {A} {N} {R}.",
    "{O} has {Vp} {a} {A} {N} since {Y}.",
    "Why do {Ns} {V} the {N} when the {N} {V3} them?",
    "{C} it remains unclear whether the {N} {V3} the {Ns} or the {N}.",
    "The {N} per {N} stood at {money} in {Y}, compared with {money2} in {Y2}.",
    "For {Ns}, the {A} {N} {V3} {a} {A} {N} and {a} {A} {N}.",
    "These {Ns} {V} the {N} {R}, and the {Ns} {V} it in turn.",
    "{Pn} and {Pn} ({Y}) {V} the {N} as {a} {A} {N} of {Ns}.",
    "Only {pct} of {Ns} in {P} {Vd} the {N}.",
    "Even {a} {A} {N} can {V} the {Ns} of {a} {A} {N}.",
]

SHORT_SENTENCES = [  # for list items and table captions
    "{V} the {A} {N} of each {N}.",
    "{A} {Ns} {V} the {N}.",
    "the {N} of {A} {Ns} in {P}",
    "{Vg} {A} {Ns} across the {N}",
    "{a} {A} {N} for {Ns} and {Ns}",
    "{V} the {Ns} {R} before the {N}.",
    "the {Ns} that {V} the {N}",
    "{A} {N} with {a} {A} {N}",
]

CHAPTER_TITLES = [
    "{A} {Ns} and {A} {Ns}", "The {N} of {Ns}", "{Ns} in {P}",
    "{Vg} the {N}", "From {N} to {N}", "Notes on {A} {Ns}",
    "{A} {N}: {A} {Ns} in {P}", "{A} {Ns}", "The {A} {N}",
    "{Ns}, {Ns} and the {N}", "{Vg} {A} {Ns}", "Beyond the {N}",
    "{A} {Ns} after {Y}", "The {N} Question",
]

SECTION_TITLES = [
    "{A} {Ns}", "The {N} of {Ns}", "{Vg} the {N}", "{Ns} and {Ns}",
    "{A} {N}", "{Ns} in {P}", "The Case of {P}", "{A} {N} and {N}",
    "Measuring {Ns}", "{Ns} since {Y}", "What the {Ns} Show",
]


class Text:
    """Word-level generator: fills templates from the vocabulary."""

    def __init__(self, rng):
        self.r = rng

    def fill(self, template):
        r = self.r
        state = {}

        def slot(m):
            k = m.group(1)
            if k in ("The",):
                return r.choice(["The", "The", "This", "Each", "Every"])
            if k == "a":
                return "a"
            if k == "N":
                return r.choice(NOUNS)
            if k == "Ns":
                return plural(r.choice(NOUNS))
            if k == "A":
                return r.choice(ADJECTIVES)
            if k == "R":
                return r.choice(ADVERBS)
            if k == "V":
                return r.choice(VERB_FORMS)[0]
            if k == "V3":
                return r.choice(VERB_FORMS)[1]
            if k == "Vd":
                return r.choice(VERB_FORMS)[2]
            if k == "Vp":
                return r.choice(VERB_FORMS)[3]
            if k == "Vg":
                return r.choice(VERB_FORMS)[4]
            if k == "C":
                return r.choice(CONNECTORS)
            if k == "P":
                return r.choice(PLACES)
            if k == "O":
                return r.choice(ORGS)
            if k == "Pn":
                return r.choice(SURNAMES)
            if k == "Y":
                y = r.randint(1987, 2016)
                state["Y"] = y
                return str(y)
            if k == "Y2":
                return str(state.get("Y", 2000) + r.randint(2, 9))
            if k == "num":
                n = r.randint(12, 4800)
                state["num"] = n
                return "{:,}".format(n)
            if k == "num2":
                return "{:,}".format(state.get("num", 100) + r.randint(5, 3000))
            if k in ("pct", "Pct"):
                return "{:.1f} per cent".format(r.uniform(3, 92))
            if k in ("money", "money2"):
                return "€{:,.2f}".format(r.uniform(0.4, 950))
            if k in ("nw", "nw2"):
                if k == "nw":
                    i = r.randrange(0, len(NUMBER_WORDS) - 3)
                    state["nw"] = i
                else:
                    i = state.get("nw", 0) + r.randint(1, 3)
                return NUMBER_WORDS[i]
            raise KeyError(k)

        s = CAMEL.sub(slot, template)
        return s

    def sentence(self, short=False):
        s = self.fill(self.r.choice(SHORT_SENTENCES if short else SENTENCES))
        s = s[:1].upper() + s[1:]
        return fix_articles(s)

    def title(self, templates):
        return fix_articles(title_case(self.fill(self.r.choice(templates))))


def wrap(content, first, cont, tail, width=78):
    """Fill mixed content to `width` columns, breaking only at spaces that
    are outside tags (as an editor's fill-paragraph would)."""
    protected = re.sub(r"<indexterm>.*?</indexterm>|<[^>]*>",
                       lambda m: m.group(0).replace(" ", "\0"), content)
    lines = []
    line = first
    empty = True
    for tok in protected.split(" "):
        if not empty and len(line) + 1 + len(tok) > width:
            lines.append(line)
            line = cont + tok
        else:
            line = line + ("" if empty else " ") + tok
        empty = False
    lines.append(line + tail)
    return "\n".join(lines).replace("\0", " ") + "\n"


def at_end(s, frag):
    """Insert `frag` before the sentence's final punctuation, if any."""
    if s[-1:] in (".", "?", ":", ";", "!"):
        return s[:-1] + frag + s[-1]
    return s + frag


INDEXTERM = re.compile(r"<indexterm>.*?</indexterm>")
TAGS = re.compile(r"<[^>]+>")


def nwords(plain):
    return len(plain.split())


# --------------------------------------------------------------------------
# Book structure
# --------------------------------------------------------------------------

class Pager:
    """Counts words and hands out print page-break anchors."""

    def __init__(self, rng):
        self.r = rng
        self.page = 0
        self.roman = True
        self.words = 0
        self.target = WORDS_PER_PAGE
        self.started = False

    def add(self, n):
        self.words += n

    def due(self):
        return self.started and self.words >= self.target

    def new_page(self):
        self.page += 1
        self.words = 0
        self.started = True
        # A break falls after the sentence that fills the page, on average
        # ten words past the target.
        self.target = WORDS_PER_PAGE - 10 + self.r.randint(-25, 25)
        label = roman(self.page) if self.roman else str(self.page)
        return '<anchor xml:id="page-%s" role="pagebreak" xreflabel="%s"/>' % (label, label)

    def start_arabic(self):
        self.roman = False
        self.page = 0


class Book:
    def __init__(self, pages, lang, seed):
        self.r = random.Random(seed)
        self.t = Text(self.r)
        self.pages = pages
        self.lang = lang
        self.seed = seed
        self.pager = Pager(self.r)
        self.ids = set()
        self.linkends = []
        self.targets = []       # ids earlier in document order (xref targets)
        self.total_words = 0

    # -- helpers ---------------------------------------------------------
    def new_id(self, ident, target=True):
        if ident in self.ids:
            raise AssertionError("duplicate id " + ident)
        self.ids.add(ident)
        if target:
            self.targets.append(ident)
        return ident

    def count(self, n):
        self.total_words += n
        self.pager.add(n)
        self.budget -= n

    # -- inline content ----------------------------------------------------
    def decorate(self, s, ctx):
        """Add inline markup to one (already escaped) sentence."""
        r = self.r
        if r.random() < 0.3:
            s = self.index_term(s)
        x = r.random()
        if x < 0.10:
            # emphasise one content word
            words = s.split(" ")
            i = r.randrange(1, len(words)) if len(words) > 2 else 0
            w = words[i]
            m = re.match(r"^(\w{4,})([,.:;?]?)$", w)
            if m:
                role = ' role="strong"' if r.random() < 0.2 else ""
                words[i] = "<emphasis%s>%s</emphasis>%s" % (role, m.group(1), m.group(2))
                s = " ".join(words)
        elif x < 0.13 and self.targets and ctx.get("xref", True):
            # cross-reference to an earlier chapter, section, table or figure
            t = r.choice(self.targets[-40:] if r.random() < 0.7 else self.targets)
            self.linkends.append(t)
            s = at_end(s, r.choice([" (see <xref linkend=\"%s\"/>)",
                                    ", as shown in <xref linkend=\"%s\"/>",
                                    ", a point taken up in <xref linkend=\"%s\"/>"]) % t)
        elif x < 0.15 and ctx.get("footnote", True):
            self.fn += 1
            fid = self.new_id("%s-fn%d" % (ctx["prefix"], self.fn), target=False)
            note = self.t.sentence()
            if r.random() < 0.4:
                note = note[:-1] + "; see <citetitle>%s</citetitle> (%d)." % (
                    esc(self.t.title(CHAPTER_TITLES)), r.randint(1990, 2020))
            else:
                note = esc(note)
            s = at_end(s, '<footnote xml:id="%s"><para>%s</para></footnote>' % (fid, note))
        elif x < 0.165:
            slug = "-".join(self.t.fill("{A} {Ns}").split())
            host = r.choice(["www.example.org", "data.example.net", "stats.example.com"])
            label = esc(self.t.fill(r.choice(["the {A} {N} portal", "{O} data service",
                                              "the {N} register", "the {Y} {N} dataset"])))
            s = at_end(s, ' (<link xlink:href="https://%s/%s/%s">%s</link>)' % (
                host, r.choice(["reports", "data", "publications", "tables"]), slug, label))
        elif x < 0.175:
            q = self.t.sentence(short=True).rstrip(".")
            q = q[:1].lower() + q[1:]
            s = at_end(s, ", described locally as <quote>%s</quote>" % esc(q))
        return s

    def index_term(self, s):
        """Attach an index entry to one noun of the sentence."""
        words = s.split(" ")
        cands = [i for i, w in enumerate(words) if w.rstrip(",.:;?") in NOUN_INDEX]
        if not cands:
            return s
        i = self.r.choice(cands)
        w = words[i]
        core = w.rstrip(",.:;?")
        primary = NOUN_INDEX[core]
        secondary = ""
        if self.r.random() < 0.5:
            secondary = "<secondary>%s</secondary>" % self.r.choice(INDEX_ASPECTS)
        words[i] = "%s<indexterm><primary>%s</primary>%s</indexterm>%s" % (
            core, primary, secondary, w[len(core):])
        return " ".join(words)

    def para_text(self, nsent, ctx, short=False, end=None):
        parts = []
        for i in range(nsent):
            s = self.t.sentence(short=short)
            if end and i == nsent - 1:
                s = s.rstrip(".?") + end
            s = self.decorate(esc(s), ctx)
            parts.append(s)
            self.count(nwords(TAGS.sub(" ", INDEXTERM.sub("", s))))
            if self.pager.due():
                parts.append(self.pager.new_page())
        return " ".join(parts)

    def para(self, ind, ctx, nsent=None, end=None):
        if nsent is None:
            nsent = self.r.randint(3, 8)
        self.paras += 1
        pid = self.new_id("%s-p%d" % (ctx["prefix"], self.paras), target=False)
        return wrap(self.para_text(nsent, ctx, end=end),
                    '%s<para xml:id="%s">' % (ind, pid), ind + "  ", "</para>")

    # -- block content -----------------------------------------------------
    def itemized(self, ind, ctx):
        r = self.r
        out = [self.para(ind, ctx, nsent=r.randint(1, 2), end=":")]
        kind = "itemizedlist" if r.random() < 0.6 else "orderedlist"
        out.append("%s<%s>\n" % (ind, kind))
        for _ in range(r.randint(3, 6)):
            n = 1 if r.random() < 0.7 else 2
            text = self.para_text(n, dict(ctx, footnote=False), short=(n == 1))
            out.append("%s  <listitem>\n%s%s  </listitem>\n" % (
                ind, wrap(text, ind + "    <para>", ind + "      ", "</para>"), ind))
        out.append("%s</%s>\n" % (ind, kind))
        return "".join(out)

    def table(self, ind, ctx):
        r = self.r
        self.tab += 1
        tid = ctx["prefix"] + "-tab%d" % self.tab
        ncols = r.randint(4, 5)
        y0 = r.randint(1995, 2012)
        title = esc(self.t.title(["{A} {Ns} by {N}", "{Ns} and {Ns} in {P}",
                                  "{A} {N} of {Ns}"])) + ", %d–%d" % (y0, y0 + ncols - 2)
        self.count(nwords(title))
        out = ['%s<table xml:id="%s" frame="all">\n' % (ind, tid),
               "%s  <title>%s</title>\n" % (ind, title),
               '%s  <tgroup cols="%d">\n' % (ind, ncols)]
        for c in range(1, ncols + 1):
            out.append('%s    <colspec colname="c%d"%s/>\n' % (
                ind, c, "" if c == 1 else ' align="right"'))
        head = [title_case(r.choice(NOUNS))] + [str(y0 + i) for i in range(ncols - 1)]
        out.append("%s    <thead>\n%s      <row>%s</row>\n%s    </thead>\n" % (
            ind, ind, "".join("<entry>%s</entry>" % h for h in head), ind))
        out.append("%s    <tbody>\n" % ind)
        kind = r.choice(["count", "share", "index"])
        nrows = r.randint(4, 9)
        span_row = r.randrange(nrows)
        for i in range(nrows):
            label = esc(self.t.fill(r.choice(["{A} {Ns}", "{Ns} in {P}", "{A} {N}"])))
            label = label[:1].upper() + label[1:]
            self.count(nwords(label) + ncols - 1)
            if i == span_row:
                cells = ['<entry namest="c2" nameend="c3" align="center">%s</entry>'
                         % r.choice(["not surveyed", "no comparable data", "series break"])]
                cells += ["<entry>%s</entry>" % self.cell(kind) for _ in range(ncols - 3)]
            else:
                cells = ["<entry>%s</entry>" % self.cell(kind) for _ in range(ncols - 1)]
            out.append("%s      <row><entry>%s</entry>%s</row>\n" % (ind, label, "".join(cells)))
        out.append("%s    </tbody>\n%s  </tgroup>\n%s</table>\n" % (ind, ind, ind))
        self.new_id(tid)
        return "".join(out)

    def cell(self, kind):
        r = self.r
        if kind == "count":
            return "{:,}".format(r.randint(10, 99999))
        if kind == "share":
            return "{:.1f}".format(r.uniform(0, 100))
        return "{:.2f}".format(r.uniform(0.5, 2.5))

    def figure(self, ind, ctx):
        r = self.r
        self.figs += 1
        fid = ctx["prefix"] + "-fig%d" % self.figs
        title = esc(self.t.title(["{A} {N} of {Ns} in {P}", "{Ns} by {N}, {Y}–{Y2}",
                                  "The {A} {N} in {P}"]))
        alt = esc("Bar chart of %s in five %s; the fourth bar is the highest "
                  "and the fifth the lowest." % (
                      plural(r.choice(NOUNS)), plural(r.choice(NOUNS))))
        self.count(nwords(title))
        out = ('%s<figure xml:id="%s">\n'
               "%s  <title>%s</title>\n"
               "%s  <mediaobject>\n"
               '%s    <imageobject><imagedata fileref="images/fig1.png" format="PNG"/></imageobject>\n'
               "%s    <textobject><phrase>%s</phrase></textobject>\n"
               "%s  </mediaobject>\n"
               "%s</figure>\n") % (ind, fid, ind, title, ind, ind, ind, alt, ind, ind)
        self.new_id(fid)
        return out

    def note(self, ind, ctx):
        return ("%s<note>\n%s</note>\n"
                % (ind, self.para(ind + "  ", dict(ctx, footnote=False), nsent=self.r.randint(2, 3))))

    def blockquote(self, ind, ctx):
        attribution = "%s, %d" % (self.r.choice(SURNAMES), self.r.randint(1960, 2015))
        return ("%s<blockquote>\n%s  <attribution>%s</attribution>\n%s%s</blockquote>\n"
                % (ind, ind, esc(attribution),
                   self.para(ind + "  ", dict(ctx, footnote=False, xref=False),
                             nsent=self.r.randint(2, 3)), ind))

    def blocks(self, ind, ctx, words, extra=()):
        """Paragraphs and lists until `words` are used; `extra` are block
        makers (table, figure) placed at random points."""
        r = self.r
        out = []
        extra = list(extra)
        self.planned -= words
        stop = self.planned
        first = True
        while self.budget > stop or first or extra:
            first = False
            x = r.random()
            if extra and (x < 0.25 or self.budget <= stop):
                out.append(extra.pop(0)(ind, ctx))
                # a table or figure is introduced and discussed by a paragraph
                out.append(self.para(ind, ctx))
                continue
            if x < 0.08:
                out.append(self.itemized(ind, ctx))
            elif x < 0.10:
                out.append(self.note(ind, ctx))
            elif x < 0.11:
                out.append(self.blockquote(ind, ctx))
            else:
                out.append(self.para(ind, ctx))
        return out

    def section(self, ind, sid, depth, words, ctx, extra=()):
        title = esc(self.t.title(SECTION_TITLES))
        self.count(nwords(title))
        self.new_id(sid)
        out = ['%s<section xml:id="%s">\n' % (ind, sid),
               "%s  <title>%s</title>\n" % (ind, title)]
        r = self.r
        nsub = 0
        if depth < 3 and words > (700 if depth == 1 else 300) and r.random() < (0.5 if depth == 1 else 0.25):
            nsub = r.randint(2, 3)
        own = words if nsub == 0 else int(words * r.uniform(0.25, 0.45))
        out += self.blocks(ind + "  ", ctx, own, extra)
        rest = words - own
        for k in range(1, nsub + 1):
            out += self.section(ind + "  ", "%s-%d" % (sid, k), depth + 1,
                                rest // nsub, ctx)
        out.append("%s</section>\n" % ind)
        return out

    def chapter(self, num, width, words, with_figure, split):
        cid = "ch%0*d" % (width, num)
        self.fn = self.tab = self.figs = self.paras = 0
        ctx = {"prefix": cid}
        title = esc(self.t.title(CHAPTER_TITLES))
        self.count(nwords(title))
        ind = "" if split else "  "
        attrs = ('xmlns="%s" xmlns:xlink="%s" version="5.0" xml:lang="%s" '
                 % (DB_NS, XLINK_NS, self.lang)) if split else ""
        out = ['%s<chapter %sxml:id="%s">\n' % (ind, attrs, cid),
               "%s  <title>%s</title>\n" % (ind, title),
               "%s  %s\n" % (ind, self.pager.new_page())]
        self.new_id(cid)
        r = self.r
        nsec = max(2, min(7, int(round(words / 1100.0))))
        intro = int(words * r.uniform(0.05, 0.12))
        out += self.blocks(ind + "  ", ctx, intro)
        weights = [r.uniform(0.7, 1.3) for _ in range(nsec)]
        total = sum(weights)
        table_at = r.randrange(nsec)
        fig_at = r.randrange(nsec)
        for s in range(1, nsec + 1):
            extra = []
            if s - 1 == table_at:
                extra.append(self.table)
            if with_figure and s - 1 == fig_at:
                extra.append(self.figure)
            share = int((words - intro) * weights[s - 1] / total)
            out += self.section(ind + "  ", "%s-s%d" % (cid, s), 1, share, ctx, extra)
        out.append("%s</chapter>\n" % ind)
        return "".join(out)

    def preface(self, words):
        ctx = {"prefix": "preface", "xref": False}
        self.fn = self.paras = 0
        out = ['  <preface xml:id="preface">\n',
               "    <title>Preface</title>\n",
               "    %s\n" % self.pager.new_page()]
        self.new_id("preface")
        out += self.blocks("    ", ctx, words)
        out.append("  </preface>\n")
        return "".join(out)

    # -- whole book ----------------------------------------------------------
    def build(self, split):
        r = self.r
        n = self.pages
        pre_pages = max(1, min(6, int(round(n * 0.02))))
        body_pages = max(1, n - pre_pages)
        nch = max(2, int(round(body_pages / 10.0)))
        width = max(2, len(str(nch)))
        # Each chapter starts on a new page; its last page is on average half
        # full, so budget half a page less per chapter.
        body_words = max(nch * 200, int((body_pages - nch * 0.5) * WORDS_PER_PAGE))
        # Front matter pages i-iv (title, imprint, contents) carry no text.
        self.pager.page = 4
        self.budget = self.planned = pre_pages * WORDS_PER_PAGE
        preface = self.preface(self.budget)
        self.pager.start_arabic()
        weights = [r.uniform(0.75, 1.25) for _ in range(nch)]
        total = sum(weights)
        chapters = []
        self.budget = self.planned = 0
        for i in range(1, nch + 1):
            w = int(body_words * weights[i - 1] / total)
            self.budget += w
            self.planned += w
            chapters.append(self.chapter(i, width, w, with_figure=(i % 3 == 1), split=split))
        for t in self.linkends:
            assert t in self.ids, t
        return preface, chapters, width

    def info(self):
        r = self.r
        t = self.t
        year = r.randint(2015, 2024)
        pubdate = datetime.date(year, r.randint(1, 12), r.randint(1, 28)).isoformat()
        title = t.title(["{A} {Ns} in {P}", "The {A} {N}", "{Ns} and {Ns}",
                         "{A} {Ns} and the {A} {N}"])
        subtitle = "%s, %d–%d" % (t.title(["{A} {Ns} and {A} {Ns}", "A Study of {A} {Ns}",
                                           "Evidence from {P}"]), year - 12, year - 2)
        org = r.choice(["Institute for Regional Studies", "Centre for Infrastructure Policy",
                        "Foundation for Public Services Research", "Observatory of Rural Development"])
        publisher = r.choice(["Northbridge Academic Press", "Harwick University Press",
                              "Eastmoor Policy Publishing", "Kestrel Bay Books"])
        city = r.choice(["Northbridge", "Harwick", "Eastmoor", "Geneva", "Brussels", "Ljubljana"])
        prefix = "9783" + "%05d" % r.randint(10000, 99999)
        title_no = r.randint(100, 990)
        isbn_print = isbn13(prefix + "%03d" % title_no)
        isbn_epub = isbn13(prefix + "%03d" % (title_no + 1))
        volume = r.randint(1, 60)
        assert issn_ok(SERIES_ISSN)
        cover_alt = "Cover of %s: the title in light type on a dark blue ground." % title
        return "".join([
            "  <info>\n",
            "    <title>%s</title>\n" % esc(title),
            "    <subtitle>%s</subtitle>\n" % esc(subtitle),
            "    <author><orgname>%s</orgname></author>\n" % esc(org),
            "    <publisher>\n      <publishername>%s</publishername>\n"
            "      <address><city>%s</city></address>\n    </publisher>\n" % (esc(publisher), esc(city)),
            "    <pubdate>%s</pubdate>\n" % pubdate,
            '    <biblioid class="isbn" role="epub">%s</biblioid>\n' % isbn_epub,
            '    <biblioid class="isbn" role="print">%s</biblioid>\n' % isbn_print,
            '    <biblioset relation="series">\n'
            "      <title>Studies in Regional Infrastructure</title>\n"
            '      <biblioid class="issn">%s</biblioid>\n'
            "      <volumenum>%d</volumenum>\n"
            "    </biblioset>\n" % (SERIES_ISSN, volume),
            "    <pagenums>%d</pagenums>\n" % self.pager.page,
            "    <copyright><year>%d</year><holder>%s</holder></copyright>\n" % (year, esc(org)),
            "    <legalnotice>\n"
            "      <para>All rights reserved. No part of this publication may be reproduced "
            "without the written permission of %s, except for brief quotations in reviews "
            "and scholarly work. The figures in this volume are fictitious and generated "
            "for testing purposes.</para>\n"
            "    </legalnotice>\n" % esc(publisher),
            "    <cover>\n"
            "      <mediaobject>\n"
            '        <imageobject><imagedata fileref="images/cover.png" format="PNG"/></imageobject>\n'
            "        <textobject><phrase>%s</phrase></textobject>\n"
            "      </mediaobject>\n"
            "    </cover>\n" % esc(cover_alt),
            "  </info>\n",
        ])


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Generate a deterministic, valid DocBook 5 book of about N pages.")
    ap.add_argument("--pages", type=int, required=True, help="approximate printed pages (>= 5)")
    ap.add_argument("--lang", default="en",
                    help="xml:lang of the root (BCP 47); the text itself is English")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--split", action="store_true",
                    help="one file per chapter, pulled in with xi:include")
    ap.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    a = ap.parse_args(argv)
    if a.pages < 5:
        ap.error("--pages must be at least 5")
    if not re.match(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", a.lang):
        ap.error("--lang must be a BCP 47 language tag")

    book = Book(a.pages, a.lang, a.seed)
    preface, chapters, width = book.build(a.split)
    info = book.info()

    os.makedirs(os.path.join(a.output, "images"), exist_ok=True)
    write_atomic(os.path.join(a.output, "images", "fig1.png"), fig_png())
    write_atomic(os.path.join(a.output, "images", "cover.png"), cover_png())

    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<!-- Synthetic test book (tests/bench/gen-book.py): pages=%d seed=%d lang=%s%s;"
            " the text and figures are fictitious. -->\n"
            % (a.pages, a.seed, a.lang, " split" if a.split else ""))
    ns = 'xmlns="%s" xmlns:xlink="%s"' % (DB_NS, XLINK_NS)
    if a.split:
        ns += ' xmlns:xi="%s"' % XI_NS
    parts = [head, '<book %s version="5.0" xml:lang="%s" xml:id="book">\n' % (ns, a.lang),
             info, preface]
    if a.split:
        for i, ch in enumerate(chapters, 1):
            name = "ch%0*d.xml" % (width, i)
            write_atomic(os.path.join(a.output, name),
                         ('<?xml version="1.0" encoding="UTF-8"?>\n' + ch).encode("utf-8"))
            parts.append('  <xi:include href="%s"/>\n' % name)
    else:
        parts.extend(chapters)
    parts.append("</book>\n")
    write_atomic(os.path.join(a.output, "book.xml"), "".join(parts).encode("utf-8"))
    sys.stderr.write("gen-book: %s: %d pages, %d chapters, %d words\n" % (
        os.path.join(a.output, "book.xml"), book.pager.page, len(chapters), book.total_words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
