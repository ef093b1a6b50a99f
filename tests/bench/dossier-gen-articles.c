/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gen"

#include <errno.h>

#include "dossier-article-gen.h"

/* Writes N synthetic articles as DIR/article-00000.txt … in the plain-text import format. */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticleGen) gen = NULL;
  gint64 seed = (gint64) DOSSIER_GEN_DEFAULT_SEED;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      "Seed of the collection (the same seed gives the same files)", "SEED" },
    { NULL }
  };
  guint64 n;
  const char *dir;

  context = g_option_context_new ("N DIR");
  g_option_context_set_summary (context,
                                "Writes N synthetic news articles of about 4 KB to DIR, in the "
                                "plain-text format\nthe text importer reads.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dossier-gen-articles: %s\n", error->message);
      return 2;
    }
  if (argc != 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &n, NULL))
    {
      g_printerr ("Usage: dossier-gen-articles [--seed SEED] N DIR\n");
      return 2;
    }
  dir = argv[2];
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_printerr ("dossier-gen-articles: %s: cannot create the folder: %s\n", dir,
                  g_strerror (saved));
      return 1;
    }

  gen = dossier_article_gen_new ((guint64) seed);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, i);
      g_autofree char *name = dossier_article_gen_name (i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      if (!g_file_set_contents (path, data, (gssize) len, &error))
        {
          g_printerr ("dossier-gen-articles: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}
