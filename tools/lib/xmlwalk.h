/* xmlwalk.h — walking a libxml2 tree in document order without recursion,
 * for the writers' passes over sources and result trees. */
#ifndef FOLIO_XMLWALK_H
#define FOLIO_XMLWALK_H

#include <stddef.h>
#include <libxml/tree.h>

/* The node after `n` in document order, staying below `top`: n's first
 * child when n is an element with children, else its next sibling or the
 * next sibling of its nearest ancestor that has one.  NULL at the end of
 * `top`. */
static inline xmlNode *folio_xml_next(xmlNode *n, const xmlNode *top)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n && n != top && n->next == NULL)
		n = n->parent;
	if (n == NULL || n == top)
		return NULL;
	return n->next;
}

#endif
