<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: DocBook 5 -> the intermediate XHTML document that folio-epub
  splits into the content documents of an EPUB 3.  XSLT 1.0 + EXSLT
  (libxslt).  Written for Folio from scratch.

  INPUT: a DocBook 5 document, XIncluded, root book or article (chapter,
  set... also work).  imagedata/@fileref is used as is (folio-epub has
  rewritten it to the path in the package).  Elements are found by xml:id
  with the XPath id() function: the document must keep libxml2's ID table
  (it does when parsed and XIncluded by libxml2).  The l10n files are read
  with document() relative to this stylesheet (xslt/l10n/), so it must be
  loaded from its file and reading that directory must be allowed.

  OUTPUT (one document, XHTML namespace, epub prefix declared on <html>):

    <html lang xml:lang dir="ltr|rtl">
      <head>
        <title>publication title</title>
        <link rel="stylesheet" type="text/css" href="$folio.css"/>
        <meta name="folio:toc-title" content="Contents"/>
        <meta name="folio:landmarks-title" content="Guide"/>
        <meta name="folio:page-list-title" content="Pages"/>
        <meta name="folio:cover-title" content="Cover"/>
        <meta name="folio:titlepage-title" content="Title page"/>
        <meta name="folio:bodymatter-title" content="Start of content"/>
        <meta name="folio:a11y-summary" content="..."/>    (mentions print page
                                        numbers only when the book has them)
        <meta name="folio:lang" content="en"/>        the language used
        <meta name="folio:dir" content="ltr"/>        ltr or rtl
        <meta name="folio:l10n" content="en"/>        l10n file chosen
        <meta name="folio:page-breaks" content="29"/> entries of the page-list
        <meta name="folio:bodymatter-chunk" content="NAME"/>  first body chunk
        <meta name="folio:cover-image" content="images/cover.png"/> if a cover
      </head>
      <body>
        <section data-folio-chunk="cover" epub:type="cover" id="cover">   only with info/cover
        <section data-folio-chunk="titlepage" epub:type="titlepage" id="titlepage">
        <div data-folio-chunk="nav" class="nav">  three <nav>: epub:type toc
              (id="toc"), landmarks (hidden), page-list (hidden, only with
              page breaks).  Keep the <div> in <body> or unwrap it: both
              give a valid navigation document.
        <section data-folio-chunk="NAME" ...>        one per unit, in order
      </body>
    </html>

  Every chunk is a child of <body> (never nested) and carries
  data-folio-chunk (file name without .xhtml, [A-Za-z0-9_-]+, unique; never
  "cover", "titlepage" or "nav" for a unit) and data-folio-title (plain
  text for the content document's <title>).  Units: preface, chapter,
  appendix, glossary, bibliography, index (only when not empty), colophon,
  dedication, acknowledgements, article, part and reference (their own
  chunk holds the title and partintro; their chapters/refentries follow as
  chunks of their own), refentry in a reference.  A unit's name is its
  xml:id when that is [A-Za-z0-9_-]+ (and not reserved), else chapter-3,
  appendix-b, part-2, preface-1, glossary-1, REF-refentry-2, ... (bookN-
  prefix inside a set).  An article root is one chunk.
  Every link inside the publication is href="#ID"; every ID is unique in
  the whole document.  Footnotes are asides at the end of the chunk that
  refers to them, numbered per chunk.  MathML (and SVG) elements are
  copied in their namespace: their chunks need properties="mathml"/"svg".

  PARAMETERS
    folio.css                href of the CSS for content documents
                             (default "css/folio.css"; relative to a chunk)
    folio.lang               override of the language (BCP 47); default:
                             the root's xml:lang, else "en"
    folio.section.numbers    1 = number sections (1.2, 1.2.3); default 0
    folio.toc.section.depth  section levels under each unit in the TOC
                             (default 1: chapters and their sections)
    folio.typo.fr            1 (default) = French spacing in French text
                             (U+202F before ; : ! ? and inside « »,
                             common/typo.xsl); 0 = text as in the source

  CUSTOMIZATION: import this file and override a named template or a
  mode template; the main hooks:
    folio.titlepage, folio.titlepage.content, folio.titlepage.imprint
    folio.cover
    folio.epub.nav, folio.toc, folio.epub.landmarks, folio.epub.page-list
    folio.epub.meta            the <meta name="folio:*"> list
    folio.unit                 a chapter-level unit; folio.section; folio.heading
    mode folio.heading.content, mode folio.label, mode folio.number
    mode folio.semantics       epub:type + role of units, admonitions
    mode folio.xref.text       generated text of cross references
    folio.footnotes, mode folio.footnote.body
    any element template (match="d:NAME")
  Example: <xsl:import href="/usr/share/folio/xslt/epub.xsl"/>
           <xsl:template name="folio.titlepage.content">...</xsl:template>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <xsl:import href="docbook-xhtml.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="folio.chunked" select="1"/>

  <!-- print page breaks that render (not inside index terms or remarks,
       not in unrendered metadata) -->
  <xsl:variable name="folio.epub.pagebreaks"
      select="key('folio.counted', 'pagebreak')[not(ancestor::d:indexterm or ancestor::d:remark)]
              [not(ancestor::d:info) or ancestor::d:legalnotice[parent::d:info[not(../parent::*)]]
               or ancestor::d:abstract[parent::d:info[not(../parent::*)]]]"/>

  <!-- ==================================================================
       Root
       ================================================================== -->
  <xsl:template match="*" mode="folio.root">
    <html>
      <xsl:call-template name="folio.html.lang"/>
      <head>
        <xsl:call-template name="folio.head.title"/>
        <link rel="stylesheet" type="text/css" href="{$folio.css}"/>
        <xsl:call-template name="folio.epub.meta"/>
      </head>
      <body>
        <xsl:call-template name="folio.cover"/>
        <xsl:call-template name="folio.titlepage"/>
        <xsl:call-template name="folio.epub.nav"/>
        <xsl:apply-templates select="." mode="folio.units"/>
      </body>
    </html>
  </xsl:template>

  <!-- chunk markers: on units (from their context) and on the generated
       chunks (from the parameters) -->
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
  </xsl:template>

  <!-- ==================================================================
       <meta name="folio:*"> for the C side (OPF, NCX)
       ================================================================== -->
  <xsl:template name="folio.epub.meta">
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'toc-title'"/>
      <xsl:with-param name="key" select="'toc'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'landmarks-title'"/>
      <xsl:with-param name="key" select="'landmarks'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'page-list-title'"/>
      <xsl:with-param name="key" select="'page-list'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'cover-title'"/>
      <xsl:with-param name="key" select="'cover'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'titlepage-title'"/>
      <xsl:with-param name="key" select="'titlepage'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'bodymatter-title'"/>
      <xsl:with-param name="key" select="'bodymatter'"/>
    </xsl:call-template>
    <xsl:call-template name="folio.epub.meta.gentext">
      <xsl:with-param name="name" select="'a11y-summary'"/>
      <xsl:with-param name="key">
        <xsl:choose>
          <xsl:when test="$folio.epub.pagebreaks">a11y-summary</xsl:when>
          <xsl:otherwise>a11y-summary-no-pages</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <meta name="folio:lang" content="{$folio.doc.lang}"/>
    <meta name="folio:dir" content="{$folio.doc.dir}"/>
    <meta name="folio:l10n" content="{$folio.l10n.code}"/>
    <meta name="folio:page-breaks" content="{count($folio.epub.pagebreaks)}"/>
    <xsl:variable name="start" select="$folio.epub.bodymatter"/>
    <xsl:if test="$start">
      <meta name="folio:bodymatter-chunk">
        <xsl:attribute name="content">
          <xsl:for-each select="$start"><xsl:call-template name="folio.chunk.name"/></xsl:for-each>
        </xsl:attribute>
      </meta>
    </xsl:if>
    <xsl:if test="d:info/d:cover//d:mediaobject[d:imageobject/d:imagedata]">
      <meta name="folio:cover-image">
        <xsl:attribute name="content">
          <xsl:for-each select="(d:info/d:cover//d:mediaobject[d:imageobject/d:imagedata])[1]">
            <xsl:variable name="img" select="(d:imageobject[@role = 'epub'] | d:imageobject[@role = 'html']
                                      | d:imageobject[not(@role = 'fo' or @role = 'print')] | d:imageobject)[1]"/>
            <xsl:value-of select="$img/d:imagedata/@fileref"/>
          </xsl:for-each>
        </xsl:attribute>
      </meta>
    </xsl:if>
  </xsl:template>

  <xsl:template name="folio.epub.meta.gentext">
    <xsl:param name="name"/>
    <xsl:param name="key"/>
    <meta name="folio:{$name}">
      <xsl:attribute name="content">
        <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </xsl:attribute>
    </meta>
  </xsl:template>

  <!-- first unit of the body matter: the first chapter, part, article or
       reference; else the first unit after the front matter; else the
       first unit -->
  <xsl:variable name="folio.epub.units"
      select="/*[not(self::d:book or self::d:set)]
              | /d:book/*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]
              | /d:set/d:book/*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]"/>
  <xsl:variable name="folio.epub.bodymatter"
      select="($folio.epub.units[self::d:chapter or self::d:part or self::d:article or self::d:reference
                                  or self::d:refentry or not(parent::*)]
               | $folio.epub.units[not(self::d:preface or self::d:dedication or self::d:acknowledgements
                                       or self::d:toc or self::d:lot or self::d:glossary)][last()])[1]"/>

  <!-- ==================================================================
       Navigation document
       ================================================================== -->
  <!-- The nav chunk is a <div> holding the three <nav> elements: whether
       the C side keeps the chunk element inside <body> or unwraps it, the
       navigation document stays valid (a <nav> wrapper without epub:type
       makes epubcheck warn and count the landmarks twice). -->
  <xsl:template name="folio.epub.nav">
    <div class="nav">
      <xsl:call-template name="folio.chunk.attrs">
        <xsl:with-param name="name" select="'nav'"/>
        <xsl:with-param name="title">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'toc'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="folio.toc"/>
      <xsl:call-template name="folio.epub.landmarks"/>
      <xsl:call-template name="folio.epub.page-list"/>
    </div>
  </xsl:template>

  <xsl:template name="folio.epub.landmarks">
    <nav epub:type="landmarks" hidden="">
      <xsl:attribute name="id">
        <xsl:if test="id('landmarks')">folio-</xsl:if>
        <xsl:text>landmarks</xsl:text>
      </xsl:attribute>
      <h2><xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'landmarks'"/></xsl:call-template></h2>
      <ol>
        <xsl:if test="d:info/d:cover//d:mediaobject[d:imageobject/d:imagedata]">
          <li><a epub:type="cover" href="#{$folio.id.cover}">
            <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'cover'"/></xsl:call-template>
          </a></li>
        </xsl:if>
        <li><a epub:type="titlepage" href="#{$folio.id.titlepage}">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'titlepage'"/></xsl:call-template>
        </a></li>
        <li><a epub:type="toc" href="#{$folio.id.toc}">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'toc'"/></xsl:call-template>
        </a></li>
        <xsl:for-each select="$folio.epub.bodymatter">
          <li><a epub:type="bodymatter">
            <xsl:attribute name="href">#<xsl:call-template name="folio.link.id"/></xsl:attribute>
            <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'bodymatter'"/></xsl:call-template>
          </a></li>
        </xsl:for-each>
        <xsl:for-each select="($folio.epub.units[self::d:glossary])[1] | ($folio.epub.units[self::d:bibliography])[1]
                              | ($folio.epub.units[(self::d:index or self::d:setindex)
                                   and *[not(self::d:title or self::d:subtitle or self::d:titleabbrev or self::d:info)]])[1]">
          <li><a>
            <xsl:attribute name="epub:type">
              <xsl:choose>
                <xsl:when test="self::d:setindex">index</xsl:when>
                <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:attribute name="href">#<xsl:call-template name="folio.link.id"/></xsl:attribute>
            <xsl:call-template name="folio.title.or.name"/>
          </a></li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="folio.epub.page-list">
    <xsl:if test="$folio.epub.pagebreaks">
      <nav epub:type="page-list" role="doc-pagelist" hidden="">
        <xsl:attribute name="id">
          <xsl:if test="id('page-list')">folio-</xsl:if>
          <xsl:text>page-list</xsl:text>
        </xsl:attribute>
        <h2><xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'page-list'"/></xsl:call-template></h2>
        <ol>
          <xsl:for-each select="$folio.epub.pagebreaks">
            <li><a>
              <xsl:attribute name="href">#<xsl:call-template name="folio.pagebreak.id"/></xsl:attribute>
              <xsl:call-template name="folio.pagebreak.label"/>
            </a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
