// File: hsds_csv.cc
#include "app/directory/hsds_csv.h"

#include <functional>
#include <optional>
#include <utility>

#include "base/csv.h"

namespace selfdirect::app {
namespace json = boost::json;
namespace {

// One file's rows, cells found by column name.
struct Table {
  std::string file;
  std::map<std::string, size_t> columns;
  std::vector<CsvRecord> rows;  // Without the header.

  std::string Get(const CsvRecord& r, const std::string& column) const {
    auto it = columns.find(column);
    if (it == columns.end() || it->second >= r.cells.size()) return "";
    return r.cells[it->second];
  }
};

class Writer {
 public:
  explicit Writer(std::vector<std::string> columns) : columns_(std::move(columns)) {
    Row(columns_);
  }
  void Row(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + CsvCell(cells[i]);
    text_ += line + "\r\n";
  }
  std::string Take() { return std::move(text_); }

 private:
  std::vector<std::string> columns_;
  std::string text_;
};

// A number cell as a JSON number when it is one, else as text for the reader to refuse by name.
json::value NumberOrText(const std::string& text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (!ec && v.is_number()) return v;
  return json::value(text);
}

void PutText(json::object& o, const char* key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

}  // namespace

namespace {

// The profile's CSV files being written, a Writer each, in the profile's column order.
struct CsvFileWriters {
  Writer organizations{
      {"id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"}};
  Writer services{{"id", "organization_id", "name", "description", "url", "email", "status", "fees",
                   "accreditations", "minimum_age", "maximum_age", "assured_date", "assurer_email",
                   "alert", "last_modified"}};
  Writer locations{{"id", "location_type", "name", "description", "latitude", "longitude",
                    "external_identifier", "external_identifier_type"}};
  Writer addresses{{"id", "location_id", "attention", "address_1", "city", "region",
                    "state_province", "postal_code", "country", "address_type"}};
  Writer accessibility{{"id", "location_id", "description", "details", "url", "accessibility"}};
  Writer places{{"id", "service_id", "location_id"}};
  Writer schedules{{"id", "service_id", "service_at_location_id", "valid_from", "valid_to",
                    "dtstart", "freq", "interval", "byday", "bymonthday", "description", "opens_at",
                    "closes_at", "schedule_link", "attending_type", "notes"}};
  Writer costs{
      {"id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"}};
  Writer contacts{{"id", "service_id", "name", "title"}};
  Writer phones{{"id", "contact_id", "number", "description"}};
  Writer areas{{"id", "service_id", "name", "extent", "extent_type", "uri", "service_area"}};
  Writer attributes{{"id", "link_id", "taxonomy_term_id", "link_type"}};
  // Organisations and locations are shared between services: each is written once.
  std::map<std::string, bool> organizations_written, locations_written;

  void AddService(const domain::DirectoryService& s) {
    auto age = [](const std::optional<int>& a) { return a ? std::to_string(*a) : std::string(); };
    const auto& o = s.organization;
    if (!organizations_written[o.id]) {
      organizations_written[o.id] = true;
      organizations.Row({o.id, o.name, o.description, o.email, o.url, "", "", ""});
    }
    services.Row({s.id, o.id, s.name, s.description, s.url, s.email,
                  std::string(domain::ServiceStatusCode(s.status)), "", "", age(s.minimum_age),
                  age(s.maximum_age), "", "", "", s.last_modified.ToString()});
    for (const auto& l : s.locations) AddPlace(s, l);
    for (const auto& sc : s.schedules) AddSchedule(s, sc);
    for (const auto& c : s.costs) {
      costs.Row({c.id, s.id, "", "", c.option, c.amount ? c.amount->ToString() : "",
                 c.amount_description});
    }
    for (const auto& c : s.contacts) {
      contacts.Row({c.id, s.id, c.name, c.title});
      for (const auto& p : c.phones) phones.Row({p.id, c.id, p.number, p.description});
    }
    for (const auto& a : s.service_areas) areas.Row({a.id, s.id, a.name, "", "", a.uri, a.name});
    for (const auto& t : s.term_ids) attributes.Row({LinkUuid(s.id, t), s.id, t, "service"});
  }

  void AddPlace(const domain::DirectoryService& s, const domain::DirectoryLocation& l) {
    places.Row({l.service_at_location_id, s.id, l.id});
    if (locations_written[l.id]) return;
    locations_written[l.id] = true;
    locations.Row({l.id, "physical", l.name, "", "", "", "", ""});
    addresses.Row({LinkUuid(l.id, "address"), l.id, "", l.address_1, l.city, "", "", l.postcode,
                   "GB", "physical"});
    if (!l.accessibility.empty()) {
      accessibility.Row({LinkUuid(l.id, "accessibility"), l.id, l.accessibility, "", "", ""});
    }
  }

  void AddSchedule(const domain::DirectoryService& s, const domain::DirectorySchedule& sc) {
    std::string byday;
    for (int d : sc.days) byday += (byday.empty() ? "" : ",") + std::string(domain::kDayCodes[d]);
    schedules.Row({sc.id, s.id, "", "", "", "", sc.freq, "1", byday, "", sc.description,
                   sc.opens_at ? domain::ClockTimeText(*sc.opens_at) + ":00" : "",
                   sc.closes_at ? domain::ClockTimeText(*sc.closes_at) + ":00" : "", "", "", ""});
  }
};

}  // namespace

std::map<std::string, std::string> HsdsCsvFiles(
    const std::vector<domain::DirectoryService>& services, const Taxonomy& taxonomy) {
  CsvFileWriters w;
  for (const auto& s : services) w.AddService(s);
  Writer taxonomies({"id", "name", "description", "uri", "version"});
  taxonomies.Row(
      {taxonomy.id, taxonomy.name, taxonomy.description, taxonomy.uri, taxonomy.version});
  Writer terms(
      {"id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"});
  for (const auto& t : taxonomy.terms) {
    terms.Row({t.id, t.name, t.description, t.parent_id, taxonomy.name, taxonomy.id, "", t.name});
  }
  return {
      {"organizations.csv", w.organizations.Take()}, {"services.csv", w.services.Take()},
      {"locations.csv", w.locations.Take()},         {"address.csv", w.addresses.Take()},
      {"accessibility.csv", w.accessibility.Take()}, {"service_at_location.csv", w.places.Take()},
      {"schedule.csv", w.schedules.Take()},          {"cost_options.csv", w.costs.Take()},
      {"contacts.csv", w.contacts.Take()},           {"phones.csv", w.phones.Take()},
      {"service_areas.csv", w.areas.Take()},         {"attribute.csv", w.attributes.Take()},
      {"taxonomies.csv", taxonomies.Take()},         {"taxonomy_terms.csv", terms.Take()}};
}

namespace {

enum class FileIs { kRequired, kOptional };

using Builder = std::function<json::object(const Table&, const CsvRecord&)>;

// A builder that copies the named columns that are not empty.
Builder CopyColumns(std::vector<const char*> fields) {
  return [fields = std::move(fields)](const Table& t, const CsvRecord& r) {
    json::object o;
    for (const char* f : fields) PutText(o, f, t.Get(r, f));
    return o;
  };
}

json::object CostOption(const Table& t, const CsvRecord& r) {
  json::object o;
  for (const char* f : {"id", "option", "amount_description"}) PutText(o, f, t.Get(r, f));
  if (std::string a = t.Get(r, "amount"); !a.empty()) o["amount"] = NumberOrText(a);
  return o;
}

// Reads the profile's CSV files into the JSON form of its services (what the JSON feed reader
// takes), each problem named by file, row and column.
class CsvFeedReader {
 public:
  explicit CsvFeedReader(const std::map<std::string, std::string>& files) : files_(files) {}

  CsvFeed Read() {
    organizations_ = ReadTable("organizations.csv", FileIs::kRequired, {"id", "name"});
    services_ =
        ReadTable("services.csv", FileIs::kRequired, {"id", "organization_id", "name", "status"});
    const auto locations = ReadTable("locations.csv", FileIs::kOptional, {"id"});
    const auto addresses = ReadTable("address.csv", FileIs::kOptional, {"location_id"});
    const auto accessibility = ReadTable("accessibility.csv", FileIs::kOptional, {"location_id"});
    const auto places = ReadTable("service_at_location.csv", FileIs::kOptional,
                                  {"id", "service_id", "location_id"});
    const auto schedules = ReadTable("schedule.csv", FileIs::kOptional, {"id", "service_id"});
    const auto costs = ReadTable("cost_options.csv", FileIs::kOptional, {"id", "service_id"});
    const auto contacts = ReadTable("contacts.csv", FileIs::kOptional, {"id", "service_id"});
    const auto phones = ReadTable("phones.csv", FileIs::kOptional, {"id", "contact_id", "number"});
    const auto areas = ReadTable("service_areas.csv", FileIs::kOptional, {"id", "service_id"});
    const auto attributes =
        ReadTable("attribute.csv", FileIs::kOptional, {"link_id", "taxonomy_term_id"});
    if (!out_.problems.empty() || !organizations_ || !services_) return std::move(out_);

    ReadOrganizations();
    ReadLocations(locations);
    AttachToLocations(addresses, "addresses",
                      {"id", "address_1", "city", "postal_code", "country"});
    AttachToLocations(accessibility, "accessibility", {"id", "description"});
    ReadServices();
    AddToServices(schedules, "service_id", "schedules",
                  CopyColumns({"id", "freq", "byday", "opens_at", "closes_at", "description"}));
    AddToServices(costs, "service_id", "cost_options", CostOption);
    AddToServices(contacts, "service_id", "contacts", CopyColumns({"id", "name", "title"}));
    AttachPhones(phones);
    AddToServices(areas, "service_id", "service_areas",
                  CopyColumns({"id", "name", "uri", "service_area"}));
    AddToServices(places, "service_id", "service_at_locations",
                  [&](const Table& t, const CsvRecord& r) { return ServiceAtLocation(t, r); });
    AttachAttributes(attributes);
    return std::move(out_);
  }

 private:
  void Problem(const std::string& file, int64_t row, const std::string& id,
               const std::string& field, const std::string& message) {
    out_.problems.push_back({file, row, id, {field, message}});
  }

  // Reads a table; `needed` columns must be in its header.
  std::optional<Table> ReadTable(const std::string& file, FileIs need,
                                 const std::vector<std::string>& needed) {
    auto it = files_.find(file);
    if (it == files_.end()) {
      if (need == FileIs::kRequired) Problem(file, 0, "", "file", "is required");
      return std::nullopt;
    }
    std::vector<CsvRecord> records;
    int64_t bad = 0;
    if (!ParseCsv(it->second, records, bad)) {
      Problem(file, bad, "", "row", "has a quote that is not closed properly");
      return std::nullopt;
    }
    Table t{file, {}, {}};
    if (records.empty()) {
      Problem(file, 1, "", "header", "is missing");
      return std::nullopt;
    }
    for (size_t i = 0; i < records[0].cells.size(); ++i) t.columns[records[0].cells[i]] = i;
    for (const auto& c : needed) {
      if (!t.columns.count(c)) Problem(file, 1, "", c, "column is missing from the header");
    }
    t.rows.assign(records.begin() + 1, records.end());
    return t;
  }

  void ReadOrganizations() {
    const Table& t = *organizations_;
    for (const auto& r : t.rows) {
      json::object o{{"id", t.Get(r, "id")}, {"name", t.Get(r, "name")}};
      PutText(o, "description", t.Get(r, "description"));
      PutText(o, "email", t.Get(r, "email"));
      PutText(o, "website", t.Get(r, "website"));
      orgs_[t.Get(r, "id")] = std::move(o);
    }
  }

  void ReadLocations(const std::optional<Table>& t) {
    if (!t) return;
    for (const auto& r : t->rows) {
      json::object l{{"id", t->Get(r, "id")}, {"location_type", "physical"}};
      PutText(l, "name", t->Get(r, "name"));
      PutText(l, "description", t->Get(r, "description"));
      locs_[t->Get(r, "id")] = std::move(l);
    }
  }

  // Children of locations: an address and accessibility each (the first one found).
  void AttachToLocations(const std::optional<Table>& t, const char* key,
                         const std::vector<const char*>& fields) {
    if (!t) return;
    for (const auto& r : t->rows) {
      auto it = locs_.find(t->Get(r, "location_id"));
      if (it == locs_.end()) {
        Problem(t->file, r.line, t->Get(r, "id"), "location_id", "is not in locations.csv");
        continue;
      }
      json::object child;
      for (const char* f : fields) PutText(child, f, t->Get(r, f));
      auto& list = it->second[key];
      if (!list.is_array()) list = json::array{};
      list.as_array().push_back(std::move(child));
    }
  }

  json::object Service(const CsvRecord& r, const std::string& id) {
    const Table& t = *services_;
    json::object s{{"id", id}, {"name", t.Get(r, "name")}, {"status", t.Get(r, "status")}};
    for (const char* f : {"description", "url", "email", "last_modified"}) {
      PutText(s, f, t.Get(r, f));
    }
    for (const char* f : {"minimum_age", "maximum_age"}) {
      if (std::string v = t.Get(r, f); !v.empty()) s[f] = NumberOrText(v);
    }
    const std::string org = t.Get(r, "organization_id");
    if (auto it = orgs_.find(org); it != orgs_.end()) {
      s["organization"] = it->second;
    } else {
      Problem(t.file, r.line, id, "organization_id", "is not in organizations.csv");
    }
    for (const char* list : {"schedules", "cost_options", "contacts", "service_at_locations",
                             "service_areas", "attributes"}) {
      s[list] = json::array{};
    }
    return s;
  }

  // Services, each once; then everything hangs from one by its service_id.
  void ReadServices() {
    for (const auto& r : services_->rows) {
      const std::string id = services_->Get(r, "id");
      json::object s = Service(r, id);
      if (!service_index_.emplace(id, out_.services.size()).second) {
        Problem(services_->file, r.line, id, "id", "is in services.csv twice");
        continue;
      }
      out_.services.push_back(std::move(s));
      out_.service_rows.push_back(r.line);
    }
  }

  // Adds the row's object to its service's `list`; a row whose service is not in services.csv is
  // a problem.
  void AddToServices(const std::optional<Table>& t, const char* service_column, const char* list,
                     const Builder& make) {
    if (!t) return;
    for (const auto& r : t->rows) {
      auto it = service_index_.find(t->Get(r, service_column));
      if (it == service_index_.end()) {
        Problem(t->file, r.line, t->Get(r, "id"), service_column, "is not in services.csv");
        continue;
      }
      out_.services[it->second].as_object()[list].as_array().push_back(make(*t, r));
    }
  }

  // Phones hang from contacts, which by now sit in their services.
  void AttachPhones(const std::optional<Table>& phones) {
    if (!phones) return;
    std::map<std::string, json::object*> contact_by_id;
    for (auto& sv : out_.services) {
      for (auto& c : sv.as_object()["contacts"].as_array()) {
        json::object& co = c.as_object();
        if (const json::value* id = co.if_contains("id"); id && id->is_string())
          contact_by_id[std::string(id->get_string())] = &co;
      }
    }
    for (const auto& r : phones->rows) {
      auto it = contact_by_id.find(phones->Get(r, "contact_id"));
      if (it == contact_by_id.end()) {
        Problem(phones->file, r.line, phones->Get(r, "id"), "contact_id", "is not in contacts.csv");
        continue;
      }
      json::object phone;
      for (const char* f : {"id", "number", "description"}) PutText(phone, f, phones->Get(r, f));
      auto& list = (*it->second)["phones"];
      if (!list.is_array()) list = json::array{};
      list.as_array().push_back(std::move(phone));
    }
  }

  json::object ServiceAtLocation(const Table& t, const CsvRecord& r) {
    json::object o{{"id", t.Get(r, "id")}};
    if (auto it = locs_.find(t.Get(r, "location_id")); it != locs_.end()) {
      o["location"] = it->second;
    } else {
      Problem(t.file, r.line, t.Get(r, "id"), "location_id", "is not in locations.csv");
    }
    return o;
  }

  // Attributes link terms to many kinds of thing; only services' are kept.
  void AttachAttributes(const std::optional<Table>& attributes) {
    if (!attributes) return;
    Table services_only = *attributes;
    services_only.rows.clear();
    for (const auto& r : attributes->rows) {
      const std::string type = attributes->Get(r, "link_type");
      if (type.empty() || type == "service") services_only.rows.push_back(r);
    }
    AddToServices(services_only, "link_id", "attributes", CopyColumns({"id", "taxonomy_term_id"}));
  }

  const std::map<std::string, std::string>& files_;
  CsvFeed out_;
  std::optional<Table> organizations_, services_;
  std::map<std::string, json::object> orgs_, locs_;
  std::map<std::string, size_t> service_index_;
};

}  // namespace

CsvFeed FeedFromHsdsCsv(const std::map<std::string, std::string>& files) {
  return CsvFeedReader(files).Read();
}

}  // namespace selfdirect::app
