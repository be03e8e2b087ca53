<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: DocBook 5 -> XHTML5, the rendering shared by epub.xsl and
  html.xsl.  XSLT 1.0 + EXSLT (libxslt).  Written for Folio from scratch.

  Used alone it renders the whole publication as one XHTML5 page.

  Modules (all in common/, included here, so a stylesheet that imports
  this file or epub.xsl can override any template):
    l10n.xsl        language, generated text (l10n/*.xml), writing direction
    core.xsl        ids, element classes, numbering, plain-text titles
    sections.xsl    chapter-level units, sections, headings, footnote block
    blocks.xsl      paragraphs, lists, admonitions, quotes, verbatim, figures
    inline.xsl      inline markup, links, xrefs, anchors, page breaks
    tables.xsl      CALS and HTML tables
    technical.xsl   procedures, Q&A, synopses, refentries, callouts
    titlepage.xsl   cover, title page, table of contents
    typo.xsl        typography of the output text (French spacing)
    fallback.xsl    catch-all for anything else (text is never dropped)

  Parameters:
    folio.lang               override of the document language ('' = xml:lang)
    folio.css                href of the CSS (default css/folio.css)
    folio.section.numbers    1 = number sections (3.1, 3.1.2); default 0
    folio.toc.section.depth  section levels under each unit in the table
                             of contents (default 1)
    folio.typo.fr            1 = French spacing (U+202F before ; : ! ? and
                             inside « ») in French text; 0 = off
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <xsl:include href="common/l10n.xsl"/>
  <xsl:include href="common/core.xsl"/>
  <xsl:include href="common/sections.xsl"/>
  <xsl:include href="common/blocks.xsl"/>
  <xsl:include href="common/inline.xsl"/>
  <xsl:include href="common/tables.xsl"/>
  <xsl:include href="common/technical.xsl"/>
  <xsl:include href="common/titlepage.xsl"/>
  <xsl:include href="common/typo.xsl"/>
  <xsl:include href="common/fallback.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>


  <xsl:param name="folio.css" select="'css/folio.css'"/>
  <xsl:param name="folio.section.numbers" select="0"/>
  <xsl:param name="folio.toc.section.depth" select="1"/>

  <!-- 1 when each unit is a separate chunk (epub.xsl): a part's chapters
       then follow the part's <section> instead of nesting in it. -->
  <xsl:variable name="folio.chunked" select="0"/>

  <!-- ids of generated parts (suffixed if the source already uses them) -->
  <xsl:variable name="folio.id.titlepage.rtf">
    <xsl:choose>
      <xsl:when test="id('titlepage')">folio-titlepage</xsl:when>
      <xsl:otherwise>titlepage</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="folio.id.titlepage" select="string($folio.id.titlepage.rtf)"/>
  <xsl:variable name="folio.id.cover.rtf">
    <xsl:choose>
      <xsl:when test="id('cover')">folio-cover</xsl:when>
      <xsl:otherwise>cover</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="folio.id.cover" select="string($folio.id.cover.rtf)"/>
  <xsl:variable name="folio.id.toc.rtf">
    <xsl:choose>
      <xsl:when test="id('toc')">folio-toc</xsl:when>
      <xsl:otherwise>toc</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="folio.id.toc" select="string($folio.id.toc.rtf)"/>

  <xsl:template match="/">
    <xsl:apply-templates select="*" mode="folio.root"/>
  </xsl:template>

  <!-- the <html> element's language attributes -->
  <xsl:template name="folio.html.lang">
    <xsl:attribute name="lang"><xsl:value-of select="$folio.doc.lang"/></xsl:attribute>
    <xsl:attribute name="xml:lang"><xsl:value-of select="$folio.doc.lang"/></xsl:attribute>
    <xsl:attribute name="dir"><xsl:value-of select="$folio.doc.dir"/></xsl:attribute>
  </xsl:template>

  <xsl:template name="folio.head.title">
    <title><xsl:call-template name="folio.title.or.name"/></title>
  </xsl:template>

  <!-- single page -->
  <xsl:template match="*" mode="folio.root">
    <html>
      <xsl:call-template name="folio.html.lang"/>
      <head>
        <meta charset="utf-8"/>
        <xsl:call-template name="folio.head.title"/>
        <link rel="stylesheet" type="text/css" href="{$folio.css}"/>
      </head>
      <body>
        <xsl:call-template name="folio.titlepage"/>
        <xsl:call-template name="folio.toc"/>
        <xsl:apply-templates select="." mode="folio.units"/>
      </body>
    </html>
  </xsl:template>

  <!-- the chapter-level units of the root, in order -->
  <xsl:template match="d:set" mode="folio.units">
    <xsl:apply-templates select="d:book" mode="folio.units"/>
  </xsl:template>
  <xsl:template match="d:book" mode="folio.units">
    <xsl:apply-templates select="*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]"/>
  </xsl:template>
  <xsl:template match="*" mode="folio.units">
    <xsl:apply-templates select="."/>
  </xsl:template>

</xsl:stylesheet>
