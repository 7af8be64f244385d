/* Tokenises one sentence through the installed library: prints the token
 * count and the normalised form of the proclitic reading of the last one. */
#include <rawi/rawi.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *text = "والتقى الوزير للمالكي";
  rawi_error err;
  rawi_model *m = rawi_model_new(NULL, &err);
  rawi_session *s = m ? rawi_session_new(m, &err) : NULL;
  rawi_doc *d = NULL;
  if (!s || rawi_analyze(s, text, strlen(text), &d, &err)) {
    fprintf(stderr, "consumer: %s\n", err.message);
    return 1;
  }
  rawi_split sp;
  rawi_doc_split(d, 2, 2, &sp);
  printf("%zu %s\n", rawi_doc_token_count(d), sp.stem_norm);
  rawi_doc_free(d);
  rawi_session_free(s);
  rawi_model_free(m);
  return 0;
}
