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

  The chrome words are looked up in the l10n file first (keys html-skip,
  html-previous, html-next, html-pages), then in the table at the end of
  this file, then in English: a language without them still builds.

  CUSTOMIZATION: as for epub.xsl (import this file, override a named or
  mode template).  Extra hooks: folio.html.meta (the chrome words),
  folio.html.table.wrap.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:l="urn:folio:l10n"
    xmlns:h="urn:folio:html-l10n"
    exclude-result-prefixes="d l h">

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
        <xsl:call-template name="folio.html.gentext"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </xsl:attribute>
    </meta>
  </xsl:template>

  <!-- l10n file (chosen language), else this file's table (chosen code,
       then its language subtag), else English -->
  <xsl:variable name="folio.html.words" select="document('')/*/h:words"/>
  <xsl:template name="folio.html.gentext">
    <xsl:param name="key"/>
    <xsl:variable name="code" select="string($folio.l10n.code)"/>
    <xsl:variable name="base" select="substring-before(concat($code, '-'), '-')"/>
    <xsl:variable name="file" select="$folio.l10n[1]/l:gentext[@key = $key]"/>
    <xsl:variable name="own" select="$folio.html.words/h:w[@key = $key]"/>
    <xsl:choose>
      <xsl:when test="$file"><xsl:value-of select="$file[1]/@text"/></xsl:when>
      <xsl:when test="$own[@lang = $code]"><xsl:value-of select="$own[@lang = $code][1]"/></xsl:when>
      <xsl:when test="$own[@lang = $base]"><xsl:value-of select="$own[@lang = $base][1]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$own[@lang = 'en'][1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Until the l10n files have these keys. -->
  <h:words>
    <h:w key="html-skip" lang="en">Skip to content</h:w>
    <h:w key="html-skip" lang="ar">انتقل إلى المحتوى</h:w>
    <h:w key="html-skip" lang="de">Zum Inhalt springen</h:w>
    <h:w key="html-skip" lang="es">Ir al contenido</h:w>
    <h:w key="html-skip" lang="fa">رفتن به متن اصلی</h:w>
    <h:w key="html-skip" lang="fr">Aller au contenu</h:w>
    <h:w key="html-skip" lang="he">מעבר לתוכן העיקרי</h:w>
    <h:w key="html-skip" lang="it">Vai al contenuto</h:w>
    <h:w key="html-skip" lang="ja">本文へスキップ</h:w>
    <h:w key="html-skip" lang="ko">본문 바로가기</h:w>
    <h:w key="html-skip" lang="pt">Ir para o conteúdo</h:w>
    <h:w key="html-skip" lang="ru">Перейти к содержанию</h:w>
    <h:w key="html-skip" lang="tr">İçeriğe geç</h:w>
    <h:w key="html-skip" lang="ur">اصل متن پر جائیں</h:w>
    <h:w key="html-skip" lang="zh">跳到正文</h:w>
    <h:w key="html-previous" lang="en">Previous</h:w>
    <h:w key="html-previous" lang="ar">السابق</h:w>
    <h:w key="html-previous" lang="de">Zurück</h:w>
    <h:w key="html-previous" lang="es">Anterior</h:w>
    <h:w key="html-previous" lang="fa">قبلی</h:w>
    <h:w key="html-previous" lang="fr">Précédent</h:w>
    <h:w key="html-previous" lang="he">הקודם</h:w>
    <h:w key="html-previous" lang="it">Precedente</h:w>
    <h:w key="html-previous" lang="ja">前へ</h:w>
    <h:w key="html-previous" lang="ko">이전</h:w>
    <h:w key="html-previous" lang="pt">Anterior</h:w>
    <h:w key="html-previous" lang="ru">Назад</h:w>
    <h:w key="html-previous" lang="tr">Önceki</h:w>
    <h:w key="html-previous" lang="ur">پچھلا</h:w>
    <h:w key="html-previous" lang="zh">上一页</h:w>
    <h:w key="html-next" lang="en">Next</h:w>
    <h:w key="html-next" lang="ar">التالي</h:w>
    <h:w key="html-next" lang="de">Weiter</h:w>
    <h:w key="html-next" lang="es">Siguiente</h:w>
    <h:w key="html-next" lang="fa">بعدی</h:w>
    <h:w key="html-next" lang="fr">Suivant</h:w>
    <h:w key="html-next" lang="he">הבא</h:w>
    <h:w key="html-next" lang="it">Successivo</h:w>
    <h:w key="html-next" lang="ja">次へ</h:w>
    <h:w key="html-next" lang="ko">다음</h:w>
    <h:w key="html-next" lang="pt">Próximo</h:w>
    <h:w key="html-next" lang="ru">Далее</h:w>
    <h:w key="html-next" lang="tr">Sonraki</h:w>
    <h:w key="html-next" lang="ur">اگلا</h:w>
    <h:w key="html-next" lang="zh">下一页</h:w>
    <h:w key="html-pages" lang="en">Pages</h:w>
    <h:w key="html-pages" lang="ar">الصفحات</h:w>
    <h:w key="html-pages" lang="de">Seiten</h:w>
    <h:w key="html-pages" lang="es">Páginas</h:w>
    <h:w key="html-pages" lang="fa">صفحه‌ها</h:w>
    <h:w key="html-pages" lang="fr">Pages</h:w>
    <h:w key="html-pages" lang="he">עמודים</h:w>
    <h:w key="html-pages" lang="it">Pagine</h:w>
    <h:w key="html-pages" lang="ja">ページ</h:w>
    <h:w key="html-pages" lang="ko">페이지</h:w>
    <h:w key="html-pages" lang="pt">Páginas</h:w>
    <h:w key="html-pages" lang="ru">Страницы</h:w>
    <h:w key="html-pages" lang="tr">Sayfalar</h:w>
    <h:w key="html-pages" lang="ur">صفحات</h:w>
    <h:w key="html-pages" lang="zh">页面</h:w>
  </h:words>

</xsl:stylesheet>
