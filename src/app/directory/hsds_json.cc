#include "app/directory/hsds_json.h"

#include <cmath>

#include "app/json_reader.h"
#include "base/assert.h"
#include "base/embedded_file.h"
#include "base/text.h"
#include "domain/people/postcode.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& DirectoryData();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;
namespace {

std::string_view DirectoryFile(std::string_view name) {
  for (const auto& f : embedded::DirectoryData())
    if (f.path == name) return f.content;
  SD_ASSERT(false);
  return {};
}

// An amount as HSDS writes it: a JSON number of pounds. Exact for whole pence (a double holds
// every whole number of pence below 2^53 exactly, and the division is only for the format).
json::value Amount(Pence p) {
  if (p.pence() % 100 == 0) return json::value(p.pence() / 100);
  return json::value(static_cast<double>(p.pence()) / 100.0);
}

// A JSON number of pounds to pence. Rounding: to the nearest penny, half up (amounts in feeds are
// written to two decimals; the rounding only removes the binary fraction).
std::optional<Pence> ReadAmount(JsonReader& r, const json::object& o, const std::string& path) {
  const json::value* v = o.if_contains("amount");
  if (v == nullptr || v->is_null()) return std::nullopt;
  double pounds = 0;
  if (v->is_int64())
    pounds = static_cast<double>(v->get_int64());
  else if (v->is_uint64())
    pounds = static_cast<double>(v->get_uint64());
  else if (v->is_double())
    pounds = v->get_double();
  else {
    r.Fail(JsonReader::Join(path, "amount"), "must be a number of pounds, like 3.50");
    return std::nullopt;
  }
  if (!std::isfinite(pounds) || std::fabs(pounds) > 1e9) {
    r.Fail(JsonReader::Join(path, "amount"), "must be a number of pounds, like 3.50");
    return std::nullopt;
  }
  return Pence::FromPence(static_cast<int64_t>(std::floor(pounds * 100.0 + 0.5)));
}

const json::array* ArrayOf(JsonReader& r, const json::object& o, const std::string& path,
                           std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return nullptr;
  if (!v->is_array()) {
    r.Fail(JsonReader::Join(path, key), "must be a list");
    return nullptr;
  }
  return &v->get_array();
}

std::optional<int> ReadAge(JsonReader& r, const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_int64()) return static_cast<int>(std::clamp<int64_t>(v->get_int64(), -1, 1000));
  if (v->is_double() && std::floor(v->get_double()) == v->get_double())
    return static_cast<int>(std::clamp(v->get_double(), -1.0, 1000.0));
  r.Fail(key, "must be a whole number of years");
  return std::nullopt;
}

std::optional<int> ReadTime(JsonReader& r, const json::object& o, const std::string& path,
                            std::string_view key) {
  std::string text = r.String(o, path, key, Required::kNo);
  if (text.empty()) return std::nullopt;
  auto t = domain::ParseClockTime(text);
  if (!t) r.Fail(JsonReader::Join(path, key), "must be a time like 09:30 or 09:30:00");
  return t;
}

}  // namespace

const TaxonomyTerm* Taxonomy::Find(std::string_view id) const {
  for (const auto& t : terms)
    if (t.id == id) return &t;
  return nullptr;
}

std::set<std::string> Taxonomy::TermIds() const {
  std::set<std::string> out;
  for (const auto& t : terms) out.insert(t.id);
  return out;
}

Result<Taxonomy> TaxonomyFromJson(const json::value& v) {
  JsonReader r;
  Taxonomy t;
  const json::object* o = r.Object(v, "");
  if (o == nullptr) return Error::InvalidArgument("A taxonomy must be a JSON object");
  if (const json::value* head = o->if_contains("taxonomy"); head && head->is_object()) {
    const json::object& h = head->get_object();
    t.id = r.String(h, "taxonomy", "id", Required::kYes);
    t.name = r.String(h, "taxonomy", "name", Required::kYes);
    t.description = r.String(h, "taxonomy", "description", Required::kYes);
    t.uri = r.String(h, "taxonomy", "uri", Required::kNo);
    t.version = r.String(h, "taxonomy", "version", Required::kNo);
  } else {
    r.Fail("taxonomy", "is required");
  }
  if (const json::array* terms = ArrayOf(r, *o, "", "terms")) {
    for (size_t i = 0; i < terms->size(); ++i) {
      const std::string at = JsonReader::Index("terms", i);
      const json::object* to = r.Object((*terms)[i], at);
      if (to == nullptr) continue;
      TaxonomyTerm term{r.String(*to, at, "id", Required::kYes),
                        r.String(*to, at, "name", Required::kYes),
                        r.String(*to, at, "description", Required::kYes),
                        r.String(*to, at, "parent_id", Required::kNo)};
      if (!domain::IsUuid(term.id)) r.Fail(at + ".id", "must be a UUID");
      t.terms.push_back(std::move(term));
    }
  }
  SD_RETURN_IF_ERROR(r.Verdict("taxonomy"));
  return t;
}

const Taxonomy& DefaultTaxonomy() {
  static const Taxonomy taxonomy = [] {
    auto t = TaxonomyFromJson(json::parse(DirectoryFile("taxonomy.json")));
    SD_ASSERT(t.ok());
    return *t;
  }();
  return taxonomy;
}

json::object TaxonomyToHsds(const Taxonomy& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"description", t.description},
          {"uri", t.uri},
          {"version", t.version}};
}

json::object TaxonomyTermToHsds(const Taxonomy& t, const TaxonomyTerm& term) {
  json::object o{{"id", term.id},      {"name", term.name},   {"description", term.description},
                 {"taxonomy", t.name}, {"taxonomy_id", t.id}, {"term", term.name}};
  if (!term.parent_id.empty()) o["parent_id"] = term.parent_id;  // A string when given.
  return o;
}

json::object HsdsPage(json::array contents, int64_t total, int page, int per_page) {
  const int64_t pages = total == 0 ? 0 : (total + per_page - 1) / per_page;
  const auto size = static_cast<int64_t>(contents.size());
  return json::object{{"total_items", total},    {"total_pages", pages},
                      {"page_number", page},     {"size", size},
                      {"first_page", page == 1}, {"last_page", page >= pages},
                      {"empty", size == 0},      {"contents", std::move(contents)}};
}

std::string LinkUuid(std::string_view a, std::string_view b) {
  // FNV-1a over both ids, twice with different seeds, as 32 hex digits in UUID form (version 4
  // and variant bits set so that validators accept it).
  auto fnv = [&](uint64_t h) {
    for (std::string_view s : {a, std::string_view("|"), b})
      for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
      }
    return h;
  };
  const uint64_t hi = fnv(14695981039346656037ULL);
  const uint64_t lo = fnv(0x9e3779b97f4a7c15ULL);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  hex[12] = '4';
  hex[16] = "89ab"[(hex[16] - '0') & 3];
  std::string h(hex, 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

json::object ServiceToHsdsListItem(const domain::DirectoryService& s) {
  json::object o{{"id", s.id},
                 {"organization_id", s.organization.id},
                 {"name", s.name},
                 {"description", s.description},
                 {"status", domain::ServiceStatusCode(s.status)},
                 {"last_modified", s.last_modified.ToString()}};
  if (!s.url.empty()) o["url"] = s.url;
  if (!s.email.empty()) o["email"] = s.email;
  if (s.minimum_age) o["minimum_age"] = *s.minimum_age;
  if (s.maximum_age) o["maximum_age"] = *s.maximum_age;
  json::object org{{"id", s.organization.id},
                   {"name", s.organization.name},
                   {"description", s.organization.description}};
  if (!s.organization.url.empty()) org["website"] = s.organization.url;
  if (!s.organization.email.empty()) org["email"] = s.organization.email;
  o["organization"] = std::move(org);
  return o;
}

namespace {

std::string ByDay(const std::vector<int>& days) {
  std::string byday;
  for (int d : days) byday += (byday.empty() ? "" : ",") + std::string(domain::kDayCodes[d]);
  return byday;
}

json::array SchedulesToHsds(const domain::DirectoryService& s) {
  json::array schedules;
  for (const auto& sc : s.schedules) {
    json::object j{{"id", sc.id}, {"service_id", s.id}, {"freq", sc.freq}, {"interval", 1}};
    if (std::string byday = ByDay(sc.days); !byday.empty()) j["byday"] = byday;
    if (sc.opens_at) j["opens_at"] = domain::ClockTimeText(*sc.opens_at) + ":00";
    if (sc.closes_at) j["closes_at"] = domain::ClockTimeText(*sc.closes_at) + ":00";
    if (!sc.description.empty()) j["description"] = sc.description;
    schedules.push_back(std::move(j));
  }
  return schedules;
}

json::array CostsToHsds(const domain::DirectoryService& s) {
  json::array costs;
  for (const auto& c : s.costs) {
    json::object j{{"id", c.id}, {"service_id", s.id}, {"currency", "GBP"}};
    if (!c.option.empty()) j["option"] = c.option;
    if (c.amount) j["amount"] = Amount(*c.amount);
    if (!c.amount_description.empty()) j["amount_description"] = c.amount_description;
    costs.push_back(std::move(j));
  }
  return costs;
}

// The profile's CSV files keep phones by contact (phones.csv); its JSON schema leaves them out of
// a contact but allows them, so they are written as HSDS 3.0 writes them.
json::array ContactsToHsds(const domain::DirectoryService& s) {
  json::array contacts;
  for (const auto& c : s.contacts) {
    json::object j{{"id", c.id}, {"service_id", s.id}, {"name", c.name}};
    if (!c.title.empty()) j["title"] = c.title;
    if (!c.phones.empty()) {
      json::array phones;
      for (const auto& p : c.phones) {
        json::object pj{{"id", p.id}, {"contact_id", c.id}, {"number", p.number}};
        if (!p.description.empty()) pj["description"] = p.description;
        phones.push_back(std::move(pj));
      }
      j["phones"] = std::move(phones);
    }
    contacts.push_back(std::move(j));
  }
  return contacts;
}

json::object ServiceAtLocationToHsds(const domain::DirectoryService& s,
                                     const domain::DirectoryLocation& l) {
  json::object address{{"id", LinkUuid(l.id, "address")},
                       {"location_id", l.id},
                       {"address_1", l.address_1},
                       {"city", l.city},
                       {"state_province", ""},
                       {"postal_code", l.postcode},
                       {"country", "GB"},
                       {"address_type", "physical"}};
  json::object location{{"id", l.id},
                        {"location_type", "physical"},
                        {"name", l.name},
                        {"addresses", json::array{std::move(address)}}};
  if (!l.accessibility.empty())
    location["accessibility"] = json::array{json::object{{"id", LinkUuid(l.id, "accessibility")},
                                                         {"location_id", l.id},
                                                         {"description", l.accessibility}}};
  return json::object{{"id", l.service_at_location_id},
                      {"service_id", s.id},
                      {"location_id", l.id},
                      {"location", std::move(location)}};
}

json::array AttributesToHsds(const domain::DirectoryService& s, const Taxonomy& taxonomy) {
  json::array attributes;
  for (const auto& id : s.term_ids) {
    json::object a{{"id", LinkUuid(s.id, id)},
                   {"link_id", s.id},
                   {"link_type", "service"},
                   {"taxonomy_term_id", id}};
    if (const TaxonomyTerm* t = taxonomy.Find(id))
      a["taxonomy_term"] = TaxonomyTermToHsds(taxonomy, *t);
    attributes.push_back(std::move(a));
  }
  return attributes;
}

json::array AreasToHsds(const domain::DirectoryService& s) {
  json::array areas;
  for (const auto& a : s.service_areas) {
    json::object j{{"id", a.id}, {"service_id", s.id}, {"name", a.name}, {"service_area", a.name}};
    if (!a.uri.empty()) j["uri"] = a.uri;
    areas.push_back(std::move(j));
  }
  return areas;
}

}  // namespace

json::object ServiceToHsds(const domain::DirectoryService& s, const Taxonomy& taxonomy) {
  json::object o = ServiceToHsdsListItem(s);
  o["schedules"] = SchedulesToHsds(s);
  o["cost_options"] = CostsToHsds(s);
  o["contacts"] = ContactsToHsds(s);
  json::array places;
  for (const auto& l : s.locations) places.push_back(ServiceAtLocationToHsds(s, l));
  o["service_at_locations"] = std::move(places);
  o["attributes"] = AttributesToHsds(s, taxonomy);
  o["service_areas"] = AreasToHsds(s);
  o["languages"] = json::array{};
  o["funding"] = json::array{};
  return o;
}

namespace {

// Calls `read(object, path)` for each object of the list `key` ("schedules[2]"); an item that is
// not an object is a field error.
template <typename Read>
void EachObject(JsonReader& r, const json::object& o, const std::string& path, std::string_view key,
                Read&& read) {
  const json::array* list = ArrayOf(r, o, path, key);
  if (list == nullptr) return;
  const std::string list_path = JsonReader::Join(path, key);
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = JsonReader::Index(list_path, i);
    if (const json::object* item = r.Object((*list)[i], at)) read(*item, at);
  }
}

// The service's own fields and its organisation.
void ReadServiceFields(JsonReader& r, const json::object& o, domain::DirectoryService& s) {
  s.id = r.String(o, "", "id", Required::kYes);
  s.name = r.String(o, "", "name", Required::kYes);
  s.description = r.String(o, "", "description", Required::kNo);
  s.url = r.String(o, "", "url", Required::kNo);
  s.email = r.String(o, "", "email", Required::kNo);
  std::string status = r.String(o, "", "status", Required::kYes);
  if (auto st = domain::ParseServiceStatus(status))
    s.status = *st;
  else if (!status.empty())
    r.Fail("status", "must be active, inactive, defunct or temporarily closed");
  s.minimum_age = ReadAge(r, o, "minimum_age");
  s.maximum_age = ReadAge(r, o, "maximum_age");
  if (std::string m = r.String(o, "", "last_modified", Required::kNo); !m.empty()) {
    if (auto t = Timestamp::Parse(m); t.ok())
      s.last_modified = *t;
    else
      r.Fail("last_modified", "must be a date and time like 2026-11-22T09:30:00Z");
  }
  if (const json::value* org = o.if_contains("organization"); org && org->is_object()) {
    const json::object& g = org->get_object();
    s.organization = {r.String(g, "organization", "id", Required::kYes),
                      r.String(g, "organization", "name", Required::kYes),
                      r.String(g, "organization", "description", Required::kNo),
                      r.String(g, "organization", "website", Required::kNo),
                      r.String(g, "organization", "email", Required::kNo)};
  } else {
    r.Fail("organization", "is required: the organisation that runs the service");
  }
}

domain::DirectorySchedule ReadSchedule(JsonReader& r, const json::object& so,
                                       const std::string& at) {
  domain::DirectorySchedule sc;
  sc.id = r.String(so, at, "id", Required::kYes);
  if (std::string f = r.String(so, at, "freq", Required::kNo); !f.empty()) sc.freq = f;
  std::string byday = r.String(so, at, "byday", Required::kNo);
  for (size_t start = 0; start < byday.size();) {
    size_t end = byday.find(',', start);
    if (end == std::string::npos) end = byday.size();
    std::string code(Trim(std::string_view(byday).substr(start, end - start)));
    if (auto d = domain::ParseDay(code))
      sc.days.push_back(*d);
    else
      r.Fail(at + ".byday", "must be days like MO,WE,FR");
    start = end + 1;
  }
  sc.opens_at = ReadTime(r, so, at, "opens_at");
  sc.closes_at = ReadTime(r, so, at, "closes_at");
  sc.description = r.String(so, at, "description", Required::kNo);
  return sc;
}

domain::DirectoryContact ReadContact(JsonReader& r, const json::object& c, const std::string& at) {
  domain::DirectoryContact contact{r.String(c, at, "id", Required::kYes),
                                   r.String(c, at, "name", Required::kNo),
                                   r.String(c, at, "title", Required::kNo),
                                   {}};
  EachObject(r, c, at, "phones", [&](const json::object& p, const std::string& pat) {
    contact.phones.push_back({r.String(p, pat, "id", Required::kYes),
                              r.String(p, pat, "number", Required::kNo),
                              r.String(p, pat, "description", Required::kNo)});
  });
  return contact;
}

domain::DirectoryServiceArea ReadServiceArea(JsonReader& r, const json::object& a,
                                             const std::string& at) {
  domain::DirectoryServiceArea area{r.String(a, at, "id", Required::kYes),
                                    r.String(a, at, "name", Required::kNo),
                                    r.String(a, at, "uri", Required::kNo)};
  // The profile has the description twice: `name` and `service_area`; either will do.
  if (area.name.empty()) area.name = r.String(a, at, "service_area", Required::kNo);
  return area;
}

// The first address of a location: its lines and its postcode, normalised.
void ReadAddress(JsonReader& r, const json::object& lo, const std::string& lat,
                 domain::DirectoryLocation& l) {
  const json::array* addresses = ArrayOf(r, lo, lat, "addresses");
  if (addresses == nullptr || addresses->empty() || !(*addresses)[0].is_object()) return;
  const json::object& a = (*addresses)[0].get_object();
  const std::string aat = lat + ".addresses[0]";
  l.address_1 = r.String(a, aat, "address_1", Required::kNo);
  l.city = r.String(a, aat, "city", Required::kNo);
  std::string postcode = r.String(a, aat, "postal_code", Required::kNo);
  if (postcode.empty()) return;
  if (auto p = domain::NormalisePostcode(postcode); p.ok())
    l.postcode = *p;
  else
    r.Fail(aat + ".postal_code", "is not a UK postcode");
}

// A service at a location, with the location (required), its first address and accessibility.
std::optional<domain::DirectoryLocation> ReadServiceAtLocation(JsonReader& r,
                                                               const json::object& sl,
                                                               const std::string& at) {
  domain::DirectoryLocation l;
  l.service_at_location_id = r.String(sl, at, "id", Required::kYes);
  const json::value* loc = sl.if_contains("location");
  if (loc == nullptr || !loc->is_object()) {
    r.Fail(at + ".location", "is required");
    return std::nullopt;
  }
  const json::object& lo = loc->get_object();
  const std::string lat = at + ".location";
  l.id = r.String(lo, lat, "id", Required::kYes);
  l.name = r.String(lo, lat, "name", Required::kNo);
  ReadAddress(r, lo, lat, l);
  if (const json::array* acc = ArrayOf(r, lo, lat, "accessibility");
      acc && !acc->empty() && (*acc)[0].is_object())
    l.accessibility =
        r.String((*acc)[0].get_object(), lat + ".accessibility[0]", "description", Required::kNo);
  return l;
}

// The taxonomy term of an attribute: its taxonomy_term's id, or taxonomy_term_id.
void ReadTermId(JsonReader& r, const json::object& a, const std::string& at,
                std::vector<std::string>& term_ids) {
  std::string id = r.String(a, at, "taxonomy_term_id", Required::kNo);
  if (const json::value* t = a.if_contains("taxonomy_term"); t && t->is_object())
    id = r.String(t->get_object(), at + ".taxonomy_term", "id", Required::kYes);
  if (id.empty())
    r.Fail(at + ".taxonomy_term.id", "is required");
  else
    term_ids.push_back(id);
}

}  // namespace

Result<domain::DirectoryService> ServiceFromHsds(const json::value& v, const Taxonomy& taxonomy) {
  JsonReader r;
  domain::DirectoryService s;
  const json::object* o = r.Object(v, "");
  if (o == nullptr) return Error::InvalidArgument("A service must be a JSON object");
  ReadServiceFields(r, *o, s);
  EachObject(r, *o, "", "schedules", [&](const json::object& so, const std::string& at) {
    s.schedules.push_back(ReadSchedule(r, so, at));
  });
  EachObject(r, *o, "", "cost_options", [&](const json::object& co, const std::string& at) {
    s.costs.push_back({r.String(co, at, "id", Required::kYes),
                       r.String(co, at, "option", Required::kNo), ReadAmount(r, co, at),
                       r.String(co, at, "amount_description", Required::kNo)});
  });
  EachObject(r, *o, "", "contacts", [&](const json::object& c, const std::string& at) {
    s.contacts.push_back(ReadContact(r, c, at));
  });
  EachObject(r, *o, "", "service_areas", [&](const json::object& a, const std::string& at) {
    s.service_areas.push_back(ReadServiceArea(r, a, at));
  });
  EachObject(r, *o, "", "service_at_locations", [&](const json::object& sl, const std::string& at) {
    if (auto l = ReadServiceAtLocation(r, sl, at)) s.locations.push_back(std::move(*l));
  });
  EachObject(r, *o, "", "attributes", [&](const json::object& a, const std::string& at) {
    ReadTermId(r, a, at, s.term_ids);
  });
  r.Merge(domain::ValidateService(s, taxonomy.TermIds()));
  SD_RETURN_IF_ERROR(r.Verdict("service"));
  return s;
}

}  // namespace selfdirect::app
