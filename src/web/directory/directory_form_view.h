// File: directory_form_view.h
// The editors' form for one entry as the directory_edit template shows it: the fields with their
// values and problems, the kinds of support to choose from, a row for each session, cost, place,
// contact and area (directory_form.h names the fields), and the date of the next check.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/directory/directory_service.h"
#include "base/result.h"
#include "web/pages/view.h"

namespace selfdirect::web {

// The form's view for `values` (as DirectoryFormValues gives them, or as posted) with `errors`
// said of its fields, and their summary. The page adds its heading, address and token.
ViewData DirectoryFormView(const std::multimap<std::string, std::string>& values,
                           const std::vector<FieldError>& errors, const app::Taxonomy& taxonomy);

}  // namespace selfdirect::web
