#ifndef PROCTOR_CZLIB_SHIM_H
#define PROCTOR_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro passing the library version and stream size; Swift cannot import it.
static inline int proctor_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
