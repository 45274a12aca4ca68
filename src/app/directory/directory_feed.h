// File: directory_feed.h
// Reading a feed of directory entries to import (DirectoryFeed, directory_service.h) from Open
// Referral UK JSON or from the profile's CSV files (hsds_csv.h). DirectoryService::Import stores a
// feed with no problems, all or nothing.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/directory/directory_service.h"
#include "app/directory/hsds_json.h"
#include "base/result.h"
#include "domain/directory/directory.h"

namespace selfdirect::app {

// Reads a JSON feed: one service, an array of services, a page ({"contents": [...]}), or an
// array of pages. A row that is not a service, or that repeats an id, is a problem named by its
// row. kInvalidArgument ("feed": "is not valid JSON") when the text is not JSON.
Result<DirectoryFeed> DirectoryFeedFromJson(std::string_view text, const Taxonomy& taxonomy);

// Reads the profile's CSV files (file name to text); problems name the file and the row.
DirectoryFeed DirectoryFeedFromCsv(const std::map<std::string, std::string>& files,
                                   const Taxonomy& taxonomy);

}  // namespace selfdirect::app
