// File: prepare.h
// What `selfdirect serve` builds before it listens, so that no request waits for it: the
// directory's search index and the newest survey waves' analysis, each logged with its time.
#pragma once

#include "base/result.h"
#include "web/site.h"

namespace selfdirect::cli {

// The directory's index (a failure stops the server) and the survey analysis (a failure is
// logged: the pages read the responses again).
Status PrepareSite(web::Site& site, bool log_index);

}  // namespace selfdirect::cli
