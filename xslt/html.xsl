<?xml version="1.0" encoding="UTF-8"?>
<!--
  Folio: DocBook 5 -> HTML (folio-html).  A stub for now: the whole
  publication as one XHTML5 page, as rendered by docbook-xhtml.xsl.
  (Chunked output, navigation and the language switcher come later.)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="docbook-xhtml.xsl"/>
</xsl:stylesheet>
