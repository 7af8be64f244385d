/* rawi serve in a build without libmicrohttpd: says so. */
#include "serve/serve.h"

#include "util/error.h"

int serve_available(void) {
  return 0;
}

void serve_options_default(serve_options *o) {
  *o = (serve_options){.host = "127.0.0.1", .port = 8080, .threads = 1};
}

int serve_run(const rawi_model *model, const serve_options *o,
              rawi_error *err) {
  (void)model;
  (void)o;
  return rawi_error_set(err, RAWI_ERR_INVALID,
                        "this rawi was built without libmicrohttpd: install "
                        "libmicrohttpd-dev and build again");
}
