/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-article.h"
#include "dossier-document.h"
#include "dossier-error.h"
#include "dossier-import.h"
#include "dossier-import-batch.h"
#include "dossier-store.h"
