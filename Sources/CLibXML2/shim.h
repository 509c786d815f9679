#ifndef SWITCHBOARD_CLIBXML2_SHIM_H
#define SWITCHBOARD_CLIBXML2_SHIM_H

/* xmlversion.h first, then drop ICU: Debian's libxml2 is built with ICU, and its
   UErrorCode clashes with Foundation's copy on a clean build (see swift-notes.md). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlmemory.h>

/* xmlFree is a macro-like global function pointer Swift cannot call directly. */
static inline void switchboard_xmlFree(void *pointer) { xmlFree(pointer); }

/* libxml2's generic error channel is variadic, which Swift cannot implement. This silences it
   for the calling thread; structured handlers still receive every error. */
static void switchboard_ignoreGenericError(void *context, const char *message, ...) {
    (void)context; (void)message;
}
static inline void switchboard_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, switchboard_ignoreGenericError);
}

#endif
