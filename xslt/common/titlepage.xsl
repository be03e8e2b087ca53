<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: title page, cover and table of contents.

  Hooks:
    folio.titlepage          the whole title-page <section> (context: root)
    folio.titlepage.content  what is inside it
    folio.titlepage.imprint  the copyright-page block (ISBN, ISSN, rights)
    folio.cover              the cover <section> (only if info/cover)
    folio.toc                the <nav epub:type="toc">
    mode folio.toc           one <li> of the table of contents
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <!-- ==================================================================
       Cover
       ================================================================== -->
  <xsl:template name="folio.cover">
    <xsl:variable name="media" select="(d:info/d:cover//d:mediaobject[d:imageobject/d:imagedata])[1]"/>
    <xsl:if test="$media">
      <section epub:type="cover" id="{$folio.id.cover}" class="cover">
        <xsl:call-template name="folio.chunk.attrs">
          <xsl:with-param name="name" select="'cover'"/>
          <xsl:with-param name="title">
            <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'cover'"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:for-each select="$media">
          <xsl:call-template name="folio.mediaobject.content">
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:call-template>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ==================================================================
       Title page
       ================================================================== -->
  <xsl:template name="folio.titlepage">
    <section epub:type="titlepage" id="{$folio.id.titlepage}" class="titlepage">
      <xsl:call-template name="folio.chunk.attrs">
        <xsl:with-param name="name" select="'titlepage'"/>
        <xsl:with-param name="title">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'titlepage'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="folio.titlepage.content"/>
    </section>
  </xsl:template>

  <xsl:template name="folio.titlepage.content">
    <xsl:variable name="info" select="d:info"/>
    <!-- a unit root (article) renders its title again in its own chunk:
         here the title is plain text, so that no id is output twice -->
    <xsl:variable name="plain" select="not(self::d:book or self::d:set)"/>
    <xsl:variable name="title" select="($info/d:title | d:title)[1]"/>
    <h1 class="title">
      <xsl:choose>
        <xsl:when test="$title and $plain"><xsl:apply-templates select="$title" mode="folio.text"/></xsl:when>
        <xsl:when test="$title"><xsl:apply-templates select="$title/node()"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="folio.title.or.name"/></xsl:otherwise>
      </xsl:choose>
    </h1>
    <xsl:for-each select="($info/d:subtitle | d:subtitle)[1]">
      <p class="subtitle">
        <xsl:choose>
          <xsl:when test="$plain"><xsl:apply-templates select="." mode="folio.text"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$info/d:author | $info/d:authorgroup/d:author | $info/d:corpauthor">
      <p class="author">
        <xsl:call-template name="folio.titlepage.name"/>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$info/d:editor | $info/d:authorgroup/d:editor">
      <p class="editor">
        <xsl:call-template name="folio.template">
          <xsl:with-param name="name" select="'edited-by'"/>
          <xsl:with-param name="t"><xsl:call-template name="folio.titlepage.name"/></xsl:with-param>
        </xsl:call-template>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$info/d:biblioset[@relation = 'series'][1]">
      <p class="series">
        <xsl:variable name="t"><xsl:apply-templates select="(d:title | d:info/d:title)[1]" mode="folio.text"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="d:volumenum">
            <xsl:call-template name="folio.template">
              <xsl:with-param name="name" select="'series-volume'"/>
              <xsl:with-param name="t" select="normalize-space($t)"/>
              <xsl:with-param name="n" select="normalize-space(d:volumenum)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space($t)"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$info/d:edition">
      <p class="edition"><xsl:apply-templates/></p>
    </xsl:for-each>
    <xsl:for-each select="$info/d:publisher">
      <p class="publisher">
        <span class="publishername"><xsl:apply-templates select="d:publishername" mode="folio.text"/></span>
        <xsl:for-each select="d:address/d:city">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
          <span class="city"><xsl:apply-templates select="." mode="folio.text"/></span>
        </xsl:for-each>
      </p>
    </xsl:for-each>
    <xsl:call-template name="folio.titlepage.imprint"/>
    <xsl:if test="not(contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' ')))">
      <xsl:apply-templates select="$info/d:abstract"/>
      <xsl:call-template name="folio.footnotes">
        <xsl:with-param name="notes" select="key('folio.footnotes', '')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="folio.titlepage.name">
    <xsl:choose>
      <xsl:when test="d:orgname"><xsl:apply-templates select="d:orgname[1]" mode="folio.text"/></xsl:when>
      <xsl:when test="d:personname">
        <xsl:variable name="n"><xsl:for-each select="d:personname[1]"><xsl:call-template name="folio.name.parts"/></xsl:for-each></xsl:variable>
        <xsl:value-of select="normalize-space($n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n"><xsl:call-template name="folio.name.parts"/></xsl:variable>
        <xsl:value-of select="normalize-space($n)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- copyright page: rights, identifiers, legal notice -->
  <xsl:template name="folio.titlepage.imprint">
    <xsl:variable name="info" select="d:info"/>
    <div epub:type="copyright-page" class="imprint">
      <xsl:for-each select="$info/d:copyright">
        <p class="copyright">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name" select="'copyright'"/>
            <xsl:with-param name="n">
              <xsl:for-each select="d:year">
                <xsl:if test="position() &gt; 1">
                  <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
                </xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </xsl:with-param>
            <xsl:with-param name="t">
              <xsl:for-each select="d:holder">
                <xsl:if test="position() &gt; 1">
                  <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
                </xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$info/d:biblioid[@class = 'isbn']">
        <xsl:sort select="number(@role = 'print')"/>
        <p class="isbn">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name">
              <xsl:choose>
                <xsl:when test="@role = 'epub'">isbn-epub</xsl:when>
                <xsl:when test="@role = 'print'">isbn-print</xsl:when>
                <xsl:otherwise>isbn</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="s">
              <xsl:call-template name="folio.ltr.value"><xsl:with-param name="value" select="normalize-space(.)"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$info/d:biblioset[@relation = 'series']/d:biblioid[@class = 'issn'] | $info/d:biblioid[@class = 'issn']">
        <p class="issn">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name" select="'issn'"/>
            <xsl:with-param name="s">
              <xsl:call-template name="folio.ltr.value"><xsl:with-param name="value" select="normalize-space(.)"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$info/d:bibliorelation[@type = 'isversionof'][@class = 'isbn']">
        <p class="original-edition">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name" select="'original-edition'"/>
            <xsl:with-param name="s">
              <xsl:call-template name="folio.ltr.value"><xsl:with-param name="value" select="normalize-space(.)"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:apply-templates select="$info/d:legalnotice"/>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Table of contents
       ================================================================== -->
  <xsl:template name="folio.toc">
    <nav epub:type="toc" id="{$folio.id.toc}" role="doc-toc">
      <h1>
        <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'toc'"/></xsl:call-template>
      </h1>
      <xsl:variable name="entries">
        <xsl:call-template name="folio.toc.entries"/>
      </xsl:variable>
      <ol>
        <xsl:copy-of select="$entries"/>
        <!-- a list of a navigation document may not be empty -->
        <xsl:if test="not(string($entries))">
          <li><a href="#{$folio.id.titlepage}">
            <xsl:call-template name="folio.title.or.name"/>
          </a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!-- the top-level entries for the context root -->
  <xsl:template name="folio.toc.entries">
    <xsl:choose>
      <xsl:when test="self::d:set">
        <xsl:for-each select="d:book">
          <xsl:call-template name="folio.toc.entries"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="self::d:book">
        <xsl:apply-templates select="*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]" mode="folio.toc"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a unit root (article...): its sections, one level deeper -->
        <xsl:variable name="entries" select="d:*[contains(' section sect1 sect2 sect3 sect4 sect5 simplesect refsection refsect1 refsect2 refsect3 refsynopsisdiv glossdiv bibliodiv indexdiv qandadiv preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]"/>
        <xsl:choose>
          <xsl:when test="$entries">
            <xsl:apply-templates select="$entries" mode="folio.toc">
              <xsl:with-param name="depth" select="0"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="." mode="folio.toc"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="folio.toc">
    <xsl:param name="depth" select="0"/>
    <!-- (not an empty index, toc or lot) -->
    <xsl:if test="not((self::d:index or self::d:setindex or self::d:toc or self::d:lot)
                      and not(*[not(self::d:title or self::d:subtitle or self::d:titleabbrev or self::d:info)]))">
      <li>
        <a>
          <xsl:attribute name="href">#<xsl:call-template name="folio.link.id"/></xsl:attribute>
          <xsl:call-template name="folio.toc.text"/>
        </a>
        <xsl:variable name="sub">
          <xsl:choose>
            <xsl:when test="self::d:part or self::d:reference">
              <xsl:apply-templates mode="folio.toc"
                  select="*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]"/>
            </xsl:when>
            <xsl:when test="$depth &lt; $folio.toc.section.depth">
              <xsl:apply-templates mode="folio.toc"
                  select="d:*[contains(' section sect1 sect2 sect3 sect4 sect5 simplesect refsection refsect1 refsect2 refsect3 refsynopsisdiv glossdiv bibliodiv indexdiv qandadiv preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))]">
                <xsl:with-param name="depth" select="$depth + 1"/>
              </xsl:apply-templates>
            </xsl:when>
          </xsl:choose>
        </xsl:variable>
        <xsl:if test="string($sub) != ''">
          <ol><xsl:copy-of select="$sub"/></ol>
        </xsl:if>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- "1. Introduction", "A. Agenda", "Foreword" -->
  <xsl:template name="folio.toc.text">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:variable name="t"><xsl:call-template name="folio.title.or.name"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$n != ''">
        <xsl:call-template name="folio.template">
          <xsl:with-param name="name" select="'toc-entry'"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="t" select="$t"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
