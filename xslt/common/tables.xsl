<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: tables.

  CALS tables (table/informaltable with tgroup): <table> with <caption>,
  <colgroup> from proportional colwidths, thead/tbody/tfoot; column spans
  from namest/nameend and spanname (spanspec), positions from colname,
  row spans from morerows.  Cells skipped by colname/namest get an empty
  <td class="folio-empty"/> so that columns stay aligned; that needs to
  know which columns are covered by row spans from above, so rows of a
  table section that uses morerows are processed as chains carrying an
  occupancy string (3 digits per column: rows still covered).  Chains
  restart at each row no span reaches, which keeps recursion shallow.

  HTML tables (DocBook's table/tr/td form) are copied into the XHTML
  namespace; presentational attributes become classes or styles.

  Alignment: classes align-left|center|right|justify|char and
  valign-top|middle|bottom (see css/folio.css).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:l="urn:folio:l10n"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="d xlink l exsl">

  <xsl:template match="d:table | d:informaltable">
    <xsl:choose>
      <xsl:when test="d:tgroup"><xsl:call-template name="folio.cals.table"/></xsl:when>
      <xsl:when test="d:tr | d:tbody | d:thead"><xsl:call-template name="folio.html.table"/></xsl:when>
      <xsl:otherwise>
        <!-- a table given only as media -->
        <figure>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
          <xsl:apply-templates select="*[not(self::d:title or self::d:info or self::d:caption)]" mode="folio.in.figure"/>
          <xsl:if test="self::d:table">
            <figcaption><xsl:call-template name="folio.formal.caption"/></figcaption>
          </xsl:if>
        </figure>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.table.class">
    <xsl:value-of select="local-name()"/>
    <xsl:if test="@frame"><xsl:value-of select="concat(' frame-', @frame)"/></xsl:if>
    <xsl:if test="@pgwide = '1'"> pgwide</xsl:if>
  </xsl:template>

  <!-- ==================================================================
       CALS
       ================================================================== -->
  <xsl:template name="folio.cals.table">
    <xsl:variable name="class"><xsl:call-template name="folio.table.class"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="count(d:tgroup) = 1">
        <table>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
          <xsl:if test="self::d:table">
            <caption><xsl:call-template name="folio.formal.caption"/></caption>
          </xsl:if>
          <xsl:apply-templates select="d:tgroup" mode="folio.cals.group"/>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <div>
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
          <xsl:if test="self::d:table">
            <p class="title"><xsl:call-template name="folio.formal.caption"/></p>
          </xsl:if>
          <xsl:for-each select="d:tgroup">
            <table class="tgroup">
              <xsl:apply-templates select="." mode="folio.cals.group"/>
            </table>
          </xsl:for-each>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- inside of a <table> for a tgroup (or an entrytbl) -->
  <xsl:template match="d:tgroup | d:entrytbl" mode="folio.cals.group">
    <xsl:variable name="cols">
      <xsl:choose>
        <xsl:when test="number(@cols) &gt; 0"><xsl:value-of select="number(@cols)"/></xsl:when>
        <xsl:when test="d:colspec"><xsl:value-of select="count(d:colspec)"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="*/d:row">
            <xsl:sort select="count(d:entry | d:entrytbl)" data-type="number" order="descending"/>
            <xsl:if test="position() = 1"><xsl:value-of select="count(d:entry | d:entrytbl)"/></xsl:if>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="folio.cals.colgroup">
      <xsl:with-param name="cols" select="number($cols)"/>
    </xsl:call-template>
    <xsl:apply-templates select="d:thead" mode="folio.cals.section">
      <xsl:with-param name="cols" select="number($cols)"/>
      <xsl:with-param name="group" select="."/>
    </xsl:apply-templates>
    <xsl:apply-templates select="d:tbody" mode="folio.cals.section">
      <xsl:with-param name="cols" select="number($cols)"/>
      <xsl:with-param name="group" select="."/>
    </xsl:apply-templates>
    <xsl:apply-templates select="d:tfoot" mode="folio.cals.section">
      <xsl:with-param name="cols" select="number($cols)"/>
      <xsl:with-param name="group" select="."/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- <colgroup>: proportional widths (n*) become percentages; absolute
       CSS lengths are kept; anything else gives no colgroup. -->
  <xsl:template name="folio.cals.colgroup">
    <xsl:param name="cols"/>
    <xsl:variable name="specs" select="d:colspec"/>
    <xsl:if test="count($specs) = $cols and $specs/@colwidth">
      <xsl:choose>
        <xsl:when test="not($specs[@colwidth and not(contains(@colwidth, '*'))])">
          <xsl:variable name="w-rtf">
            <xsl:for-each select="$specs">
              <w>
                <xsl:choose>
                  <xsl:when test="normalize-space(substring-before(@colwidth, '*')) = ''">1</xsl:when>
                  <xsl:otherwise><xsl:value-of select="number(normalize-space(substring-before(@colwidth, '*')))"/></xsl:otherwise>
                </xsl:choose>
              </w>
            </xsl:for-each>
          </xsl:variable>
          <xsl:variable name="w" select="exsl:node-set($w-rtf)/*"/>
          <xsl:variable name="sum" select="sum($w)"/>
          <xsl:if test="string($sum) != 'NaN' and $sum &gt; 0">
            <colgroup>
              <xsl:for-each select="$w">
                <col style="width: {format-number(. * 100 div $sum, '0.##')}%"/>
              </xsl:for-each>
            </colgroup>
          </xsl:if>
        </xsl:when>
        <xsl:when test="not($specs[not(@colwidth) or contains(@colwidth, '*')])">
          <xsl:variable name="ok">
            <xsl:for-each select="$specs">
              <xsl:variable name="w" select="normalize-space(@colwidth)"/>
              <xsl:variable name="unit" select="translate($w, '0123456789.', '')"/>
              <xsl:if test="not(contains(' px pt in cm mm em pc ', concat(' ', $unit, ' ')))
                            or string(number(substring($w, 1, string-length($w) - string-length($unit)))) = 'NaN'">x</xsl:if>
            </xsl:for-each>
          </xsl:variable>
          <xsl:if test="$ok = ''">
            <colgroup>
              <xsl:for-each select="$specs">
                <col style="width: {normalize-space(@colwidth)}"/>
              </xsl:for-each>
            </colgroup>
          </xsl:if>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:thead | d:tbody | d:tfoot" mode="folio.cals.section">
    <xsl:param name="cols"/>
    <xsl:param name="group"/>
    <xsl:variable name="specs" select="d:colspec | $group/d:colspec[not(current()/d:colspec)]"/>
    <xsl:variable name="cell" select="substring('tdth', 1 + 2 * count(self::d:thead), 2)"/>
    <!-- occupancy of a row with no row spans: "000" per column -->
    <xsl:variable name="zeros">
      <xsl:choose>
        <xsl:when test="$cols &lt;= 100">
          <xsl:value-of select="substring('000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000', 1, 3 * $cols)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="folio.repeat">
            <xsl:with-param name="s" select="'000'"/>
            <xsl:with-param name="n" select="$cols"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="spans" select="d:row/d:entry/@morerows[number(.) &gt; 0]"/>
    <!-- per-column alignment: one <c class="align-..."/> per column, the
         class attribute copied to the cells of the fast path (no class when
         the column has no alignment) -->
    <xsl:variable name="colattrs-rtf">
      <xsl:if test="not($specs/@colnum) and not(@valign) and ($specs/@align or $group/@align)">
        <xsl:for-each select="$specs">
          <xsl:choose>
            <xsl:when test="@align"><c class="align-{@align}"/></xsl:when>
            <xsl:when test="$group/@align"><c class="align-{$group/@align}"/></xsl:when>
            <xsl:otherwise><c/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="colattrs" select="exsl:node-set($colattrs-rtf)/*"/>
    <xsl:variable name="fast" select="not($specs/@colnum) and not(@valign) and not($spans)
                                      and (count($specs) = $cols or not($group/@align))"/>
    <xsl:element name="{local-name()}">
      <xsl:if test="@*">
        <xsl:call-template name="folio.attrs">
          <xsl:with-param name="class" select="substring(concat('valign-', @valign), 1, string-length(@valign) * 20)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$fast">
          <xsl:for-each select="d:row">
            <xsl:choose>
              <!-- the common row: entries in column order, nothing special
                   (kept lean: this is where tables spend their time) -->
              <xsl:when test="not(@valign) and not(d:entrytbl) and not(d:entry[@*])">
                <tr>
                  <xsl:if test="@*"><xsl:call-template name="folio.attrs"/></xsl:if>
                  <xsl:choose>
                    <xsl:when test="$cell = 'th'">
                      <xsl:for-each select="d:entry">
                        <xsl:variable name="p" select="position()"/>
                        <th scope="col"><xsl:copy-of select="$colattrs[$p]/@class"/><xsl:apply-templates/></th>
                      </xsl:for-each>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:for-each select="d:entry">
                        <xsl:variable name="p" select="position()"/>
                        <td><xsl:copy-of select="$colattrs[$p]/@class"/><xsl:apply-templates/></td>
                      </xsl:for-each>
                    </xsl:otherwise>
                  </xsl:choose>
                  <xsl:if test="count(d:entry) &lt; $cols">
                    <xsl:call-template name="folio.cals.fill">
                      <xsl:with-param name="from" select="count(d:entry) + 1"/>
                      <xsl:with-param name="to" select="$cols"/>
                      <xsl:with-param name="occ" select="string($zeros)"/>
                    </xsl:call-template>
                  </xsl:if>
                </tr>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="." mode="folio.cals.row">
                  <xsl:with-param name="occ" select="string($zeros)"/>
                  <xsl:with-param name="cols" select="$cols"/>
                  <xsl:with-param name="specs" select="$specs"/>
                  <xsl:with-param name="group" select="$group"/>
                  <xsl:with-param name="cell" select="string($cell)"/>
                </xsl:apply-templates>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="not($spans)">
          <xsl:apply-templates select="d:row" mode="folio.cals.row">
            <xsl:with-param name="occ" select="string($zeros)"/>
            <xsl:with-param name="cols" select="$cols"/>
            <xsl:with-param name="specs" select="$specs"/>
            <xsl:with-param name="group" select="$group"/>
            <xsl:with-param name="cell" select="string($cell)"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="maxspan">
            <xsl:for-each select="$spans">
              <xsl:sort select="." data-type="number" order="descending"/>
              <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
            </xsl:for-each>
          </xsl:variable>
          <xsl:apply-templates mode="folio.cals.row"
              select="d:row[not(preceding-sibling::d:row[position() &lt;= $maxspan][d:entry/@morerows &gt;= position()])]">
            <xsl:with-param name="occ" select="string($zeros)"/>
            <xsl:with-param name="cols" select="$cols"/>
            <xsl:with-param name="specs" select="$specs"/>
            <xsl:with-param name="group" select="$group"/>
            <xsl:with-param name="cell" select="string($cell)"/>
            <xsl:with-param name="chain" select="true()"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="d:row" mode="folio.cals.row">
    <xsl:param name="occ"/>
    <xsl:param name="cols"/>
    <xsl:param name="specs"/>
    <xsl:param name="group"/>
    <xsl:param name="cell" select="'td'"/>
    <xsl:param name="chain" select="false()"/>
    <xsl:choose>
      <!-- common case: no spans reach this row, entries in column order -->
      <xsl:when test="not($chain) and not(*[@namest or @colname or @spanname])">
        <tr>
          <xsl:if test="@*">
            <xsl:call-template name="folio.attrs">
              <xsl:with-param name="class" select="substring(concat('valign-', @valign), 1, string-length(@valign) * 20)"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:for-each select="d:entry | d:entrytbl">
            <xsl:apply-templates select="." mode="folio.cals.cell">
              <xsl:with-param name="start" select="position()"/>
              <xsl:with-param name="end" select="position()"/>
              <xsl:with-param name="specs" select="$specs"/>
              <xsl:with-param name="group" select="$group"/>
              <xsl:with-param name="cell" select="$cell"/>
            </xsl:apply-templates>
          </xsl:for-each>
          <xsl:call-template name="folio.cals.fill">
            <xsl:with-param name="from" select="count(d:entry | d:entrytbl) + 1"/>
            <xsl:with-param name="to" select="$cols"/>
            <xsl:with-param name="occ" select="$occ"/>
          </xsl:call-template>
        </tr>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.cals.row.layout">
          <xsl:with-param name="occ" select="$occ"/>
          <xsl:with-param name="cols" select="$cols"/>
          <xsl:with-param name="specs" select="$specs"/>
          <xsl:with-param name="group" select="$group"/>
          <xsl:with-param name="cell" select="$cell"/>
          <xsl:with-param name="chain" select="$chain"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a row with explicit columns or under row spans -->
  <xsl:template name="folio.cals.row.layout">
    <xsl:param name="occ"/>
    <xsl:param name="cols"/>
    <xsl:param name="specs"/>
    <xsl:param name="group"/>
    <xsl:param name="cell"/>
    <xsl:param name="chain"/>
    <xsl:variable name="layout-all">
      <xsl:call-template name="folio.cals.layout">
        <xsl:with-param name="entry" select="(d:entry | d:entrytbl)[1]"/>
        <xsl:with-param name="occ" select="$occ"/>
        <xsl:with-param name="next">
          <xsl:choose>
            <xsl:when test="$chain">
              <xsl:call-template name="folio.cals.decrement"><xsl:with-param name="occ" select="$occ"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$occ"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="chain" select="$chain"/>
        <xsl:with-param name="specs" select="$specs"/>
        <xsl:with-param name="group" select="$group"/>
        <xsl:with-param name="plain" select="not($specs/@colnum)"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- "000000" first, so that entry i's previous end is at (i - 1) * 6 + 4 -->
    <xsl:variable name="layout" select="concat('000000', substring-before($layout-all, '|'))"/>
    <tr>
      <xsl:if test="@*">
        <xsl:call-template name="folio.attrs">
          <xsl:with-param name="class" select="substring(concat('valign-', @valign), 1, string-length(@valign) * 20)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="d:entry | d:entrytbl">
        <!-- previous entry's end, this entry's start and end -->
        <xsl:variable name="pse" select="substring($layout, position() * 6 - 2, 9)"/>
        <xsl:variable name="start" select="number(substring($pse, 4, 3))"/>
        <xsl:if test="$start &gt; substring($pse, 1, 3) + 1">
          <xsl:call-template name="folio.cals.fill">
            <xsl:with-param name="from" select="substring($pse, 1, 3) + 1"/>
            <xsl:with-param name="to" select="$start - 1"/>
            <xsl:with-param name="occ" select="$occ"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="." mode="folio.cals.cell">
          <xsl:with-param name="start" select="$start"/>
          <xsl:with-param name="end" select="number(substring($pse, 7, 3))"/>
          <xsl:with-param name="specs" select="$specs"/>
          <xsl:with-param name="group" select="$group"/>
          <xsl:with-param name="cell" select="$cell"/>
        </xsl:apply-templates>
      </xsl:for-each>
      <xsl:call-template name="folio.cals.fill">
        <xsl:with-param name="from" select="number(substring($layout, string-length($layout) - 2, 3)) + 1"/>
        <xsl:with-param name="to" select="$cols"/>
        <xsl:with-param name="occ" select="$occ"/>
      </xsl:call-template>
    </tr>
    <xsl:if test="$chain">
      <xsl:variable name="newocc" select="substring-after($layout-all, '|')"/>
      <xsl:if test="translate($newocc, '0', '') != ''">
        <xsl:apply-templates select="following-sibling::d:row[1]" mode="folio.cals.row">
          <xsl:with-param name="occ" select="$newocc"/>
          <xsl:with-param name="cols" select="$cols"/>
          <xsl:with-param name="specs" select="$specs"/>
          <xsl:with-param name="group" select="$group"/>
          <xsl:with-param name="cell" select="$cell"/>
          <xsl:with-param name="chain" select="true()"/>
        </xsl:apply-templates>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Column layout of a row's entries: "SSSEEE" (start, end column) per
       entry, then "|" and the next row's occupancy, written as it goes
       (the caller holds it in a variable).  An entry with no column
       attributes at a free column takes the short branch. -->
  <xsl:template name="folio.cals.layout">
    <xsl:param name="entry"/>
    <xsl:param name="col" select="1"/>
    <xsl:param name="occ"/>
    <xsl:param name="next"/>
    <xsl:param name="chain"/>
    <xsl:param name="specs"/>
    <xsl:param name="group"/>
    <xsl:param name="plain" select="true()"/>
    <xsl:choose>
      <xsl:when test="not($entry)">
        <xsl:value-of select="concat('|', $next)"/>
      </xsl:when>
      <xsl:when test="not($entry/@namest or $entry/@colname or $entry/@spanname or ($chain and $entry/@morerows))
                      and (($col - 1) * 3 &gt;= string-length($occ) or substring($occ, ($col - 1) * 3 + 1, 3) = '000')">
        <xsl:value-of select="concat(format-number($col, '000'), format-number($col, '000'))"/>
        <xsl:call-template name="folio.cals.layout">
          <xsl:with-param name="entry" select="$entry/following-sibling::*[self::d:entry or self::d:entrytbl][1]"/>
          <xsl:with-param name="col" select="$col + 1"/>
          <xsl:with-param name="occ" select="$occ"/>
          <xsl:with-param name="next" select="$next"/>
          <xsl:with-param name="chain" select="$chain"/>
          <xsl:with-param name="specs" select="$specs"/>
          <xsl:with-param name="group" select="$group"/>
          <xsl:with-param name="plain" select="$plain"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="span" select="$group/d:spanspec[@spanname = $entry/@spanname][1]"/>
        <xsl:variable name="sname" select="string(($entry/@namest | $span/@namest | $entry/@colname[not(../@namest)])[1])"/>
        <xsl:variable name="ename" select="string(($entry/@nameend[../@namest] | $span/@nameend)[1])"/>
        <xsl:variable name="xs">
          <xsl:choose>
            <xsl:when test="$sname = ''">0</xsl:when>
            <xsl:when test="$plain">
              <xsl:variable name="spec" select="$specs[@colname = $sname][1]"/>
              <xsl:value-of select="count($spec/preceding-sibling::d:colspec) + count($spec)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="folio.cals.colnum">
                <xsl:with-param name="name" select="$sname"/>
                <xsl:with-param name="specs" select="$specs"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="xe">
          <xsl:choose>
            <xsl:when test="$ename = ''">0</xsl:when>
            <xsl:when test="$plain">
              <xsl:variable name="spec" select="$specs[@colname = $ename][1]"/>
              <xsl:value-of select="count($spec/preceding-sibling::d:colspec) + count($spec)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="folio.cals.colnum">
                <xsl:with-param name="name" select="$ename"/>
                <xsl:with-param name="specs" select="$specs"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="free">
          <xsl:choose>
            <xsl:when test="$xs &gt; 0 or ($col - 1) * 3 &gt;= string-length($occ)
                            or substring($occ, ($col - 1) * 3 + 1, 3) = '000'">
              <xsl:value-of select="$col"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="folio.cals.free">
                <xsl:with-param name="col" select="$col"/>
                <xsl:with-param name="occ" select="$occ"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="start" select="($xs &gt; 0) * $xs + not($xs &gt; 0) * $free"/>
        <xsl:variable name="end" select="($xe &gt;= $start) * $xe + not($xe &gt;= $start) * $start"/>
        <xsl:variable name="m" select="number($entry/@morerows)"/>
        <xsl:value-of select="concat(format-number($start, '000'), format-number($end, '000'))"/>
        <xsl:call-template name="folio.cals.layout">
          <xsl:with-param name="entry" select="$entry/following-sibling::*[self::d:entry or self::d:entrytbl][1]"/>
          <xsl:with-param name="col" select="$end + 1"/>
          <xsl:with-param name="occ" select="$occ"/>
          <xsl:with-param name="next">
            <xsl:choose>
              <xsl:when test="$chain and $m &gt; 0">
                <xsl:value-of select="substring($next, 1, ($start - 1) * 3)"/>
                <xsl:call-template name="folio.repeat">
                  <xsl:with-param name="s" select="format-number($m, '000')"/>
                  <xsl:with-param name="n" select="$end - $start + 1"/>
                </xsl:call-template>
                <xsl:value-of select="substring($next, $end * 3 + 1)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$next"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="chain" select="$chain"/>
          <xsl:with-param name="specs" select="$specs"/>
          <xsl:with-param name="group" select="$group"/>
          <xsl:with-param name="plain" select="$plain"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- column number of a colspec name (0 when unknown) -->
  <xsl:template name="folio.cals.colnum">
    <xsl:param name="name"/>
    <xsl:param name="specs"/>
    <xsl:variable name="spec" select="$specs[@colname = $name][1]"/>
    <xsl:choose>
      <xsl:when test="$name = '' or not($spec)">0</xsl:when>
      <xsl:when test="number($spec/@colnum) &gt; 0"><xsl:value-of select="number($spec/@colnum)"/></xsl:when>
      <xsl:when test="not($specs/@colnum)"><xsl:value-of select="count($spec/preceding-sibling::d:colspec) + 1"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$spec"><xsl:call-template name="folio.cals.specnum"/></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.cals.specnum">
    <xsl:choose>
      <xsl:when test="number(@colnum) &gt; 0"><xsl:value-of select="number(@colnum)"/></xsl:when>
      <xsl:when test="preceding-sibling::d:colspec">
        <xsl:variable name="p">
          <xsl:for-each select="preceding-sibling::d:colspec[1]"><xsl:call-template name="folio.cals.specnum"/></xsl:for-each>
        </xsl:variable>
        <xsl:value-of select="$p + 1"/>
      </xsl:when>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- first column >= $col not covered by a row span -->
  <xsl:template name="folio.cals.free">
    <xsl:param name="col"/>
    <xsl:param name="occ"/>
    <xsl:choose>
      <xsl:when test="($col - 1) * 3 &gt;= string-length($occ) or substring($occ, ($col - 1) * 3 + 1, 3) = '000'">
        <xsl:value-of select="$col"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="folio.cals.free">
          <xsl:with-param name="col" select="$col + 1"/>
          <xsl:with-param name="occ" select="$occ"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="folio.cals.decrement">
    <xsl:param name="occ"/>
    <xsl:choose>
      <xsl:when test="translate($occ, '0', '') = ''"><xsl:value-of select="$occ"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="v" select="number(substring($occ, 1, 3))"/>
        <xsl:choose>
          <xsl:when test="$v &gt; 0"><xsl:value-of select="format-number($v - 1, '000')"/></xsl:when>
          <xsl:otherwise>000</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="folio.cals.decrement">
          <xsl:with-param name="occ" select="substring($occ, 4)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- empty cells for the free columns from..to -->
  <xsl:template name="folio.cals.fill">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="occ"/>
    <xsl:if test="$from &lt;= $to">
      <xsl:if test="not(number(substring($occ, ($from - 1) * 3 + 1, 3)) &gt; 0)">
        <td class="folio-empty"></td>
      </xsl:if>
      <xsl:call-template name="folio.cals.fill">
        <xsl:with-param name="from" select="$from + 1"/>
        <xsl:with-param name="to" select="$to"/>
        <xsl:with-param name="occ" select="$occ"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:entry | d:entrytbl" mode="folio.cals.cell">
    <xsl:param name="start"/>
    <xsl:param name="end"/>
    <xsl:param name="specs"/>
    <xsl:param name="group"/>
    <xsl:param name="cell" select="'td'"/>
    <!-- most specific wins: entry, spanspec, colspec, tgroup (in document
         order the reverse, hence [last()]) -->
    <xsl:variable name="align" select="string((@align | $group/@align | $specs[position() = $start][not(@colnum)]/@align
                                               | $specs/@colnum[number(.) = $start]/../@align
                                               | $group/d:spanspec[@spanname = current()/@spanname]/@align)[last()])"/>
    <xsl:variable name="valign" select="string((../../@valign | ../@valign | @valign)[last()])"/>
    <xsl:variable name="class" select="normalize-space(concat(substring(concat('align-', $align), 1, 99 * ($align != '')), ' ',
                                              substring(concat('valign-', $valign), 1, 99 * ($valign != ''))))"/>
    <xsl:element name="{$cell}">
      <xsl:choose>
        <xsl:when test="@xml:id or @role or @xml:lang">
          <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="$class"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$class != ''">
          <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="$end &gt; $start">
        <xsl:attribute name="colspan"><xsl:value-of select="$end - $start + 1"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="number(@morerows) &gt; 0">
        <xsl:attribute name="rowspan"><xsl:value-of select="number(@morerows) + 1"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$cell = 'th'">
        <xsl:attribute name="scope">
          <xsl:choose>
            <xsl:when test="$end &gt; $start">colgroup</xsl:when>
            <xsl:otherwise>col</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="self::d:entrytbl">
          <table class="entrytbl">
            <xsl:apply-templates select="." mode="folio.cals.group"/>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- ==================================================================
       HTML tables
       ================================================================== -->
  <xsl:template name="folio.html.table">
    <xsl:variable name="class"><xsl:call-template name="folio.table.class"/></xsl:variable>
    <table>
      <xsl:call-template name="folio.attrs">
        <xsl:with-param name="class" select="normalize-space(concat($class, ' ', @class))"/>
      </xsl:call-template>
      <xsl:if test="self::d:table or d:caption">
        <caption><xsl:call-template name="folio.formal.caption"/></caption>
      </xsl:if>
      <xsl:apply-templates select="d:col | d:colgroup" mode="folio.html.table"/>
      <xsl:apply-templates select="d:thead" mode="folio.html.table"/>
      <xsl:apply-templates select="d:tbody | d:tr" mode="folio.html.table"/>
      <xsl:apply-templates select="d:tfoot" mode="folio.html.table"/>
    </table>
  </xsl:template>

  <xsl:template match="d:*" mode="folio.html.table">
    <xsl:element name="{local-name()}">
      <xsl:variable name="class">
        <xsl:value-of select="@class"/>
        <xsl:if test="@align"><xsl:value-of select="concat(' align-', @align)"/></xsl:if>
        <xsl:if test="@valign"><xsl:value-of select="concat(' valign-', @valign)"/></xsl:if>
      </xsl:variable>
      <xsl:call-template name="folio.attrs"><xsl:with-param name="class" select="normalize-space($class)"/></xsl:call-template>
      <xsl:copy-of select="@colspan | @rowspan | @span | @headers | @title"/>
      <xsl:if test="self::d:th">
        <xsl:copy-of select="@scope | @abbr"/>
      </xsl:if>
      <xsl:variable name="style">
        <xsl:if test="@width">
          <xsl:text>width: </xsl:text>
          <xsl:value-of select="@width"/>
          <xsl:if test="string(number(@width)) != 'NaN'">px</xsl:if>
          <xsl:text>;</xsl:text>
        </xsl:if>
        <xsl:value-of select="@style"/>
      </xsl:variable>
      <xsl:if test="normalize-space($style) != ''">
        <xsl:attribute name="style"><xsl:value-of select="normalize-space($style)"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="self::d:td or self::d:th"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="*" mode="folio.html.table"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
