#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* The folder Graphviz loads its plugins from (exported by libgvc, declared only in its private
   gvcproc.h): GVBINDIR, else the folder of the loaded libgvc plus "/graphviz". */
extern char *gvconfig_libdir(GVC_t *gvc);
