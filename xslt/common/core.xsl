<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: core helpers shared by every module.

  * element-name lists (what renders as a block, what is a section, what is a
    chapter-level unit),
  * ids: folio.id (stable, never generate-id(): the same input must give the
    same output, byte for byte), folio.link.id (where a link to an element
    must point), folio.attrs (id, class, lang/xml:lang/dir),
  * plain-text rendering of titles (mode folio.text),
  * numbering and labels (mode folio.number, folio.label),
  * small string utilities.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:set="http://exslt.org/sets"
    exclude-result-prefixes="d set">

  <!-- ==================================================================
       Element classes.  Names are written between spaces so that
       contains($list, concat(' ', local-name(), ' ')) is an exact test.
       ================================================================== -->

  <!-- (For speed, XPath expressions use copies of these two lists as
       literal strings: a global variable reference copies its value in
       libxslt.  Change both when changing a list.) -->

  <!-- Chapter-level units: each becomes its own chunk (content document)
       when it is a child of book, part or reference, or the root. -->
  <xsl:variable name="folio.unit.names"
      select="' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot '"/>

  <!-- Section-like containers: <section> with a heading h2..h6. -->
  <xsl:variable name="folio.section.names"
      select="' section sect1 sect2 sect3 sect4 sect5 simplesect refsection refsect1 refsect2 refsect3 refsynopsisdiv glossdiv bibliodiv indexdiv qandadiv '"/>

  <!-- Elements that render as block-level HTML (never inside a <p>). -->
  <xsl:variable name="folio.block.names" select="concat($folio.unit.names, $folio.section.names,
      ' abstract address annotation answer area areaset areaspec authorblurb bibliodiv bibliolist bibliomixed biblioentry blockquote bridgehead',
      ' callout calloutlist caption caution classsynopsis cmdsynopsis constraintdef constructorsynopsis destructorsynopsis',
      ' epigraph equation example fieldsynopsis figure formalpara funcsynopsis funcsynopsisinfo funcprototype glossdef glossentry glosslist highlights',
      ' important indexentry informalequation informalexample informalfigure informaltable itemizedlist legalnotice listitem literallayout',
      ' mediaobject mediaobjectco methodsynopsis msg msgentry msgexplan msgmain msgset msgsub msgrel msginfo note orderedlist para partintro personblurb',
      ' printhistory procedure production productionset programlisting programlistingco qandaentry qandaset question',
      ' refnamediv result revhistory revision screen screenco screenshot segmentedlist seglistitem sidebar simpara simplemsgentry',
      ' step stepalternatives substeps synopfragment synopsis table task taskprerequisites taskrelated tasksummary textobject tip tocdiv tocentry',
      ' variablelist varlistentry warning cover ')"/>

  <!-- Blocks that DocBook allows inside a para (the para test). -->
  <xsl:variable name="folio.para.block.names" select="concat(
      ' itemizedlist orderedlist variablelist segmentedlist calloutlist glosslist bibliolist procedure task',
      ' note tip important caution warning sidebar blockquote epigraph programlisting programlistingco screen screenco',
      ' screenshot literallayout synopsis cmdsynopsis funcsynopsis classsynopsis methodsynopsis fieldsynopsis',
      ' constructorsynopsis destructorsynopsis msgset qandaset table informaltable figure informalfigure mediaobject',
      ' example informalexample equation informalequation address productionset revhistory annotation simplelist ')"/>

  <!-- Known inline elements (used only to decide about unknown ones). -->
  <xsl:variable name="folio.inline.names" select="concat(
      ' abbrev accel acronym address alt anchor application arg author authorinitials biblioref citation citebiblioid citerefentry citetitle',
      ' city classname code co command computeroutput constant coref country database date editor email emphasis envar errorcode',
      ' errorname errortext errortype exceptionname fax filename firstname firstterm footnote footnoteref foreignphrase function',
      ' givenname glossterm group guibutton guiicon guilabel guimenu guimenuitem guisubmenu hardware holder honorific indexterm',
      ' initializer inlineequation inlinemediaobject interfacename jobtitle keycap keycode keycombo keysym label lineage lineannotation',
      ' link literal manvolnum markup mathphrase medialabel menuchoice methodname modifier mousebutton nonterminal olink',
      ' ooclass ooexception oointerface option optional orgdiv orgname othername otheraddr package parameter person personname',
      ' phone phrase pob postcode productname productnumber prompt property pubdate publishername quote refentrytitle refname',
      ' refpurpose remark replaceable returnvalue sbr shortaffil shortcut state street subscript superscript surname symbol',
      ' systemitem tag term termdef title titleabbrev subtitle token trademark type uri userinput varargs varname void wordasword xref year ')"/>

  <!-- Elements whose content is inline only (children render inline). -->
  <xsl:variable name="folio.inline.context.names"
      select="' para simpara title subtitle titleabbrev term glossterm attribution citetitle link literallayout programlisting screen synopsis refname refpurpose refentrytitle entry seg segtitle member '"/>

  <xsl:variable name="folio.upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="folio.lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- ==================================================================
       Keys.  (XSLT 1.0 forbids variables in xsl:key, hence the literal
       unit test repeated below.)
       ================================================================== -->
  <!-- Elements by xml:id: the XPath id() function, which uses the ID
       table libxml2 builds while parsing (xml:id is always an ID, XIncluded
       content included).  No key: libxslt computes all keys of a document
       at once, a walk over the whole document each. -->

  <!-- footnotes by the chunk-level unit that holds them ('' = root info) -->
  <xsl:key name="folio.footnotes" match="d:footnote"
      use="generate-id(ancestor::*[(self::d:preface or self::d:chapter or self::d:appendix or self::d:glossary
             or self::d:bibliography or self::d:index or self::d:setindex or self::d:colophon or self::d:dedication
             or self::d:acknowledgements or self::d:article or self::d:part or self::d:reference or self::d:refentry
             or self::d:toc or self::d:lot)
             and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))][1])"/>

  <!-- numbered formal objects (numbered through the whole document) and
       print page breaks, in document order, by kind: 'figure', 'table',
       'example', 'equation', 'pagebreak'.  (One key, one pass: libxslt
       builds every key with a walk over the whole document.) -->
  <xsl:key name="folio.counted"
      match="d:figure | d:table | d:example | d:equation[d:title or d:info/d:title] | d:anchor[@role = 'pagebreak']"
      use="concat(local-name(self::d:figure | self::d:table | self::d:example | self::d:equation),
                  substring('pagebreak', 1, 9 * count(self::d:anchor)))"/>

  <!-- ==================================================================
       Unit tests
       ================================================================== -->

  <!-- '1' when the context element is a chapter-level unit (a chunk) -->
  <xsl:template name="folio.is.unit">
    <xsl:param name="node" select="."/>
    <xsl:for-each select="$node[1]">
      <xsl:if test="contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
                    and namespace-uri() = 'http://docbook.org/ns/docbook'
                    and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))">1</xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Is this unit rendered at all?  An empty index (DocBook generates
       it; Folio does not) or an empty toc/lot produces nothing. -->
  <xsl:template name="folio.unit.is.rendered">
    <xsl:choose>
      <xsl:when test="(self::d:index or self::d:setindex or self::d:toc or self::d:lot)
                      and not(*[not(self::d:title or self::d:subtitle or self::d:titleabbrev or self::d:info)])"/>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Ids
       ================================================================== -->

  <!-- The output id of an element: its xml:id, or a stable id built from
       its position in the tree ("folio-section-1-4-2"). -->
  <xsl:template name="folio.id">
    <xsl:param name="node" select="."/>
    <xsl:for-each select="$node[1]">
      <xsl:choose>
        <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:when test="contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
                        and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))">
          <xsl:call-template name="folio.chunk.name"/>
        </xsl:when>
        <xsl:when test="self::d:footnote">
          <!-- UNIT-N: the id of its unit and its number there -->
          <xsl:variable name="unit"
              select="ancestor::*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
                      and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))][1]"/>
          <xsl:choose>
            <xsl:when test="$unit"><xsl:call-template name="folio.id"><xsl:with-param name="node" select="$unit"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:value-of select="$folio.id.titlepage"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text>-</xsl:text>
          <xsl:apply-templates select="." mode="folio.number"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>folio-</xsl:text>
          <xsl:value-of select="local-name()"/>
          <xsl:text>-</xsl:text>
          <xsl:number level="multiple" count="*" format="1-1"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Chunk name of a unit (file name of its content document, without
       .xhtml): its xml:id when that is made of [A-Za-z0-9_-] only and is
       not a reserved name (cover, titlepage, nav), else a generated name:
       chapter-3, appendix-b, part-2 (their numbers), preface-1,
       glossary-2 ... (rank among units of that kind), or
       REFERENCE-refentry-N inside a reference.  Generated names that
       an xml:id already uses get a "folio-" prefix. -->
  <xsl:template name="folio.chunk.name">
    <xsl:choose>
      <xsl:when test="@xml:id and translate(@xml:id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', '') = ''
                      and not(@xml:id = 'cover' or @xml:id = 'titlepage' or @xml:id = 'nav')">
        <xsl:value-of select="@xml:id"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="name" select="local-name()"/>
        <xsl:variable name="gen">
          <xsl:choose>
            <xsl:when test="parent::d:reference">
              <xsl:for-each select="..">
                <xsl:call-template name="folio.chunk.name"/>
              </xsl:for-each>
              <xsl:value-of select="concat('-', $name, '-', count(preceding-sibling::*[local-name() = $name]) + 1)"/>
            </xsl:when>
            <xsl:when test="self::d:chapter or self::d:appendix or self::d:part">
              <!-- (in ASCII digits whatever the language's) -->
              <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
              <xsl:value-of select="concat($name, '-', translate($n, concat($folio.upper, $folio.digits), concat($folio.lower, '0123456789')))"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat($name, '-', 1
                  + count(preceding-sibling::*[local-name() = $name])
                  + count(preceding-sibling::d:part/*[local-name() = $name])
                  + count(parent::d:part/preceding-sibling::*[local-name() = $name])
                  + count(parent::d:part/preceding-sibling::d:part/*[local-name() = $name]))"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <!-- in a set, each book numbers its chapters again: book2-chapter-1 -->
        <xsl:variable name="book">
          <xsl:if test="ancestor::d:set and not(parent::d:reference)">
            <xsl:value-of select="concat('book', count(ancestor::d:book[1]/preceding-sibling::d:book) + 1, '-')"/>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="gen2" select="concat($book, $gen)"/>
        <xsl:variable name="safe" select="translate($gen2, translate($gen2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', ''), '')"/>
        <xsl:choose>
          <xsl:when test="id($safe) or $safe = 'cover' or $safe = 'titlepage' or $safe = 'nav'">
            <xsl:value-of select="concat('folio-', $safe)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$safe"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id that a link to the context element must use.  Elements that
       render no element of their own (titles, index terms, colspecs,
       image objects, ...) send links to the nearest rendered ancestor. -->
  <xsl:variable name="folio.nolink.names"
      select="' title subtitle titleabbrev info indexterm remark colspec spanspec tgroup imageobject imagedata textobject alt refmeta areaspec area areaset primary secondary tertiary see seealso footnote book set '"/>

  <xsl:template name="folio.link.id">
    <xsl:choose>
      <!-- the usual case: an element with an xml:id that renders it -->
      <xsl:when test="@xml:id and not(contains($folio.nolink.names, concat(' ', local-name(), ' ')))
                      and not(ancestor::*[self::d:info or self::d:indexterm or self::d:remark])">
        <xsl:value-of select="@xml:id"/>
      </xsl:when>
      <xsl:when test="not(parent::*) and self::d:book">
        <xsl:value-of select="$folio.id.titlepage"/>
      </xsl:when>
      <xsl:when test="ancestor::d:info[not(../parent::*)]">
        <xsl:value-of select="$folio.id.titlepage"/>
      </xsl:when>
      <xsl:when test="self::d:footnote">
        <xsl:text>fn-</xsl:text>
        <xsl:call-template name="folio.id"/>
      </xsl:when>
      <xsl:when test="ancestor::d:indexterm or ancestor::d:remark or ancestor::d:info">
        <xsl:for-each select="(ancestor::d:indexterm | ancestor::d:remark | ancestor::d:info)[1]/..">
          <xsl:call-template name="folio.link.id"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="self::d:title or self::d:subtitle or self::d:titleabbrev or self::d:info
                      or self::d:indexterm or self::d:remark or self::d:colspec or self::d:spanspec
                      or self::d:tgroup or self::d:imageobject or self::d:imagedata or self::d:textobject
                      or self::d:alt or self::d:refmeta or self::d:areaspec or self::d:area or self::d:areaset
                      or self::d:primary or self::d:secondary or self::d:tertiary or self::d:see or self::d:seealso">
        <xsl:for-each select="..">
          <xsl:call-template name="folio.link.id"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.id"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Common attributes of a rendered element: id (its xml:id, or $id),
       class ($class plus the DocBook role), lang/xml:lang/dir when its
       language differs from the inherited one.  (Hot templates skip the
       call when the element has no attributes: calls cost in libxslt.) -->
  <xsl:template name="folio.attrs">
    <xsl:param name="class"/>
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="string($id) != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:when>
      <xsl:when test="@xml:id">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="string($class) != '' or @role">
      <xsl:attribute name="class"><xsl:value-of select="normalize-space(concat($class, ' ', @role))"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:call-template name="folio.lang.attrs"/>
    </xsl:if>
  </xsl:template>

  <!-- lang, xml:lang and (when the direction changes) dir -->
  <xsl:template name="folio.lang.attrs">
    <xsl:if test="@xml:lang">
      <xsl:variable name="up" select="ancestor::*[@xml:lang][1]"/>
      <xsl:variable name="inherited">
        <xsl:choose>
          <xsl:when test="$up and $up/parent::*"><xsl:value-of select="$up/@xml:lang"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$folio.doc.lang"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="string(@xml:lang) != $inherited">
        <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
        <xsl:attribute name="xml:lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
        <xsl:variable name="dir">
          <xsl:call-template name="folio.dir"><xsl:with-param name="lang" select="@xml:lang"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="updir">
          <xsl:call-template name="folio.dir"><xsl:with-param name="lang" select="$inherited"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="$dir != $updir">
          <xsl:attribute name="dir"><xsl:value-of select="$dir"/></xsl:attribute>
        </xsl:if>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ==================================================================
       Titles
       ================================================================== -->

  <!-- Plain text of the context element's title ('' when untitled). -->
  <xsl:template name="folio.title.text">
    <xsl:param name="node" select="."/>
    <xsl:variable name="title" select="($node/d:title | $node/d:info/d:title)[1]"/>
    <xsl:choose>
      <!-- (fast path: no markup, and nothing typo.xsl would respace) -->
      <xsl:when test="not($title/*) and not(contains(translate($title, ';!?«»', ':::::'), ':'))">
        <xsl:value-of select="normalize-space($title)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t">
          <xsl:apply-templates select="$title" mode="folio.text"/>
        </xsl:variable>
        <xsl:value-of select="normalize-space($t)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Title text, falling back to the localized name of the element
       ("Glossary", "Index", ...) and then to refentry names. -->
  <xsl:template name="folio.title.or.name">
    <xsl:param name="node" select="."/>
    <xsl:variable name="t">
      <xsl:call-template name="folio.title.text"><xsl:with-param name="node" select="$node"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
      <xsl:when test="$node/self::d:refentry">
        <xsl:variable name="r">
          <xsl:apply-templates select="($node/d:refmeta/d:refentrytitle | $node/d:refnamediv/d:refname)[1]" mode="folio.text"/>
        </xsl:variable>
        <xsl:value-of select="normalize-space($r)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.gentext">
          <xsl:with-param name="key" select="local-name($node)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- mode folio.text: the words of a title without notes, index terms
       or remarks, and without ids (safe to render many times). -->
  <xsl:template match="text()" mode="folio.text">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="d:footnote | d:indexterm | d:remark | d:anchor | d:alt" mode="folio.text"/>
  <xsl:template match="d:quote" mode="folio.text">
    <xsl:call-template name="folio.quote.open"/>
    <xsl:apply-templates mode="folio.text"/>
    <xsl:call-template name="folio.quote.close"/>
  </xsl:template>
  <!-- an xref inside a title: its target's label, number or title (a
       title that itself holds an xref is not followed: no cycles) -->
  <xsl:template match="d:xref" mode="folio.text">
    <xsl:variable name="target" select="id(@linkend)[1]"/>
    <xsl:choose>
      <xsl:when test="$target/@xreflabel"><xsl:value-of select="$target/@xreflabel"/></xsl:when>
      <xsl:when test="$target and not(($target/d:title | $target/d:info/d:title)//d:xref)">
        <xsl:apply-templates select="$target" mode="folio.xref.text"/>
      </xsl:when>
      <xsl:when test="$target">
        <xsl:apply-templates select="$target" mode="folio.label"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="folio.text">
    <xsl:apply-templates mode="folio.text"/>
  </xsl:template>

  <!-- ==================================================================
       Numbers and labels
       ================================================================== -->

  <!-- mode folio.number: the number of a numbered element, '' if none -->
  <xsl:template match="*" mode="folio.number"/>

  <!-- chapters and appendices are numbered through the book, parts
       included -->
  <xsl:template match="d:chapter" mode="folio.number">
    <xsl:variable name="n" select="1 + count(preceding-sibling::d:chapter)
        + count(preceding-sibling::d:part/d:chapter)
        + count(parent::d:part/preceding-sibling::d:chapter)
        + count(parent::d:part/preceding-sibling::d:part/d:chapter)"/>
    <xsl:variable name="num"><xsl:number value="$n" format="{$folio.format.chapter}"/></xsl:variable>
    <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="string($num)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:appendix" mode="folio.number">
    <xsl:variable name="n" select="1 + count(preceding-sibling::d:appendix)
        + count(preceding-sibling::d:part/d:appendix)
        + count(parent::d:part/preceding-sibling::d:appendix)
        + count(parent::d:part/preceding-sibling::d:part/d:appendix)"/>
    <xsl:variable name="num"><xsl:number value="$n" format="{$folio.format.appendix}"/></xsl:variable>
    <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="string($num)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:part" mode="folio.number">
    <xsl:variable name="num"><xsl:number value="count(preceding-sibling::d:part) + 1" format="{$folio.format.part}"/></xsl:variable>
    <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="string($num)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:section | d:sect1 | d:sect2 | d:sect3 | d:sect4 | d:sect5 | d:simplesect
                       | d:refsection | d:refsect1 | d:refsect2 | d:refsect3" mode="folio.number">
    <xsl:if test="$folio.section.numbers != 0">
      <xsl:variable name="unit"
          select="ancestor::*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))][1]"/>
      <xsl:variable name="prefix">
        <xsl:apply-templates select="$unit" mode="folio.number"/>
      </xsl:variable>
      <xsl:if test="$prefix != ''"><xsl:value-of select="$prefix"/>.</xsl:if>
      <xsl:variable name="n">
        <xsl:number level="multiple" format="1.1"
            count="d:section | d:sect1 | d:sect2 | d:sect3 | d:sect4 | d:sect5 | d:simplesect
                   | d:refsection | d:refsect1 | d:refsect2 | d:refsect3"
            from="d:preface | d:chapter | d:appendix | d:article | d:partintro | d:glossary | d:bibliography
                  | d:colophon | d:dedication | d:acknowledgements | d:refentry | d:index"/>
      </xsl:variable>
      <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="string($n)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- formal objects: numbered through the document -->
  <xsl:template match="d:figure | d:table | d:example | d:equation" mode="folio.number">
    <xsl:if test="not(self::d:equation) or d:title or d:info/d:title">
      <xsl:call-template name="folio.digits">
        <xsl:with-param name="n" select="count(set:leading(key('folio.counted', local-name()), .)) + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:step" mode="folio.number">
    <xsl:call-template name="folio.digits">
      <xsl:with-param name="n" select="count(preceding-sibling::d:step) + 1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:orderedlist/d:listitem" mode="folio.number">
    <xsl:choose>
      <xsl:when test="@override"><xsl:value-of select="@override"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="start">
          <xsl:apply-templates select=".." mode="folio.list.start"/>
        </xsl:variable>
        <xsl:variable name="format">
          <xsl:call-template name="folio.list.format"/>
        </xsl:variable>
        <xsl:number value="$start + count(preceding-sibling::d:listitem)" format="{$format}"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:footnote" mode="folio.number">
    <xsl:variable name="unit"
        select="ancestor::*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
                and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))][1]"/>
    <xsl:value-of select="count(set:leading(key('folio.footnotes', generate-id($unit)), .)) + 1"/>
  </xsl:template>

  <!-- HTML list type of an orderedlist item's parent (1 a A i I) -->
  <xsl:template name="folio.list.format">
    <xsl:param name="numeration" select="../@numeration"/>
    <xsl:choose>
      <xsl:when test="$numeration = 'loweralpha'">a</xsl:when>
      <xsl:when test="$numeration = 'upperalpha'">A</xsl:when>
      <xsl:when test="$numeration = 'lowerroman'">i</xsl:when>
      <xsl:when test="$numeration = 'upperroman'">I</xsl:when>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- mode folio.label: the label shown before a heading ("Chapter 3") -->
  <xsl:template match="*" mode="folio.label">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:if test="$n != ''">
      <xsl:choose>
        <xsl:when test="self::d:chapter or self::d:appendix or self::d:part">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name" select="concat('label-', local-name())"/>
            <xsl:with-param name="n" select="$n"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- heading level of a section-like element (units are level 1) -->
  <xsl:template name="folio.section.level">
    <xsl:value-of select="1 + count(ancestor-or-self::*[
        contains(' section sect1 sect2 sect3 sect4 sect5 simplesect refsection refsect1 refsect2 refsect3 refsynopsisdiv glossdiv bibliodiv indexdiv qandadiv ', concat(' ', local-name(), ' '))
        or (contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
            and not(parent::d:book or parent::d:part or parent::d:reference or not(parent::*)))])"/>
  </xsl:template>

  <!-- ==================================================================
       Strings
       ================================================================== -->
  <xsl:template name="folio.repeat">
    <xsl:param name="s"/>
    <xsl:param name="n" select="0"/>
    <xsl:if test="$n &gt; 0">
      <xsl:value-of select="$s"/>
      <xsl:call-template name="folio.repeat">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
