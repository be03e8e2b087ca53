<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: catch-all rendering.  Any DocBook element without a template of
  its own still renders all of its text: as <div class="db-NAME"> when it
  is block-level (a known block, or holding blocks, or standing between
  blocks), else as <span class="db-NAME">.  Its title becomes
  <p class="title"> (or a span, inline).  MathML and SVG are copied
  through; elements of other namespaces render their text the same way.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:mml="http://www.w3.org/1998/Math/MathML"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:h="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="d mml svg h">

  <xsl:template match="d:*">
    <xsl:variable name="block"><xsl:call-template name="folio.is.block"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$block = '1'">
        <div>
          <xsl:call-template name="folio.attrs">
            <xsl:with-param name="class" select="concat('db-', local-name())"/>
          </xsl:call-template>
          <xsl:call-template name="folio.block.title"/>
          <xsl:apply-templates select="node()[not(self::d:title or self::d:info or self::d:titleabbrev)]"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="folio.attrs">
            <xsl:with-param name="class" select="concat('db-', local-name())"/>
          </xsl:call-template>
          <xsl:for-each select="(d:title | d:info/d:title)[1]">
            <span class="title"><xsl:apply-templates/></span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:apply-templates select="node()[not(self::d:title or self::d:info or self::d:titleabbrev)]"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- '1' when an element without a template of its own must render as a
       block: a known block, or one holding a block, or one standing among
       blocks (no text beside it, parent not an inline context). -->
  <xsl:template name="folio.is.block">
    <xsl:variable name="name" select="concat(' ', local-name(), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($folio.block.names, $name)">1</xsl:when>
      <xsl:when test="contains($folio.inline.names, $name)"/>
      <xsl:when test="*[contains($folio.block.names, concat(' ', local-name(), ' '))]">1</xsl:when>
      <xsl:when test="../text()[normalize-space()]"/>
      <xsl:when test="contains($folio.inline.names, concat(' ', local-name(..), ' '))
                      or contains($folio.inline.context.names, concat(' ', local-name(..), ' '))"/>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- MathML and SVG: copied, with only their own namespace declared.
       (Namespace wildcards, not *[namespace-uri() = ...]: a pattern with
       a predicate has priority 0.5 and libxslt would test it on every
       element.) -->
  <xsl:template match="mml:* | svg:*">
    <xsl:apply-templates select="." mode="folio.copy.foreign"/>
  </xsl:template>

  <xsl:template match="*" mode="folio.copy.foreign">
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:for-each select="@*">
        <xsl:attribute name="{name()}" namespace="{namespace-uri()}"><xsl:value-of select="."/></xsl:attribute>
      </xsl:for-each>
      <xsl:apply-templates mode="folio.copy.foreign"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="folio.copy.foreign">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="folio.copy.foreign"/>

  <!-- XHTML elements embedded in DocBook: copied -->
  <xsl:template match="h:*">
    <xsl:element name="{local-name()}">
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- any other namespace: its text, as a span or a div -->
  <xsl:template match="*">
    <xsl:variable name="block"><xsl:call-template name="folio.is.block"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$block = '1'">
        <div class="foreign-{local-name()}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="foreign-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- comments and processing instructions of the source are dropped -->
  <xsl:template match="comment() | processing-instruction()"/>

</xsl:stylesheet>
