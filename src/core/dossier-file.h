/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *dossier_file_read_bounded (GFile         *file,
                                   gsize          limit,
                                   const char    *limit_name,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
