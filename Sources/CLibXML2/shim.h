#ifndef PROCTOR_CLIBXML2_SHIM_H
#define PROCTOR_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in the system ICU headers, which clash with Foundation's own ICU on a
   clean build ('UErrorCode' has different definitions). Drop ICU before any other libxml2 header. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
