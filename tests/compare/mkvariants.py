#!/usr/bin/env python3
"""Write folio-compare's seeded-defect corpus: corpus/v-*.xml and cases.txt.

Each variant is a correct translation (corpus/fr.xml, es.xml, de.xml,
ar.xml) with one defect seeded by a few exact text replacements, and the
findings folio-compare must report for it: rule ids and the xml:id (on the
original's side) each finding belongs to.  cases.txt also lists the clean
cases (correct translations: zero findings), the --base case and the
XInclude case.  tests/cli/compare.py runs cases.txt.

    python3 tests/compare/mkvariants.py        # rewrite the files
    python3 tests/compare/mkvariants.py --check  # exit 1 if they are stale

Every replacement must match exactly once, so a change to a translation
that breaks a variant is caught here rather than by a puzzling test.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

def read(lang):
    with open(os.path.join(CORPUS, lang + ".xml"), encoding="utf-8") as f:
        return f.read()


def between(text, start, end):
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return text[i:j]


def variants():
    """(name, base, text, expected) of every seeded defect."""
    out = []

    def v(name, base, edits, expected, text=None):
        t = text if text is not None else read(base)
        for old, new in edits:
            n = t.count(old)
            if n != 1:
                sys.exit(f"mkvariants: {name}: {old[:60]!r} occurs {n} times in {base}.xml")
            t = t.replace(old, new)
        out.append((name, base, t, expected))

    fr, es, de, ar = read("fr"), read("es"), read("de"), read("ar")

    # ---- structure ----------------------------------------------------
    sec = between(fr, '    <section xml:id="sec-programme">', "    </section>\n")
    v("fr-section-missing", "fr", [(sec, "")], ["cmp-section-missing@sec-programme"])
    chap = between(ar, '  <chapter xml:id="ch-recommendations">', "  </chapter>\n")
    v("ar-chapter-missing", "ar", [(chap, "")], ["cmp-section-missing@ch-recommendations"])
    v("es-section-extra", "es", [(
        "    </note>\n  </chapter>",
        "    </note>\n    <section xml:id=\"sec-seguimiento\">\n      <title>Seguimiento</title>\n"
        "      <para>La secretaría preparará una nota sobre la aplicación de estas recomendaciones.</para>\n"
        "    </section>\n  </chapter>")], ["cmp-section-extra@ch-recommendations"])
    s_prog = between(de, '    <section xml:id="sec-programme">', "    </section>\n")
    s_city = between(de, '    <section xml:id="sec-cities">', "    </section>\n")
    v("de-section-order", "de", [(s_prog + "\n" + s_city, s_city + "\n" + s_prog)],
      ["cmp-order@sec-programme"])
    v("fr-para-missing", "fr", [(between(fr, '<para xml:id="p-ws-2">', "</para>\n"), "")],
      ["cmp-missing@p-ws-2"])
    v("fr-para-missing-noid", "fr", [(
        "      <para>Les groupes de travail ont dégagé quatre conditions de réussite\u00a0:</para>\n", "")],
      ["cmp-missing@sec-cities"])
    v("fr-para-extra", "fr", [(
        "      <figure xml:id=\"fig-cities\">",
        "      <para>Un maire a ajouté que les villes moyennes manquent souvent de personnel qualifié.</para>\n"
        "      <figure xml:id=\"fig-cities\">")], ["cmp-extra@sec-cities"])
    v("ar-listitem-missing", "ar", [(
        "        <listitem><para>بيانات موثوقة تتقاسمها الإدارات الوطنية والمحلية؛</para></listitem>\n", "")],
      ["cmp-missing@list-conditions"])
    v("es-row-missing", "es", [(
        "            <row><entry>10.30–11.00</entry><entry>Pausa para el café</entry></row>\n", "")],
      ["cmp-missing@tbl-programme"])
    v("de-cell-missing", "de", [(
        "<row><entry>Europa</entry><entry>Deutschland, Frankreich, Italien, Malta, Spanien</entry></row>",
        "<row><entry>Europa</entry></row>")], ["cmp-missing@tbl-countries"])
    v("fr-figure-missing", "fr", [(between(fr, '      <figure xml:id="fig-cities">', "</figure>\n"), "")],
      ["cmp-missing@fig-cities"])
    fn = between(fr, '<footnote xml:id="fn-declaration">', "</footnote>")
    v("fr-footnote-missing", "fr", [(fn, "")], ["cmp-footnote@fn-declaration"])
    fn_es = between(es, '<footnote xml:id="fn-declaration">', "</footnote>")
    v("es-footnote-moved", "es", [
        (fn_es, ""),
        ("con los gobiernos nacionales.", "con los gobiernos nacionales." + fn_es)],
      ["cmp-footnote@fn-declaration"])

    # ---- numbers, URLs, codes ------------------------------------------------
    v("fr-number", "fr", [("Il a réuni 145 participants", "Il a réuni 154 participants")],
      ["cmp-number@p-ws-1"])
    v("de-number-decimal", "de", [("von 9,5 auf 6,2 Wochen", "von 9,6 auf 6,2 Wochen")],
      ["cmp-number@p-ws-2"])
    v("es-number-thousands", "es", [("menos de 250.000 habitantes. En", "menos de 25.000 habitantes. En")],
      ["cmp-number@p-ws-2"])
    v("ar-number", "ar", [("من ٢٣ بلداً", "من ٣٢ بلداً")], ["cmp-number@p-ws-1"])
    v("fr-number-date", "fr", [("les 18 et 19 avril 2017. Il", "les 18 et 20 avril 2017. Il")],
      ["cmp-number@p-ws-1"])
    v("fr-url", "fr", [(
        '<link xlink:href="https://www.iom.int/idm-workshops">www.iom.int/idm-workshops</link>',
        '<link xlink:href="https://www.iom.int/fr/ateliers-idm">www.iom.int/fr/ateliers-idm</link>')],
      ["cmp-url@p-rec-2"])
    v("es-email", "es", [("<email>idm@iom.int</email>", "<email>dim@iom.int</email>")],
      ["cmp-url@p-rec-2"])
    v("fr-symbol", "fr", [("résolution A/RES/71/1 du", "résolution A/RES/71/11 du")],
      ["cmp-code@fn-declaration"])

    # ---- ids and links ----------------------------------------------------------
    v("fr-id-translated", "fr", [
        ('<section xml:id="sec-cities">', '<section xml:id="sec-villes">'),
        ('<xref linkend="sec-cities"/>', '<xref linkend="sec-villes"/>')],
      ["cmp-id@sec-cities", "cmp-linkend@p-rec-1"])
    v("es-linkend", "es", [('<xref linkend="sec-cities"/>', '<xref linkend="sec-programme"/>')],
      ["cmp-linkend@p-rec-1"])
    v("de-links-count", "de", [(
        "kleineren Arbeitsgruppen ab; <xref linkend=\"tbl-programme\"/> zeigt den ersten Vormittag.",
        "kleineren Arbeitsgruppen ab; die folgende Tabelle zeigt den ersten Vormittag.")],
      ["cmp-links@sec-programme"])

    # ---- text: untranslated, language, empty, markup, length, encoding ----------
    v("fr-untranslated", "fr", [(between(fr, "La plupart des migrants", "gouvernance des migrations."),
                                 "Most migrants do not settle in a country in the abstract: they settle in a "
                                 "neighbourhood, look for a school for their children and queue at a town hall. "
                                 "This is why the second workshop of the year was devoted to the role of cities "
                                 "and local authorities in the governance of migration.")],
      ["cmp-untranslated@p-fw-1"])
    v("es-wrong-language", "es", [(
        "asociar a las autoridades locales a la preparación de las estrategias nacionales de migración desde el principio;",
        "involve the local authorities in the drafting of the national migration strategies from the very start;")],
      ["cmp-wrong-language@list-recommendations"])
    v("de-wrong-language-sentence", "de", [(
        between(de, "Er vereinte 145", "Migrantenverbänden."),
        "It brought together 145 participants from 23 countries, among them 37 mayors and local officials, "
        "as well as representatives of national ministries, United Nations agencies and migrant associations.")],
      ["cmp-wrong-language@p-ws-1"])
    v("fr-empty", "fr", [(between(fr, '<para xml:id="p-cities-1">', "</para>"),
                          '<para xml:id="p-cities-1">  </para>')], ["cmp-empty@p-cities-1"])
    v("ar-markup", "ar", [("<emphasis>المحلية</emphasis>", "المحلية")], ["cmp-markup@p-cities-1"])
    v("es-markup-quote", "es", [("<quote>una alianza entre iguales</quote>", "«una alianza entre iguales»")],
      ["cmp-markup@p-cities-1"])
    v("fr-length-short", "fr", [(
        "\u00a0: ils s’installent dans un quartier, cherchent une école pour leurs enfants et font la queue "
        "à la mairie. C’est pourquoi le deuxième atelier de l’année a été consacré au rôle des villes et des "
        "autorités locales dans la gouvernance des migrations.", ".")], ["cmp-length@p-fw-1"])
    v("es-length-long", "es", [(
        "con tanta franqueza.</para>",
        "con tanta franqueza. Agradecemos también a los intérpretes, al personal técnico y a los voluntarios "
        "de la ciudad, sin cuya ayuda constante y discreta la reunión no habría podido celebrarse en tan buenas "
        "condiciones.</para>")], ["cmp-length@foreword"])
    v("fr-mojibake", "fr", [("la Déclaration de New York", "la DÃ©claration de New York"),
                            ("demande déjà aux États", "demande dÃ©jÃ  aux Ã‰tats")],
      ["cmp-mojibake@p-cities-2"])
    v("de-replacement-char", "de", [("Neuankömmlinge in der Region", "Neuank\ufffdmmlinge in der Region")],
      ["cmp-mojibake@p-ws-2"])

    # ---- metadata ----------------------------------------------------------------
    v("fr-meta-issn", "fr", [('<biblioid class="issn">1726-2224</biblioid>',
                              '<biblioid class="issn">2075-6100</biblioid>')], ["cmp-meta-issn@idm27"])
    v("es-meta-volume", "es", [("<volumenum>27</volumenum>", "<volumenum>28</volumenum>")],
      ["cmp-meta-volume@idm27"])
    v("de-meta-isbn", "de", [('<biblioid class="isbn" role="epub">978-92-9068-785-6</biblioid>',
                              '<biblioid class="isbn" role="epub">978-92-9068-777-1</biblioid>')],
      ["cmp-meta-isbn@idm27"])
    v("ar-meta-isversionof", "ar", [(
        '    <bibliorelation type="isversionof" class="isbn">978-92-9068-777-1</bibliorelation>\n', "")],
      ["cmp-meta-isversionof@idm27"])
    v("fr-meta-isversionof-wrong", "fr", [(
        '<bibliorelation type="isversionof" class="isbn">978-92-9068-777-1</bibliorelation>',
        '<bibliorelation type="isversionof" class="isbn">978-92-9068-781-8</bibliorelation>')],
      ["cmp-meta-isversionof@idm27"])
    v("fr-lang-declared", "fr", [('version="5.0" xml:lang="fr" xml:id="idm27"',
                                  'version="5.0" xml:lang="en" xml:id="idm27"')],
      ["cmp-lang-declared@idm27"])
    v("es-lang-appendix", "es", [('<appendix xml:id="app-countries" xml:lang="es">',
                                  '<appendix xml:id="app-countries" xml:lang="en">')],
      ["cmp-lang-declared@app-countries"])
    v("es-lang-text", "es", [('version="5.0" xml:lang="es" xml:id="idm27"',
                              'version="5.0" xml:lang="fr" xml:id="idm27"')],
      ["cmp-lang-text@idm27"])

    # ---- validation: the translation breaks the schema ------------------------------
    v("fr-invalid", "fr", [("<title>Pour en savoir plus</title>",
                            "<title>Pour en savoir plus</title>\n      <titre>Note</titre>")],
      ["schema@-"])
    return out


STATIC = [
    # name, original, translation, options, expected
    ("clean-fr", "en.xml", "fr.xml", "-", []),
    ("clean-es", "en.xml", "es.xml", "-", []),
    ("clean-de", "en.xml", "de.xml", "-", []),
    ("clean-ar", "en.xml", "ar.xml", "-", []),
    ("clean-fr-base-same", "en.xml", "fr.xml", "--base=en.xml", []),
    ("clean-xinclude", "xi-en/book.xml", "xi-fr/book.xml", "-", []),
    ("stale-fr", "en.xml", "fr.xml", "--base=en-base.xml",
     ["cmp-stale@p-fw-1", "cmp-stale@list-recommendations"]),
    ("xinclude-number", "xi-en/book.xml", "xi-fr-bad/book.xml", "-",
     ["cmp-number@p-aims-1@xi-fr-bad/ch1.xml"]),
]


def manifest(vs):
    lines = [
        "# folio-compare's corpus: one case per line, run by tests/cli/compare.py.",
        "# Written by tests/compare/mkvariants.py; edit the script, not this file.",
        "# name  original  translation  options(- for none)  expected findings",
        "# (rule@xml:id of the original's side, or rule@id@file; none = zero findings)",
    ]
    for name, orig, trans, opts, exp in STATIC:
        lines.append(f"{name}  {orig}  {trans}  {opts}  {' '.join(exp) or 'none'}")
    for name, base, _, exp in vs:
        lines.append(f"{name}  en.xml  v-{name}.xml  -  {' '.join(exp)}")
    return "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    vs = variants()
    files = {os.path.join(CORPUS, f"v-{name}.xml"): text for name, _, text, _ in vs}
    files[os.path.join(HERE, "cases.txt")] = manifest(vs)
    stale = []
    for path, text in files.items():
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            continue
        stale.append(os.path.relpath(path, HERE))
        if not check:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    known = {os.path.basename(p) for p in files}
    extra = [f for f in os.listdir(CORPUS) if f.startswith("v-") and f not in known]
    if check:
        for s in stale + extra:
            print(f"stale: {s}")
        sys.exit(1 if stale or extra else 0)
    for f in extra:
        os.remove(os.path.join(CORPUS, f))
    print(f"mkvariants: {len(vs)} variants, {len(stale)} file(s) written, {len(extra)} removed")


if __name__ == "__main__":
    main()
