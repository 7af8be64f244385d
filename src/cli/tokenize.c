/* rawi tokenize: print tokens, norms and proclitic readings as JSON. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/strbuf.h"

static const char usage[] =
    "usage: rawi tokenize [options] [FILE]\n"
    "\n"
    "Split FILE (stdin when absent or -) into sentences and tokens and print\n"
    "one JSON object per token: sentence index, text, norm, kind, code point\n"
    "and byte offsets, and the proclitic readings of Arabic tokens.\n"
    "\n"
    "options:\n"
    "  --tokenizer fast|icu   word segmenter (default fast)\n"
    "  --count                print only counts: sentences, tokens, readings\n"
    "  -h, --help             show this help\n";

static void span_json(rawi_strbuf *b, const rawi_span *s) {
  rawi_strbuf_adds(b, ",\"start\":");
  rawi_strbuf_addu(b, s->start);
  rawi_strbuf_adds(b, ",\"end\":");
  rawi_strbuf_addu(b, s->end);
  rawi_strbuf_adds(b, ",\"byte_start\":");
  rawi_strbuf_addu(b, s->byte_start);
  rawi_strbuf_adds(b, ",\"byte_end\":");
  rawi_strbuf_addu(b, s->byte_end);
}

static void token_json(rawi_strbuf *b, const rawi_doc *doc, size_t i) {
  static const char *const kinds[] = {"word", "number", "punct"};
  size_t tlen;
  const char *text = rawi_doc_text(doc, &tlen);
  rawi_token t;
  rawi_doc_token(doc, i, &t);
  rawi_strbuf_adds(b, "{\"sentence\":");
  rawi_strbuf_addu(b, t.sentence);
  rawi_strbuf_adds(b, ",\"text\":");
  rawi_strbuf_json(b, t.text, t.text_len);
  rawi_strbuf_adds(b, ",\"norm\":");
  rawi_strbuf_json(b, t.norm, t.norm_len);
  rawi_strbuf_adds(b, ",\"kind\":\"");
  rawi_strbuf_adds(b, kinds[t.kind]);
  rawi_strbuf_addc(b, '"');
  span_json(b, &t.span);
  rawi_strbuf_adds(b, ",\"clitics\":[");
  for (size_t k = 1; k < t.reading_count; k++) {
    rawi_reading s;
    rawi_doc_reading(doc, i, k, &s);
    rawi_strbuf_adds(b, k > 1 ? ",{\"prefix\":" : "{\"prefix\":");
    rawi_strbuf_json(b, s.prefix, strlen(s.prefix));
    rawi_strbuf_adds(b, ",\"stem\":");
    rawi_strbuf_json(b, text + s.stem.byte_start,
                     s.stem.byte_end - s.stem.byte_start);
    rawi_strbuf_adds(b, ",\"norm\":");
    rawi_strbuf_json(b, s.stem_norm, s.stem_norm_len);
    span_json(b, &s.stem);
    rawi_strbuf_addc(b, '}');
  }
  rawi_strbuf_adds(b, "]}\n");
}

static int print_tokens(const rawi_doc *doc, int count_only) {
  size_t n = rawi_doc_token_count(doc);
  if (count_only) {
    printf("sentences %zu tokens %zu clitic_readings %zu\n",
           rawi_doc_sentence_count(doc), n, rawi_doc_reading_count(doc));
    return 0;
  }
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    token_json(&b, doc, i);
    if (b.len >= (1 << 16) || i + 1 == n) {
      rc = b.failed ? (cli_errorf("out of memory"), -1)
                    : cli_write(stdout, b.data, b.len);
      b.len = 0;
    }
  }
  rawi_strbuf_free(&b);
  return rc;
}

int cmd_tokenize(int argc, char **argv) {
  static const struct option opts[] = {{"tokenizer", required_argument, 0, 't'},
                                       {"count", no_argument, 0, 'c'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  int count_only = 0, c;
  rawi_tokenizer tk = RAWI_TOKENIZER_FAST;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (c == 'h') {
      fputs(usage, stdout);
      return 0;
    } else if (c == 'c') {
      count_only = 1;
    } else if (c == 't' &&
               (!strcmp(optarg, "fast") || !strcmp(optarg, "icu"))) {
      tk = !strcmp(optarg, "icu") ? RAWI_TOKENIZER_ICU : RAWI_TOKENIZER_FAST;
    } else {
      if (c == 't')
        cli_errorf("--tokenizer: expected fast or icu, got '%s'", optarg);
      fputs(usage, stderr);
      return 1;
    }
  }
  if (argc - optind > 1) {
    cli_errorf("tokenize takes at most one file");
    return 1;
  }
  const char *path = optind < argc ? argv[optind] : NULL;
  cli_file in;
  if (cli_open_input(path, &in))
    return 1;
  rawi_error err;
  rawi_config *cfg = rawi_config_new();
  rawi_model *model = NULL;
  rawi_session *session = NULL;
  rawi_doc *doc = NULL;
  int rc = 1;
  if (!cfg || rawi_config_set_tokenizer(cfg, tk))
    goto done;
  model = rawi_model_new(cfg, &err);
  session = model ? rawi_session_new(model, &err) : NULL;
  if (!session) {
    cli_error(NULL, &err);
    goto done;
  }
  if (rawi_analyze(session, in.data, in.len, &doc, &err)) {
    cli_error(path ? path : "<stdin>", &err);
    goto done;
  }
  rc = print_tokens(doc, count_only) ? 1 : 0;
  if (fflush(stdout)) {
    cli_errorf("write error: %s", strerror(errno));
    rc = 1;
  }
done:
  rawi_doc_free(doc);
  rawi_session_free(session);
  rawi_model_free(model);
  rawi_config_free(cfg);
  cli_close_input(&in);
  return rc;
}
