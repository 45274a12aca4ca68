#include "app/directory/directory_feed.h"

#include <boost/json.hpp>

#include "app/directory/hsds_csv.h"

namespace selfdirect::app {
namespace json = boost::json;
namespace {

// The services of a feed, flattened: a service, an array of services, a page, or an array of
// pages.
std::vector<const json::value*> FeedRows(const json::value& feed) {
  std::vector<const json::value*> rows;
  auto add_page_or_service = [&](const json::value& v) {
    if (const auto* o = v.if_object();
        o && o->contains("contents") && o->at("contents").is_array()) {
      for (const auto& s : o->at("contents").as_array()) rows.push_back(&s);
    } else {
      rows.push_back(&v);
    }
  };
  if (feed.is_array()) {
    for (const auto& v : feed.as_array()) add_page_or_service(v);
  } else {
    add_page_or_service(feed);
  }
  return rows;
}

// Reads each row as a service into `feed`; a row that is not one, or that repeats an id, is a
// problem. Problems and services are numbered by their place in `rows` (from 1), then given the
// row `row_of` names for that place.
void ReadServices(const std::vector<const json::value*>& rows, const Taxonomy& taxonomy,
                  const std::vector<int64_t>& row_of, DirectoryFeed& feed) {
  std::map<std::string, int64_t> seen;  // Each id's place.
  auto row = [&](int64_t place) {
    return place >= 1 && static_cast<size_t>(place) <= row_of.size()
               ? row_of[static_cast<size_t>(place) - 1]
               : place;
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t place = static_cast<int64_t>(i) + 1;
    std::string id;
    if (const auto* o = rows[i]->if_object(); o && o->contains("id") && o->at("id").is_string()) {
      id = std::string(o->at("id").as_string());
    }
    auto s = ServiceFromHsds(*rows[i], taxonomy);
    if (!s.ok()) {
      auto fields = s.error().fields;
      if (fields.empty()) fields.push_back({"", s.error().message});
      feed.problems.push_back({row(place), id, std::move(fields), feed.file});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(s->id, place); !fresh) {
      feed.problems.push_back({row(place),
                               id,
                               {{"id", "is the same as row " + std::to_string(it->second) + "'s"}},
                               feed.file});
      continue;
    }
    feed.services.push_back(std::move(*s));
    feed.service_rows.push_back(row(place));
  }
}

}  // namespace

Result<DirectoryFeed> DirectoryFeedFromJson(std::string_view text, const Taxonomy& taxonomy) {
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) {
    return Error::InvalidArgument("The feed is not valid JSON: " + ec.message(),
                                  {{"feed", "is not valid JSON"}});
  }
  const std::vector<const json::value*> rows = FeedRows(value);
  DirectoryFeed feed;
  feed.rows = static_cast<int64_t>(rows.size());
  ReadServices(rows, taxonomy, {}, feed);
  return feed;
}

DirectoryFeed DirectoryFeedFromCsv(const std::map<std::string, std::string>& files,
                                   const Taxonomy& taxonomy) {
  CsvFeed csv = FeedFromHsdsCsv(files);
  DirectoryFeed feed;
  feed.rows = static_cast<int64_t>(csv.services.size());
  feed.file = "services.csv";
  for (auto& p : csv.problems) {
    feed.problems.push_back({p.row, p.id, {std::move(p.field)}, p.file});
  }
  if (!feed.problems.empty()) return feed;
  std::vector<const json::value*> rows;
  for (const auto& s : csv.services) rows.push_back(&s);
  ReadServices(rows, taxonomy, csv.service_rows, feed);
  return feed;
}

}  // namespace selfdirect::app
