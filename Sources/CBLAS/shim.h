#ifndef BATON_CBLAS_SHIM_H
#define BATON_CBLAS_SHIM_H
// Debian's libblas-dev (netlib) and OpenBLAS both provide cblas.h and export the
// cblas_* symbols from libblas.so.3; the BLAS alternatives pick the implementation at run time.
#include <cblas.h>
#endif
