<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: DocBook 5 -> the intermediate XHTML document that folio-html turns
  into one HTML5 page or a chunked web site.  XSLT 1.0 + EXSLT (libxslt).
  Written for Folio from scratch.

  It is epub.xsl's intermediate document (see the contract at the top of
  epub.xsl: chunks cover, titlepage, nav, then one per unit; "#id" links;
  <meta name="folio:*"> in the head), with these differences for the web:

    - the nav chunk holds the table of contents only (<nav id="toc"
      role="doc-toc">): no landmarks, no page-list, which are EPUB
      reading-system navigation;
    - no <link rel="stylesheet">: folio-html inlines or links the CSS;
    - units inside a part or reference carry data-folio-up="PARTNAME",
      the chunk their "up" link points to;
    - tables are wrapped in <div class="table-wrap"> so that a wide table
      scrolls by itself on a narrow screen;
    - the head carries the words of the page chrome, localized:
        <meta name="folio:html-skip" content="Skip to content"/>
        <meta name="folio:html-previous" content="Previous"/>
        <meta name="folio:html-next" content="Next"/>
        <meta name="folio:html-pages" content="Pages"/>   (prev/next nav label)

  folio-html (tools/lib/html.c) then merges cover, titlepage and nav into
  index.html (chunked) or the page's header and nav (single page), adds the
  skip link, landmarks, the per-page table of contents and the prev/next/up
  links, drops epub:type and serialises HTML5.

  The chrome words are generated text like any other (keys html-skip,
  html-previous, html-next, html-pages of the l10n files).

  CUSTOMIZATION: as for epub.xsl (import this file, override a named or
  mode template).  Extra hooks: folio.html.meta (the chrome words),
  folio.html.table.wrap.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <xsl:import href="epub.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- ==================================================================
       Root
       ================================================================== -->
  <xsl:template match="*" mode="folio.root">
    <html>
      <xsl:call-template name="folio.html.lang"/>
      <head>
        <xsl:call-template name="folio.head.title"/>
        <xsl:call-template name="folio.epub.meta"/>
        <xsl:call-template name="folio.html.meta"/>
      </head>
      <body>
        <xsl:call-template name="folio.cover"/>
        <xsl:call-template name="folio.titlepage"/>
        <xsl:call-template name="folio.epub.nav"/>
        <xsl:apply-templates select="." mode="folio.units"/>
      </body>
    </html>
  </xsl:template>

  <!-- chunk markers as in epub.xsl, plus data-folio-id, and data-folio-up
       inside a part -->
  <xsl:template name="folio.chunk.attrs">
    <xsl:param name="name" select="''"/>
    <xsl:param name="title" select="''"/>
    <xsl:attribute name="data-folio-chunk">
      <xsl:choose>
        <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="folio.chunk.name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:attribute name="data-folio-title">
      <xsl:choose>
        <xsl:when test="string($title) != ''"><xsl:value-of select="$title"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="folio.title.or.name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <!-- a unit's xml:id ('' without one): folio-html names the page of a
         unit whose chunk name is not its xml:id after its title -->
    <xsl:if test="$name = ''">
      <xsl:attribute name="data-folio-id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$name = '' and (parent::d:part or parent::d:reference)">
      <xsl:attribute name="data-folio-up">
        <xsl:for-each select=".."><xsl:call-template name="folio.chunk.name"/></xsl:for-each>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the nav chunk: the table of contents alone -->
  <xsl:template name="folio.epub.nav">
    <div class="nav">
      <xsl:call-template name="folio.chunk.attrs">
        <xsl:with-param name="name" select="'nav'"/>
        <xsl:with-param name="title">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'toc'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="folio.toc"/>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Tables scroll sideways on their own on narrow screens
       ================================================================== -->
  <xsl:template match="d:table | d:informaltable">
    <xsl:call-template name="folio.html.table.wrap"/>
  </xsl:template>

  <xsl:template name="folio.html.table.wrap">
    <div class="table-wrap">
      <xsl:apply-imports/>
    </div>
  </xsl:template>

  <!-- ==================================================================
       The words of the page chrome
       ================================================================== -->
  <xsl:template name="folio.html.meta">
    <xsl:call-template name="folio.html.meta.word"><xsl:with-param name="key" select="'html-skip'"/></xsl:call-template>
    <xsl:call-template name="folio.html.meta.word"><xsl:with-param name="key" select="'html-previous'"/></xsl:call-template>
    <xsl:call-template name="folio.html.meta.word"><xsl:with-param name="key" select="'html-next'"/></xsl:call-template>
    <xsl:call-template name="folio.html.meta.word"><xsl:with-param name="key" select="'html-pages'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="folio.html.meta.word">
    <xsl:param name="key"/>
    <meta name="folio:{$key}">
      <xsl:attribute name="content">
        <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </xsl:attribute>
    </meta>
  </xsl:template>

</xsl:stylesheet>
