<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: chapter-level units (preface, chapter, appendix, part, glossary,
  ...), sections and headings, and the footnote block at the end of each
  unit.

  Hooks (override in a customization layer):
    folio.chunk.attrs         attributes added to each unit's <section>
                              (epub.xsl adds data-folio-chunk/-title)
    mode folio.semantics      epub:type and role of a unit/section
    folio.heading             the <hN> of a unit or section
    mode folio.heading.content the inside of that heading (label + title)
    folio.footnotes           the footnote asides at the end of a unit
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <!-- ==================================================================
       Units and section-like elements
       ================================================================== -->
  <xsl:template match="d:preface | d:chapter | d:appendix | d:glossary | d:bibliography | d:index | d:setindex
                       | d:colophon | d:dedication | d:acknowledgements | d:article | d:part | d:reference
                       | d:refentry | d:toc | d:lot">
    <xsl:variable name="unit"><xsl:call-template name="folio.is.unit"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$unit = '1'">
        <xsl:variable name="rendered"><xsl:call-template name="folio.unit.is.rendered"/></xsl:variable>
        <xsl:if test="$rendered = '1'">
          <xsl:call-template name="folio.unit"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="(self::d:index or self::d:setindex or self::d:toc or self::d:lot)
                      and not(*[not(self::d:title or self::d:subtitle or self::d:titleabbrev or self::d:info)])"/>
      <xsl:otherwise>
        <xsl:call-template name="folio.section"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:section | d:sect1 | d:sect2 | d:sect3 | d:sect4 | d:sect5 | d:simplesect
                       | d:refsection | d:refsect1 | d:refsect2 | d:refsect3 | d:refsynopsisdiv
                       | d:glossdiv | d:bibliodiv | d:indexdiv | d:qandadiv">
    <xsl:call-template name="folio.section"/>
  </xsl:template>

  <!-- A chapter-level unit: one <section> (one chunk in EPUB). -->
  <xsl:template name="folio.unit">
    <xsl:variable name="id"><xsl:call-template name="folio.id"/></xsl:variable>
    <section>
      <xsl:call-template name="folio.chunk.attrs"/>
      <xsl:apply-templates select="." mode="folio.semantics"/>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="local-name()"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <xsl:call-template name="folio.heading">
        <xsl:with-param name="level" select="1"/>
      </xsl:call-template>
      <xsl:apply-templates select="d:info/d:abstract"/>
      <xsl:choose>
        <xsl:when test="(self::d:part or self::d:reference) and $folio.chunked != 0">
          <!-- the part's own chunk holds its title and partintro only -->
          <xsl:apply-templates select="*[not(contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' ')))]"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="* | text()[normalize-space()]"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="folio.footnotes"/>
    </section>
    <xsl:if test="(self::d:part or self::d:reference) and $folio.chunked != 0">
      <xsl:apply-templates select="*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]"/>
    </xsl:if>
  </xsl:template>

  <!-- Hook: extra attributes on a unit's <section> (none by default). -->
  <xsl:template name="folio.chunk.attrs"/>

  <!-- A section (or a component nested where it is not a unit). -->
  <xsl:template name="folio.section">
    <xsl:variable name="level"><xsl:call-template name="folio.section.level"/></xsl:variable>
    <section>
      <xsl:apply-templates select="." mode="folio.semantics"/>
      <xsl:choose>
        <!-- (what folio.attrs would write, without the calls) -->
        <xsl:when test="@xml:id and not(@role or @xml:lang)">
          <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
          <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="folio.attrs">
            <xsl:with-param name="class" select="local-name()"/>
            <xsl:with-param name="id"><xsl:call-template name="folio.id"/></xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="folio.heading">
        <xsl:with-param name="level" select="number($level)"/>
      </xsl:call-template>
      <xsl:apply-templates select="d:info/d:abstract"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </section>
  </xsl:template>

  <!-- Titles and metadata are rendered by their parents. -->
  <xsl:template match="d:title | d:subtitle | d:titleabbrev | d:info | d:refmeta"/>

  <!-- partintro: its content, in the part's chunk -->
  <xsl:template match="d:partintro">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'partintro'"/></xsl:call-template>
      <xsl:if test="d:title | d:info/d:title">
        <p class="title"><xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/></p>
      </xsl:if>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Semantics: epub:type (EPUB Structural Semantics) + DPUB-ARIA role
       ================================================================== -->
  <xsl:template match="*" mode="folio.semantics"/>
  <xsl:template match="d:chapter" mode="folio.semantics">
    <xsl:attribute name="epub:type">chapter</xsl:attribute>
    <xsl:attribute name="role">doc-chapter</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:appendix" mode="folio.semantics">
    <xsl:attribute name="epub:type">appendix</xsl:attribute>
    <xsl:attribute name="role">doc-appendix</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:preface" mode="folio.semantics">
    <xsl:attribute name="epub:type">preface</xsl:attribute>
    <xsl:attribute name="role">doc-preface</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:part" mode="folio.semantics">
    <xsl:attribute name="epub:type">part</xsl:attribute>
    <xsl:attribute name="role">doc-part</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:glossary" mode="folio.semantics">
    <xsl:attribute name="epub:type">glossary</xsl:attribute>
    <xsl:attribute name="role">doc-glossary</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:bibliography" mode="folio.semantics">
    <xsl:attribute name="epub:type">bibliography</xsl:attribute>
    <xsl:attribute name="role">doc-bibliography</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:index | d:setindex" mode="folio.semantics">
    <xsl:attribute name="epub:type">index</xsl:attribute>
    <xsl:attribute name="role">doc-index</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:colophon" mode="folio.semantics">
    <xsl:attribute name="epub:type">colophon</xsl:attribute>
    <xsl:attribute name="role">doc-colophon</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:dedication" mode="folio.semantics">
    <xsl:attribute name="epub:type">dedication</xsl:attribute>
    <xsl:attribute name="role">doc-dedication</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:acknowledgements" mode="folio.semantics">
    <xsl:attribute name="epub:type">acknowledgments</xsl:attribute>
    <xsl:attribute name="role">doc-acknowledgments</xsl:attribute>
  </xsl:template>

  <!-- ==================================================================
       Headings
       ================================================================== -->
  <xsl:template name="folio.heading">
    <xsl:param name="level" select="1"/>
    <!-- h1 below 1, h6 above 6 -->
    <xsl:variable name="h" select="$level - ($level &gt; 6) * ($level - 6) + ($level &lt; 1) * (1 - $level)"/>
    <xsl:element name="h{$h}">
      <xsl:if test="$level &gt; 6">
        <xsl:attribute name="class">folio-h<xsl:value-of select="$level"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="." mode="folio.heading.content"/>
    </xsl:element>
    <xsl:for-each select="(d:subtitle | d:info/d:subtitle)[1]">
      <p>
        <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'subtitle'"/></xsl:call-template>
        <xsl:apply-templates/>
      </p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="folio.heading.content">
    <xsl:if test="$folio.section.numbers != 0 or not(contains(' section sect1 sect2 sect3 sect4 sect5 simplesect refsection refsect1 refsect2 refsect3 refsynopsisdiv glossdiv bibliodiv indexdiv qandadiv ', concat(' ', local-name(), ' ')))">
      <xsl:variable name="label"><xsl:apply-templates select="." mode="folio.label"/></xsl:variable>
      <xsl:if test="$label != ''">
        <span class="label"><xsl:value-of select="$label"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:if>
    <xsl:variable name="title" select="(d:title | d:info/d:title)[1]"/>
    <xsl:choose>
      <xsl:when test="$title">
        <xsl:for-each select="$title">
          <xsl:choose>
            <xsl:when test="@xml:id or @xml:lang">
              <span>
                <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'title'"/></xsl:call-template>
                <xsl:apply-templates/>
              </span>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.title.or.name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- refentry: "name(1)" from refmeta, else the first refname -->
  <xsl:template match="d:refentry" mode="folio.heading.content">
    <xsl:choose>
      <xsl:when test="d:title | d:info/d:title">
        <xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/>
      </xsl:when>
      <xsl:when test="d:refmeta/d:refentrytitle">
        <xsl:apply-templates select="d:refmeta/d:refentrytitle[1]/node()"/>
        <xsl:if test="d:refmeta/d:manvolnum">
          <xsl:text>(</xsl:text><xsl:apply-templates select="d:refmeta/d:manvolnum[1]/node()"/><xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="d:refnamediv[1]/d:refname[1]" mode="folio.text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:refsynopsisdiv" mode="folio.heading.content">
    <xsl:choose>
      <xsl:when test="d:title | d:info/d:title">
        <xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'refsynopsisdiv'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Footnotes of a unit, at its end (numbered per unit)
       ================================================================== -->
  <xsl:template name="folio.footnotes">
    <xsl:param name="notes" select="key('folio.footnotes', generate-id())"/>
    <xsl:if test="$notes">
      <xsl:variable name="unit-id">
        <xsl:choose>
          <xsl:when test="not(contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' ')))"><xsl:value-of select="$folio.id.titlepage"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="folio.id"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <div class="footnotes">
        <xsl:apply-templates select="$notes" mode="folio.footnote.body">
          <xsl:with-param name="unit-id" select="string($unit-id)"/>
        </xsl:apply-templates>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:footnote" mode="folio.footnote.body">
    <xsl:param name="unit-id" select="''"/>
    <!-- same id as the reference (folio.id: xml:id, else UNIT-N) -->
    <xsl:variable name="n" select="position()"/>
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:when test="$unit-id != ''"><xsl:value-of select="concat($unit-id, '-', $n)"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="folio.id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="back">
      <a href="#fnref-{$id}" role="doc-backlink" class="footnote-backlink" title="{$folio.gt.back-to-text}">
        <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      </a>
      <xsl:text> </xsl:text>
    </xsl:variable>
    <aside epub:type="footnote" role="doc-footnote">
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'footnote'"/><xsl:with-param name="id" select="concat('fn-', $id)"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="*[1][self::d:para or self::d:simpara]">
          <xsl:apply-templates select="*[1]">
            <xsl:with-param name="folio.prefix" select="$back"/>
          </xsl:apply-templates>
          <xsl:apply-templates select="*[position() &gt; 1]"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="footnote-label"><xsl:copy-of select="$back"/></p>
          <xsl:apply-templates select="* | text()[normalize-space()]"/>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

</xsl:stylesheet>
