/* The cmark-gfm floor: the least work any Markdown site generator must do.
 *
 *     cmark_floor IN_DIR OUT_DIR
 *
 * Reads every .md file of IN_DIR (sorted), parses it with cmark-gfm and the table and
 * strikethrough extensions, renders HTML and writes OUT_DIR/articles/<name>/index.html, the
 * site's own layout (so it makes the same 10,000 folders and files a site does). One core, no
 * templates, no validation: a lower bound for `publish` on the same Markdown.
 *
 * Build: cc -O2 cmark_floor.c -o cmark_floor $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buffer = malloc((size_t)size + 1);
    *length = fread(buffer, 1, (size_t)size, f);
    buffer[*length] = 0;
    fclose(f);
    return buffer;
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    cmark_syntax_extension *strike = cmark_find_syntax_extension("strikethrough");
    mkdir(argv[2], 0755);
    char path[4096];
    snprintf(path, sizeof path, "%s/articles", argv[2]);
    mkdir(path, 0755);

    DIR *dir = opendir(argv[1]);
    if (!dir) { perror(argv[1]); return 2; }
    size_t count = 0, capacity = 1024;
    char **names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        size_t n = strlen(entry->d_name);
        if (n < 4 || strcmp(entry->d_name + n - 3, ".md") != 0) continue;
        if (count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare);

    for (size_t i = 0; i < count; i++) {
        size_t length;
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        char *text = read_file(path, &length);
        if (!text) { perror(path); return 1; }
        cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
        cmark_parser_attach_syntax_extension(parser, table);
        cmark_parser_attach_syntax_extension(parser, strike);
        cmark_parser_feed(parser, text, length);
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
        names[i][strlen(names[i]) - 3] = 0;
        snprintf(path, sizeof path, "%s/articles/%s", argv[2], names[i]);
        mkdir(path, 0755);
        snprintf(path, sizeof path, "%s/articles/%s/index.html", argv[2], names[i]);
        FILE *out = fopen(path, "wb");
        if (!out) { perror(path); return 1; }
        fwrite(html, 1, strlen(html), out);
        fclose(out);
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        free(text);
        free(names[i]);
    }
    free(names);
    printf("%zu files\n", count);
    return 0;
}
