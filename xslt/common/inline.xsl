<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: inline elements, links, cross references, anchors, footnote
  references.

  DocBook 5 universal linking: any inline element with xlink:href or
  linkend becomes a link (unless it already sits inside one).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:set="http://exslt.org/sets"
    exclude-result-prefixes="d xlink set">

  <!-- ==================================================================
       Generic inline rendering: <ELEMENT class="CLASS">content</ELEMENT>,
       wrapped in <a> when the DocBook element carries a link.
       ================================================================== -->
  <!-- ltr: true() for content that is left to right by nature (code,
       identifiers): dir="ltr" when it sits in right-to-left text
       (folio.ltr.attr). -->
  <xsl:template name="folio.inline">
    <xsl:param name="element" select="'span'"/>
    <xsl:param name="class"/>
    <xsl:param name="ltr" select="false()"/>
    <xsl:choose>
      <xsl:when test="(@xlink:href or @linkend) and not(ancestor::d:link or ancestor::d:xref or ancestor::*[@xlink:href or @linkend])">
        <a>
          <xsl:attribute name="href"><xsl:call-template name="folio.href"/></xsl:attribute>
          <xsl:element name="{$element}">
            <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
            <xsl:if test="$ltr"><xsl:call-template name="folio.ltr.attr"/></xsl:if>
            <xsl:apply-templates/>
          </xsl:element>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:choose>
            <xsl:when test="@*">
              <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="string($class) != ''">
              <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
            </xsl:when>
          </xsl:choose>
          <xsl:if test="$ltr"><xsl:call-template name="folio.ltr.attr"/></xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the href of the context element's link (xlink:href or linkend) -->
  <xsl:template name="folio.href">
    <xsl:choose>
      <xsl:when test="@linkend">
        <xsl:call-template name="folio.href.id"><xsl:with-param name="idref" select="@linkend"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="starts-with(@xlink:href, '#')">
        <xsl:call-template name="folio.href.id"><xsl:with-param name="idref" select="substring(@xlink:href, 2)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@xlink:href"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.href.id">
    <xsl:param name="idref"/>
    <xsl:variable name="target" select="id($idref)[1]"/>
    <xsl:text>#</xsl:text>
    <xsl:choose>
      <xsl:when test="$target">
        <xsl:for-each select="$target"><xsl:call-template name="folio.link.id"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$idref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Phrase-level markup
       ================================================================== -->
  <xsl:template match="d:emphasis">
    <xsl:choose>
      <xsl:when test="not(@*)"><em><xsl:apply-templates/></em></xsl:when>
      <xsl:when test="@role = 'bold' or @role = 'strong'">
        <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'strong'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@role = 'underline'">
        <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'span'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@role = 'strikethrough'">
        <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'s'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'em'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:phrase | d:application | d:hardware | d:orgname | d:orgdiv | d:jobtitle | d:affiliation
                       | d:shortaffil | d:date | d:pubdate | d:year | d:holder | d:city | d:state | d:country
                       | d:street | d:postcode | d:pob | d:otheraddr | d:publishername
                       | d:productnumber | d:medialabel | d:lineannotation | d:mathphrase | d:label | d:refentrytitle
                       | d:manvolnum | d:termdef | d:person | d:edition | d:releaseinfo | d:issuenum | d:volumenum
                       | d:seriesvolnums | d:pagenums | d:artpagenums | d:contrib | d:confgroup | d:conftitle
                       | d:confdates | d:confsponsor | d:confnum | d:contractnum | d:contractsponsor
                       | d:invpartnumber | d:bibliosource | d:bibliomisc | d:biblioid | d:bibliocoverage
                       | d:bibliorelation | d:citebiblioid">
    <xsl:call-template name="folio.inline"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
  </xsl:template>

  <!-- numbers and identifiers written left to right in every language -->
  <xsl:template match="d:phone | d:fax
                       | d:biblioid[@class = 'isbn' or @class = 'issn' or @class = 'doi' or @class = 'uri'
                                    or @class = 'isrn' or @class = 'ismn']
                       | d:citebiblioid[@class = 'isbn' or @class = 'issn' or @class = 'doi' or @class = 'uri'
                                        or @class = 'isrn' or @class = 'ismn']">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="ltr" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:abbrev | d:acronym">
    <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'abbr'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:subscript">
    <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'sub'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="d:superscript">
    <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'sup'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:literal | d:code | d:command | d:filename | d:option | d:parameter | d:envar | d:varname
                       | d:function | d:classname | d:methodname | d:constant | d:type | d:property | d:markup
                       | d:token | d:systemitem | d:package | d:exceptionname | d:interfacename | d:ooclass
                       | d:ooexception | d:oointerface | d:returnvalue | d:symbol | d:errorcode | d:errorname
                       | d:errortext | d:errortype | d:database | d:nonterminal | d:modifier | d:initializer
                       | d:keysym | d:keycode | d:varargs | d:void | d:buildtarget | d:macroname
                       | d:namespace | d:enumname | d:enumvalue | d:unionname | d:typedefname | d:structname
                       | d:templatename | d:trait | d:uri[not(@xlink:href)][not(contains(., '://'))]">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'code'"/>
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="ltr" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:replaceable">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'var'"/>
      <xsl:with-param name="class" select="'replaceable'"/>
      <xsl:with-param name="ltr" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:userinput | d:keycap | d:mousebutton | d:accel">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'kbd'"/>
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="ltr" select="self::d:userinput"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:computeroutput | d:prompt">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'samp'"/>
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="ltr" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:guibutton | d:guiicon | d:guilabel | d:guimenu | d:guimenuitem | d:guisubmenu">
    <xsl:call-template name="folio.inline"><xsl:with-param name="class" select="concat('gui ', local-name())"/></xsl:call-template>
  </xsl:template>

  <!-- children joined by a separator: keycombo (+), menuchoice (→) -->
  <xsl:template match="d:keycombo | d:menuchoice">
    <xsl:variable name="sep">
      <xsl:call-template name="folio.gentext">
        <xsl:with-param name="key" select="concat(local-name(), '-separator')"/>
      </xsl:call-template>
    </xsl:variable>
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:for-each select="*[not(self::d:shortcut)]">
        <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
      <xsl:for-each select="d:shortcut">
        <xsl:text> (</xsl:text><xsl:apply-templates select="."/><xsl:text>)</xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="d:shortcut">
    <xsl:call-template name="folio.inline"><xsl:with-param name="class" select="'shortcut'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:tag">
    <xsl:variable name="open">
      <xsl:choose>
        <xsl:when test="@class = 'endtag'">&lt;/</xsl:when>
        <xsl:when test="@class = 'element' or @class = 'starttag' or @class = 'emptytag' or not(@class)">&lt;</xsl:when>
        <xsl:when test="@class = 'genentity'">&amp;</xsl:when>
        <xsl:when test="@class = 'paramentity'">%</xsl:when>
        <xsl:when test="@class = 'pi' or @class = 'xmlpi'">&lt;?</xsl:when>
        <xsl:when test="@class = 'comment'">&lt;!--</xsl:when>
        <xsl:when test="@class = 'sgmlcomment'">--</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="close">
      <xsl:choose>
        <xsl:when test="@class = 'emptytag'">/&gt;</xsl:when>
        <xsl:when test="@class = 'element' or @class = 'starttag' or @class = 'endtag' or not(@class)">&gt;</xsl:when>
        <xsl:when test="@class = 'genentity' or @class = 'paramentity'">;</xsl:when>
        <xsl:when test="@class = 'pi'">&gt;</xsl:when>
        <xsl:when test="@class = 'xmlpi'">?&gt;</xsl:when>
        <xsl:when test="@class = 'comment'">--&gt;</xsl:when>
        <xsl:when test="@class = 'sgmlcomment'">--</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <code>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'tag'"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <xsl:value-of select="$open"/>
      <xsl:apply-templates/>
      <xsl:value-of select="$close"/>
    </code>
  </xsl:template>

  <xsl:template match="d:citetitle">
    <xsl:choose>
      <xsl:when test="not(@*)"><cite><xsl:apply-templates/></cite></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'cite'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:citation">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'citation'"/></xsl:call-template>
      <xsl:text>[</xsl:text><xsl:apply-templates/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="d:citerefentry">
    <code>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'citerefentry'"/></xsl:call-template>
      <xsl:call-template name="folio.ltr.attr"/>
      <xsl:apply-templates select="d:refentrytitle/node()"/>
      <xsl:if test="d:manvolnum">(<xsl:apply-templates select="d:manvolnum/node()"/>)</xsl:if>
    </code>
  </xsl:template>

  <xsl:template match="d:firstterm">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'dfn'"/>
      <xsl:with-param name="class" select="'firstterm'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:glossterm">
    <xsl:call-template name="folio.inline">
      <xsl:with-param name="element" select="'em'"/>
      <xsl:with-param name="class" select="'glossterm'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:foreignphrase">
    <xsl:call-template name="folio.inline"><xsl:with-param name="class" select="'foreignphrase'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:wordasword">
    <xsl:call-template name="folio.inline"><xsl:with-param name="element" select="'em'"/><xsl:with-param name="class" select="'wordasword'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:trademark | d:productname">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:apply-templates/>
      <xsl:choose>
        <xsl:when test="@class = 'registered'">®</xsl:when>
        <xsl:when test="@class = 'copyright'">©</xsl:when>
        <xsl:when test="@class = 'service'">℠</xsl:when>
        <xsl:when test="@class = 'trade' or (self::d:trademark and not(@class))">™</xsl:when>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- names: parts joined by spaces -->
  <xsl:template match="d:personname | d:author | d:editor | d:othercredit">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      <xsl:call-template name="folio.name.parts"/>
    </span>
  </xsl:template>

  <xsl:template name="folio.name.parts">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:honorific | d:firstname | d:givenname | d:othername | d:surname | d:lineage">
    <xsl:call-template name="folio.inline.wrapper"/>
  </xsl:template>

  <xsl:template match="d:authorgroup">
    <span class="authorgroup">
      <xsl:for-each select="*">
        <xsl:if test="position() &gt; 1">
          <xsl:call-template name="folio.gentext"><xsl:with-param name="key" select="'list-separator'"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- ==================================================================
       Quotations: localized marks, alternating when nested
       ================================================================== -->
  <xsl:template match="d:quote">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'quote'"/></xsl:call-template>
      <xsl:call-template name="folio.quote.open"/>
      <xsl:apply-templates/>
      <xsl:call-template name="folio.quote.close"/>
    </span>
  </xsl:template>

  <xsl:template name="folio.quote.open">
    <xsl:choose>
      <xsl:when test="count(ancestor::d:quote) mod 2 = 1"><xsl:value-of select="$folio.gt.nested-open-quote"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$folio.gt.open-quote"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.quote.close">
    <xsl:choose>
      <xsl:when test="count(ancestor::d:quote) mod 2 = 1"><xsl:value-of select="$folio.gt.nested-close-quote"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$folio.gt.close-quote"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Links
       ================================================================== -->
  <xsl:template match="d:link">
    <xsl:variable name="inside" select="ancestor::d:link or ancestor::*[@xlink:href or @linkend]"/>
    <xsl:variable name="target" select="id(@linkend)[1]"/>
    <xsl:variable name="content">
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:when test="$target">
          <xsl:apply-templates select="$target" mode="folio.xref.text"/>
        </xsl:when>
        <xsl:when test="@xlink:href"><xsl:value-of select="@xlink:href"/></xsl:when>
        <xsl:when test="@linkend"><xsl:value-of select="@linkend"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$inside or not(@linkend or @xlink:href) or (@linkend and not($target))">
        <xsl:if test="@linkend and not($target)">
          <xsl:message>folio: link to a missing id "<xsl:value-of select="@linkend"/>"</xsl:message>
        </xsl:if>
        <span>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'link'"/></xsl:call-template>
          <xsl:if test="@xlink:href and not(*)"><xsl:call-template name="folio.link.ltr"/></xsl:if>
          <xsl:copy-of select="$content"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a>
          <xsl:call-template name="folio.attrs"/>
          <xsl:attribute name="href"><xsl:call-template name="folio.href"/></xsl:attribute>
          <xsl:if test="@xlink:href and not(*)"><xsl:call-template name="folio.link.ltr"/></xsl:if>
          <xsl:copy-of select="$content"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- dir="ltr" on a link whose text is its address (empty, the href
       itself, or text that looks like a URL or an e-mail address) -->
  <xsl:template name="folio.link.ltr">
    <xsl:variable name="t" select="normalize-space(.)"/>
    <xsl:if test="$t = '' or $t = normalize-space(@xlink:href) or contains($t, '://')
                  or starts-with($t, 'www.') or (contains($t, '@') and not(contains($t, ' ')))">
      <xsl:call-template name="folio.ltr.attr"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:uri[@xlink:href or contains(., '://')]">
    <xsl:choose>
      <xsl:when test="ancestor::d:link or ancestor::*[@xlink:href or @linkend]">
        <code><xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'uri'"/></xsl:call-template><xsl:call-template name="folio.ltr.attr"/><xsl:apply-templates/></code>
      </xsl:when>
      <xsl:otherwise>
        <a>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'uri'"/></xsl:call-template>
          <xsl:call-template name="folio.ltr.attr"/>
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="@xlink:href"><xsl:call-template name="folio.href"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:apply-templates/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:email">
    <xsl:choose>
      <xsl:when test="ancestor::d:link or ancestor::*[@xlink:href or @linkend]">
        <code><xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'email'"/></xsl:call-template><xsl:call-template name="folio.ltr.attr"/><xsl:apply-templates/></code>
      </xsl:when>
      <xsl:otherwise>
        <a>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'email'"/></xsl:call-template>
          <xsl:call-template name="folio.ltr.attr"/>
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="@xlink:href"><xsl:value-of select="@xlink:href"/></xsl:when>
              <xsl:otherwise>mailto:<xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:apply-templates/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:olink">
    <span>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'olink'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@targetptr"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- ==================================================================
       Cross references
       ================================================================== -->
  <xsl:template match="d:xref | d:biblioref">
    <xsl:variable name="target" select="id(@linkend)[1]"/>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="@endterm and id(@endterm)">
          <xsl:variable name="t"><xsl:apply-templates select="id(@endterm)[1]" mode="folio.text"/></xsl:variable>
          <xsl:value-of select="normalize-space($t)"/>
        </xsl:when>
        <xsl:when test="$target">
          <xsl:apply-templates select="$target" mode="folio.xref.text">
            <xsl:with-param name="referrer" select="."/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:message>folio: cross reference to a missing id "<xsl:value-of select="@linkend"/>"</xsl:message>
          <xsl:value-of select="concat('[', @linkend, ']')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="not($target) or ancestor::*[self::d:link or @xlink:href or @linkend]">
        <span>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'xref'"/></xsl:call-template>
          <xsl:copy-of select="$text"/>
        </span>
      </xsl:when>
      <xsl:when test="$target/self::d:footnote">
        <a epub:type="noteref" role="doc-noteref">
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'noteref'"/></xsl:call-template>
          <xsl:if test="not(@xml:lang)"><xsl:call-template name="folio.isolate.attr"/></xsl:if>
          <xsl:attribute name="href">#<xsl:for-each select="$target"><xsl:call-template name="folio.link.id"/></xsl:for-each></xsl:attribute>
          <xsl:copy-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <a>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="'xref'"/></xsl:call-template>
          <xsl:attribute name="href">#<xsl:for-each select="$target"><xsl:call-template name="folio.link.id"/></xsl:for-each></xsl:attribute>
          <xsl:copy-of select="$text"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- mode folio.xref.text: generated text of a link to the context
       element (plain text).  xreflabel wins, then the l10n templates
       xref-chapter, xref-appendix, xref-part, xref-section, xref-figure,
       xref-table, xref-example, xref-equation, xref-step, xref-titled. -->
  <xsl:template match="*" mode="folio.xref.text">
    <xsl:param name="referrer" select="/.."/>
    <xsl:choose>
      <xsl:when test="@xreflabel and not(self::d:anchor[@role = 'pagebreak'])"><xsl:value-of select="@xreflabel"/></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="folio.xref.generated"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:chapter | d:appendix | d:part" mode="folio.xref.generated">
    <xsl:call-template name="folio.template">
      <xsl:with-param name="name" select="concat('xref-', local-name())"/>
      <xsl:with-param name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:with-param>
      <xsl:with-param name="t"><xsl:call-template name="folio.title.or.name"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:preface | d:glossary | d:bibliography | d:index | d:setindex | d:colophon | d:dedication
                       | d:acknowledgements | d:article | d:reference | d:refentry | d:toc | d:lot" mode="folio.xref.generated">
    <xsl:variable name="unit"><xsl:call-template name="folio.is.unit"/></xsl:variable>
    <xsl:call-template name="folio.template">
      <xsl:with-param name="name" select="concat('xref-', substring('unit', 1, 4 * ($unit = '1')), substring('section', 1, 7 * ($unit != '1')))"/>
      <xsl:with-param name="t"><xsl:call-template name="folio.title.or.name"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:section | d:sect1 | d:sect2 | d:sect3 | d:sect4 | d:sect5 | d:simplesect | d:refsection
                       | d:refsect1 | d:refsect2 | d:refsect3 | d:refsynopsisdiv | d:glossdiv | d:bibliodiv
                       | d:indexdiv | d:qandadiv" mode="folio.xref.generated">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:call-template name="folio.template">
      <xsl:with-param name="name" select="concat('xref-section', substring('-numbered', 1, 9 * ($n != '')))"/>
      <xsl:with-param name="n" select="$n"/>
      <xsl:with-param name="t"><xsl:call-template name="folio.title.or.name"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:figure | d:table | d:example | d:equation" mode="folio.xref.generated">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$n != ''">
        <xsl:call-template name="folio.template">
          <xsl:with-param name="name" select="concat('xref-', local-name())"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="t"><xsl:call-template name="folio.title.text"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="folio.xref.fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:step" mode="folio.xref.generated">
    <xsl:call-template name="folio.template">
      <xsl:with-param name="name" select="'xref-step'"/>
      <xsl:with-param name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:orderedlist/d:listitem" mode="folio.xref.generated">
    <xsl:apply-templates select="." mode="folio.number"/>
  </xsl:template>

  <xsl:template match="d:footnote" mode="folio.xref.generated">
    <xsl:call-template name="folio.footnote.marker"/>
  </xsl:template>

  <!-- the displayed number of a footnote (its number in the language's
       digits; ids keep the ASCII number of mode folio.number) -->
  <xsl:template name="folio.footnote.marker">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="folio.number"/></xsl:variable>
    <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="string($n)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="d:anchor[@role = 'pagebreak']" mode="folio.xref.generated">
    <xsl:call-template name="folio.template">
      <xsl:with-param name="name" select="'xref-page'"/>
      <xsl:with-param name="n"><xsl:call-template name="folio.pagebreak.label"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:glossentry | d:varlistentry" mode="folio.xref.generated">
    <xsl:variable name="t"><xsl:apply-templates select="(d:glossterm | d:term)[1]" mode="folio.text"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <xsl:template match="d:glossterm | d:term | d:question | d:refname" mode="folio.xref.generated">
    <xsl:variable name="t"><xsl:apply-templates select="." mode="folio.text"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <xsl:template match="d:biblioentry | d:bibliomixed" mode="folio.xref.generated">
    <xsl:choose>
      <xsl:when test="*[1][self::d:abbrev]">
        <xsl:variable name="t"><xsl:apply-templates select="*[1]" mode="folio.text"/></xsl:variable>
        <xsl:value-of select="concat('[', normalize-space($t), ']')"/>
      </xsl:when>
      <xsl:when test="@xml:id">[<xsl:value-of select="@xml:id"/>]</xsl:when>
      <xsl:otherwise><xsl:call-template name="folio.xref.fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:qandaentry" mode="folio.xref.generated">
    <xsl:apply-templates select="d:question" mode="folio.xref.generated"/>
  </xsl:template>

  <!-- anything else: its title, else the title of its container -->
  <xsl:template match="*" mode="folio.xref.generated">
    <xsl:call-template name="folio.xref.fallback"/>
  </xsl:template>

  <xsl:template name="folio.xref.fallback">
    <xsl:variable name="t"><xsl:call-template name="folio.title.text"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$t != ''">
        <xsl:call-template name="folio.template">
          <xsl:with-param name="name" select="'xref-titled'"/>
          <xsl:with-param name="t" select="$t"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="parent::*">
        <xsl:apply-templates select="ancestor::*[d:title or d:info/d:title
            or contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))][1]" mode="folio.xref.text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.title.or.name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Anchors and print page breaks
       ================================================================== -->
  <xsl:template match="d:anchor">
    <xsl:choose>
      <xsl:when test="@role = 'pagebreak' and @xml:id and normalize-space(@xreflabel) != ''">
        <span epub:type="pagebreak" role="doc-pagebreak" aria-label="{normalize-space(@xreflabel)}" id="{@xml:id}" class="pagebreak"></span>
      </xsl:when>
      <xsl:when test="@role = 'pagebreak'">
        <xsl:variable name="label"><xsl:call-template name="folio.pagebreak.label"/></xsl:variable>
        <span epub:type="pagebreak" role="doc-pagebreak" aria-label="{$label}">
          <xsl:attribute name="id"><xsl:call-template name="folio.pagebreak.id"/></xsl:attribute>
          <xsl:attribute name="class">pagebreak</xsl:attribute>
        </span>
      </xsl:when>
      <xsl:when test="@xml:id">
        <span id="{@xml:id}"></span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.pagebreak.label">
    <xsl:choose>
      <xsl:when test="normalize-space(@xreflabel) != ''"><xsl:value-of select="normalize-space(@xreflabel)"/></xsl:when>
      <xsl:when test="starts-with(@xml:id, 'page-')"><xsl:value-of select="substring-after(@xml:id, 'page-')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count(set:leading(key('folio.counted', 'pagebreak'), .)) + 1"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.pagebreak.id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>folio-page-</xsl:text>
        <xsl:call-template name="folio.pagebreak.label"/>
        <xsl:text>-</xsl:text>
        <xsl:number level="multiple" count="*" format="1-1"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================================
       Footnote references
       ================================================================== -->
  <xsl:template match="d:footnote">
    <xsl:choose>
      <!-- inside a link a second <a> would be invalid: a plain marker -->
      <xsl:when test="ancestor::d:link or ancestor::*[@xlink:href or @linkend]">
        <xsl:variable name="id"><xsl:call-template name="folio.id"/></xsl:variable>
        <span class="noteref" id="fnref-{$id}">
          <xsl:call-template name="folio.isolate.attr"/>
          <xsl:call-template name="folio.footnote.marker"/>
        </span>
      </xsl:when>
      <xsl:when test="@xml:id">
        <a epub:type="noteref" role="doc-noteref" href="#fn-{@xml:id}" id="fnref-{@xml:id}" class="noteref">
          <xsl:call-template name="folio.isolate.attr"/>
          <xsl:call-template name="folio.footnote.marker"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <!-- id: UNIT-N (see folio.id), computed here once -->
        <xsl:variable name="unit"
            select="ancestor::*[contains(' preface chapter appendix glossary bibliography index setindex colophon dedication acknowledgements article part reference refentry toc lot ', concat(' ', local-name(), ' '))
                    and (parent::d:book or parent::d:part or parent::d:reference or not(parent::*))][1]"/>
        <xsl:variable name="n" select="count(set:leading(key('folio.footnotes', generate-id($unit)), .)) + 1"/>
        <xsl:variable name="uid">
          <xsl:choose>
            <xsl:when test="$unit/@xml:id"><xsl:value-of select="$unit/@xml:id"/></xsl:when>
            <xsl:when test="$unit"><xsl:call-template name="folio.id"><xsl:with-param name="node" select="$unit"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:value-of select="$folio.id.titlepage"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <a epub:type="noteref" role="doc-noteref" href="#fn-{$uid}-{$n}" id="fnref-{$uid}-{$n}" class="noteref">
          <xsl:call-template name="folio.isolate.attr"/>
          <xsl:call-template name="folio.digits"><xsl:with-param name="n" select="$n"/></xsl:call-template>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:footnoteref">
    <xsl:variable name="target" select="id(@linkend)[1]"/>
    <xsl:choose>
      <xsl:when test="$target/self::d:footnote">
        <a epub:type="noteref" role="doc-noteref" class="noteref">
          <xsl:attribute name="href">#fn-<xsl:for-each select="$target"><xsl:call-template name="folio.id"/></xsl:for-each></xsl:attribute>
          <xsl:call-template name="folio.isolate.attr"/>
          <xsl:choose>
            <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$target"><xsl:call-template name="folio.footnote.marker"/></xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message>folio: footnoteref to a missing footnote "<xsl:value-of select="@linkend"/>"</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Index terms and remarks render nothing: they are not text of the
       publication.  (Links to them go to their parent: folio.link.id.) -->
  <xsl:template match="d:indexterm | d:remark"/>

  <xsl:template match="d:sbr">
    <br/>
  </xsl:template>

</xsl:stylesheet>
