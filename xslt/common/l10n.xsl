<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: localization.

  Every word the stylesheets generate comes from xslt/l10n/LANG.xml, chosen
  through xslt/l10n/index.xml (see xslt/l10n/README).  The document language
  is $folio.lang when given, else the root's xml:lang, else "en"; the l10n
  file is the best match in index.xml (fr-CA -> fr-ca, then fr), else en.
  A key missing from the chosen file falls back to en.xml.

  Named templates:
    folio.gentext  key=K                 -> text of <l:gentext key="K"/>
    folio.template name=N n=.. t=.. s=.. -> <l:template name="N"/> with %n %t %s
                                            replaced (t may be a result tree)
    folio.dir      lang=L                -> "rtl" or "ltr"
    folio.context.dir                    -> direction at the context node
    folio.ltr.attr                       -> dir="ltr" on code, URLs... in
                                            right-to-left text
    folio.ltr.value value=V              -> V, isolated when the document
                                            is right to left
    folio.isolate.attr                   -> dir="rtl" on a note reference
                                            in right-to-left text
    folio.digits   n=N                   -> N with the language's digits
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:l="urn:folio:l10n"
    exclude-result-prefixes="d l">

  <!-- Override of the document language (BCP 47), e.g. "fr-CA". -->
  <xsl:param name="folio.lang" select="''"/>

  <xsl:variable name="folio.l10n.index" select="document('../l10n/index.xml')/l:index"/>

  <xsl:variable name="folio.doc.lang.rtf">
    <xsl:choose>
      <xsl:when test="normalize-space($folio.lang) != ''">
        <xsl:value-of select="normalize-space($folio.lang)"/>
      </xsl:when>
      <xsl:when test="normalize-space(/*/@xml:lang) != ''">
        <xsl:value-of select="normalize-space(/*/@xml:lang)"/>
      </xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="folio.doc.lang" select="string($folio.doc.lang.rtf)"/>

  <!-- the l10n code actually used (a code listed in index.xml) -->
  <xsl:variable name="folio.l10n.code">
    <xsl:call-template name="folio.l10n.match">
      <xsl:with-param name="lang" select="$folio.doc.lang"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template name="folio.l10n.match">
    <xsl:param name="lang"/>
    <xsl:variable name="tag" select="translate($lang, concat($folio.upper, '_'), concat($folio.lower, '-'))"/>
    <xsl:variable name="p1" select="substring-before(concat($tag, '-'), '-')"/>
    <xsl:variable name="rest" select="substring-after($tag, '-')"/>
    <xsl:variable name="p2" select="concat($p1, '-', substring-before(concat($rest, '-'), '-'))"/>
    <xsl:choose>
      <xsl:when test="$folio.l10n.index/l:language[@code = $tag]"><xsl:value-of select="$tag"/></xsl:when>
      <xsl:when test="$rest != '' and $folio.l10n.index/l:language[@code = $p2]"><xsl:value-of select="$p2"/></xsl:when>
      <xsl:when test="$folio.l10n.index/l:language[@code = $p1]"><xsl:value-of select="$p1"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The file's path is resolved relative to index.xml. -->
  <xsl:variable name="folio.l10n.en" select="document('../l10n/en.xml')/l:l10n"/>
  <xsl:variable name="folio.l10n.chosen"
      select="document($folio.l10n.index/l:language[@code = $folio.l10n.code][1]/@file)/l:l10n"/>
  <xsl:variable name="folio.l10n" select="$folio.l10n.chosen | $folio.l10n.en[not($folio.l10n.chosen)]"/>

  <!-- number formats (xsl:number format tokens) -->
  <xsl:variable name="folio.format.chapter.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'format-chapter'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.format.chapter" select="string($folio.format.chapter.rtf)"/>
  <xsl:variable name="folio.format.appendix.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'format-appendix'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.format.appendix" select="string($folio.format.appendix.rtf)"/>
  <xsl:variable name="folio.format.part.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'format-part'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.format.part" select="string($folio.format.part.rtf)"/>

  <!-- the ten digits of the language, for the numbers the stylesheets
       write themselves (figure, table, footnote and section numbers);
       "0123456789" unless the l10n file says otherwise -->
  <xsl:variable name="folio.digits.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'digits'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.digits.raw" select="string($folio.digits.rtf)"/>
  <xsl:variable name="folio.digits"
      select="concat(substring($folio.digits.raw, 1, 10 * (string-length($folio.digits.raw) = 10)),
                     substring('0123456789', 1, 10 * (string-length($folio.digits.raw) != 10)))"/>

  <xsl:template name="folio.digits">
    <xsl:param name="n"/>
    <xsl:value-of select="translate($n, '0123456789', $folio.digits)"/>
  </xsl:template>

  <xsl:key name="folio.l10n.gentext" match="l:gentext" use="@key"/>
  <xsl:key name="folio.l10n.template" match="l:template" use="@name"/>

  <xsl:template name="folio.gentext">
    <xsl:param name="key"/>
    <xsl:for-each select="$folio.l10n[1]">
      <xsl:variable name="hit" select="key('folio.l10n.gentext', $key)"/>
      <xsl:choose>
        <xsl:when test="$hit"><xsl:value-of select="$hit[1]/@text"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$folio.l10n.en[1]">
            <xsl:variable name="en" select="key('folio.l10n.gentext', $key)"/>
            <xsl:choose>
              <xsl:when test="$en"><xsl:value-of select="$en[1]/@text"/></xsl:when>
              <xsl:otherwise>
                <xsl:message>folio: no generated text for key "<xsl:value-of select="$key"/>"</xsl:message>
                <xsl:value-of select="$key"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="folio.template">
    <xsl:param name="name"/>
    <xsl:param name="n" select="''"/>
    <xsl:param name="t" select="''"/>
    <xsl:param name="s" select="''"/>
    <!-- (no result tree fragment for the template text: it is written
         from where it is found; the first placeholder is replaced here,
         folio.template.subst replaces the others) -->
    <xsl:for-each select="$folio.l10n[1]">
      <xsl:variable name="hit" select="key('folio.l10n.template', $name)[1]/@text"/>
      <xsl:variable name="after" select="substring-after($hit, '%')"/>
      <xsl:value-of select="substring-before($hit, '%')"/>
      <xsl:choose>
        <xsl:when test="starts-with($after, 'n')"><xsl:copy-of select="$n"/></xsl:when>
        <xsl:when test="starts-with($after, 't')"><xsl:copy-of select="$t"/></xsl:when>
        <xsl:when test="starts-with($after, 's')"><xsl:copy-of select="$s"/></xsl:when>
        <xsl:when test="contains($hit, '%')">%<xsl:value-of select="translate(substring($after, 1, 1), '%', '')"/></xsl:when>
        <xsl:when test="$hit"><xsl:value-of select="$hit"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$folio.l10n.en[1]">
            <xsl:variable name="en" select="key('folio.l10n.template', $name)"/>
            <xsl:choose>
              <xsl:when test="$en and not(contains($en[1]/@text, '%'))"><xsl:value-of select="$en[1]/@text"/></xsl:when>
              <xsl:otherwise>
                <xsl:if test="not($en)">
                  <xsl:message>folio: no l10n template "<xsl:value-of select="$name"/>"</xsl:message>
                </xsl:if>
                <xsl:call-template name="folio.template.subst">
                  <xsl:with-param name="text" select="concat(string($en[1]/@text), substring('%t', 1, 2 * not($en)))"/>
                  <xsl:with-param name="n" select="$n"/>
                  <xsl:with-param name="t" select="$t"/>
                  <xsl:with-param name="s" select="$s"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="contains(substring($after, 2), '%')">
          <xsl:call-template name="folio.template.subst">
            <xsl:with-param name="text" select="substring($after, 2)"/>
            <xsl:with-param name="n" select="$n"/>
            <xsl:with-param name="t" select="$t"/>
            <xsl:with-param name="s" select="$s"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="substring($after, 2)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- TEXT (which contains a %) with %n %t %s replaced, %% written % -->
  <xsl:template name="folio.template.subst">
    <xsl:param name="text"/>
    <xsl:param name="n"/>
    <xsl:param name="t"/>
    <xsl:param name="s"/>
    <xsl:variable name="after" select="substring-after($text, '%')"/>
    <xsl:value-of select="substring-before($text, '%')"/>
    <xsl:choose>
      <xsl:when test="starts-with($after, 'n')"><xsl:copy-of select="$n"/></xsl:when>
      <xsl:when test="starts-with($after, 't')"><xsl:copy-of select="$t"/></xsl:when>
      <xsl:when test="starts-with($after, 's')"><xsl:copy-of select="$s"/></xsl:when>
      <xsl:otherwise>%<xsl:value-of select="translate(substring($after, 1, 1), '%', '')"/></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="contains(substring($after, 2), '%')">
        <xsl:call-template name="folio.template.subst">
          <xsl:with-param name="text" select="substring($after, 2)"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="t" select="$t"/>
          <xsl:with-param name="s" select="$s"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($after, 2)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Writing direction of a BCP 47 tag: the same lists as
       folio_bcp47_is_rtl() in tools/lib/ident.c (which writes the OPF's
       dir and page-progression-direction), so that the package and the
       content documents always agree.  A script subtag decides (ar-Latn
       is left to right, pa-Arab right to left); without one, the
       language's usual script does: Arabic, Hebrew, Persian, Urdu, Pashto,
       Sindhi, Uyghur, Yiddish, Dhivehi, Sorani Kurdish, Kashmiri, Syriac,
       N'Ko and the Arabic varieties. -->
  <xsl:variable name="folio.rtl.languages"
      select="' ar he iw fa ur ps sd ug yi ji dv ckb arb arz ary aeb apc prs pes pnb ks syr azb lrc mzn glk bal skr nqo '"/>
  <xsl:variable name="folio.rtl.scripts"
      select="' arab aran hebr thaa syrc nkoo adlm rohg mand samr syre syrj syrn '"/>

  <xsl:template name="folio.dir">
    <xsl:param name="lang" select="$folio.doc.lang"/>
    <xsl:variable name="tag" select="translate($lang, concat($folio.upper, '_'), concat($folio.lower, '-'))"/>
    <xsl:variable name="p1" select="substring-before(concat($tag, '-'), '-')"/>
    <xsl:variable name="r1" select="substring-after($tag, '-')"/>
    <xsl:variable name="p2" select="substring-before(concat($r1, '-'), '-')"/>
    <!-- the script may follow an extended language subtag (zh-yue-Hant) -->
    <xsl:variable name="p3" select="substring-before(concat(substring-after($r1, '-'), '-'), '-')"/>
    <xsl:variable name="script">
      <xsl:choose>
        <xsl:when test="string-length($p2) = 4 and translate($p2, $folio.lower, '') = ''"><xsl:value-of select="$p2"/></xsl:when>
        <xsl:when test="string-length($p2) = 3 and translate($p2, $folio.lower, '') = ''
                        and string-length($p3) = 4 and translate($p3, $folio.lower, '') = ''"><xsl:value-of select="$p3"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($p1) &lt; 2">ltr</xsl:when>
      <xsl:when test="$script != '' and contains($folio.rtl.scripts, concat(' ', $script, ' '))">rtl</xsl:when>
      <xsl:when test="$script != ''">ltr</xsl:when>
      <xsl:when test="contains($folio.rtl.languages, concat(' ', $p1, ' '))">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Writing direction at the context node: that of its nearest xml:lang
       (the document's for the root, which $folio.lang may override). -->
  <xsl:template name="folio.context.dir">
    <xsl:variable name="up" select="ancestor-or-self::*[@xml:lang][1]"/>
    <xsl:choose>
      <xsl:when test="$up and $up/parent::*">
        <xsl:call-template name="folio.dir"><xsl:with-param name="lang" select="$up/@xml:lang"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$folio.doc.dir"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- dir="ltr" on the element being written, for content that is left to
       right by nature (code, URLs, e-mail addresses, ISBNs, phone
       numbers) when it sits in right-to-left text: the attribute makes the
       element a bidi isolate, so its slashes, dots and hyphens are not
       reordered with the Arabic or Hebrew around it.  Nothing in
       left-to-right text, nor when the element has its own xml:lang
       (folio.attrs then writes its dir).  Call it right after the other
       attributes. -->
  <xsl:template name="folio.ltr.attr">
    <xsl:if test="not(@xml:lang) and ($folio.doc.dir = 'rtl' or ancestor::*[@xml:lang][parent::*])">
      <xsl:variable name="dir"><xsl:call-template name="folio.context.dir"/></xsl:variable>
      <!-- (not again inside an element that is already left to right:
           a listing, a synopsis, code, a URL) -->
      <xsl:if test="$dir = 'rtl' and not(ancestor::*[@xml:lang or contains($folio.ltr.names, concat(' ', local-name(), ' '))][1]
                                             [not(@xml:lang)])">
        <xsl:attribute name="dir">ltr</xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- dir="rtl" on a note reference in right-to-left text: the attribute
       makes it a bidi isolate, so that its number does not join the digits
       before it (without it, "2018" and note 2 make one number, 20182, and
       the note mark lands before the year). -->
  <xsl:template name="folio.isolate.attr">
    <xsl:if test="$folio.doc.dir = 'rtl' or ancestor::*[@xml:lang][parent::*]">
      <xsl:variable name="dir"><xsl:call-template name="folio.context.dir"/></xsl:variable>
      <xsl:if test="$dir = 'rtl'">
        <xsl:attribute name="dir">rtl</xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- the elements that folio.ltr.attr makes left to right -->
  <xsl:variable name="folio.ltr.names" select="concat(
      ' programlisting screen synopsis funcsynopsis funcsynopsisinfo cmdsynopsis classsynopsis methodsynopsis',
      ' fieldsynopsis constructorsynopsis destructorsynopsis enumsynopsis typedefsynopsis packagesynopsis',
      ' macrosynopsis unionsynopsis literal code command filename option parameter envar varname function',
      ' classname methodname constant type property markup token systemitem package exceptionname',
      ' interfacename ooclass ooexception oointerface returnvalue symbol errorcode errorname errortext',
      ' errortype database nonterminal modifier initializer keysym keycode varargs void buildtarget',
      ' macroname namespace enumname enumvalue unionname typedefname structname templatename trait uri',
      ' email tag citerefentry replaceable userinput computeroutput prompt phone fax ')"/>

  <!-- A generated left-to-right value (an ISBN, an ISSN) in the text of a
       right-to-left document: isolated in <span dir="ltr">. -->
  <xsl:template name="folio.ltr.value">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="$folio.doc.dir = 'rtl'"><span dir="ltr"><xsl:value-of select="$value"/></span></xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- frequent strings, looked up once -->
  <xsl:variable name="folio.gt.open-quote.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'open-quote'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.gt.open-quote" select="string($folio.gt.open-quote.rtf)"/>
  <xsl:variable name="folio.gt.close-quote.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'close-quote'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.gt.close-quote" select="string($folio.gt.close-quote.rtf)"/>
  <xsl:variable name="folio.gt.nested-open-quote.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'nested-open-quote'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.gt.nested-open-quote" select="string($folio.gt.nested-open-quote.rtf)"/>
  <xsl:variable name="folio.gt.nested-close-quote.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'nested-close-quote'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.gt.nested-close-quote" select="string($folio.gt.nested-close-quote.rtf)"/>
  <xsl:variable name="folio.gt.back-to-text.rtf">
    <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'BackToText'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="folio.gt.back-to-text" select="string($folio.gt.back-to-text.rtf)"/>

  <xsl:variable name="folio.doc.dir.rtf">
    <xsl:call-template name="folio.dir"/>
  </xsl:variable>
  <xsl:variable name="folio.doc.dir" select="string($folio.doc.dir.rtf)"/>

</xsl:stylesheet>
