/* Uses the installed library as a program of its own would: tokenises one
 * sentence and prints the token count and the normalised form of the
 * proclitic reading of the last token; then, with the defaults (the packs
 * the installation finds next to itself, wherever it was installed),
 * prints that directory and the JSONL record of an extraction. */
#include <rawi/rawi.h>
#include <stdio.h>
#include <string.h>

static int print(void *ctx, const char *data, size_t len) {
  (void)ctx;
  return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int main(void) {
  const char *text = "والتقى الوزير للمالكي";
  rawi_error err;
  rawi_model *m = rawi_model_new(NULL, &err);
  rawi_session *s = m ? rawi_session_new(m, &err) : NULL;
  rawi_doc *d = NULL;
  if (!s || rawi_analyze(s, text, strlen(text), &d, &err)) {
    fprintf(stderr, "consumer: %s: %s\n", err.file, err.message);
    return 1;
  }
  rawi_reading sp;
  rawi_doc_reading(d, 2, 2, &sp);
  printf("%zu %s\n", rawi_doc_token_count(d), sp.stem_norm);
  rawi_doc_free(d);
  printf("%s\n", rawi_default_pack_dir());
  const char *news = "وصل الوزير إلى العراق.";
  rawi_write_options o = {.version = RAWI_WRITE_OPTIONS_VERSION, .id = "n1"};
  if (rawi_extract(s, news, strlen(news), RAWI_LANG_AUTO, &d, &err) ||
      rawi_write(d, "jsonl", &o, print, NULL, &err)) {
    fprintf(stderr, "consumer: %s\n", err.message);
    return 1;
  }
  rawi_doc_free(d);
  rawi_session_free(s);
  rawi_model_free(m);
  return 0;
}
