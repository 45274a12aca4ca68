// File: person_section.h
// The narrow interface through which the person page (and My support) asks each area for its
// part. The people module reads the person's file once (app::PeopleService::File, one
// transaction, one audit entry) and hands it to every area in turn.
#pragma once

#include "app/people_service.h"
#include "web/pages/view.h"
#include "web/route.h"

namespace selfdirect::web {

class PersonSection {
 public:
  virtual ~PersonSection() = default;
  // Adds this area's part of the person page to `page` from `file`, for the signed-in caller.
  virtual void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) = 0;
};

}  // namespace selfdirect::web
