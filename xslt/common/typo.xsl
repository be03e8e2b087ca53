<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: typography of the output text, per language.

  French (fr, fr-CA, ...): a narrow no-break space (U+202F) before ; : ! ?
  and inside « », as French typesetting wants and as a source typed on a
  keyboard rarely has.  Applied to the text written out (headings,
  paragraphs, titles in the table of contents and in cross references,
  alt text), never to the source itself, and never inside code, URLs or
  e-mail addresses (the elements in $folio.typo.verbatim.names, monospaced
  literallayout, and links whose text is their address).

  Rules, for each mark of the text:
    ; : ! ?  an ordinary space before it (or a run of spaces and line
             breaks) becomes one U+202F; with no space, one is added;
             a no-break or thin space already there is kept (never two).
             Only when the mark ends a phrase: what follows is a space,
             the end of the text, a closing quote or bracket, . , or …,
             or (for ! and ?) another ! or ?.  So "http://", "a?b=1",
             "10:30", "std::vector" and "a;b" are left alone; "?!" takes
             one space; nothing is added after ( [ { or at the very start
             of a paragraph.
    « »      U+202F inside the marks: after «, before », replacing an
             ordinary space or adding one, keeping a no-break space.
  Generated text (l10n/fr.xml) already carries its spaces; it is not
  passed through these templates.

  Cost: the text templates match French text only (lang('fr'), and text
  with no xml:lang at all, whose language $folio.lang decides): other
  languages pay one ancestor walk per text node.  (A mark test in the
  pattern would cost every other text node.)  Ancestors are looked up
  in a short list (para, section...) before the long one.  Long text is
  cut into pieces of at most 400 characters at a point between two letters, so
  recursion depth stays bounded (log of the length, plus the marks of one
  piece) and the work is linear in the length of the text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    exclude-result-prefixes="d xlink">

  <!-- 1 = French spacing on (the default); 0 = text copied as it is -->
  <xsl:param name="folio.typo.fr" select="1"/>

  <!-- Elements whose text is never respaced (code, URLs, addresses,
       keyboard input...).  Written between spaces for an exact test.
       (folio.typo.text uses a literal copy of this list, for speed: a
       global variable reference copies its value in libxslt.  Change
       both.) -->
  <xsl:variable name="folio.typo.verbatim.names" select="concat(
      ' programlisting screen synopsis funcsynopsis funcsynopsisinfo cmdsynopsis classsynopsis',
      ' methodsynopsis fieldsynopsis constructorsynopsis destructorsynopsis enumsynopsis typedefsynopsis',
      ' packagesynopsis macrosynopsis unionsynopsis funcprototype productionset literal code command',
      ' filename option parameter envar varname function classname methodname constant type property',
      ' markup token systemitem package exceptionname interfacename ooclass ooexception oointerface',
      ' returnvalue symbol errorcode errorname errortext errortype database nonterminal modifier initializer',
      ' keysym keycode keycap keycombo varargs void buildtarget macroname namespace enumname enumvalue',
      ' unionname typedefname structname templatename trait uri email tag citerefentry replaceable',
      ' userinput computeroutput prompt mathphrase phone fax biblioid citebiblioid ')"/>

  <!-- the characters the rules look at -->
  <xsl:variable name="folio.typo.nnbsp" select="'&#x202F;'"/>
  <xsl:variable name="folio.typo.ws" select="' &#9;&#10;&#13;'"/>
  <!-- spaces that are kept as they are before a mark -->
  <xsl:variable name="folio.typo.fixed" select="'&#xA0;&#x202F;&#x2009;&#x2007;&#x2008;&#x200A;&#x2006;&#x2005;&#x2004;'"/>
  <!-- what may follow a mark that ends a phrase -->
  <xsl:variable name="folio.typo.closing" select="concat('&#xA0;&#x202F;&#x2009;»”’&quot;', &quot;'&quot;, ')]}.,…–—')"/>
  <!-- all of the above and the marks: a split point must avoid them -->
  <xsl:variable name="folio.typo.special" select="concat(' &#9;&#10;&#13;;:!?«»', '&#xA0;&#x202F;&#x2009;&#x2007;&#x2008;&#x200A;&#x2006;&#x2005;&#x2004;')"/>

  <!-- ==================================================================
       Text nodes (default mode and mode folio.text)
       ================================================================== -->
  <!-- Only text in French, or in no declared language (whose language
       $folio.lang decides), goes through folio.typo.text: the rest is
       copied by the built-in rule, which is faster.  In the default mode
       the test is split in two patterns, for speed in libxslt 1.1.35:
       text()[lang('fr')], tested for each text node (lang() is cheap,
       ancestor::*/@xml:lang is not); and text in a document whose root
       has no xml:lang, a pattern with two predicates on its last step,
       which libxslt evaluates once per document as an XPath expression
       (ending at once when the root has an xml:lang), keeping the nodes
       it selects: only text with a mark in it (the list stays short).
       /text(): text directly under a document node, in a result tree
       fragment.  No space after "|": libxslt would prefix that
       alternative with "//". -->
  <xsl:template match="text()[lang('fr')]">
    <xsl:call-template name="folio.typo.text"/>
  </xsl:template>

  <xsl:template match="/*[not(@xml:lang)]//text()[contains(., ':') or contains(., ';') or contains(., '?') or contains(., '!') or contains(., '«') or contains(., '»')][not(ancestor::*/@xml:lang)]
                       |/text()[contains(., ':') or contains(., ';') or contains(., '?') or contains(., '!') or contains(., '«') or contains(., '»')][not(ancestor::*/@xml:lang)]">
    <xsl:call-template name="folio.typo.text"/>
  </xsl:template>

  <xsl:template match="text()[lang('fr') or not(ancestor::*/@xml:lang)]" mode="folio.text">
    <xsl:call-template name="folio.typo.text"/>
  </xsl:template>

  <!-- The context text node, respaced when its language is French. -->
  <xsl:template name="folio.typo.text">
    <xsl:choose>
      <xsl:when test="not(contains(., ':') or contains(., ';') or contains(., '?') or contains(., '!')
                          or contains(., '«') or contains(., '»'))
                      or not($folio.typo.fr != 0)">
        <xsl:value-of select="."/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="up" select="ancestor::*[@xml:lang][1][parent::*]"/>
        <xsl:choose>
          <xsl:when test="not(ancestor::*[not(contains(' para section chapter book footnote ', concat(' ', local-name(), ' ')))
                                        and contains(' programlisting screen synopsis funcsynopsis funcsynopsisinfo cmdsynopsis classsynopsis methodsynopsis fieldsynopsis constructorsynopsis destructorsynopsis enumsynopsis typedefsynopsis packagesynopsis macrosynopsis unionsynopsis funcprototype productionset literal code command filename option parameter envar varname function classname methodname constant type property markup token systemitem package exceptionname interfacename ooclass ooexception oointerface returnvalue symbol errorcode errorname errortext errortype database nonterminal modifier initializer keysym keycode keycap keycombo varargs void buildtarget macroname namespace enumname enumvalue unionname typedefname structname templatename trait uri email tag citerefentry replaceable userinput computeroutput prompt mathphrase phone fax biblioid citebiblioid ', concat(' ', local-name(), ' '))
                                        and namespace-uri() = 'http://docbook.org/ns/docbook'])
                          and not(ancestor::d:literallayout[@class = 'monospaced'])
                          and not(ancestor::*[@xlink:href][1][normalize-space(.) = normalize-space(@xlink:href)
                                                             or contains(normalize-space(.), '://')
                                                             or starts-with(normalize-space(.), 'www.')])
                          and starts-with(translate(concat($up/@xml:lang, substring($folio.doc.lang, 1 div not($up)), '-'), 'FR_', 'fr-'), 'fr-')">
            <xsl:call-template name="folio.typo.french">
              <xsl:with-param name="s" select="string(.)"/>
              <!-- at the start of the text: is anything written before it? -->
              <xsl:with-param name="pre"
                  select="substring('x', 1 div (preceding-sibling::node()
                                                or (../preceding-sibling::node()
                                                    and contains(' emphasis phrase quote link foreignphrase citetitle firstterm glossterm wordasword abbrev acronym productname orgname ',
                                                                 concat(' ', local-name(..), ' ')))))"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       French spacing of a string.
         s     the text
         pre   the character written just before s ('' when nothing is)
         post  the character written just after s ('' at the end of the
               text node: treated like a space)
       ================================================================== -->
  <xsl:template name="folio.typo.french">
    <xsl:param name="s"/>
    <xsl:param name="pre" select="''"/>
    <xsl:param name="post" select="''"/>
    <xsl:variable name="len" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="$len &gt; 400">
        <!-- two halves, cut between two ordinary characters near the
             middle, so that no rule sees across the cut -->
        <xsl:variable name="k.rtf">
          <xsl:call-template name="folio.typo.cut">
            <xsl:with-param name="s" select="$s"/>
            <xsl:with-param name="i" select="floor($len div 2)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="k" select="number($k.rtf)"/>
        <xsl:call-template name="folio.typo.french">
          <xsl:with-param name="s" select="substring($s, 1, $k)"/>
          <xsl:with-param name="pre" select="$pre"/>
          <xsl:with-param name="post" select="substring($s, $k + 1, 1)"/>
        </xsl:call-template>
        <xsl:call-template name="folio.typo.french">
          <xsl:with-param name="s" select="substring($s, $k + 1)"/>
          <xsl:with-param name="pre" select="substring($s, $k, 1)"/>
          <xsl:with-param name="post" select="$post"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- the marks all made ':' once for the piece (translate() is the
             slow part: once per piece, not once per mark) -->
        <xsl:call-template name="folio.typo.french.scan">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="t" select="translate($s, ';!?«»', ':::::')"/>
          <xsl:with-param name="pre" select="$pre"/>
          <xsl:with-param name="post" select="$post"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A cut position near $i: characters $i and $i + 1 are both ordinary
       (no space, no mark).  Looks at most 64 characters further; else $i
       (pre/post then carry the neighbours, and at worst an ordinary space
       stays ordinary). -->
  <xsl:template name="folio.typo.cut">
    <xsl:param name="s"/>
    <xsl:param name="i"/>
    <xsl:param name="tries" select="0"/>
    <xsl:variable name="two" select="substring($s, $i + $tries, 2)"/>
    <xsl:choose>
      <xsl:when test="string-length($two) = 2 and translate($two, $folio.typo.special, '') = $two">
        <xsl:value-of select="$i + $tries"/>
      </xsl:when>
      <xsl:when test="$tries &gt;= 64 or string-length($two) &lt; 2">
        <xsl:value-of select="$i"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.typo.cut">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="i" select="$i"/>
          <xsl:with-param name="tries" select="$tries + 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One piece (at most 400 characters): mark after mark.  $t is $s
       with every mark made ':' (same length, same positions). -->
  <xsl:template name="folio.typo.french.scan">
    <xsl:param name="s"/>
    <xsl:param name="t"/>
    <xsl:param name="pre"/>
    <xsl:param name="post"/>
    <xsl:choose>
      <xsl:when test="not(contains($t, ':'))">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="i" select="string-length(substring-before($t, ':'))"/>
        <xsl:variable name="m" select="substring($s, $i + 1, 1)"/>
        <xsl:variable name="prev" select="substring(concat($pre, $s), $i + string-length($pre), 1)"/>
        <!-- (no mark before $m in $s: substring-before/after($s, $m) cut
             it there, faster than substring() on positions) -->
        <xsl:variable name="next" select="substring(concat(substring-after($s, $m), $post), 1, 1)"/>
        <xsl:choose>
          <!-- « : space after -->
          <xsl:when test="$m = '«'">
            <xsl:value-of select="substring-before($s, '«')"/>
            <xsl:text>«</xsl:text>
            <xsl:choose>
              <xsl:when test="$i + 1 &lt; string-length($s) and contains($folio.typo.ws, $next)">
                <!-- the run of spaces after « becomes one U+202F -->
                <xsl:variable name="tail" select="substring-after($s, '«')"/>
                <xsl:variable name="word" select="substring(normalize-space($tail), 1, 1)"/>
                <xsl:variable name="skip"
                    select="string-length(substring-before(concat($tail, 'x'), substring(concat($word, 'x'), 1, 1))) + 1"/>
                <xsl:value-of select="$folio.typo.nnbsp"/>
                <xsl:call-template name="folio.typo.french.scan">
                  <xsl:with-param name="s" select="substring($tail, $skip)"/>
                  <xsl:with-param name="t" select="substring($t, $i + 1 + $skip)"/>
                  <xsl:with-param name="pre" select="$folio.typo.nnbsp"/>
                  <xsl:with-param name="post" select="$post"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:if test="$next = '' or not(contains($folio.typo.fixed, $next) or contains($folio.typo.ws, $next))">
                  <xsl:value-of select="$folio.typo.nnbsp"/>
                </xsl:if>
                <xsl:call-template name="folio.typo.french.scan">
                  <xsl:with-param name="s" select="substring-after($s, '«')"/>
                  <xsl:with-param name="t" select="substring-after($t, ':')"/>
                  <xsl:with-param name="pre" select="'«'"/>
                  <xsl:with-param name="post" select="$post"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <!-- » and ; : ! ? : space before -->
          <xsl:otherwise>
            <xsl:choose>
              <!-- nothing before it, or a fixed space already there, or
                   not the end of a phrase -->
              <xsl:when test="$prev = '' or contains($folio.typo.fixed, $prev)
                              or not($m = '»'
                                     or ($next = '' or contains($folio.typo.ws, $next) or contains($folio.typo.closing, $next)
                                         or (($m = '!' or $m = '?') and ($next = '!' or $next = '?')))
                                        and not(contains('([{', $prev))
                                        and not(($m = '!' or $m = '?') and ($prev = '!' or $prev = '?')))">
                <xsl:value-of select="substring-before($s, $m)"/>
              </xsl:when>
              <!-- ordinary spaces before it (in this piece): one U+202F -->
              <xsl:when test="contains($folio.typo.ws, $prev)">
                <xsl:if test="$i != 0">
                  <xsl:call-template name="folio.typo.rtrim">
                    <xsl:with-param name="s" select="substring-before($s, $m)"/>
                  </xsl:call-template>
                  <xsl:value-of select="$folio.typo.nnbsp"/>
                </xsl:if>
                <!-- (else the space was written with the previous piece) -->
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="substring-before($s, $m)"/>
                <xsl:value-of select="$folio.typo.nnbsp"/>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="$m"/>
            <xsl:call-template name="folio.typo.french.scan">
              <xsl:with-param name="s" select="substring-after($s, $m)"/>
              <xsl:with-param name="t" select="substring-after($t, ':')"/>
              <xsl:with-param name="pre" select="$m"/>
              <xsl:with-param name="post" select="$post"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $s without its trailing spaces and line breaks (at most 64 are
       removed: recursion stays shallow whatever the input) -->
  <xsl:template name="folio.typo.rtrim">
    <xsl:param name="s"/>
    <xsl:param name="n" select="0"/>
    <xsl:variable name="len" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="$len &gt; 0 and $n &lt; 64 and contains($folio.typo.ws, substring($s, $len, 1))">
        <xsl:call-template name="folio.typo.rtrim">
          <xsl:with-param name="s" select="substring($s, 1, $len - 1)"/>
          <xsl:with-param name="n" select="$n + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
