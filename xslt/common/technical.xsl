<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: technical DocBook outside the publication profile: procedures,
  Q and A sets, segmented lists, command and function synopses, reference
  entries, callouts, examples and equations, MathML/SVG pass-through.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="d">

  <!-- ==================================================================
       Procedures
       ================================================================== -->
  <xsl:template match="d:procedure">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'procedure'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="*[not(self::d:step or self::d:result)]"/>
      <ol class="procedure">
        <xsl:apply-templates select="d:step"/>
      </ol>
      <xsl:apply-templates select="d:result"/>
    </div>
  </xsl:template>

  <xsl:template match="d:step">
    <li>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="normalize-space(concat('step ', substring('optional', 1, 8 * number(@performance = 'optional'))))"/>
      </xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </li>
  </xsl:template>

  <xsl:template match="d:substeps">
    <ol>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'substeps'"/></xsl:call-template>
      <xsl:apply-templates select="d:step"/>
    </ol>
  </xsl:template>

  <xsl:template match="d:stepalternatives">
    <ul>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'stepalternatives'"/></xsl:call-template>
      <xsl:apply-templates select="d:step"/>
    </ul>
  </xsl:template>

  <xsl:template match="d:result | d:task | d:taskprerequisites | d:taskrelated | d:tasksummary">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Q and A
       ================================================================== -->
  <xsl:template match="d:qandaset">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'qandaset'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:qandaentry">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'qandaentry'"/></xsl:call-template>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:question | d:answer">
    <xsl:variable name="style" select="(ancestor::d:qandaset[@defaultlabel][1]/@defaultlabel | /..)[1]"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="d:label"><xsl:apply-templates select="d:label/node()"/></xsl:when>
        <xsl:when test="$style = 'none'"/>
        <xsl:when test="$style = 'number' and self::d:question">
          <xsl:value-of select="count(ancestor::d:qandaentry[1]/preceding-sibling::d:qandaentry) + 1"/>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:when test="$style = 'number'"/>
        <xsl:otherwise>
          <xsl:call-template name="folio.gentext">
            <xsl:with-param name="key" select="concat(local-name(), '-label')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="prefix">
      <xsl:if test="string($label) != ''">
        <strong class="label"><xsl:copy-of select="$label"/></strong>
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="body" select="*[not(self::d:label)]"/>
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$body[1][self::d:para or self::d:simpara]">
          <xsl:apply-templates select="$body[1]">
            <xsl:with-param name="folio.prefix" select="$prefix"/>
          </xsl:apply-templates>
          <xsl:apply-templates select="$body[position() &gt; 1]"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="string($label) != ''"><p class="label"><xsl:copy-of select="$prefix"/></p></xsl:if>
          <xsl:apply-templates select="$body"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Segmented lists: a table
       ================================================================== -->
  <xsl:template match="d:segmentedlist">
    <table>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'segmentedlist'"/></xsl:call-template>
      <xsl:if test="d:title or d:info/d:title">
        <caption><xsl:apply-templates select="(d:title | d:info/d:title)[1]/node()"/></caption>
      </xsl:if>
      <xsl:if test="d:segtitle">
        <thead>
          <tr>
            <xsl:for-each select="d:segtitle">
              <th scope="col"><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></th>
            </xsl:for-each>
          </tr>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:for-each select="d:seglistitem">
          <tr>
            <xsl:call-template name="folio.attrs"/>
            <xsl:for-each select="d:seg">
              <td><xsl:call-template name="folio.attrs"/><xsl:apply-templates/></td>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- ==================================================================
       Command synopsis: cmd [opt] {req} choice|choice arg...
       ================================================================== -->
  <xsl:template match="d:cmdsynopsis">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'cmdsynopsis'"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <p>
        <code>
          <xsl:for-each select="*[not(self::d:synopfragment or self::d:info or self::d:title)]">
            <xsl:if test="position() &gt; 1 and not(self::d:sbr) and not(preceding-sibling::*[1][self::d:sbr])">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:apply-templates select="." mode="folio.synopsis"/>
          </xsl:for-each>
        </code>
      </p>
      <xsl:apply-templates select="d:synopfragment"/>
    </div>
  </xsl:template>

  <xsl:template match="d:synopfragment">
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'synopfragment'"/></xsl:call-template>
      <code>
        <xsl:text>(</xsl:text>
        <xsl:value-of select="count(preceding-sibling::d:synopfragment) + 1"/>
        <xsl:text>) </xsl:text>
        <xsl:for-each select="*">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="folio.synopsis"/>
        </xsl:for-each>
      </code>
    </p>
  </xsl:template>

  <xsl:template match="d:arg | d:group" mode="folio.synopsis">
    <xsl:variable name="choice" select="(@choice | /..)[1]"/>
    <xsl:variable name="open">
      <xsl:choose>
        <xsl:when test="$choice = 'plain'"></xsl:when>
        <xsl:when test="$choice = 'req'">{</xsl:when>
        <xsl:otherwise>[</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="close">
      <xsl:choose>
        <xsl:when test="$choice = 'plain'"></xsl:when>
        <xsl:when test="$choice = 'req'">}</xsl:when>
        <xsl:otherwise>]</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:value-of select="$open"/>
      <xsl:choose>
        <xsl:when test="self::d:group">
          <xsl:for-each select="*">
            <xsl:if test="position() &gt; 1"><xsl:text> | </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="folio.synopsis"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="folio.synopsis"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$close"/>
      <xsl:if test="@rep = 'repeat'">…</xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="d:synopfragmentref" mode="folio.synopsis">
    <xsl:variable name="target" select="id(@linkend)[1]"/>
    <a>
      <xsl:attribute name="href">#<xsl:for-each select="$target"><xsl:call-template name="folio.link.id"/></xsl:for-each></xsl:attribute>
      <xsl:apply-templates/>
      <xsl:text> (</xsl:text>
      <xsl:value-of select="count($target/preceding-sibling::d:synopfragment) + 1"/>
      <xsl:text>)</xsl:text>
    </a>
  </xsl:template>

  <xsl:template match="d:sbr" mode="folio.synopsis">
    <br/>
  </xsl:template>

  <xsl:template match="node()" mode="folio.synopsis">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- ==================================================================
       Function synopsis: type name(type param, type param);
       ================================================================== -->
  <xsl:template match="d:funcsynopsis">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'funcsynopsis'"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:funcsynopsisinfo">
    <pre>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'funcsynopsisinfo'"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <xsl:apply-templates/>
    </pre>
  </xsl:template>

  <xsl:template match="d:funcprototype">
    <p>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'funcprototype'"/></xsl:call-template>
      <code>
        <xsl:apply-templates select="d:modifier | d:funcdef"/>
        <xsl:text>(</xsl:text>
        <xsl:for-each select="d:paramdef | d:void | d:varargs">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="self::d:void">void</xsl:when>
            <xsl:when test="self::d:varargs">...</xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:text>);</xsl:text>
      </code>
    </p>
  </xsl:template>

  <xsl:template match="d:funcdef | d:paramdef | d:funcparams">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:if test="self::d:funcparams">(</xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="self::d:funcparams">)</xsl:if>
    </span>
  </xsl:template>

  <!-- Object-oriented synopses: one line of code, words spaced. -->
  <xsl:template match="d:classsynopsis | d:methodsynopsis | d:fieldsynopsis | d:constructorsynopsis
                       | d:destructorsynopsis | d:enumsynopsis | d:typedefsynopsis | d:packagesynopsis
                       | d:macrosynopsis | d:unionsynopsis">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <p><code><xsl:call-template name="folio.synopsis.words"/></code></p>
    </div>
  </xsl:template>

  <xsl:template name="folio.synopsis.words">
    <xsl:for-each select="* | text()[normalize-space()]">
      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="self::d:methodsynopsis or self::d:fieldsynopsis or self::d:constructorsynopsis
                        or self::d:destructorsynopsis or self::d:classsynopsisinfo">
          <br/><xsl:call-template name="folio.synopsis.words"/>
        </xsl:when>
        <xsl:when test="self::d:methodparam">
          <span class="methodparam"><xsl:call-template name="folio.synopsis.words"/></span>
        </xsl:when>
        <xsl:when test="self::d:ooclass or self::d:oointerface or self::d:ooexception">
          <span class="{local-name()}"><xsl:call-template name="folio.synopsis.words"/></span>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- ==================================================================
       Reference entries
       ================================================================== -->
  <xsl:template match="d:refnamediv">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'refnamediv'"/></xsl:call-template>
      <p>
        <xsl:for-each select="d:refname">
          <xsl:if test="position() &gt; 1">
            <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
          </xsl:if>
          <code>
            <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'refname'"/></xsl:call-template>
            <xsl:apply-templates/>
          </code>
        </xsl:for-each>
        <xsl:for-each select="d:refpurpose">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'refpurpose-separator'"/></xsl:call-template>
          <span>
            <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'refpurpose'"/></xsl:call-template>
            <xsl:apply-templates/>
          </span>
        </xsl:for-each>
        <xsl:for-each select="d:refdescriptor | d:refclass">
          <xsl:text> </xsl:text>
          <span class="{local-name()}"><xsl:apply-templates/></span>
        </xsl:for-each>
      </p>
    </div>
  </xsl:template>

  <!-- ==================================================================
       Callouts
       ================================================================== -->
  <xsl:template match="d:programlistingco | d:screenco | d:mediaobjectco | d:imageobjectco">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:apply-templates select="*[not(self::d:areaspec)]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:areaspec | d:area | d:areaset"/>

  <xsl:template match="d:co | d:coref">
    <xsl:variable name="co" select="self::d:co | id(@linkend)[self::d:co]"/>
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'co'"/></xsl:call-template>
      <xsl:call-template name="folio.template">
        <xsl:with-param name="name" select="'callout'"/>
        <xsl:with-param name="n">
          <xsl:for-each select="$co[1]">
            <xsl:number level="any" count="d:co" from="d:programlisting | d:screen | d:programlistingco | d:screenco | d:synopsis | d:literallayout"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="d:calloutlist">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'calloutlist'"/></xsl:call-template>
      <xsl:call-template name="folio.block.title"/>
      <xsl:apply-templates select="*[not(self::d:callout)]"/>
      <ol class="calloutlist">
        <xsl:apply-templates select="d:callout"/>
      </ol>
    </div>
  </xsl:template>

  <xsl:template match="d:callout">
    <li>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'callout'"/></xsl:call-template>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </li>
  </xsl:template>

  <!-- ==================================================================
       Examples and equations
       ================================================================== -->
  <xsl:template match="d:example | d:equation">
    <figure>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:if test="self::d:example">
        <figcaption><xsl:call-template name="folio.formal.caption"/></figcaption>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info or self::d:titleabbrev)]" mode="folio.in.figure"/>
      <xsl:if test="self::d:equation and (d:title or d:info/d:title)">
        <figcaption><xsl:call-template name="folio.formal.caption"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="d:informalexample | d:informalequation">
    <div>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:apply-templates select="*[not(self::d:info)] | text()[normalize-space()]"/>
    </div>
  </xsl:template>

  <xsl:template match="d:inlineequation">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'inlineequation'"/></xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
