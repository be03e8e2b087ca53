<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: block elements: paragraphs, admonitions, quotations, verbatim
  text, lists, figures and media, glossaries and bibliographies.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:set="http://exslt.org/sets"
    exclude-result-prefixes="d set">

  <!-- ==================================================================
       Paragraphs.  A para holding a block (DocBook allows lists, tables,
       figures... inside para) becomes <div class="para">, never a <p>
       with a block inside.  $folio.prefix is copied at the start (used for
       footnote back-links and Q/A labels).
       ================================================================== -->
  <xsl:template match="d:para | d:simpara">
    <xsl:param name="folio.prefix"/>
    <xsl:choose>
      <!-- a block inside?  (the full test runs only for children that are
           not among the common inlines listed first) -->
      <xsl:when test="*[not(self::d:indexterm or contains(' emphasis indexterm footnote xref link quote anchor citetitle phrase literal code filename command acronym abbrev uri email subscript superscript remark glossterm firstterm foreignphrase option replaceable userinput ', concat(' ', local-name(), ' ')))]
                      and *[contains($folio.para.block.names, concat(' ', local-name(), ' '))
                              and not(self::d:simplelist[@type = 'inline'])
                            or not(contains($folio.inline.names, concat(' ', local-name(), ' ')))
                              and *[contains($folio.block.names, concat(' ', local-name(), ' '))]]">
        <div>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'para'"/></xsl:call-template>
          <xsl:copy-of select="$folio.prefix"/>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <!-- (several <p>: an attribute value template costs less than
           xsl:attribute; the usual cases, an xml:id only or no attribute,
           are tested first) -->
      <xsl:when test="@xml:id and not(@*[2])">
        <p id="{@xml:id}"><xsl:copy-of select="$folio.prefix"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:when test="not(@*)">
        <p><xsl:copy-of select="$folio.prefix"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:when test="@role or @xml:lang">
        <p><xsl:call-template name="folio.attrs"/><xsl:copy-of select="$folio.prefix"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:when test="@xml:id">
        <p id="{@xml:id}"><xsl:copy-of select="$folio.prefix"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:copy-of select="$folio.prefix"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- formalpara: run-in title -->
  <xsl:template match="d:formalpara">
    <xsl:variable name="head">
      <strong class="formalpara-title">
        <xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/>
      </strong>
      <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'run-in-separator'"/></xsl:call-template>
    </xsl:variable>
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'formalpara'"/></xsl:call-template>
      <xsl:apply-templates select="d:para | d:simpara">
        <xsl:with-param name="folio.prefix" select="$head"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="*[not(self::d:para or self::d:simpara or self::d:title or self::d:info)]"/>
    </div>
  </xsl:template>

  <!-- A block's title, as <p class="title"> (not a heading: only units and
       sections make the document outline). -->
  <xsl:template name="folio.block.title">
    <xsl:param name="class" select="'title'"/>
    <xsl:for-each select="(d:title | d:info/d:title)[1]">
      <p>
        <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
        <xsl:apply-templates/>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- ==================================================================
       Admonitions and sidebars
       ================================================================== -->
  <xsl:template match="d:note | d:tip | d:important | d:caution | d:warning">
    <aside>
      <xsl:apply-templates select="." mode="folio.semantics"/>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="concat('admonition ', local-name())"/>
      </xsl:call-template>
      <p class="title">
        <xsl:choose>
          <xsl:when test="d:title | d:info/d:title">
            <xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="local-name()"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </aside>
  </xsl:template>

  <xsl:template match="d:tip" mode="folio.semantics">
    <xsl:attribute name="epub:type">tip</xsl:attribute>
  </xsl:template>
  <xsl:template match="d:caution | d:warning | d:important" mode="folio.semantics">
    <xsl:attribute name="epub:type">notice</xsl:attribute>
  </xsl:template>

  <xsl:template match="d:sidebar">
    <aside epub:type="sidebar">
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'sidebar'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </aside>
  </xsl:template>

  <xsl:template match="d:highlights | d:annotation | d:authorblurb | d:personblurb | d:legalnotice | d:printhistory">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:abstract">
    <section role="doc-abstract">
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'abstract'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </section>
  </xsl:template>

  <!-- ==================================================================
       Quotations
       ================================================================== -->
  <xsl:template match="d:blockquote">
    <blockquote>
      <xsl:call-template name="folio.attrs"/>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="*[not(self::d:attribution)] | text()[normalize-space()]"/>
      <xsl:apply-templates select="d:attribution"/>
    </blockquote>
  </xsl:template>

  <xsl:template match="d:epigraph">
    <div epub:type="epigraph">
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'epigraph'"/></xsl:call-template>
      <xsl:apply-templates select="*[not(self::d:attribution)] | text()[normalize-space()]"/>
      <xsl:apply-templates select="d:attribution"/>
    </div>
  </xsl:template>

  <xsl:template match="d:attribution">
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'attribution'"/></xsl:call-template>
      <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'attribution-prefix'"/></xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- ==================================================================
       Verbatim
       ================================================================== -->
  <xsl:template match="d:programlisting | d:screen | d:synopsis">
    <pre>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <code>
        <xsl:if test="@language">
          <xsl:attribute name="class"><xsl:value-of select="concat('language-', @language)"/></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates/>
      </code>
    </pre>
  </xsl:template>

  <xsl:template match="d:literallayout">
    <pre>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="normalize-space(concat('literallayout ', @class))"/>
      </xsl:call-template>
      <xsl:if test="@class = 'monospaced'"><xsl:call-template name="folio.ltr.attr"/></xsl:if>
      <xsl:apply-templates/>
    </pre>
  </xsl:template>

  <xsl:template match="d:address">
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'address'"/></xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="d:bridgehead">
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="starts-with(@renderas, 'sect') and string(number(substring(@renderas, 5))) != 'NaN'">
          <xsl:value-of select="number(substring(@renderas, 5)) + 1"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="l">
            <xsl:for-each select="..">
              <xsl:call-template name="folio.section.level"/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:value-of select="$l + 1"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="h">
      <xsl:choose>
        <xsl:when test="$level &gt; 6">6</xsl:when>
        <xsl:when test="$level &lt; 2">2</xsl:when>
        <xsl:otherwise><xsl:value-of select="$level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$h}">
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'bridgehead'"/></xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ==================================================================
       Lists.  Blocks that precede the items go before the list.
       ================================================================== -->
  <xsl:template match="d:itemizedlist | d:orderedlist">
    <xsl:variable name="pre" select="*[not(self::d:listitem or self::d:title or self::d:info or self::d:titleabbrev)]"/>
    <xsl:choose>
      <xsl:when test="d:title or d:info/d:title or $pre">
        <div>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
          <xsl:call-template name="folio.block.title"/>
          <xsl:apply-templates select="$pre"/>
          <xsl:apply-templates select="." mode="folio.list">
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:apply-templates>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="folio.list"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:itemizedlist" mode="folio.list">
    <xsl:param name="with-id" select="true()"/>
    <ul>
      <xsl:if test="$with-id and @*"><xsl:call-template name="folio.attrs"/></xsl:if>
      <xsl:variable name="type">
        <xsl:choose>
          <xsl:when test="@mark = 'bullet' or @mark = 'disc'">disc</xsl:when>
          <xsl:when test="@mark = 'circle' or @mark = 'opencircle'">circle</xsl:when>
          <xsl:when test="@mark = 'square' or @mark = 'box'">square</xsl:when>
          <xsl:when test="@mark = 'none'">none</xsl:when>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="$type != ''">
        <xsl:attribute name="style">list-style-type: <xsl:value-of select="$type"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="d:listitem"/>
    </ul>
  </xsl:template>

  <xsl:template match="d:orderedlist" mode="folio.list">
    <xsl:param name="with-id" select="true()"/>
    <ol>
      <xsl:if test="$with-id and @*"><xsl:call-template name="folio.attrs"/></xsl:if>
      <xsl:variable name="type">
        <xsl:call-template name="folio.list.format"><xsl:with-param name="numeration" select="@numeration"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="$type != '1'">
        <xsl:attribute name="type"><xsl:value-of select="$type"/></xsl:attribute>
      </xsl:if>
      <xsl:variable name="start"><xsl:apply-templates select="." mode="folio.list.start"/></xsl:variable>
      <xsl:if test="$start != 1">
        <xsl:attribute name="start"><xsl:value-of select="$start"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="d:listitem"/>
    </ol>
  </xsl:template>

  <!-- first number of an orderedlist (startingnumber, continuation) -->
  <xsl:template match="d:orderedlist" mode="folio.list.start">
    <xsl:choose>
      <xsl:when test="string(number(@startingnumber)) != 'NaN'"><xsl:value-of select="number(@startingnumber)"/></xsl:when>
      <xsl:when test="@continuation = 'continues' and preceding::d:orderedlist[1]">
        <xsl:variable name="prev" select="preceding::d:orderedlist[1]"/>
        <xsl:variable name="s"><xsl:apply-templates select="$prev" mode="folio.list.start"/></xsl:variable>
        <xsl:value-of select="$s + count($prev/d:listitem)"/>
      </xsl:when>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:listitem">
    <li>
      <xsl:if test="@*">
        <xsl:choose>
          <xsl:when test="@role or @xml:lang"><xsl:call-template name="folio.attrs"/></xsl:when>
          <xsl:when test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:when>
        </xsl:choose>
        <xsl:if test="parent::d:orderedlist and @override and string(number(@override)) != 'NaN'">
          <xsl:attribute name="value"><xsl:value-of select="number(@override)"/></xsl:attribute>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </li>
  </xsl:template>

  <xsl:template match="d:variablelist">
    <xsl:variable name="pre" select="*[not(self::d:varlistentry or self::d:title or self::d:info or self::d:titleabbrev)]"/>
    <xsl:choose>
      <xsl:when test="d:title or d:info/d:title or $pre">
        <div>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'variablelist'"/></xsl:call-template>
          <xsl:call-template name="folio.block.title"/>
          <xsl:apply-templates select="$pre"/>
          <dl><xsl:apply-templates select="d:varlistentry"/></dl>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <dl>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'variablelist'"/></xsl:call-template>
          <xsl:apply-templates select="d:varlistentry"/>
        </dl>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:varlistentry">
    <xsl:for-each select="d:term">
      <dt>
        <xsl:if test="position() = 1 and ../@xml:id">
          <xsl:attribute name="id"><xsl:value-of select="../@xml:id"/></xsl:attribute>
        </xsl:if>
        <xsl:call-template name="folio.inline.wrapper"/>
      </dt>
    </xsl:for-each>
    <xsl:if test="not(d:term) and @xml:id">
      <dt id="{@xml:id}"></dt>
    </xsl:if>
    <xsl:for-each select="d:listitem">
      <dd>
        <xsl:call-template name="folio.attrs"/>
        <xsl:apply-templates select="* | text()[normalize-space()]"/>
      </dd>
    </xsl:for-each>
  </xsl:template>

  <!-- an element rendered as its content, in a <span> only when it has
       an id or a language of its own -->
  <xsl:template name="folio.inline.wrapper">
    <xsl:param name="class" select="''"/>
    <xsl:choose>
      <xsl:when test="@xml:id or @xml:lang or @role or $class != ''">
        <span>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:simplelist">
    <xsl:choose>
      <xsl:when test="@type = 'inline'">
        <span>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'simplelist'"/></xsl:call-template>
          <xsl:for-each select="d:member">
            <xsl:if test="position() &gt; 1">
              <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="folio.inline.wrapper"><xsl:with-param name="class" select="'member'"/></xsl:call-template>
          </xsl:for-each>
        </span>
      </xsl:when>
      <xsl:when test="@type = 'horiz' and number(@columns) &gt; 1">
        <xsl:variable name="cols" select="number(@columns)"/>
        <table>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'simplelist'"/></xsl:call-template>
          <tbody>
            <xsl:for-each select="d:member[position() mod $cols = 1]">
              <tr>
                <xsl:for-each select=". | following-sibling::d:member[position() &lt; $cols]">
                  <td><xsl:call-template name="folio.inline.wrapper"/></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <ul>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'simplelist'"/></xsl:call-template>
          <xsl:for-each select="d:member">
            <li><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Figures and media
       ================================================================== -->
  <xsl:template match="d:figure">
    <figure>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'figure'"/></xsl:call-template>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info or self::d:titleabbrev)]" mode="folio.in.figure"/>
      <figcaption>
        <xsl:call-template name="folio.formal.caption"/>
      </figcaption>
    </figure>
  </xsl:template>

  <xsl:template match="d:informalfigure">
    <figure>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'informalfigure'"/></xsl:call-template>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info or self::d:titleabbrev)]" mode="folio.in.figure"/>
    </figure>
  </xsl:template>

  <!-- inside a figure a mediaobject is just its image -->
  <xsl:template match="d:mediaobject" mode="folio.in.figure">
    <xsl:call-template name="folio.mediaobject.content">
      <xsl:with-param name="caption-element" select="'div'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="folio.in.figure">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- "Figure 3. Title" (label + title) for figure, table, example, equation -->
  <xsl:template name="folio.formal.caption">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:variable name="title" select="(d:title | d:info/d:title | d:caption[parent::d:table])[1]"/>
    <xsl:variable name="label">
      <xsl:if test="$n != ''">
        <span class="label">
          <xsl:call-template name="folio.template">
            <xsl:with-param name="name" select="concat('label-', local-name())"/>
            <xsl:with-param name="n" select="$n"/>
          </xsl:call-template>
        </span>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="t">
      <xsl:for-each select="$title">
        <xsl:choose>
          <xsl:when test="@xml:id or @xml:lang">
            <span><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></span>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$n != '' and $title">
        <xsl:call-template name="folio.template">
          <xsl:with-param name="name" select="'caption'"/>
          <xsl:with-param name="n" select="$label"/>
          <xsl:with-param name="t" select="$t"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="$label"/>
        <xsl:copy-of select="$t"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:mediaobject | d:screenshot">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:for-each select="self::d:screenshot">
        <xsl:call-template name="folio.block.title"/>
      </xsl:for-each>
      <xsl:for-each select="self::d:mediaobject">
        <xsl:call-template name="folio.mediaobject.content">
          <xsl:with-param name="with-id" select="false()"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:apply-templates select="self::d:screenshot/*[not(self::d:title or self::d:info)]"/>
    </div>
  </xsl:template>

  <!-- the image of a mediaobject (or its text when it has no image) -->
  <xsl:template name="folio.mediaobject.content">
    <xsl:param name="with-id" select="true()"/>
    <xsl:param name="caption-element" select="'div'"/>
    <xsl:variable name="img" select="(d:imageobject[@role = 'epub'] | d:imageobject[@role = 'html']
                                      | d:imageobject[not(@role = 'fo' or @role = 'print')] | d:imageobject)[1]"/>
    <xsl:choose>
      <xsl:when test="$img/d:imagedata">
        <xsl:apply-templates select="$img/d:imagedata">
          <xsl:with-param name="id" select="substring(@xml:id, 1, string-length(@xml:id) * number($with-id))"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="(d:textobject[not(d:phrase)] | d:textobject)[1]">
          <div>
            <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'textobject'"/></xsl:call-template>
            <xsl:apply-templates select="* | text()[normalize-space()]"/>
          </div>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="d:caption">
      <xsl:element name="{$caption-element}">
        <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'caption'"/></xsl:call-template>
        <xsl:apply-templates select="* | text()[normalize-space()]"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <!-- alt text: alt element, else the phrase of the first textobject -->
  <xsl:template name="folio.alt">
    <xsl:param name="media" select="ancestor::*[self::d:mediaobject or self::d:inlinemediaobject][1]"/>
    <xsl:variable name="alt">
      <xsl:choose>
        <xsl:when test="$media/d:alt">
          <xsl:apply-templates select="$media/d:alt[1]/node()" mode="folio.text"/>
        </xsl:when>
        <xsl:when test="$media/d:textobject/d:phrase">
          <xsl:apply-templates select="$media/d:textobject/d:phrase[1]/node()" mode="folio.text"/>
        </xsl:when>
        <xsl:when test="$media/d:textobject">
          <xsl:apply-templates select="$media/d:textobject[1]/node()" mode="folio.text"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="normalize-space($alt)"/>
  </xsl:template>

  <xsl:template match="d:imagedata">
    <xsl:param name="id" select="''"/>
    <img>
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:attribute name="src">
        <xsl:choose>
          <xsl:when test="@fileref"><xsl:value-of select="@fileref"/></xsl:when>
          <xsl:when test="@entityref"><xsl:value-of select="unparsed-entity-uri(@entityref)"/></xsl:when>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="alt"><xsl:call-template name="folio.alt"/></xsl:attribute>
      <xsl:variable name="w" select="normalize-space((@contentwidth | @width)[1])"/>
      <xsl:variable name="unit" select="translate($w, '0123456789.', '')"/>
      <xsl:variable name="num" select="substring($w, 1, string-length($w) - string-length($unit))"/>
      <xsl:if test="$w != '' and string(number($num)) != 'NaN'
                    and ($unit = '' or contains(' % px pt in cm mm em pc ', concat(' ', $unit, ' ')))
                    and substring($w, string-length($num) + 1) = $unit">
        <xsl:attribute name="style">
          <xsl:value-of select="concat('width: ', $w)"/>
          <xsl:if test="$unit = ''">px</xsl:if>
        </xsl:attribute>
      </xsl:if>
      <xsl:attribute name="class">
        <xsl:value-of select="normalize-space(concat(local-name(ancestor::*[self::d:mediaobject or self::d:inlinemediaobject][1]), ' ', @role))"/>
      </xsl:attribute>
    </img>
  </xsl:template>

  <xsl:template match="d:inlinemediaobject">
    <xsl:variable name="img" select="(d:imageobject[@role = 'epub'] | d:imageobject[@role = 'html']
                                      | d:imageobject[not(@role = 'fo' or @role = 'print')] | d:imageobject)[1]"/>
    <xsl:choose>
      <xsl:when test="$img/d:imagedata">
        <xsl:apply-templates select="$img/d:imagedata">
          <xsl:with-param name="id" select="string(@xml:id)"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'inlinemediaobject'"/></xsl:call-template>
          <xsl:apply-templates select="(d:textobject/d:phrase | d:textobject)[1]" mode="folio.text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- consumed by their parents -->
  <xsl:template match="d:imageobject | d:textobject | d:alt | d:videoobject | d:audioobject | d:caption[parent::d:table]"/>

  <!-- ==================================================================
       Glossary: runs of glossentry siblings become one <dl>
       ================================================================== -->
  <xsl:template match="d:glossentry">
    <xsl:if test="not(preceding-sibling::*[1][self::d:glossentry])">
      <dl class="glossary">
        <xsl:apply-templates mode="folio.glossentry"
            select=". | set:leading(following-sibling::*, following-sibling::*[not(self::d:glossentry)][1])"/>
      </dl>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:glosslist">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'glosslist'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="*[not(self::d:glossentry)]"/>
      <dl class="glossary"><xsl:apply-templates select="d:glossentry" mode="folio.glossentry"/></dl>
    </div>
  </xsl:template>

  <xsl:template match="d:glossentry" mode="folio.glossentry">
    <dt epub:type="glossterm">
      <xsl:call-template name="folio.attrs"/>
      <xsl:for-each select="d:glossterm">
        <xsl:call-template name="folio.inline.wrapper"><xsl:with-param name="class" select="'glossterm'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="d:acronym | d:abbrev">
        <xsl:text> (</xsl:text>
        <abbr><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></abbr>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
    </dt>
    <xsl:for-each select="d:glossdef">
      <dd epub:type="glossdef">
        <xsl:call-template name="folio.attrs"/>
        <xsl:apply-templates select="*[not(self::d:glossseealso)] | text()[normalize-space()]"/>
        <xsl:apply-templates select="d:glossseealso"/>
      </dd>
    </xsl:for-each>
    <xsl:if test="d:glosssee">
      <dd epub:type="glossdef"><xsl:apply-templates select="d:glosssee"/></dd>
    </xsl:if>
    <xsl:if test="not(d:glossdef or d:glosssee)">
      <dd epub:type="glossdef"></dd>
    </xsl:if>
    <xsl:apply-templates select="d:indexterm"/>
  </xsl:template>

  <xsl:template match="d:glosssee | d:glossseealso">
    <xsl:variable name="target" select="id(@otherterm)[1]"/>
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="$target">
          <a>
            <xsl:attribute name="href">#<xsl:for-each select="$target"><xsl:call-template name="folio.link.id"/></xsl:for-each></xsl:attribute>
            <xsl:choose>
              <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
              <!-- empty: the term of the entry it points to (a glossentry
                   precedes its glossterm in document order, so the entry
                   itself must not be a candidate), else its xref text -->
              <xsl:when test="$target/d:glossterm">
                <xsl:variable name="term"><xsl:apply-templates select="$target/d:glossterm[1]" mode="folio.text"/></xsl:variable>
                <xsl:value-of select="normalize-space($term)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="$target" mode="folio.xref.text"/>
              </xsl:otherwise>
            </xsl:choose>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="folio.template">
        <xsl:with-param name="name" select="local-name()"/>
        <xsl:with-param name="t" select="$t"/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <!-- ==================================================================
       Bibliography
       ================================================================== -->
  <xsl:template match="d:bibliolist">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'bibliolist'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:bibliomixed | d:biblioentry">
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="self::d:bibliomixed">
          <xsl:apply-templates mode="folio.biblio"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="*">
            <xsl:if test="position() &gt; 1 and not(position() = 2 and ../*[1][self::d:abbrev])">
              <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'biblio-separator'"/></xsl:call-template>
            </xsl:if>
            <xsl:apply-templates select="." mode="folio.biblio"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <xsl:template match="d:abbrev[parent::d:biblioentry or parent::d:bibliomixed][1]" mode="folio.biblio">
    <span class="biblio-label">[<xsl:apply-templates/>]</span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="d:title | d:citetitle" mode="folio.biblio">
    <cite><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></cite>
  </xsl:template>
  <xsl:template match="d:authorgroup" mode="folio.biblio">
    <xsl:for-each select="*">
      <xsl:if test="position() &gt; 1">
        <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
      </xsl:if>
      <xsl:apply-templates select="." mode="folio.biblio"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="d:biblioset | d:bibliomset | d:biblioentry/d:publisher | d:biblioentry/d:copyright" mode="folio.biblio">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:for-each select="* | text()[normalize-space()]">
        <xsl:if test="position() &gt; 1 and not(parent::d:bibliomset)"><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates select="." mode="folio.biblio"/>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="d:copyright" mode="folio.biblio">
    <xsl:text>© </xsl:text>
    <xsl:for-each select="*">
      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="d:address" mode="folio.biblio">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'address'"/></xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="node()" mode="folio.biblio">
    <xsl:apply-templates select="."/>
  </xsl:template>

</xsl:stylesheet>
